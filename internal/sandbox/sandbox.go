// Package sandbox runs a program with nothing of this machine in its reach
// but one folder, where the system offers the means: it is how grading runs
// a student's compiled tests.
//
// # What is isolated, and how
//
// On Linux, Command starts the program inside new user, mount, PID,
// network, IPC and UTS namespaces (the kernel's unprivileged containers;
// no root needed):
//
//   - Files: the program sees a root of its own, an empty read-only tmpfs
//     holding only Spec.Dir (its working folder, at the same path as
//     outside, writable only if Spec.Writable), the program file itself
//     (read-only), /dev/null, /dev/zero, /dev/random and /dev/urandom, an
//     empty /tmp of its own (a tmpfs of at most 256 MiB; TMPDIR is set to
//     it) and, unless the caller is the system's root, a fresh /proc that
//     shows only the sandbox's processes. The old root is unmounted, so no
//     path leads out: not /proc/<parent>/cwd (the parent is not in its
//     /proc), not /proc/self/root. (Run by root, the program is root
//     outside too, without capabilities; a /proc would still let it write
//     /proc/sys and /proc/sysrq-trigger, which check only the user; so it
//     gets none. Grade as an ordinary user.)
//   - Processes: the program and all it starts live in a PID namespace
//     whose first process is a small init (this same executable, see
//     Main). When the program ends, the init ends, and the kernel then
//     kills every process left in the namespace, whatever session or
//     process group it made for itself. When Cmd's context ends, the init
//     is killed, with the same effect; and if the process that called
//     Command dies, the init gets SIGKILL too.
//   - Network: a network namespace of its own, whose only interface,
//     loopback, is not even up: no socket reaches anything.
//   - Rights: the program runs as root of its user namespace, which is the
//     caller's user outside, with every capability dropped (bounding,
//     permitted, effective, inheritable and ambient sets) and no_new_privs
//     set: it can neither remount its folder writable, nor mount, nor gain
//     rights by exec, nor make a user namespace of its own to get
//     capabilities there (user.max_user_namespaces is 0 inside).
//   - Memory: Spec.Memory limits the address space (RLIMIT_AS), hard and
//     soft limit alike, so the program cannot raise it.
//
// The init is this program itself, re-executed through /proc/self/exe:
// Main must be the first thing main (or a test's TestMain) calls, so that
// the re-executed copy does the init's work instead of the program's.
//
// # What it does not stop
//
// CPU time is bounded only by the caller's context (its deadline); the
// number of processes and threads is not limited (a fork bomb is contained
// in the namespace and ended with it, but until then it loads the
// machine); the program reads whatever is in Spec.Dir, and writes it if
// Spec.Writable; output written to Stdout and Stderr is the caller's to
// bound. The kernel is shared: a kernel bug reachable from an
// unprivileged user namespace is reachable from the program. The program
// must be statically linked (a Go test binary built with CGO_ENABLED=0),
// since no system library is visible inside.
//
// # Where namespaces are unavailable
//
// On macOS and Windows, and on a Linux whose kernel or container forbids
// unprivileged user namespaces (a sysctl, AppArmor, a seccomp filter),
// Available says so and why, and Command runs the program unisolated: as
// the caller's user, with the caller's files and network in reach, in a
// process group of its own that is killed when the program ends or the
// context does (on Unix); on Linux still with the memory limit, and
// killed if the caller dies.
// A process that leaves that group (setsid) survives it. Cmd.Isolation
// tells the caller which it was, to report.
package sandbox

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Spec says what to run, and what it may reach.
type Spec struct {
	// Dir is the folder the program sees and works in (its working
	// directory), an absolute path; inside it appears at the same path.
	Dir string
	// Writable lets the program change Dir; otherwise Dir is read-only
	// (isolated only: unisolated, the program writes wherever the caller
	// may).
	Writable bool
	// Path is the program to run, a statically linked executable; inside
	// it appears, read-only, at the same path.
	Path string
	// Args are its arguments, without the program's name.
	Args []string
	// Env is its environment; nil for this process's. When isolated,
	// TMPDIR=/tmp is added (the /tmp inside).
	Env []string
	// Stdin, Stdout and Stderr are as in exec.Cmd: nil for the null
	// device.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Memory limits the program's address space, in bytes (Linux only);
	// 0 for no limit.
	Memory int64
	// Unisolated runs the program without namespaces even where they are
	// available: for tests of the fallback, and for a teacher who trusts
	// the code.
	Unisolated bool
}

// Isolation says whether a program runs in namespaces and, if not, why.
type Isolation struct {
	Isolated bool
	// Reason is why not, in a few words for a line on standard error or a
	// field of a report; "" when Isolated.
	Reason string
}

// String returns "isolated", or "unisolated: " and the reason.
func (i Isolation) String() string {
	if i.Isolated {
		return "isolated"
	}
	return "unisolated: " + i.Reason
}

// Cmd is a program ready to run under a Spec. Start it and Wait for it, or
// Run it; a Cmd runs once.
type Cmd struct {
	// Isolation says how the program will run.
	Isolation Isolation

	cmd     *exec.Cmd
	report  *os.File // the read end of the init's report on its setup (Linux)
	reportW *os.File // its write end, for the init; closed by Start
	root    string   // the empty folder the init mounts the new root on, to remove
	group   bool     // cmd leads a process group, to kill after Wait
}

// ErrSetup is wrapped by the error Start returns when the sandbox could not
// be set up, or the program could not be started inside it.
var ErrSetup = errors.New("sandbox: setting up failed")

// ErrDynamic is wrapped by the error Command returns when the program is
// dynamically linked and would run isolated, where no library is visible.
var ErrDynamic = errors.New("dynamically linked: build it with CGO_ENABLED=0")

// waitDelay bounds how long Wait waits, once the program has ended, for
// what it started to close Stdout and Stderr (see exec.Cmd.WaitDelay).
// Isolated, nothing outlives the program; unisolated, a process that left
// the process group may hold them open.
const waitDelay = 5 * time.Second

// Command returns a Cmd that runs spec.Path with spec.Args in spec.Dir,
// isolated where Available says it can be and spec.Unisolated does not
// forbid it. When ctx ends, the program and everything it started is
// killed (unisolated: everything in its process group).
//
// Command panics if Main was not called first in this program on Linux,
// where it is needed. It returns an error if spec.Dir is not an absolute
// path of a folder other than the root, or spec.Path is not a file, or
// (ErrDynamic) the program is dynamically linked and would run isolated.
func Command(ctx context.Context, spec Spec) (*Cmd, error) {
	if !filepath.IsAbs(spec.Dir) {
		return nil, &os.PathError{Op: "sandbox: Command", Path: spec.Dir, Err: errors.New("the folder must be an absolute path")}
	}
	if filepath.Clean(spec.Dir) == string(filepath.Separator) {
		return nil, &os.PathError{Op: "sandbox: Command", Path: spec.Dir, Err: errors.New("the folder cannot be the root, which holds everything")}
	}
	if info, err := os.Stat(spec.Dir); err != nil {
		return nil, err
	} else if !info.IsDir() {
		return nil, &os.PathError{Op: "sandbox: Command", Path: spec.Dir, Err: errors.New("not a folder")}
	}
	path, err := filepath.Abs(spec.Path)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if info.IsDir() {
		return nil, &os.PathError{Op: "sandbox: Command", Path: path, Err: errors.New("a folder, not a program")}
	}
	spec.Dir, spec.Path = filepath.Clean(spec.Dir), path
	iso := Isolation{Reason: "asked to run unisolated"}
	if !spec.Unisolated {
		iso.Isolated, iso.Reason = Available()
	}
	return command(ctx, spec, iso)
}

// setIO gives cmd the folder, environment and standard files of spec.
func setIO(cmd *exec.Cmd, spec Spec) {
	cmd.Dir = spec.Dir
	cmd.Env = spec.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = spec.Stdin, spec.Stdout, spec.Stderr
	cmd.WaitDelay = waitDelay
}

// Start starts the program. On Linux it returns once the sandbox is set
// up and the program started inside it, or with an error that wraps
// ErrSetup saying what failed.
func (c *Cmd) Start() error {
	err := c.cmd.Start()
	if c.reportW != nil {
		c.reportW.Close() // the init holds its own copy now
	}
	if err != nil {
		c.cleanup()
		return err
	}
	if err := c.awaitSetup(); err != nil {
		c.cmd.Wait()
		c.cleanup()
		return err
	}
	return nil
}

// Run starts the program and waits for it to end.
func (c *Cmd) Run() error {
	if err := c.Start(); err != nil {
		return err
	}
	return c.Wait()
}

// Wait waits for the program to end and returns its error as exec.Cmd.Wait
// does: nil, or an *exec.ExitError. When it returns, nothing the program
// started is left running (unisolated: nothing in its process group).
//
// Linux forwards the program's exit status through the init: a program
// killed by a signal ends with status 128 plus the signal's number, as in
// a shell.
func (c *Cmd) Wait() error {
	err := c.cmd.Wait()
	c.cleanup()
	return err
}

// cleanup kills what is left of the process group, if the program led one,
// and removes what Command made. Call it once the init or program ended.
func (c *Cmd) cleanup() {
	if c.group {
		killGroup(c.cmd)
	}
	if c.report != nil {
		c.report.Close()
	}
	if c.root != "" {
		os.Remove(c.root) // empty: the init mounted on it only in its own namespace
	}
}

// Process returns the running process that Wait waits for: the init on
// Linux, the program itself elsewhere. Nil before Start.
func (c *Cmd) Process() *os.Process { return c.cmd.Process }
