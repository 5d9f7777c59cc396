package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestSetRenameFailsMidCommit: a rename that fails during the commit (its
// temporary file taken away, as by a cleaner) stops it there: the files
// before it are in place, the summary is not — the old one was removed
// first, so no summary sits beside files it does not describe — the error
// says so, and no temporary file or lock stays.
func TestSetRenameFailsMidCommit(t *testing.T) {
	dir := t.TempDir()
	if err := writeSet(dir, "old"); err != nil {
		t.Fatal(err)
	}
	var s Set
	for _, n := range setNames {
		if err := s.WriteFile(filepath.Join(dir, n), []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(s.files[1].tmp) // the picture's
	err := s.Commit(nil)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "the files before it are in place") {
		t.Fatalf("Commit returned %v, want the failed rename named", err)
	}
	if got := readAll(dir, setNames...); !slices.Equal(got, []string{"new", "old", ""}) {
		t.Errorf("the folder holds %q, want the model new, the picture old, no summary", got)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"model", "picture"}) {
		t.Errorf("the folder holds %q, want no temporary or lock file", got)
	}
}

// TestSetCommittedTwice: a second Commit of the same Set commits nothing
// and leaves the folder as the first left it; the Set can then be used for
// a new group.
func TestSetCommittedTwice(t *testing.T) {
	dir := t.TempDir()
	var s Set
	for _, n := range setNames {
		s.WriteFile(filepath.Join(dir, n), []byte("first"))
	}
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "summary"), []byte("changed since"), 0o644)
	called := false
	if err := s.Commit(func() error { called = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if called {
		t.Error("the second Commit ran its check, as if it had files to rename")
	}
	if got := readAll(dir, setNames...); !slices.Equal(got, []string{"first", "first", "changed since"}) {
		t.Errorf("after the second Commit the folder holds %q", got)
	}
	s.WriteFile(filepath.Join(dir, "summary"), []byte("second group"))
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if got := readAll(dir, "summary"); got[0] != "second group" {
		t.Errorf("the Set reused: summary %q", got[0])
	}
	if got := entries(t, dir); !slices.Equal(got, setNames) {
		t.Errorf("the folder holds %q, want %q", got, setNames)
	}
}

// TestRelativeLinkIntoAnotherFolder: a relative link is read from the
// link's own folder, not the working directory: a/out.json → ../b/out.json
// writes b/out.json, stages its temporary file there (a rename across
// folders could cross file systems) and leaves a/ as it was.
func TestRelativeLinkIntoAnotherFolder(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Mkdir(a, 0o755)
	os.Mkdir(b, 0o755)
	os.WriteFile(filepath.Join(b, "out.json"), []byte("old"), 0o600)
	link := filepath.Join(a, "out.json")
	if os.Symlink(filepath.Join("..", "b", "out.json"), link) != nil {
		t.Skip("cannot make symbolic links here")
	}
	var s Set
	var staged string
	if err := s.Write(link, func(w io.Writer) error {
		staged = w.(*os.File).Name()
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(staged) != b {
		t.Errorf("the temporary file is in %s, want the target's folder %s", filepath.Dir(staged), b)
	}
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(b, "out.json")); string(got) != "new" {
		t.Errorf("b/out.json holds %q, want \"new\"", got)
	}
	if info, err := os.Stat(filepath.Join(b, "out.json")); err != nil || runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("b/out.json lost its mode: %v %v", info.Mode(), err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("a/out.json is no longer a link: %v", err)
	}
	if got := entries(t, a); !slices.Equal(got, []string{"out.json"}) {
		t.Errorf("a/ holds %q, want the link alone", got)
	}
	if got := entries(t, b); !slices.Equal(got, []string{"out.json"}) {
		t.Errorf("b/ holds %q, want the file alone (no temporary or lock file)", got)
	}
}
