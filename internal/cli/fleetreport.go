package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/spf13/cobra"

	"github.com/wpdoctor/wpdoctor/internal/fleet"
	"github.com/wpdoctor/wpdoctor/internal/report"
)

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// writeFleetReports writes DIR/<site>.html and .md for every site with a
// report, DIR/index.html linking them, and DIR/fleet.json (the --json
// document).
func writeFleetReports(dir string, doc fleet.Document) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write fleet report: %w", err)
	}
	links := map[string]fleet.IndexLink{}
	used := map[string]bool{}
	for _, e := range doc.Sites {
		if e.Report == nil {
			continue
		}
		base := unsafeName.ReplaceAllString(e.Name, "_")
		for n := 2; used[base]; n++ {
			base = fmt.Sprintf("%s-%d", unsafeName.ReplaceAllString(e.Name, "_"), n)
		}
		used[base] = true
		l := fleet.IndexLink{HTML: base + ".html", Markdown: base + ".md"}
		for _, f := range []string{l.HTML, l.Markdown} {
			if err := report.WriteFile(filepath.Join(dir, f), e.Report); err != nil {
				return fmt.Errorf("report of %s: %w", e.Name, err)
			}
		}
		links[e.Name] = l
	}
	var idx bytes.Buffer
	if err := fleet.WriteIndex(&idx, doc, links); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), idx.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write fleet report: %w", err)
	}
	js, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "fleet.json"), append(js, '\n'), 0o644)
}

func newFleetMergeCmd(io IOStreams) *cobra.Command {
	var asJSON bool
	var dir string
	cmd := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Merge the --json documents of fleet shards into one summary",
		Long: `Read the JSON documents of 'wpdoctor fleet --shard K/N --json' runs and print
their summary, as one run over the whole fleet would (--json: the merged
document). Exits with the merged fleet's exit code.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{fmt.Errorf("name the JSON files to merge")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFleetMerge(cmd.Context(), io, args, asJSON, dir)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the merged JSON document")
	cmd.Flags().StringVar(&dir, "report", "", "also write index.html, the site reports and fleet.json to `DIR`")
	return cmd
}

func runFleetMerge(_ context.Context, io IOStreams, files []string, asJSON bool, dir string) error {
	docs := make([]fleet.Document, 0, len(files))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return usageError{fmt.Errorf("merge: %w", err)}
		}
		d, err := fleet.ReadDocument(f)
		f.Close()
		if err != nil {
			return usageError{fmt.Errorf("merge: %s: %w", name, err)}
		}
		docs = append(docs, d)
	}
	m, err := fleet.Merge(docs, files)
	if err != nil {
		return usageError{err}
	}
	if dir != "" {
		if err := writeFleetReports(dir, m); err != nil {
			return err
		}
	}
	if asJSON {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			return err
		}
	} else {
		for _, e := range m.Sites {
			fmt.Fprintln(io.Out, fleet.Line(e))
		}
		if err := fleet.Recap(io.Out, m); err != nil {
			return err
		}
	}
	return &ExitCodeError{Code: m.Summary.Exit}
}
