package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// readAll returns the content of the named files in dir, "" for a missing
// one.
func readAll(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		b, _ := os.ReadFile(filepath.Join(dir, n))
		out = append(out, string(b))
	}
	return out
}

var setNames = []string{"model", "picture", "summary"}

// writeSet stages one file per name holding tag, then commits them.
func writeSet(dir, tag string) error {
	var s Set
	for _, n := range setNames {
		if err := s.WriteFile(filepath.Join(dir, n), []byte(tag)); err != nil {
			s.Discard()
			return err
		}
	}
	return s.Commit(nil)
}

func TestSetCommitsTogether(t *testing.T) {
	dir := t.TempDir()
	if err := writeSet(dir, "one"); err != nil {
		t.Fatal(err)
	}
	var s Set
	s.WriteFile(filepath.Join(dir, "model"), []byte("two"))
	s.WriteFile(filepath.Join(dir, "picture"), []byte("two"))
	if got := readAll(dir, setNames...); fmt.Sprint(got) != "[one one one]" {
		t.Errorf("before Commit the folder holds %v, want the first set untouched", got)
	}
	s.WriteFile(filepath.Join(dir, "summary"), []byte("two"))
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if got := readAll(dir, setNames...); fmt.Sprint(got) != "[two two two]" {
		t.Errorf("after Commit the folder holds %v, want the second set", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d entries in the folder, want 3 (no temporary or lock file left)", len(entries))
	}
}

// TestSetFailureKeepsOldSet: a write that fails halfway (a full disk, say)
// or a refused commit leaves the previous set whole and no temporary file.
func TestSetFailureKeepsOldSet(t *testing.T) {
	dir := t.TempDir()
	if err := writeSet(dir, "old"); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	var s Set
	s.WriteFile(filepath.Join(dir, "model"), []byte("new"))
	if err := s.Write(filepath.Join(dir, "picture"), func(w io.Writer) error {
		io.WriteString(w, "ne")
		return full
	}); !errors.Is(err, full) {
		t.Fatalf("Write returned %v, want the writer's error", err)
	}
	s.Discard()

	refused := errors.New("another command's files are there")
	var s2 Set
	s2.WriteFile(filepath.Join(dir, "model"), []byte("new"))
	s2.WriteFile(filepath.Join(dir, "summary"), []byte("new"))
	if err := s2.Commit(func() error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("Commit returned %v, want the check's error", err)
	}
	if got := readAll(dir, setNames...); fmt.Sprint(got) != "[old old old]" {
		t.Errorf("the folder holds %v, want the old set whole", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("%d entries in the folder, want 3", len(entries))
	}
}

// TestSetConcurrentCommits: sets committed into one folder at the same time
// never mix: afterwards every file comes from the same one.
func TestSetConcurrentCommits(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = writeSet(dir, fmt.Sprint("run ", i))
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("run %d: %v", i, err)
		}
	}
	got := readAll(dir, setNames...)
	if got[0] != got[1] || got[1] != got[2] {
		t.Errorf("the folder mixes runs: %q", got)
	}
}

// TestSetStaleLock: a lock file left by a program killed during its commit
// is taken over once it is old; a fresh one is waited for.
func TestSetStaleLock(t *testing.T) {
	dir := t.TempDir()
	lockFile := filepath.Join(dir, lockName)
	os.WriteFile(lockFile, nil, 0o644)
	old := time.Now().Add(-2 * staleLock)
	os.Chtimes(lockFile, old, old)
	if err := writeSet(dir, "after a crash"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lockFile); err == nil {
		t.Error("the lock file is still there")
	}

	os.WriteFile(lockFile, nil, 0o644) // held by "another program"
	done := make(chan error)
	go func() { done <- writeSet(dir, "waited") }()
	time.Sleep(10 * lockPoll)
	if got := readAll(dir, "summary"); got[0] != "after a crash" {
		t.Errorf("committed while the lock was held: summary %q", got[0])
	}
	os.Remove(lockFile)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := readAll(dir, "summary"); got[0] != "waited" {
		t.Errorf("summary %q after the lock was released, want \"waited\"", got[0])
	}
}

// TestSetLockInTheWay: a directory where the lock file goes is named at
// once, by CheckLock and by Commit, instead of being waited for.
func TestSetLockInTheWay(t *testing.T) {
	dir := t.TempDir()
	if err := CheckLock(dir); err != nil {
		t.Errorf("CheckLock of an empty folder: %v", err)
	}
	os.Mkdir(filepath.Join(dir, lockName), 0o755)
	for what, err := range map[string]error{"CheckLock": CheckLock(dir), "Commit": writeSet(dir, "x")} {
		if err == nil || !strings.Contains(err.Error(), "is in the way, and it is a directory") {
			t.Errorf("%s: error %v", what, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "model")); err == nil {
		t.Error("committed although the lock could not be taken")
	}
}

// TestSetRemovesStaleFiles: a file marked with Remove goes at Commit, with
// the renames; a folder of that name stays, and a Discard removes nothing.
func TestSetRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	stale, keep := filepath.Join(dir, "codes.svg"), filepath.Join(dir, "folder")
	os.WriteFile(stale, []byte("old picture"), 0o644)
	os.Mkdir(keep, 0o755)

	var s Set
	s.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}"))
	s.Remove(stale)
	s.Discard()
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("Discard removed the stale file: %v", err)
	}

	s.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}"))
	s.Remove(stale)
	s.Remove(keep)
	s.Remove(filepath.Join(dir, "never-there"))
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Commit the stale file is still there: %v", err)
	}
	if info, err := os.Stat(keep); err != nil || !info.IsDir() {
		t.Errorf("Commit removed a folder it was asked to remove: %v", err)
	}
}
