package fleet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func TestParseShard(t *testing.T) {
	for _, ok := range []string{"1/1", "2/5", "5/5"} {
		if _, err := ParseShard(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestShardPartition: the shards of N cover every site exactly once, each
// gets a fair share, and reordering the inventory changes nothing.
func TestShardPartition(t *testing.T) {
	var sites []Site
	for i := range 300 {
		sites = append(sites, Site{Name: fmt.Sprintf("@client-%03d", i)})
	}
	const n = 4
	owner := map[string]int{}
	for k := 1; k <= n; k++ {
		got := (Shard{k, n}).Select(sites)
		if len(got) < 50 || len(got) > 100 {
			t.Errorf("shard %d/%d has %d of 300 sites", k, n, len(got))
		}
		for _, s := range got {
			if prev, dup := owner[s.Name]; dup {
				t.Errorf("%s in shards %d and %d", s.Name, prev, k)
			}
			owner[s.Name] = k
		}
	}
	if len(owner) != 300 {
		t.Errorf("%d sites covered", len(owner))
	}
	shuffled := append([]Site(nil), sites...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, s := range (Shard{2, n}).Select(shuffled) {
		if owner[s.Name] != 2 {
			t.Errorf("%s moved to shard 2 after reordering", s.Name)
		}
	}
	// Pinned values: the share must not change between releases.
	if got := fmt.Sprint((Shard{1, 3}).Has("@shop"), (Shard{2, 3}).Has("@shop"), (Shard{3, 3}).Has("@shop")); got != pinnedShop {
		t.Errorf("@shop shares %s, want %s", got, pinnedShop)
	}
	if len((Shard{}).Select(sites)) != 300 {
		t.Error("zero shard is not everything")
	}
}

const pinnedShop = "true false false" // FNV-1a("@shop") % 3 == 0

// TestMerge: the JSON documents of the shards merge into the summary a
// single run would give.
func TestMerge(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	var all []SiteResult
	for i, code := range []int{0, 0, 3, 5, 0, 4, 6, 0} {
		all = append(all, SiteResult{Site: sshSite(fmt.Sprintf("@s%d", i), "h", "/"), Exit: code, State: "finished", Started: t0})
	}
	whole := NewDocument(all, Shard{}, t0, t0.Add(time.Minute))
	var docs []Document
	var names []string
	for k := 1; k <= 3; k++ {
		var part []SiteResult
		for _, r := range all {
			if (Shard{k, 3}).Has(r.Site.Name) {
				part = append(part, r)
			}
		}
		d := NewDocument(part, Shard{k, 3}, t0.Add(time.Duration(k)*time.Second), t0.Add(time.Duration(30+k)*time.Second))
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(d); err != nil {
			t.Fatal(err)
		}
		back, err := ReadDocument(&buf)
		if err != nil {
			t.Fatal(err)
		}
		docs, names = append(docs, back), append(names, fmt.Sprintf("shard%d.json", k))
	}
	m, err := Merge(docs, names)
	if err != nil {
		t.Fatal(err)
	}
	if m.Summary.Sites != 8 || m.Summary.Exit != ExitBroken || fmt.Sprint(m.Summary.Counts) != fmt.Sprint(whole.Summary.Counts) {
		t.Errorf("merged summary %+v, whole %+v", m.Summary, whole.Summary)
	}
	if m.Summary.Seconds != 32 || strings.Join(m.Summary.Shards, ",") != "1/3,2/3,3/3" {
		t.Errorf("merged wall %v shards %v", m.Summary.Seconds, m.Summary.Shards)
	}
	for i, e := range m.Sites {
		if e.Name != fmt.Sprintf("@s%d", i) {
			t.Errorf("site %d is %s", i, e.Name)
		}
	}
	if _, err := Merge([]Document{docs[0], docs[0]}, []string{"a.json", "b.json"}); err == nil || !strings.Contains(err.Error(), "is in both a.json and b.json") {
		t.Errorf("duplicate merge: %v", err)
	}
	if _, err := ReadDocument(strings.NewReader(`{"summary":{}}`)); err == nil {
		t.Error("a document without sites accepted")
	}
}
