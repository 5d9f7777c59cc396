//go:build unix

package course

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup makes cmd lead a process group of its own and, when its
// context ends, kills the whole group: the go command's compilers, the
// shell that set a limit and the test binary it started.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}

// killProcessGroup kills what is left of the process group that cmd led,
// if ownProcessGroup made one: processes the student's code started and
// left running. Call it right after cmd.Wait. The group's number is cmd's
// process id, which the system gives to no new process while any process
// of the group lives; once none does, killing the group finds nothing,
// unless in the moment since Wait a new process took that id and also made
// itself the leader of a group.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process == nil || cmd.SysProcAttr == nil || !cmd.SysProcAttr.Setpgid {
		return
	}
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // ESRCH: nothing was left
}
