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
