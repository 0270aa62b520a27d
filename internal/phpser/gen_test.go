package phpser

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// phpGen generates random values in canonical form — what PHP's
// unserialize(serialize(x)) gives back — each with a PHP expression that
// builds it (using the definitions in testdata/classes.php).
type phpGen struct {
	r    *rand.Rand
	vars int64            // values PHP has numbered so far in this document
	seen map[string]int64 // shared instance expression → its number
}

func newPHPGen(seed uint64) *phpGen {
	return &phpGen{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

// document returns one top-level value; numbering starts afresh.
func (g *phpGen) document() (Value, string) {
	g.vars, g.seen = 0, map[string]int64{}
	return g.value(0)
}

func (g *phpGen) value(depth int) (Value, string) {
	g.vars++ // PHP numbers every value but R:, before its contents
	switch k := g.r.IntN(19); {
	case k == 0:
		return Null{}, "null"
	case k == 1:
		b := g.r.IntN(2) == 1
		return Bool(b), strconv.FormatBool(b)
	case k <= 3:
		n := g.int()
		return Int(n), phpInt(n)
	case k <= 5:
		f := g.float()
		return Float{V: f}, phpFloat(f)
	case k <= 8 || depth >= 4:
		s := g.str()
		return String(s), phpString(s)
	case k <= 10:
		return g.array(depth, false)
	case k == 11:
		return g.array(depth, true)
	case k == 12 || k >= 16:
		return g.shared()
	case k == 13:
		s := "#" + g.str() // '#': Foo::unserialize leaves it alone
		return Custom{"Foo", s}, "new Foo(" + phpString(s) + ")"
	case k == 14:
		g.vars += 4 // 1, 'x', [1] and its 1
		return Object{"Priv", Array{
			{StrKey("\x00Priv\x00a"), Int(1)},
			{StrKey("\x00*\x00b"), String("x")},
			{StrKey("c"), Array{{IntKey(0), Int(1)}}},
		}}, "new Priv"
	}
	first := g.vars + 1
	g.vars += 2 // the 1 and the 2; R: is not numbered
	return Array{{IntKey(0), Int(1)}, {IntKey(1), Int(2)}, {IntKey(2), Ref{first, true}}}, "refpair()"
}

// shared returns an enum case or the shared stdClass $sh: the first use in a
// document is written out, later ones as r:N.
func (g *phpGen) shared() (Value, string) {
	expr := []string{"Suit::Hearts", "Suit::Spades", "$sh"}[g.r.IntN(3)]
	if n, ok := g.seen[expr]; ok {
		return Ref{Index: n}, expr
	}
	g.seen[expr] = g.vars
	switch expr {
	case "$sh":
		g.vars++ // its property 'v'
		return Object{"stdClass", Array{{StrKey("k"), String("v")}}}, expr
	case "Suit::Hearts":
		return Enum("Suit:Hearts"), expr
	}
	return Enum("Suit:Spades"), expr
}

// array builds an array, or a stdClass object (string keys only).
func (g *phpGen) array(depth int, object bool) (Value, string) {
	var a Array
	var parts []string
	used := map[Key]bool{}
	next := int64(0)
	for range g.r.IntN(7) {
		var k Key
		switch {
		case !object && g.r.IntN(3) == 0:
			k = IntKey(next)
		case !object && g.r.IntN(3) == 0:
			k = IntKey(g.int())
		default:
			k = StrKey(g.str())
		}
		if used[k] || k.IsString() && (numeric(k.s) || object && (k.s == "" || k.s[0] == 0)) {
			continue // PHP would merge, renumber or reject these keys
		}
		used[k] = true
		next = k.i + 1
		v, expr := g.value(depth + 1)
		a = append(a, Pair{k, v})
		ke := phpString(k.s)
		if !k.IsString() {
			ke = phpInt(k.i)
		}
		parts = append(parts, ke+" => "+expr)
	}
	lit := "[" + strings.Join(parts, ", ") + "]"
	if object {
		return Object{"stdClass", append(Array{}, a...)}, "(object)" + lit
	}
	return append(Array{}, a...), lit
}

func (g *phpGen) int() int64 {
	switch g.r.IntN(4) {
	case 0:
		return []int64{0, -1, math.MaxInt64, math.MinInt64, 1700000000}[g.r.IntN(5)]
	case 1:
		return int64(g.r.Uint64())
	}
	return g.r.Int64N(2000) - 1000
}

func (g *phpGen) float() float64 {
	switch g.r.IntN(6) {
	case 0:
		return math.Float64frombits(g.r.Uint64())
	case 1:
		return float64(g.r.Int64N(2_000_000)-1_000_000) / math.Pow10(g.r.IntN(9))
	case 2:
		return float64(1+g.r.IntN(9)) * math.Pow10(g.r.IntN(60)-30)
	case 3:
		return []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
			math.MaxFloat64, math.SmallestNonzeroFloat64, 1e15, 1e16, 1e17, 1e-4, 1e-5}[g.r.IntN(12)]
	case 4:
		return float64(int64(g.r.Uint64()))
	}
	return g.r.NormFloat64() * 1000
}

func (g *phpGen) str() string {
	pick := func(alphabet []string, n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[g.r.IntN(len(alphabet))])
		}
		return b.String()
	}
	switch g.r.IntN(6) {
	case 0:
		return ""
	case 1:
		return pick([]string{"akismet", "/", "woocommerce", ".php", "-", "hello"}, 1+g.r.IntN(4))
	case 2:
		return pick([]string{"a", "é", "日本語", "🙂", "ß", "\u00a0", " "}, g.r.IntN(8))
	case 3:
		b := make([]byte, g.r.IntN(20))
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		return string(b)
	case 4:
		return pick([]string{`"`, ";", ":", "{", "}", `\`, "\x00", "\n", "'", "$", "s:1:", "5"}, g.r.IntN(10))
	}
	return pick(strings.Split("abcdefghijklmnopqrstuvwxyz_0123456789", ""), 1+g.r.IntN(12))
}

// numeric reports whether PHP might turn the string key s into an int key.
func numeric(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func phpInt(n int64) string {
	if n == math.MinInt64 {
		return "PHP_INT_MIN"
	}
	return strconv.FormatInt(n, 10)
}

func phpFloat(f float64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], math.Float64bits(f))
	return "unpack('E', " + phpString(string(b[:])) + ")[1]"
}

func phpString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, `\x%02x`, s[i])
	}
	b.WriteByte('"')
	return b.String()
}
