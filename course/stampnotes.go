package course

import (
	"fmt"
	"slices"
	"strings"
)

// A student can edit the stamp of their copy: with exercises deleted from
// it, grade grades the copy on fewer exercises and its max_points drops,
// which in a class CSV looks like any other line. Grading a class compares
// the stamps: a copy whose stamp lists other exercises than most copies'
// stamps do gets a note.

// stampedCopy is what the stamp of one graded copy of a class lists.
type stampedCopy struct {
	row     int      // the copy's index in ClassResult.Rows
	stamped bool     // it has a stamp
	names   []string // the exercises the stamp lists, in its order
}

// stampNotes returns a note for each copy whose stamp lists another set of
// exercises than the set that most stamped copies list (on a tie, the
// larger set, then the first), or that has no stamp while others have:
// notes[i] is for copies[i], "" when its stamp agrees. only tells whether
// the teacher named the exercises to grade (-only), which makes the stamp's
// list not count.
func stampNotes(copies []stampedCopy, only bool) []string {
	key := func(names []string) string {
		s := slices.Clone(names)
		slices.Sort(s)
		return strings.Join(s, ",")
	}
	count := map[string]int{}
	stamped := 0
	for _, c := range copies {
		if c.stamped {
			count[key(c.names)]++
			stamped++
		}
	}
	var common []string // the set most copies list
	found := false
	for _, c := range copies {
		if !c.stamped {
			continue
		}
		k, best := count[key(c.names)], count[key(common)]
		if !found || k > best || k == best && len(c.names) > len(common) {
			common, found = c.names, true
		}
	}
	notes := make([]string, len(copies))
	if !found {
		return notes
	}
	share := fmt.Sprintf("%d of %d copies", count[key(common)], stamped)
	tail := "; to grade the exercises you assigned whatever the stamp lists, name them with -only"
	if only {
		tail = ""
	}
	for i, c := range copies {
		if !c.stamped {
			notes[i] = fmt.Sprintf("no %s, unlike %d of %d copies: graded on every exercise there is a grader for%s", StampFile, stamped, len(copies), tail)
			continue
		}
		var lacks, adds []string
		for _, n := range common {
			if !slices.Contains(c.names, n) {
				lacks = append(lacks, n)
			}
		}
		for _, n := range c.names {
			if !slices.Contains(common, n) {
				adds = append(adds, n)
			}
		}
		var diff []string
		if lacks != nil {
			diff = append(diff, "lacks "+strings.Join(lacks, ", "))
		}
		if adds != nil {
			diff = append(diff, "adds "+strings.Join(adds, ", "))
		}
		if diff != nil {
			notes[i] = fmt.Sprintf("its %s %s, against the list of %s%s", StampFile, strings.Join(diff, " and "), share, tail)
		}
	}
	return notes
}
