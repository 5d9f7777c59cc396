package course

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGradeRefusesLinks: a copy that holds a symbolic link is not graded,
// before anything is built. Through a link, the build would read the code
// of the reference or of a classmate's copy and give its points.
func TestGradeRefusesLinks(t *testing.T) {
	solved := writeModule(t, map[string]string{"nn/linear.go": "package nn\n"})
	for _, c := range []struct {
		name   string
		link   string // the link, from the copy's root
		target func(dir string) string
		reason string
	}{
		{"a file linked to another copy's", "nn/linear.go", func(string) string { return filepath.Join(solved, "nn", "linear.go") }, "nn/linear.go is a symbolic link"},
		{"a package linked to another copy's", "nn", func(string) string { return filepath.Join(solved, "nn") }, "nn is a symbolic link"},
		{"a link inside the copy", "nn/again.go", func(dir string) string { return filepath.Join(dir, "nn", "linear.go") }, "nn/again.go is a symbolic link"},
		{"a dangling link", "nn/gone.go", func(dir string) string { return filepath.Join(dir, "nothing") }, "nn/gone.go is a symbolic link"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"nn/linear.go": "package nn\n"})
			link := filepath.Join(dir, filepath.FromSlash(c.link))
			os.RemoveAll(link)
			if err := os.Symlink(c.target(dir), link); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			_, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
			var nc *NotCopyError
			if !errors.As(err, &nc) || !strings.Contains(nc.Reason, c.reason) {
				t.Errorf("got %v, want a *NotCopyError saying %q", err, c.reason)
			}
		})
	}
}

// TestGradeClassLinkedCopy: a folder of the class that is a symbolic link
// (to another student's copy, say) gets a row saying so, not a grade, and
// is not left out without a word.
func TestGradeClassLinkedCopy(t *testing.T) {
	class := t.TempDir()
	// ada's stamp does not parse: a row of its own, made without a build.
	writeFile(t, class, "ada/go.mod", "module "+ModulePath+"\n")
	writeFile(t, class, "ada/"+StampFile, "{not json")
	if err := os.Symlink(filepath.Join(class, "ada"), filepath.Join(class, "bob")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	res, err := GradeClass(context.Background(), GradeOptions{Dir: class, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[1].Folder != "bob" {
		t.Fatalf("rows %+v, want ada and bob", res.Rows)
	}
	var nc *NotCopyError
	if !errors.As(res.Rows[1].Err, &nc) || !strings.Contains(nc.Reason, "the folder is a symbolic link") {
		t.Errorf("bob: got %v, want a *NotCopyError saying the folder is a symbolic link", res.Rows[1].Err)
	}
}
