package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTodoOfAClass: todo given the class folder that grade takes (copies
// in folders of their own) says so and names one copy to give instead;
// it used to say only that the folder had no go.mod.
func TestTodoOfAClass(t *testing.T) {
	class := t.TempDir()
	for _, name := range []string{"ada", "bob"} {
		os.MkdirAll(filepath.Join(class, name), 0o755)
		os.WriteFile(filepath.Join(class, name, "go.mod"), []byte("module bottleneck\n\ngo 1.24\n"), 0o644)
	}
	os.MkdirAll(filepath.Join(class, "notes"), 0o755) // not a copy: no go.mod
	code, _, stderr := runBinary(t, "todo", "-dir", class)
	want := "holds copies (ada, bob), not one: todo lists the blanks of one copy, e.g. -dir " + filepath.Join(class, "ada")
	if code != 2 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("todo -dir CLASS: exit %d, stderr %q; want 2 and one line containing %q", code, stderr, want)
	}

	// A folder that holds no copy at all is still not a copy, exit 1.
	empty := t.TempDir()
	if code, _, stderr := runBinary(t, "todo", "-dir", empty); code != 1 || !strings.Contains(stderr, "no go.mod") {
		t.Errorf("todo -dir EMPTY: exit %d, stderr %q; want 1 and the folder's missing go.mod", code, stderr)
	}
}
