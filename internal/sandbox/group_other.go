//go:build !unix

package sandbox

import "os/exec"

// ownGroup does nothing here: there are no process groups, and when its
// context ends, cmd alone is killed.
func ownGroup(cmd *exec.Cmd) {}

// killGroup does nothing here: there is no process group to kill.
func killGroup(cmd *exec.Cmd) {}
