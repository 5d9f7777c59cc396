package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAssignAndGrade runs assign and grade as a user would: exit status 2
// for an unknown exercise (to assign or to grade), 1 for a folder that is
// neither a copy nor holds copies, and 0 for a copy graded, whatever its
// score.
func TestAssignAndGrade(t *testing.T) {
	// runBinary gives the program an empty home folder; the go command that
	// assign and grade run would then start from an empty build cache and
	// compile the standard library, a minute of work.
	cache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", strings.TrimSpace(string(cache)))

	code, _, stderr := runBinary(t, "assign", "-only", "nope", "-out", filepath.Join(t.TempDir(), "x"))
	if code != 2 || !strings.Contains(stderr, "no exercise nope; the exercises are linear-forward, ") {
		t.Errorf("assign -only nope: exit %d, stderr %q; want 2 and the list of exercises", code, stderr)
	}

	out := filepath.Join(t.TempDir(), "copy")
	if code, stdout, stderr := runBinary(t, "assign", "-only", "sgd-momentum", "-out", out); code != 0 || !strings.Contains(stdout, "1 exercise, 2 points") {
		t.Fatalf("assign -only sgd-momentum: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := runBinary(t, "assign", "-out", out); code != 1 || !strings.Contains(stderr, "-overwrite") {
		t.Errorf("assign onto an earlier copy: exit %d, stderr %q; want 1, naming -overwrite", code, stderr)
	}

	// At the smallest memory limit grading accepts (1536 MiB, course.MinMemory).
	code, stdout, stderr := runBinary(t, "grade", "-dir", out, "-json", "-memory", "1536")
	var res struct {
		Exercises []map[string]any `json:"exercises"`
		Points    *int             `json:"points"`
		MaxPoints *int             `json:"max_points"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); code != 0 || err != nil || res.Points == nil || *res.Points != 0 || *res.MaxPoints != 2 || len(res.Exercises) != 1 ||
		!strings.HasSuffix(fmt.Sprint(res.Exercises[0]["message"]), ": panic: exercise sgd-momentum: not implemented") {
		t.Errorf("grade -json of a fresh copy: exit %d, stdout %q, stderr %q; want 0 and 0 of 2 points, failing on the blank's panic", code, stdout, stderr)
	}

	// todo lists the blank, where its panic is, and its points.
	if code, stdout, stderr := runBinary(t, "todo", "-dir", out); code != 0 || !strings.Contains(stdout, "nn/optimizer.go:") ||
		!strings.Contains(stdout, "sgd-momentum (2 points): ") || !strings.HasSuffix(stdout, "\n1 exercise left, 2 points\n") {
		t.Errorf("todo in a fresh copy: exit %d, stdout %q, stderr %q; want the blank of sgd-momentum and its 2 points", code, stdout, stderr)
	}

	// A folder of copies with -json: one document, a record per copy.
	class := t.TempDir()
	if code, _, stderr := runBinary(t, "assign", "-only", "sgd-momentum", "-out", filepath.Join(class, "ada")); code != 0 {
		t.Fatalf("assign into a class folder: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr = runBinary(t, "grade", "-dir", class, "-json")
	var doc struct {
		Copies []struct {
			Folder string   `json:"folder"`
			Points *int     `json:"points"`
			Notes  []string `json:"notes"`
		} `json:"copies"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); code != 0 || err != nil || len(doc.Copies) != 1 || doc.Copies[0].Folder != "ada" || doc.Copies[0].Points == nil || len(doc.Copies[0].Notes) == 0 {
		t.Errorf("grade -json of a class: exit %d, stdout %q, stderr %q; want one record, for ada, with its notes", code, stdout, stderr)
	}

	for _, args := range [][]string{{"assign", "-out", filepath.Join(t.TempDir(), "y")}, {"grade", "-dir", out}} {
		if code, _, stderr := runBinary(t, append(args, "-only", " , ")...); code != 2 || !strings.Contains(stderr, `-only " , ": name one or more exercises`) {
			t.Errorf("%s -only ' , ': exit %d, stderr %q; want 2, asking for a name", args[0], code, stderr)
		}
	}
	if code, _, stderr := runBinary(t, "grade", "-dir", out, "-only", "nosuch"); code != 2 || !strings.Contains(stderr, "no exercise nosuch; the exercises are sgd-momentum") {
		t.Errorf("grade -only nosuch: exit %d, stderr %q; want 2 and the list of exercises", code, stderr)
	}

	// Each bad flag of grade is a usage error on one line that names that
	// flag alone and its own valid range.
	for _, tc := range []struct {
		args      []string
		want, not string
	}{
		{[]string{"-dir", ""}, "-dir is empty: name the copy's folder", "-memory"},
		{[]string{"-timeout", "0"}, "-timeout 0s: give at least a second", "-memory"},
		{[]string{"-timeout", "999ms"}, "-timeout 999ms: give at least a second", "MiB"},
		{[]string{"-memory", "1"}, "-memory 1: give 0 for no limit, or from 1536 (", "-timeout"},
		{[]string{"-memory", "512"}, "-memory 512: give 0 for no limit, or from 1536 (", "-timeout"},
		{[]string{"-memory", "1535"}, "-memory 1535: give 0 for no limit, or from 1536 (", "-timeout"},
		{[]string{"-memory", "-1"}, "-memory -1: give 0 for no limit, or from 1536 (", "-timeout"},
		{[]string{"-memory", "1073741825"}, "-memory 1073741825: give 0 for no limit, or from 1536 (", "-timeout"},
	} {
		code, _, stderr := runBinary(t, append([]string{"grade"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, tc.not) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("grade %q: exit %d, stderr %q; want 2 and one line saying %q, without %q", tc.args, code, stderr, tc.want, tc.not)
		}
	}

	if code, _, stderr := runBinary(t, "grade", "-dir", t.TempDir()); code != 1 || !strings.Contains(stderr, "neither a copy nor a folder of copies") {
		t.Errorf("grade in an empty folder: exit %d, stderr %q; want 1 and why", code, stderr)
	}

	// A copy whose stamp was deleted is still no reference to assign from.
	if err := os.Remove(filepath.Join(out, "assignment.json")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runBinary(t, "assign", "-from", out, "-out", filepath.Join(t.TempDir(), "z"))
	if code != 1 || !strings.Contains(stderr, "the code of exercise sgd-momentum is the blank a copy hands out") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("assign -from a copy without its stamp: exit %d, stderr %q; want 1 and one line naming sgd-momentum", code, stderr)
	}
}
