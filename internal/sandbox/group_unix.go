//go:build unix

package sandbox

import (
	"os/exec"
	"syscall"
)

// ownGroup makes cmd lead a process group of its own and, when its context
// ends, kills the whole group rather than cmd alone.
func ownGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true // the group's number is then cmd's process id
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

// killGroup kills what is left of the group that cmd led: processes the
// program started and left running. Call it right after cmd.Wait: the
// system gives the group's number to no new process while any process of
// the group lives, so once none does, killing it finds nothing.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // ESRCH: nothing was left
	}
}
