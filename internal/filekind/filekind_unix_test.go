//go:build unix

package filekind

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenRegularRefusesFIFOAndDevice: a named pipe with no writer and an
// endless device are refused at once, without being opened.
func TestOpenRegularRefusesFIFOAndDevice(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, kind string }{
		{fifo, "a named pipe (FIFO)"},
		{"/dev/zero", "a character device"},
	} {
		done := make(chan error, 1)
		go func() {
			_, _, err := OpenRegular(tc.path)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), tc.kind) {
				t.Errorf("%s: error %v, want one wrapping ErrNotRegular that says %q", tc.path, err, tc.kind)
			}
		case <-time.After(30 * time.Second): // a hang detector, not a stopwatch: the call takes microseconds
			t.Fatalf("OpenRegular(%s) blocked", tc.path)
		}
	}
}
