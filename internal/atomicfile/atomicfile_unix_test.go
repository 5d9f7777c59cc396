//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteRefusesDevicesAndPipes: /dev/null and a named pipe are refused
// and left as they were; before, the rename put a regular file in their
// place (as root, in place of the system's /dev/null).
func TestWriteRefusesDevicesAndPipes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "null-link")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, kind string }{
		{"/dev/null", "a character device"},
		{fifo, "a named pipe (FIFO)"},
		{link, "a symbolic link to /dev/null, which is a character device"},
	} {
		err := WriteFile(tc.path, []byte("x"))
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tc.kind) {
			t.Errorf("%s: error %v, want one wrapping ErrNotRegular that says %q", tc.path, err, tc.kind)
		}
		var set Set
		if err := set.WriteFile(tc.path, []byte("x")); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Set.WriteFile(%s): error %v, want ErrNotRegular", tc.path, err)
		}
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the named pipe was replaced")
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the link to /dev/null was replaced")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries in the folder, want the pipe and the link", len(entries))
	}
}
