package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCommitRefusesTargetTurnedFolder: a target that became a folder
// between staging and the rename is refused by a single write's commit,
// which removes its temporary file, and by a Set's Commit, which renames
// nothing.
func TestCommitRefusesTargetTurnedFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model")
	st, err := stage(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(path, 0o755)
	if err := st.commit(); !errors.Is(err, ErrNotRegular) {
		t.Errorf("commit onto a folder: %v, want ErrNotRegular", err)
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"model"}) {
		t.Errorf("the folder holds %q, want the new folder alone (no temporary file)", got)
	}

	dir = t.TempDir()
	if err := writeSet(dir, "old"); err != nil {
		t.Fatal(err)
	}
	var s Set
	for _, n := range setNames {
		s.WriteFile(filepath.Join(dir, n), []byte("new"))
	}
	os.Remove(filepath.Join(dir, "picture"))
	os.Mkdir(filepath.Join(dir, "picture"), 0o755)
	if err := s.Commit(nil); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a Set whose picture became a folder: %v, want ErrNotRegular", err)
	}
	if got := readAll(dir, "model", "summary"); !slices.Equal(got, []string{"old", "old"}) {
		t.Errorf("model and summary %q after a refused commit, want both old", got)
	}
	if got := entries(t, dir); len(got) != 3 {
		t.Errorf("the folder holds %q, want no temporary file or lock", got)
	}
}

// TestLockHoldsPID: while a Set commits, its lock file holds the process
// number, so that a person who finds one left behind can tell whose it is.
func TestLockHoldsPID(t *testing.T) {
	dir := t.TempDir()
	var s Set
	s.WriteFile(filepath.Join(dir, "summary"), []byte("x"))
	var held string
	if err := s.Commit(func() error {
		b, err := os.ReadFile(filepath.Join(dir, lockName))
		held = string(b)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(held) != strconv.Itoa(os.Getpid()) {
		t.Errorf("the lock file held %q during the commit, want this process's number %d", held, os.Getpid())
	}
}
