//go:build !unix

package mnist

import "errors"

// mkfifo is not available here: the tests that need a named pipe skip.
func mkfifo(path string) error { return errors.New("no named pipes on this system") }
