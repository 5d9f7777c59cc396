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
