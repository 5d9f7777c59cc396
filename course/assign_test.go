package course

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// assignFixture is a small module with two exercises, a file without any,
// and a wrong answer kept for the instructor.
func assignFixture(t *testing.T) string {
	return writeModule(t, map[string]string{
		"p/p.go": `package p

// One returns 1.
func One() int {
	// exercise one (2 points): return one
	return 1
	// end exercise one
}

// Two returns 2.
func Two() int {
	// exercise two (3 points)
	return 2
	// end exercise two
}
`,
		"p/p_test.go":                        "package p\n",
		"README.md":                          "Two is `return 2`; see p.go.\n",
		"course/testdata/wrong/one.txt":      "return 0\n",
		"course/testdata/graders/keep.txt":   "graders stay\n",
		"docs/deep/inside/notes.md":          "notes\n",
		"run.sh":                             "#!/bin/sh\n",
		filepath.Join("nested", "go.mod"):    "module other\n",
		filepath.Join("nested", "nested.go"): "package other\n",
	})
}

func TestAssign(t *testing.T) {
	from := assignFixture(t)
	if err := os.Chmod(filepath.Join(from, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "copy")
	stamp, err := Assign(AssignOptions{From: from, Out: out, Only: []string{"two"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(stamp.Exercises) != 1 || stamp.Exercises[0].Name != "two" || stamp.Exercises[0].Points != 3 ||
		!slices.Equal(stamp.Exercises[0].Files, []string{"p/p.go"}) || stamp.Exercises[0].Grader != "" {
		t.Errorf("stamp exercises %+v, want two, 3 points, in p/p.go, with no grader", stamp.Exercises)
	}
	if stamp.Module != ModulePath || len(stamp.Reference.TreeSHA256) != 64 {
		t.Errorf("stamp %+v, want module %s and a SHA-256 of the tree", stamp, ModulePath)
	}
	read, err := ReadStamp(out)
	if err != nil || read.Reference != stamp.Reference || len(read.Exercises) != 1 {
		t.Errorf("ReadStamp gave %+v, %v; want what Assign returned, %+v", read, err, stamp)
	}

	src, err := os.ReadFile(filepath.Join(out, "p", "p.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "return 1\n") || strings.Contains(string(src), "return 2\n") {
		t.Errorf("the copy of p.go should keep exercise one and blank two:\n%s", src)
	}
	if b, err := os.ReadFile(filepath.Join(out, "README.md")); err != nil || string(b) != "Two is `… (exercise two)`; see p.go.\n" {
		t.Errorf("the copy's README.md reads %q (%v), want the solution quoted in it replaced", b, err)
	}
	for _, p := range []string{"p/p_test.go", "README.md", "course/testdata/graders/keep.txt", "docs/deep/inside/notes.md", StampFile} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("the copy lacks %s: %v", p, err)
		}
	}
	for _, p := range []string{"course/testdata/wrong/one.txt", "nested/go.mod", "nested/nested.go"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err == nil {
			t.Errorf("the copy holds %s, which it should leave out", p)
		}
	}
	if info, err := os.Stat(filepath.Join(out, "run.sh")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("run.sh in the copy: %v, %v; want mode 0755 as in the reference", info, err)
	}

	// The same reference gives the same tree hash; a changed one another.
	again, err := Assign(AssignOptions{From: from, Out: filepath.Join(t.TempDir(), "again")})
	if err != nil {
		t.Fatal(err)
	}
	if again.Reference.TreeSHA256 != stamp.Reference.TreeSHA256 {
		t.Errorf("two copies of one reference: tree hashes %s and %s", again.Reference.TreeSHA256, stamp.Reference.TreeSHA256)
	}
	if err := os.WriteFile(filepath.Join(from, "README.md"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := Assign(AssignOptions{From: from, Out: filepath.Join(t.TempDir(), "changed")})
	if err != nil {
		t.Fatal(err)
	}
	if changed.Reference.TreeSHA256 == stamp.Reference.TreeSHA256 {
		t.Errorf("a changed reference kept its tree hash %s", changed.Reference.TreeSHA256)
	}
}

func TestAssignOut(t *testing.T) {
	from := assignFixture(t)

	// A folder with something else in it is never written over.
	busy := t.TempDir()
	if err := os.WriteFile(filepath.Join(busy, "thesis.tex"), []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, overwrite := range []bool{false, true} {
		var ne *OutNotEmptyError
		if _, err := Assign(AssignOptions{From: from, Out: busy, Overwrite: overwrite}); !errors.As(err, &ne) || ne.Copy {
			t.Errorf("Assign into a non-empty folder (overwrite %v): got %v, want an *OutNotEmptyError that is not a copy", overwrite, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(busy, "thesis.tex")); err != nil || string(b) != "precious\n" {
		t.Errorf("the non-empty folder was touched: %q, %v", b, err)
	}

	// An earlier copy is replaced only when asked.
	out := t.TempDir() // exists and is empty: fine
	if _, err := Assign(AssignOptions{From: from, Out: out, Only: []string{"one"}}); err != nil {
		t.Fatal(err)
	}
	var ne *OutNotEmptyError
	if _, err := Assign(AssignOptions{From: from, Out: out}); !errors.As(err, &ne) || !ne.Copy {
		t.Errorf("Assign over an earlier copy: got %v, want an *OutNotEmptyError that is a copy", err)
	}
	if err := os.WriteFile(filepath.Join(out, "left-over.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	stamp, err := Assign(AssignOptions{From: from, Out: out, Overwrite: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(stamp.Exercises) != 2 {
		t.Errorf("the overwritten copy has %d exercises, want 2", len(stamp.Exercises))
	}
	if _, err := os.Stat(filepath.Join(out, "left-over.txt")); err == nil {
		t.Error("overwriting left a file of the earlier copy behind")
	}

	// A copy inside the reference leaves itself out; one holding it is refused.
	inside := filepath.Join(from, "copies", "week1")
	if _, err := Assign(AssignOptions{From: from, Out: inside}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(inside, "copies")); err == nil {
		t.Error("a copy made inside the reference holds a copy of itself")
	}
	if _, err := Assign(AssignOptions{From: from, Out: filepath.Dir(from)}); err == nil {
		t.Error("Assign into a folder that holds the reference: no error")
	}
}

func TestAssignBadInput(t *testing.T) {
	from := assignFixture(t)
	var ue *UnknownExerciseError
	_, err := Assign(AssignOptions{From: from, Out: t.TempDir(), Only: []string{"one", "three", "zero"}})
	if !errors.As(err, &ue) || !slices.Equal(ue.Unknown, []string{"three", "zero"}) || !slices.Equal(ue.Valid, []string{"one", "two"}) {
		t.Errorf("Assign -only one,three,zero: got %v, want an *UnknownExerciseError for three and zero listing one and two", err)
	}

	var nc *NotCopyError
	if _, err := Assign(AssignOptions{From: t.TempDir(), Out: t.TempDir()}); !errors.As(err, &nc) {
		t.Errorf("Assign from an empty folder: got %v, want a *NotCopyError", err)
	}

	copied := filepath.Join(t.TempDir(), "copy")
	if _, err := Assign(AssignOptions{From: from, Out: copied}); err != nil {
		t.Fatal(err)
	}
	if _, err := Assign(AssignOptions{From: copied, Out: filepath.Join(t.TempDir(), "again")}); !errors.Is(err, ErrStudentCopy) {
		t.Errorf("Assign from a student copy: got %v, want ErrStudentCopy", err)
	}

	unmarked := writeModule(t, map[string]string{"p/p.go": "package p\n"})
	if _, err := Assign(AssignOptions{From: unmarked, Out: t.TempDir()}); !errors.Is(err, ErrNoExercises) {
		t.Errorf("Assign from a module without marks: got %v, want ErrNoExercises", err)
	}

	broken := writeModule(t, map[string]string{"p/p.go": "package p\n\nfunc F() {\n\t// exercise x (1 point)\n}\n"})
	out := filepath.Join(t.TempDir(), "copy")
	if _, err := Assign(AssignOptions{From: broken, Out: out}); !errors.Is(err, ErrUnbalancedMark) {
		t.Errorf("Assign from a module with a mark left open: got %v, want ErrUnbalancedMark", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("Assign wrote the copy although the marks were wrong")
	}
}

// TestAssignFromStampless: a student copy whose assignment.json was deleted
// is still refused as the reference, by the blanks in it, naming the
// blanked exercises and no other.
func TestAssignFromStampless(t *testing.T) {
	from := assignFixture(t)
	for _, tc := range []struct {
		only      []string
		want, not string
	}{
		{nil, `the code of exercises one, two is the blank a copy hands out (p/p.go:5: panic("exercise one: not implemented"))`, ""},
		// Line 12 of the copy: exercise one stays as in the reference.
		{[]string{"two"}, `the code of exercise two is the blank a copy hands out (p/p.go:12: panic("exercise two: not implemented"))`, "exercise one"},
		{[]string{"one"}, `the code of exercise one is the blank a copy hands out (p/p.go:5: panic("exercise one: not implemented"))`, "one, two"},
	} {
		copied := filepath.Join(t.TempDir(), "copy")
		if _, err := Assign(AssignOptions{From: from, Out: copied, Only: tc.only}); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(copied, StampFile)); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "again")
		_, err := Assign(AssignOptions{From: copied, Out: out})
		if !errors.Is(err, ErrStudentCopy) || !strings.Contains(err.Error(), tc.want) || tc.not != "" && strings.Contains(err.Error(), tc.not) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Assign from a copy of %v without its stamp: got %v; want ErrStudentCopy on one line, saying %q", tc.only, err, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("Assign from a copy of %v without its stamp wrote %s", tc.only, out)
		}
	}

	// Code that merely quotes the text of a blank is not one.
	quoting := writeModule(t, map[string]string{"p/p.go": "package p\n\n// F returns a length.\nfunc F() int {\n\t// exercise one (1 point)\n\treturn len(\"panic(\\\"exercise one: not implemented\\\")\")\n\t// end exercise one\n}\n"})
	if _, err := Assign(AssignOptions{From: quoting, Out: filepath.Join(t.TempDir(), "copy")}); err != nil {
		t.Errorf("Assign from a reference whose code quotes a blank's panic: %v", err)
	}
}
