package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// openFiles returns how many files this process has open.
func openFiles(t *testing.T) int {
	t.Helper()
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd")
	}
	return len(es)
}

// TestNoFileLeftOpen: failed writes and commits close what they opened:
// a write that fails, and a Set's lock file, leave no descriptor behind.
func TestNoFileLeftOpen(t *testing.T) {
	dir := t.TempDir()
	fail := errors.New("disk full")
	before := openFiles(t)
	for i := range 50 {
		if err := Write(filepath.Join(dir, "x"), func(io.Writer) error { return fail }); !errors.Is(err, fail) {
			t.Fatal(err)
		}
		if err := writeSet(dir, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	if after := openFiles(t); after > before+2 { // the runtime may open a file or two of its own
		t.Errorf("%d files open after 50 failed writes and commits, %d before", after, before)
	}
}

// TestProcFDPipe: a path that leads, through a link that does not read as
// a path (/proc/self/fd/N says "pipe:[…]"), to a pipe is refused as not a
// regular file, not taken for a new file.
func TestProcFDPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	path := fmt.Sprintf("/proc/self/fd/%d", w.Fd())
	if err := Check(path); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Check(%s), a pipe: %v, want ErrNotRegular", path, err)
	}
}
