//go:build !unix

package course

import "os/exec"

// ownProcessGroup does nothing here: when its context ends, cmd alone is
// killed.
func ownProcessGroup(cmd *exec.Cmd) {}

// killProcessGroup does nothing here: there is no process group to kill.
func killProcessGroup(cmd *exec.Cmd) {}
