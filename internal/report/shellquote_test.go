package report

import "testing"

// TestShellQuote pins the exact quoting of one command-line argument, as a
// shell reads it back: plain words as they are, others in single quotes,
// and those with control characters in bash's $'…' quotes. Each want was
// worked out by hand from the quoting rules in shellQuote's comment.
func TestShellQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"-epochs=20", "-epochs=20"},
		{"Model.V2", "Model.V2"},
		{"a@b%c:d,e+f_g/h", "a@b%c:d,e+f_g/h"},
		{"$HOME", "'$HOME'"},
		{"*", "'*'"},
		{"", "''"},
		{"two words", "'two words'"},
		{"it's", `'it'\''s'`},
		{"a\nb", `$'a\nb'`},
		{"\x1b[31m", `$'\x1b[31m'`},
		{"it's\n", `$'it\'s\n'`},
		{`say "hi"` + "\t", `$'say \"hi\"\t'`},
	} {
		if got := shellQuote(c.in); got != c.want {
			t.Errorf("shellQuote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
