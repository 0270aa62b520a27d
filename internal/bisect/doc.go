// Package bisect finds which candidate components (plugins, must-use
// plugins, drop-ins) break a site, asking an oracle — one page load per
// question — as few times as it can.
//
// # Model
//
// Candidates are the indices 0..n-1 (ByID adapts string IDs). The oracle
// answers "is the site broken with exactly these candidates active?". The
// search assumes breakage is monotone: switching a candidate on never
// repairs a broken site. A failing set is a set of candidates that breaks the
// site; it is minimal when switching off any one of its members repairs it.
// One plugin that crashes is a minimal failing set of one; two plugins that
// crash only together are a minimal failing set of two (a conflict); two
// plugins that each crash alone are two minimal failing sets.
//
// # Search
//
// The all-on answer usually comes from the caller (Options.Baseline). The
// search then asks "all off" (broken → BrokenWithNone) and shrinks the
// failing set by binary search on prefixes: with the members already known
// to be needed kept on, it finds the shortest prefix of the remaining
// suspects that still fails; that prefix's last member is needed too. The
// healthy lower half stays on while the upper half is searched, which is
// what finds conflicts: a culprit that only fails with a partner is found
// with its partner still on. Once a set is found, the search asks "all on
// except the culprits": still broken means another, independent failing set
// exists, and the search repeats on what is left.
//
// # Probe bounds (deterministic oracle; baseline supplied by the caller)
//
// Counting every oracle call, "all off" included, with m = ⌈log2 n⌉:
//
//   - one culprit:      at most m+2 to find and verify it, plus 1 to check
//     that nothing else breaks the site (m+3 in all; Options.StopAtFirst
//     skips that check). The extra check cannot be avoided: a result that
//     claims both "c alone breaks" and "all but c is fine" must have asked
//     both, and for n=4 no strategy fits both in m+2.
//   - a conflicting pair: at most 2m+3 to find and verify it, plus 1 (2m+4).
//   - two independent culprits: at most 2m+5 in all.
//   - k members in one failing set: at most 1 + k(m+1), plus 1.
//
// The tests check these bounds for every culprit position and pair.
//
// # Noise
//
// An intermittent crash can answer Healthy while the culprit is on. Options
// say which answers are trusted; an untrusted answer is asked again until
// Confirm answers agree. A conclusion rests on facts: "M breaks the site",
// "M without x does not" (for each member x), "all on except the culprits
// does not". Its confidence is the product over the facts of the chance
// that the fact's evidence is not false: r untrusted Healthy answers are
// all false with probability q^r, q the miss rate (given, or the upper
// bound of the rate observed; see Options.MissRate). Trusted answers count
// wherever they were seen; untrusted ones only when asked about the fact's
// own set after the search settled on it, because the answers that steered
// the search are the likeliest to be the false ones. Below
// Options.MinConfidence the search asks the weakest fact again; a fact that
// turns out false sends it back to work, and when the budget runs out first
// the result is Inconclusive with the confidence reached.
//
// Measured (n=32, Broken trusted, Confirm 3, MinConfidence 0.95, 400 seeded
// runs per case): at a miss rate of 0.3 no wrong answer for one culprit or
// a pair, 1% for two independent crashers (the second one missed); at 0.5,
// 0.25–1.5%; at 0.7, 2–4.5% of the answers, with about 14% of the
// multi-culprit runs Inconclusive.
//
// The package is pure: it does no I/O besides calling the oracle, starts no
// goroutines and uses no randomness.
package bisect
