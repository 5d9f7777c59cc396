package quote

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBrief(t *testing.T) {
	long := strings.Repeat("x", 1000)
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"784,256,32", "784,256,32"},
		{strings.Repeat("a", 60), strings.Repeat("a", 60)},
		{strings.Repeat("a", 61), strings.Repeat("a", 40) + "… (61 bytes)"},
		{long, strings.Repeat("x", 40) + "… (1000 bytes)"},
		// Control characters are escaped: no newline, no terminal escape.
		{"mask:\x1b[31m0.3", `mask:\x1b[31m0.3`},
		{"784,\n32", `784,\n32`},
		{"caf\xe9", `caf\xe9`},
		{"ρ = 0.05, σ", "ρ = 0.05, σ"},
		// Bytes that start no character give nothing to keep before the
		// count, and the cut never runs past the start.
		{strings.Repeat("\x80", 100), "… (100 bytes)"},
		// A two-byte character across byte 40 is cut before it, not in it.
		{strings.Repeat("a", 39) + strings.Repeat("é", 20), strings.Repeat("a", 39) + "… (79 bytes)"},
	} {
		got := Brief(tt.in)
		if got != tt.want {
			t.Errorf("Brief(%.20q… %d bytes) = %q, want %q", tt.in, len(tt.in), got, tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Brief of %d bytes is not valid UTF-8: %q", len(tt.in), got)
		}
	}
}

func TestPrintable(t *testing.T) {
	long := strings.Repeat("x", 1000)
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"out/train", "out/train"},
		{long, long}, // whole, however long
		{"out\x1b[31m", `out\x1b[31m`},
		{`out\x1b[31m`, `out\x1b[31m`}, // typed with a backslash, all printable: as it is
		{"a\\b\n", `a\\b\n`},           // with a control character, a backslash is doubled
		{"out/\x1b[2J\nfake line", `out/\x1b[2J\nfake line`},
		{"caf\xe9/x", `caf\xe9/x`},
		{"ρ σ/é", "ρ σ/é"},
		{"tab\there", `tab\there`},
		{"\u2028", `\u2028`}, // the line separator is not printable
	} {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%.20q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
