//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestModelThatIsNotAFile: a named pipe as the model used to hang for good
// (and ignore SIGTERM); /dev/zero was read for 4.5 GB. Both are refused at
// once.
func TestModelThatIsNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "model")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{fifo: "a named pipe (FIFO)", "/dev/zero": "a character device", t.TempDir(): "a directory"} {
		code, _, stderr := runBinary(t, "encode", "-model", path)
		if code != 1 || !strings.Contains(stderr, "not a regular file: it is "+kind) {
			t.Errorf("-model %s: exit %d, stderr %q; want 1 and \"it is %s\"", path, code, stderr, kind)
		}
	}
}
