package fleet

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is a share of the fleet: K of N (1 ≤ K ≤ N). The zero Shard is the
// whole fleet.
type Shard struct{ K, N int }

// ParseShard parses "K/N".
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("--shard %q: want K/N with 1 ≤ K ≤ N, like 2/5", s)
	}
	return Shard{ki, ni}, nil
}

func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Has reports whether the site named name belongs to the shard. The share
// depends on the name only (FNV-1a), so it is the same on every machine
// and whatever the order of the inventory.
func (s Shard) Has(name string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return int(h.Sum64()%uint64(s.N)) == s.K-1
}

// Select returns the sites of the shard, in their order.
func (s Shard) Select(sites []Site) []Site {
	var out []Site
	for _, st := range sites {
		if s.Has(st.Name) {
			out = append(out, st)
		}
	}
	return out
}
