//go:build windows

package atomicfile

import "os"

// running reports whether a process pid exists: FindProcess opens it,
// and fails for a process that does not.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
