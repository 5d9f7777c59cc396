package course

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExerciseResult is the grade of one exercise.
type ExerciseResult struct {
	Name      string `json:"name"`
	Points    int    `json:"points"`     // MaxPoints if passed, else 0
	MaxPoints int    `json:"max_points"` // what the exercise is worth
	Passed    bool   `json:"passed"`
	Message   string `json:"message"` // the first failure, one line; "" when passed
}

// Result is the grade of one copy. Encoded with encoding/json it is
// exactly {"exercises": [...], "points": P, "max_points": M}.
type Result struct {
	Exercises []ExerciseResult `json:"exercises"`
	Points    int              `json:"points"`
	MaxPoints int              `json:"max_points"`
	// Notes are remarks on the grading as a whole (which reference the
	// copy was made from, graders changed since), for people, not JSON.
	Notes []string `json:"-"`
	// Isolation says how the student's code ran: "isolated" (in a
	// sandbox: only its package's folder in reach, no network), or
	// "unisolated: " and why; "" if none of it ran.
	Isolation string `json:"-"`
}

// add appends the grade of one exercise and adds up the points.
func (r *Result) add(e ExerciseResult) {
	r.Exercises = append(r.Exercises, e)
	r.Points += e.Points
	r.MaxPoints += e.MaxPoints
}

// tableMessage is the widest first failure WriteTable prints in full.
const tableMessage = 200

// WriteTable writes the result as a table, one exercise a line (exercise,
// points, of, first failure) and the total, followed by the notes.
func (r *Result) WriteTable(w io.Writer) error {
	width := len("exercise")
	for _, e := range r.Exercises {
		width = max(width, utf8.RuneCountInString(e.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %6s  %3s  %s\n", width, "exercise", "points", "of", "first failure")
	for _, e := range r.Exercises {
		line := fmt.Sprintf("%-*s  %6d  %3d  %s", width, e.Name, e.Points, e.MaxPoints, shorten(e.Message, tableMessage))
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	fmt.Fprintf(&b, "%-*s  %6d  %3d\n", width, "total", r.Points, r.MaxPoints)
	for _, n := range r.Notes {
		b.WriteString("note: " + oneLine(n) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// oneLine folds s onto one line, with its control and format characters
// written out (printable).
func oneLine(s string) string {
	return printable(strings.Join(strings.Fields(s), " "))
}

// printable returns s with every control character and format character
// written as its Go escape: \x1b, \u202e. Much of what grade prints comes
// from the student (a panic's message, a file name, the names in the
// stamp), and a terminal obeys the escape sequences in it: a student could
// have the row of a failed exercise, or the total, show full points.
func printable(s string) string {
	hidden := func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if hidden(r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
