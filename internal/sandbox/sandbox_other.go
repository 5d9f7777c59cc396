//go:build !linux

package sandbox

import (
	"context"
	"os/exec"
	"runtime"
)

// Main does nothing here: there is no init to run. Calling it first in
// main keeps a program the same on every system.
func Main() {}

// Available reports false: only Linux has the namespaces.
func Available() (bool, string) {
	return false, "no namespaces on " + runtime.GOOS
}

// command returns the Cmd that runs spec unisolated, in a process group of
// its own where there are groups.
func command(ctx context.Context, spec Spec, iso Isolation) (*Cmd, error) {
	cmd := exec.CommandContext(ctx, spec.Path, spec.Args...)
	setIO(cmd, spec)
	ownGroup(cmd)
	return &Cmd{Isolation: iso, cmd: cmd, group: true}, nil
}

// awaitSetup has nothing to wait for: there is no init.
func (c *Cmd) awaitSetup() error { return nil }
