package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyOf makes a copy of the reference at root with the named exercises
// blanked and returns its folder.
func copyOf(t *testing.T, root string, only ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "copy")
	if _, err := Assign(AssignOptions{From: root, Out: out, Only: only}); err != nil {
		t.Fatal(err)
	}
	return out
}

// exerciseIn returns the exercise of that name marked in the module at
// dir.
func exerciseIn(t *testing.T, dir, name string) Exercise {
	t.Helper()
	exercises, err := FindExercises(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range exercises {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("%s marks no exercise %s", dir, name)
	return Exercise{}
}

// fill answers exercise name in the copy at out: it writes over the
// exercise's files the reference's (from root), with the code of region i
// replaced by answers[i], or kept where answers[i] is "" (answers may be
// shorter than the regions). Each line of an answer is indented like the
// region's marks. Taking the whole file from the reference restores the
// imports a copy may have left out; the other exercises of the file are
// then answered as in the reference.
func fill(t *testing.T, root, out, name string, answers ...string) {
	t.Helper()
	e := exerciseIn(t, root, name)
	for _, file := range e.Files() {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		// Replace from the last region up, so that line numbers hold.
		for i := len(e.Regions) - 1; i >= 0; i-- {
			r := e.Regions[i]
			if r.File != file || i >= len(answers) || answers[i] == "" {
				continue
			}
			var code []string
			for _, l := range strings.Split(strings.Trim(answers[i], "\n"), "\n") {
				code = append(code, r.Indent+l)
			}
			lines = append(lines[:r.Start], append(code, lines[r.End-1:]...)...)
		}
		if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(file)), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeFile writes content into the file at dir/p, making its folder.
func writeFile(t *testing.T, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
