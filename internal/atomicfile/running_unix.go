//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// running reports whether a process pid exists: signal 0 checks without
// sending anything, and EPERM means it exists but belongs to another user.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
