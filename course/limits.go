package course

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"
)

// Limits bound the work of grading one copy.
type Limits struct {
	Build time.Duration // for building one package's graders (go test -c)
	Run   time.Duration // for running one exercise's graders
	// Memory is the address space, in bytes, of the process that runs one
	// exercise, on Linux (elsewhere there is no limit); 0 for no limit.
	// Address space is not memory in use: the Go runtime reserves about
	// 0.7 GiB of it at start, so a limit of 2 GiB lets a grader allocate
	// somewhat over 1 GiB.
	Memory int64
}

// MinMemory is the smallest Limits.Memory, 0 (no limit) aside, that
// grading accepts: 1.5 GiB of address space.
//
// A Go test binary needs address space before its first test runs: Go
// 1.26 on linux/amd64 reserves 585 MiB at start for the summaries of its
// page allocator, then 512 MiB for its scavenger's index, and only then
// its first heap arena. When the index does not fit under the limit the
// runtime carries on without reserving it, so the room left for the heap
// is not monotone in the limit. Measured on the project's two-core
// machine under load, grading the reference itself (1 to 25 times a
// limit): up to 700 MiB every exercise fails, at 720 MiB a few; from 760 to 1100 MiB all
// pass; from 1150 to 1230 MiB every exercise fails again (the index now
// fits, the heap does not); at 1260 to 1280 MiB an exercise or three
// (training-step, contractive, activation-derivatives) now and then runs
// out of memory; from 1300 MiB all pass every time (8 of 8), and at
// 1536 MiB 25 of 25. The minimum lies above the gap, so that every limit
// from it up works, with a quarter of a GiB to spare for graders that
// grow and runtimes that reserve more.
const MinMemory = 1536 << 20

// DefaultLimits returns the limits to grade with. The reference's graders
// take well under a second each; the limits leave room for a busy machine
// and a cold build cache, and still end an endless loop within minutes.
func DefaultLimits() Limits {
	return Limits{Build: 10 * time.Minute, Run: 2 * time.Minute, Memory: 2 << 30}
}

// toolEnv is the environment of the go command and the test binaries while
// grading: no workspace, no experiments (so that every build of the copy
// runs the portable code a student writes), and no network (the module
// needs nothing from it; a copy whose go.mod asks for a download fails to
// build at once instead of waiting).
func toolEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOEXPERIMENT=", "GOTOOLCHAIN=local", "GOPROXY=off", "CGO_ENABLED=0")
}

// errTimedOut is returned by run when the time limit killed the command.
var errTimedOut = errors.New("time limit reached")

// outputGrace is how long run goes on reading what a command printed after
// it ended and its process group was killed: the time for the killed
// processes to close their end of the pipe. A process that left the group
// (setsid) and still holds it is not waited for longer.
const outputGrace = 5 * time.Second

// run runs name with args in dir, sending everything it prints to out,
// and kills it (and what it started) after limit. When it ends, in time or
// not, whatever it started and left running in its process group is
// killed too (on Unix). It returns errTimedOut if the limit killed it, or
// the error from exec (an *exec.ExitError for a non-zero status).
//
// The command prints into a pipe of run's own rather than one that exec
// makes: so Wait returns when the command ends, even while something it
// started holds the pipe open, and the group is killed at once.
//
// The go command keeps its temporary build folder in a folder of run's
// own (GOTMPDIR), removed when the command has ended: a go command that
// is killed leaves its build folder behind.
func run(ctx context.Context, limit time.Duration, dir string, out io.Writer, name string, args ...string) error {
	return runWith(ctx, limit, dir, nil, out, name, args...)
}

// runWith is run with stdin as the command's standard input (none if nil).
func runWith(ctx context.Context, limit time.Duration, dir string, stdin io.Reader, out io.Writer, name string, args ...string) error {
	tmp, err := os.MkdirTemp("", "bottleneck-grade-")
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	defer os.RemoveAll(tmp)
	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	defer r.Close()
	copied := make(chan struct{})
	go func() {
		io.Copy(out, r)
		close(copied)
	}()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(toolEnv(), "GOTMPDIR="+tmp)
	cmd.Stdin = stdin
	cmd.Stdout = w
	cmd.Stderr = w
	cmd.WaitDelay = 5 * time.Second // in case it does not end when killed
	ownProcessGroup(cmd)
	err = cmd.Start()
	w.Close() // the command has its own end of the pipe now
	if err == nil {
		err = cmd.Wait()
		killProcessGroup(cmd)
	}
	select {
	case <-copied:
	case <-time.After(outputGrace):
		r.Close()
		<-copied
	}
	if ctx.Err() == context.DeadlineExceeded {
		return errTimedOut
	}
	return err
}
