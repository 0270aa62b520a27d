// Package e2e holds wpdoctor's end-to-end tests: they build the real binary
// and run it against the lab (internal/lab), checking verdicts, probe
// counts, exit codes, and that every site is byte-for-byte and row-for-row
// as it was afterwards — also after kill -9 and a dropped connection.
package e2e
