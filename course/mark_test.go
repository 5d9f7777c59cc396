package course

import (
	"errors"
	"strings"
	"testing"
)

func TestParseMarks(t *testing.T) {
	src := strings.Join([]string{
		"package p",                              // 1
		"",                                       // 2
		"func f() int {",                         // 3
		"\t// exercise one (2 points): add them", // 4
		"\treturn 1 + 1",                         // 5
		"\t// end exercise one",                  // 6
		"}",                                      // 7
		"",                                       // 8
		"func g() {",                             // 9
		"\tfor {",                                // 10
		"\t\t// exercise one (continued)",        // 11
		"\t\tbreak",                              // 12
		"\t\t// end exercise one",                // 13
		"\t}",                                    // 14
		"\t// exercise two-b (1 point)",          // 15
		"\t// end exercise two-b",                // 16
		"}",                                      // 17
	}, "\n")
	got, err := ParseMarks("p/p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Region{
		{Exercise: "one", File: "p/p.go", Start: 4, End: 6, Points: 2, Hint: "add them", Indent: "\t"},
		{Exercise: "one", File: "p/p.go", Start: 11, End: 13, Points: 0, Indent: "\t\t"},
		{Exercise: "two-b", File: "p/p.go", Start: 15, End: 16, Points: 1, Indent: "\t"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d regions %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("region %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if !got[1].Continued() || got[0].Continued() {
		t.Errorf("Continued: got %v and %v, want true for the second region only", got[0].Continued(), got[1].Continued())
	}
}

func TestParseMarksMistakes(t *testing.T) {
	for _, c := range []struct {
		name  string
		lines []string
		kind  error
		line  int // of the first mistake
	}{
		{"no points", []string{"// exercise a (points)", "// end exercise a"}, ErrMalformedMark, 1},
		{"zero points", []string{"// exercise a (0 points)", "// end exercise a"}, ErrMalformedMark, 1},
		{"capitals", []string{"// exercise Linear (2 points)", "// end exercise Linear"}, ErrMalformedMark, 1},
		{"end without start", []string{"x := 1", "// end exercise a"}, ErrUnbalancedMark, 2},
		{"start without end", []string{"// exercise a (1 point)", "x := 1"}, ErrUnbalancedMark, 1},
		{"end of another", []string{"// exercise a (1 point)", "// end exercise b"}, ErrUnbalancedMark, 2},
		{"nested", []string{"// exercise a (1 point)", "// exercise b (1 point)", "// end exercise b", "// end exercise a"}, ErrUnbalancedMark, 2},
		{"end with a hint", []string{"// exercise a (1 point)", "// end exercise a: done"}, ErrMalformedMark, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMarks("f.go", []byte(strings.Join(c.lines, "\n")))
			if !errors.Is(err, c.kind) {
				t.Fatalf("got %v, want an error of kind %v", err, c.kind)
			}
			var me *MarkError
			if !errors.As(err, &me) || me.Line != c.line || me.File != "f.go" {
				t.Errorf("got %#v, want a *MarkError for f.go line %d", me, c.line)
			}
		})
	}
}

func TestParseMarksProse(t *testing.T) {
	for _, c := range []struct {
		line string
		mark bool // read as a mark, and so malformed
	}{
		{"// The exercise below is easy.", false},
		{"// exercise is good for you", false},
		{"// exercise (empty where there is none)", false},
		{"//exercise a (1 point)", false},
		{"// exercised", false},
		{"// exercise the lungs (daily)", false},
		{"// exercise lungs (daily)", true},
		{"// end exercise", true},
	} {
		_, err := ParseMarks("f.go", []byte(c.line+"\n"))
		if got := errors.Is(err, ErrMalformedMark); got != c.mark {
			t.Errorf("%q: got %v, want a malformed mark: %v", c.line, err, c.mark)
		}
	}
}
