package course

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func exampleResult() *Result {
	r := &Result{Notes: []string{"a note"}, Isolation: "isolated"}
	r.add(ExerciseResult{Name: "linear-forward", Points: 2, MaxPoints: 2, Passed: true})
	r.add(ExerciseResult{Name: "adam", MaxPoints: 3, Message: "panic: exercise adam: not implemented"})
	return r
}

func TestResultJSON(t *testing.T) {
	b, err := json.Marshal(exampleResult())
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(b, &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"exercises", "max_points", "points"}) {
		t.Errorf("top-level keys %v, want exercises, max_points, points", keys)
	}
	var exercises []map[string]any
	if err := json.Unmarshal(top["exercises"], &exercises); err != nil {
		t.Fatal(err)
	}
	for _, e := range exercises {
		var keys []string
		for k := range e {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"max_points", "message", "name", "passed", "points"}) {
			t.Errorf("exercise keys %v, want name, points, max_points, passed, message", keys)
		}
	}
	// Points are integers: 2 and 5, not 2.0.
	if string(top["points"]) != "2" || string(top["max_points"]) != "5" {
		t.Errorf("points %s of %s, want 2 of 5", top["points"], top["max_points"])
	}
}

func TestResultTable(t *testing.T) {
	var b bytes.Buffer
	if err := exampleResult().WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `exercise        points   of  first failure
linear-forward       2    2
adam                 0    3  panic: exercise adam: not implemented
total                2    5
note: a note
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestClassCSV(t *testing.T) {
	c := &ClassResult{Rows: []ClassRow{
		{Folder: "ada", Result: exampleResult()},
		{Folder: "bob", Err: errors.New("course: bob is not a copy:\nno go.mod")},
		{Folder: "=cmd|' /C calc'!A0", Result: exampleResult()},
		{Folder: "@SUM(1)", Err: errors.New("-1+1 is not a copy")},
		{Folder: "eve", Result: exampleResult(), Note: "its assignment.json lacks tied-gradient"},
	}}
	var b bytes.Buffer
	if err := c.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"folder,linear-forward,adam,total,max_points,failures,isolation,notes",
		"ada,2,0,2,5,adam: panic: exercise adam: not implemented,isolated,",
		"bob,,,,,,,course: bob is not a copy: no go.mod",
		`'=cmd|' /C calc'!A0,2,0,2,5,adam: panic: exercise adam: not implemented,isolated,`,
		"'@SUM(1),,,,,,,'-1+1 is not a copy",
		"eve,2,0,2,5,adam: panic: exercise adam: not implemented,isolated,its assignment.json lacks tied-gradient",
		"",
	}, "\n")
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestCSVText: a cell a spreadsheet would read as a formula (it begins
// with = + - @, a tab or a carriage return) gets a leading apostrophe;
// other text is left alone.
func TestCSVText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ada", "ada"},
		{"", ""},
		{"=cmd|calc", "'=cmd|calc"},
		{"+1", "'+1"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", `\tx`}, // written out (printable): no longer a formula
		{"\rx", `\rx`},
		{"a\x1b[2Kb", `a\x1b[2Kb`},
		{"\u202eevil", `\u202eevil`},
		{"=\x1b", `'=\x1b`},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
	} {
		if got := csvText(tc.in); got != tc.want {
			t.Errorf("csvText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestClassJSON: one document, a record per folder with its exercises,
// points, notes and error.
func TestClassJSON(t *testing.T) {
	res := exampleResult()
	res.Notes = []string{"a note"}
	c := &ClassResult{Rows: []ClassRow{
		{Folder: "ada", Result: res, Note: "its assignment.json lacks tied-gradient"},
		{Folder: "bob", Err: errors.New("course: bob is not a copy:\nno go.mod")},
	}}
	var b bytes.Buffer
	if err := c.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Copies []ClassRecord `json:"copies"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	if len(doc.Copies) != 2 {
		t.Fatalf("%d records, want 2:\n%s", len(doc.Copies), b.String())
	}
	ada, bob := doc.Copies[0], doc.Copies[1]
	if ada.Folder != "ada" || ada.Isolation != "isolated" || ada.Points != 2 || ada.MaxPoints != 5 || len(ada.Exercises) != 2 || ada.Exercises[1].Message != "panic: exercise adam: not implemented" ||
		!slices.Equal(ada.Notes, []string{"a note", "its assignment.json lacks tied-gradient"}) || ada.Error != "" {
		t.Errorf("ada's record: %+v", ada)
	}
	if bob.Folder != "bob" || bob.Exercises != nil || bob.Error != "course: bob is not a copy: no go.mod" {
		t.Errorf("bob's record: %+v", bob)
	}
}

// TestResultTableEscapes: what the student's code says (a panic's message)
// and what its stamp says (the notes name its exercises) reach the table
// with their escape sequences written out, so that a terminal cannot be
// made to show a failed exercise, or the total, with full points.
func TestResultTableEscapes(t *testing.T) {
	r := &Result{Notes: []string{"assignment.json lists \x1b[2A\x1b[1Gtotal 45 45, which …"}}
	r.add(ExerciseResult{Name: "linear-forward", MaxPoints: 2,
		Message: "panic: \x1b[2K\x1b[1Glinear-forward\x1b[15C2\x1b[4C2\x1b[8m \u202e"})
	var b bytes.Buffer
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsFunc(out, func(r rune) bool { return r == 0x1b || r == 0x202e }) {
		t.Errorf("the table holds an escape character:\n%q", out)
	}
	for _, want := range []string{`panic: \x1b[2K\x1b[1Glinear-forward\x1b[15C2\x1b[4C2\x1b[8m \u202e`, `note: assignment.json lists \x1b[2A\x1b[1Gtotal 45 45`} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}
