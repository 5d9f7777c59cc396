package course

import (
	"fmt"
	"io"
	"strings"
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
		b.WriteString("note: " + n + "\n")
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

// oneLine folds s onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
