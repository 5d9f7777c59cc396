package course

import (
	"errors"
	"os"
	"path/filepath"
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

// TestParseMarksLongLine: a source line far longer than bufio.Scanner's
// default 64 KiB (a generated table, say) does not stop the parse.
func TestParseMarksLongLine(t *testing.T) {
	src := "// exercise a (1 point)\nvar t = \"" + strings.Repeat("x", 200_000) + "\"\n// end exercise a\n"
	regions, err := ParseMarks("f.go", []byte(src))
	if err != nil || len(regions) != 1 || regions[0].End != 3 {
		t.Errorf("regions %v, error %v; want the one region, lines 1 to 3", regions, err)
	}
}

// TestReadStampUnknownField: a stamp with a field this program does not
// know was written by another version, or by hand, and is refused as not
// a copy, rather than read with the field ignored.
func TestReadStampUnknownField(t *testing.T) {
	dir := t.TempDir()
	good := &Stamp{Module: ModulePath}
	if err := writeStamp(dir, good); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadStamp(dir); err != nil {
		t.Fatalf("a good stamp: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, StampFile))
	bad := strings.Replace(string(b), "{", `{"grading_key": "x",`, 1)
	os.WriteFile(filepath.Join(dir, StampFile), []byte(bad), 0o644)
	var nc *NotCopyError
	if _, err := ReadStamp(dir); !errors.As(err, &nc) || !strings.Contains(err.Error(), "grading_key") {
		t.Errorf("a stamp with an unknown field: %v, want a NotCopyError naming it", err)
	}
}
