//go:build unix

package course

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGradeRefusesNamedPipe: a named pipe among the package's files would
// stall go build, reading it, until the build's time limit (ten minutes a
// package); the copy is refused at once.
func TestGradeRefusesNamedPipe(t *testing.T) {
	dir := writeModule(t, map[string]string{"nn/linear.go": "package nn\n"})
	if err := syscall.Mkfifo(filepath.Join(dir, "nn", "stall.go"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	limits := DefaultLimits()
	limits.Build = 30 * time.Second // should the check be missed: a failure, not a 10-minute stall
	_, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: limits})
	var nc *NotCopyError
	if !errors.As(err, &nc) || !strings.Contains(nc.Reason, "nn/stall.go is a named pipe") {
		t.Errorf("got %v, want a *NotCopyError saying nn/stall.go is a named pipe", err)
	}
}
