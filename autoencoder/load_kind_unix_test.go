//go:build unix

package autoencoder

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bottleneck/internal/filekind"
)

// TestLoadRefusesPipesAndDevices: a named pipe with no writer (opening it
// blocked for good) and an endless device are refused before they are
// opened.
func TestLoadRefusesPipesAndDevices(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "model.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, kind string }{
		{fifo, "a named pipe (FIFO)"},
		{"/dev/zero", "a character device"},
	} {
		done := make(chan error, 1)
		go func() {
			_, err := Load(tc.path)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, filekind.ErrNotRegular) || !strings.Contains(err.Error(), tc.kind) {
				t.Errorf("%s: error %v, want one wrapping filekind.ErrNotRegular that says %q", tc.path, err, tc.kind)
			}
		case <-time.After(30 * time.Second): // a hang detector: the refusal takes microseconds
			t.Fatalf("Load(%s) blocked", tc.path)
		}
	}
}
