package course

import (
	"strings"
	"testing"
)

// TestStampNotes: a copy whose stamp lists another set of exercises than
// most copies' stamps, or has no stamp, gets a note naming the difference;
// the copies that agree get none.
func TestStampNotes(t *testing.T) {
	ps := []string{"adam", "sgd-momentum", "training-step"}
	stamped := func(names ...string) stampedCopy { return stampedCopy{stamped: true, names: names} }
	for _, tc := range []struct {
		name   string
		copies []stampedCopy
		only   bool
		want   []string // a part of each note, "" for none
	}{
		{"all agree", []stampedCopy{stamped(ps...), stamped(ps...)}, false, []string{"", ""}},
		{"order does not matter", []stampedCopy{stamped(ps...), stamped("training-step", "adam", "sgd-momentum")}, false, []string{"", ""}},
		{"one shrank its stamp", []stampedCopy{stamped(ps...), stamped("sgd-momentum"), stamped(ps...)}, false,
			[]string{"", "its assignment.json lacks adam, training-step, against the list of 2 of 3 copies; to grade the exercises you assigned whatever the stamp lists, name them with -only", ""}},
		{"one emptied its stamp", []stampedCopy{stamped(), stamped(ps...), stamped(ps...)}, false,
			[]string{"lacks adam, sgd-momentum, training-step, against the list of 2 of 3 copies", "", ""}},
		{"one swapped an exercise", []stampedCopy{stamped(ps...), stamped(ps...), stamped("adam", "sgd-momentum", "pca-mean-covariance")}, false,
			[]string{"", "", "lacks training-step and adds pca-mean-covariance, against"}},
		{"a tie goes to the larger set", []stampedCopy{stamped("adam"), stamped(ps...)}, false,
			[]string{"lacks sgd-momentum, training-step, against the list of 1 of 2 copies", ""}},
		{"no stamp", []stampedCopy{stamped(ps...), {}, stamped(ps...)}, false,
			[]string{"", "no assignment.json, unlike 2 of 3 copies: graded on every exercise there is a grader for; to grade", ""}},
		{"with -only the stamp does not count", []stampedCopy{stamped(ps...), stamped("adam"), stamped(ps...)}, true,
			[]string{"", "lacks sgd-momentum, training-step, against the list of 2 of 3 copies", ""}},
		{"no stamp anywhere", []stampedCopy{{}, {}}, false, []string{"", ""}},
	} {
		notes := stampNotes(tc.copies, tc.only)
		for i, want := range tc.want {
			if want == "" && notes[i] != "" || !strings.Contains(notes[i], want) {
				t.Errorf("%s: copy %d gets the note %q, want %q", tc.name, i, notes[i], want)
			}
			if tc.only && strings.Contains(notes[i], "-only") {
				t.Errorf("%s: copy %d gets the note %q, which asks for -only although it was given", tc.name, i, notes[i])
			}
		}
	}
}
