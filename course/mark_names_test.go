package course

import (
	"errors"
	"strings"
	"testing"
)

// markErrors returns the *MarkErrors err holds, one or joined.
func markErrors(err error) []*MarkError {
	var out []*MarkError
	var me *MarkError
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if errors.As(e, &me) {
				out = append(out, me)
			}
		}
	} else if errors.As(err, &me) {
		out = append(out, me)
	}
	return out
}

// TestParseMarksNamesAndRecovery: an unbalanced mark's error names the
// exercise of the mark at fault, and a start inside another exercise is
// the only mistake reported: the outer exercise stays open, so that its
// own end mark still closes it.
func TestParseMarksNamesAndRecovery(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		names []string // of the errors, in order
	}{
		{"end without start", []string{"x := 1", "// end exercise a"}, []string{"a"}},
		{"end of another", []string{"// exercise a (1 point)", "// end exercise b", "// end exercise a"}, []string{"b"}},
		{"nested", []string{"// exercise a (1 point)", "// exercise b (1 point)", "// end exercise a"}, []string{"b"}},
	} {
		_, err := ParseMarks("f.go", []byte(strings.Join(c.lines, "\n")))
		var got []string
		for _, me := range markErrors(err) {
			got = append(got, me.Name)
		}
		if strings.Join(got, ",") != strings.Join(c.names, ",") {
			t.Errorf("%s: errors name %q, want %q (%v)", c.name, got, c.names, err)
		}
	}
}
