package bisect

import (
	"math/bits"
	"slices"
	"strings"
)

// set is a bit set of candidate indices, sized for the search's n.
type set []uint64

func newSet(n int) set { return make(set, (n+63)/64) }

func setOf(n int, idx []int) set {
	s := newSet(n)
	for _, i := range idx {
		s[i/64] |= 1 << (i % 64)
	}
	return s
}

func fullSet(n int) set {
	s := newSet(n)
	for i := range n {
		s[i/64] |= 1 << (i % 64)
	}
	return s
}

// subsetOf reports whether every member of s is in t.
func (s set) subsetOf(t set) bool {
	for i := range s {
		if s[i]&^t[i] != 0 {
			return false
		}
	}
	return true
}

// has reports whether i is a member of s.
func (s set) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }

// minus returns s without the members of t.
func (s set) minus(t set) set {
	out := make(set, len(s))
	for i := range s {
		out[i] = s[i] &^ t[i]
	}
	return out
}

func (s set) count() int {
	c := 0
	for _, w := range s {
		c += bits.OnesCount64(w)
	}
	return c
}

// list returns the members in increasing order.
func (s set) list() []int {
	out := make([]int, 0, s.count())
	for wi, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, wi*64+b)
			w &^= 1 << b
		}
	}
	return out
}

// key is a map key for s.
func (s set) key() string {
	var b strings.Builder
	b.Grow(8 * len(s))
	for _, w := range s {
		for k := range 8 {
			b.WriteByte(byte(w >> (8 * k)))
		}
	}
	return b.String()
}

func sortInts(a []int) { slices.Sort(a) }

// without returns a copy of a without the value x.
func without(a []int, x int) []int {
	out := make([]int, 0, len(a))
	for _, v := range a {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}
