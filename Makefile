# wpdoctor — the two commands README.md promises:
#   make demo   bring up the lab with a broken site and diagnose it
#   make test   unit + lab integration tests (installs what they need; root on Debian 12)
SHELL    := /bin/bash
GO       ?= go
BIN      := bin
GOLANGCI := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
export WPLAB_DIR ?= /srv/wplab

.PHONY: all build fmt lint vet tidy-check test unit lab-up lab-down lab-status demo clean

all: build

build:
	$(GO) build -o $(BIN)/wpdoctor ./cmd/wpdoctor
	$(GO) build -o $(BIN)/wplab ./cmd/wplab

fmt:
	gofmt -w $$(git ls-files '*.go')

lint:
	$(GO) run $(GOLANGCI) run ./...

vet:
	$(GO) vet ./...

# go.mod and go.sum must already be tidy.
tidy-check:
	@cp go.mod go.mod.orig && cp go.sum go.sum.orig
	@$(GO) mod tidy
	@if ! diff -u go.mod.orig go.mod || ! diff -u go.sum.orig go.sum; then \
		mv go.mod.orig go.mod; mv go.sum.orig go.sum; \
		echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; exit 1; fi
	@rm -f go.mod.orig go.sum.orig

# The lab's own sites, and LAB_FLEET small fleet sites (fleet mode's tests;
# bin/wplab up --sites 24 for the benchmark).
LAB_FLEET ?= 6

lab-up: build
	$(BIN)/wplab up --sites $(LAB_FLEET)

lab-down: build
	$(BIN)/wplab down

lab-status: build
	$(BIN)/wplab status

# Unit tests only (integration tests skip without the lab).
unit:
	$(GO) test -race ./...

# Everything: the lab comes up first, and a missing lab fails the lab tests
# instead of skipping them.
test: tidy-check vet lint lab-up
	@mkdir -p build
	@WPLAB_REQUIRED=1 $(GO) test -race -count=1 -timeout 30m -v ./... > build/test.log 2>&1; \
	status=$$?; \
	echo "== lab integration tests run:"; grep -E '^--- (PASS|FAIL|SKIP): TestLab' build/test.log || true; \
	echo "== failures and skips:"; grep -E -- '--- (FAIL|SKIP)' build/test.log || echo "none"; \
	grep -E '^(ok|FAIL|---|panic)|\[no test files\]' build/test.log | grep -v '^---' ; \
	if [ $$status -ne 0 ]; then echo "== tests failed; full log in build/test.log"; tail -150 build/test.log; fi; \
	exit $$status

demo: build lab-up
	@./testdata/demo.sh

clean:
	rm -rf $(BIN) build
