package atomicfile

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// entries returns the names in dir, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// stageAndDieEnv names the folder the test binary, run as a helper, stages
// a Set in before it exits without committing or discarding: a program
// killed during its commit.
const stageAndDieEnv = "ATOMICFILE_STAGE_AND_DIE"

func init() {
	if dir := os.Getenv(stageAndDieEnv); dir != "" {
		var s Set
		for _, n := range setNames {
			if err := s.WriteFile(filepath.Join(dir, n), []byte("killed")); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		os.Exit(0) // no Commit, no Discard, no deferred clean-up
	}
}

// TestLeftoversOfAKilledRun: the temporary files of a program that died
// before its commit are removed by the next write into the folder, and
// only those of the names it writes.
func TestLeftoversOfAKilledRun(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), stageAndDieEnv+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("helper: %v: %s", err, out)
	}
	left := entries(t, dir)
	if len(left) != len(setNames) {
		t.Fatalf("the killed run left %q, want one temporary file per name", left)
	}
	for _, name := range left {
		if !strings.HasPrefix(name, ".") || !strings.Contains(name, fmt.Sprintf(".tmp-%d-", cmd.Process.Pid)) {
			t.Errorf("temporary file %q does not name its process %d", name, cmd.Process.Pid)
		}
	}
	// A write of one name removes that name's leftover only.
	if err := WriteFile(filepath.Join(dir, "model"), []byte("one")); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dir); len(got) != len(setNames) || !slices.Contains(got, "model") {
		t.Errorf("after writing model the folder holds %q, want model and the two other leftovers", got)
	}
	if err := writeSet(dir, "next run"); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, dir); !slices.Equal(got, setNames) {
		t.Errorf("after the next run the folder holds %q, want %q", got, setNames)
	}
}

// TestLeftoversKeptWhenNotSure: what the clean-up must not remove — this
// process's temporary files, a running process's, another name's, a name
// that only looks alike, a link, a folder, a fresh file of the older form —
// stays; an old file of the older form goes.
func TestLeftoversKeptWhenNotSure(t *testing.T) {
	dir := t.TempDir()
	prefix := tempPrefix("summary.json")
	keep := []string{
		prefix + fmt.Sprintf("%d-123", os.Getpid()),  // ours: a Set of this process may be staging it
		prefix + fmt.Sprintf("%d-123", os.Getppid()), // the go command that runs the test is running
		tempPrefix("other.json") + "999999999-1",     // another name's
		prefix + "999999999-12x",                     // not RANDOM digits
		prefix + "x999999999-1",                      // not a process number
		prefix + "0-1",                               // no process 0
		prefix + "12345",                             // the older form, fresh
		"summary.json.tmp-999999999-1",               // not hidden
	}
	for _, name := range keep {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	old := prefix + "777" // the older form, two hours old
	os.WriteFile(filepath.Join(dir, old), []byte("x"), 0o644)
	twoHours := time.Now().Add(-2 * staleTemp)
	os.Chtimes(filepath.Join(dir, old), twoHours, twoHours)
	dead := prefix + "999999999-1" // above any process number Linux gives
	os.WriteFile(filepath.Join(dir, dead), []byte("x"), 0o644)
	asFolder := prefix + "999999998-1"
	os.Mkdir(filepath.Join(dir, asFolder), 0o755)
	keep = append(keep, asFolder)
	outside := filepath.Join(t.TempDir(), "precious")
	os.WriteFile(outside, []byte("x"), 0o644)
	if os.Symlink(outside, filepath.Join(dir, prefix+"999999997-1")) == nil {
		keep = append(keep, prefix+"999999997-1")
	}

	if err := WriteFile(filepath.Join(dir, "summary.json"), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	got := entries(t, dir)
	for _, name := range keep {
		if !slices.Contains(got, name) {
			t.Errorf("%q was removed", name)
		}
	}
	for _, name := range []string{old, dead} {
		if slices.Contains(got, name) {
			t.Errorf("leftover %q is still there", name)
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("the file a link-shaped leftover leads to: %v", err)
	}
}

// TestLeftover checks the name test alone, including the ages of the older
// form at the edge.
func TestLeftover(t *testing.T) {
	now := time.Now()
	at := func(t time.Time) func() (time.Time, bool) { return func() (time.Time, bool) { return t, true } }
	for _, tc := range []struct {
		rest string
		mod  func() (time.Time, bool)
		want bool
	}{
		{"123", at(now.Add(-staleTemp - time.Minute)), true},
		{"123", at(now.Add(-staleTemp + time.Minute)), false},
		{"123", func() (time.Time, bool) { return time.Time{}, false }, false}, // cannot tell its age
		{"", at(time.Time{}), false},
		{"12a", at(time.Time{}), false},
		{"999999999-5", at(now), true},
		{"999999999-", at(now), false},
		{"-5", at(now), false},
		{"+999999999-5", at(now), false},
		{fmt.Sprintf("%d-5", os.Getpid()), at(time.Time{}), false},
	} {
		if got := leftover(tc.rest, tc.mod); got != tc.want {
			t.Errorf("leftover(%q) = %v, want %v", tc.rest, got, tc.want)
		}
	}
}

// TestShorten: a temporary name keeps at most 100 bytes of its target's,
// cut before a character, never inside one, and never past the start.
func TestShorten(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{strings.Repeat("a", 100), strings.Repeat("a", 100)}, // exactly the limit: as it is
		{strings.Repeat("a", 101), strings.Repeat("a", 100)},
		{strings.Repeat("a", 99) + "é", strings.Repeat("a", 99)}, // é's two bytes straddle byte 100
		{strings.Repeat("é", 60), strings.Repeat("é", 50)},
		{strings.Repeat("\x80", 150), ""}, // no character starts anywhere: nothing is kept
	} {
		if got := shorten(tc.in, 100); got != tc.want {
			t.Errorf("shorten(%d bytes) = %d bytes %.12q…, want %d bytes", len(tc.in), len(got), got, len(tc.want))
		}
	}
}
