package course

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTodo lists the blanks of a copy of two exercises, one answered: the
// other's regions remain, each at the line of its panic, with the points
// on the first; a region answered is no longer listed.
func TestTodo(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "sgd-momentum", "linear-backward")
	fill(t, root, dir, "sgd-momentum", "") // the reference's own answer
	blanks, err := Todo(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(blanks) != 2 {
		t.Fatalf("%d blanks, want the 2 regions of linear-backward: %+v", len(blanks), blanks)
	}
	lines := readLines(t, filepath.Join(dir, "nn", "linear.go"))
	for i, b := range blanks {
		wantPoints := 0
		if i == 0 {
			wantPoints = 3
		}
		if b.Exercise != "linear-backward" || b.File != "nn/linear.go" || b.Points != wantPoints || b.Hint == "" {
			t.Errorf("blank %d: %+v, want linear-backward in nn/linear.go worth %d, with its hint", i, b, wantPoints)
		}
		if b.Line < 1 || b.Line > len(lines) || lines[b.Line-1] != "\tpanic(\"exercise linear-backward: not implemented\")" {
			t.Errorf("blank %d: line %d is not the panic", i, b.Line)
		}
	}
	if none, err := Todo(root); err != nil || len(none) != 0 {
		t.Errorf("the reference's blanks: %+v, %v; want none", none, err)
	}
}

// readLines returns the lines of a file.
func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}
