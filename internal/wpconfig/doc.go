// Package wpconfig reads WordPress's wp-config.php exactly and edits it
// minimally.
//
// Reading uses a real PHP 8.1 parser (github.com/VKCOM/php-parser), never line
// regexes: commented-out code is ignored, strings are decoded with PHP's own
// escape rules, and every define(), top-level const and $table_prefix
// assignment is recorded in source order with its byte spans, its condition
// (always, only-if-undefined, maybe, inside a function) and whether it is the
// definition PHP keeps (the first one executed).
//
// Values are evaluated only when the result is certain. Anything that depends
// on the run time (getenv(), variables, function calls, interpolated strings)
// is reported as KindDynamic with its source text and is never guessed; values
// built from __DIR__, __FILE__, dirname() and other constants are
// KindDependent and can be resolved with Value.Resolve or Config.Resolve once
// the caller knows where the file lives.
//
// A damaged file (syntax error, unclosed string) still yields a Config: the
// statements before the damage are read exactly, the rest is recovered by
// re-parsing from later lines, and Config.Damaged and Config.Diagnostics say
// what could not be read. Definitions found that way have Recovered set.
//
// Editing (SetConstant, SetConstants) changes only the bytes of one value
// expression, or inserts one define line before the "stop editing" comment,
// and verifies the result by parsing it again. It refuses (ErrCannotEdit)
// whenever the outcome would not be certain.
//
// Values of secret constants (see Secret) must not be printed; use
// Config.Redacted before logging or reporting a Config.
//
// Known limits:
//   - The parser (VKCOM/php-parser v0.8.2, PHP 8.1 grammar) does not accept
//     the b'...' binary string prefix or syntax newer than PHP 8.1; such
//     files are reported as Damaged although PHP runs them.
//   - Heredoc/nowdoc, arithmetic, casts, arrays and float-to-string
//     conversions are not evaluated: those values are KindDynamic.
//   - Definitions after a top-level return/exit are still treated as run;
//     define() in a namespace is assumed to be the global function.
//   - Effective assumes nothing defined the constant before the file runs;
//     Config.Resolve takes such constants (ABSPATH) from Env.
//   - In a damaged file the part after an unclosed string or comment is
//     re-read from later lines: what is found there (Recovered) may be text
//     PHP would have read as part of that string or comment.
package wpconfig
