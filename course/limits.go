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

// DefaultLimits returns the limits to grade with. The reference's graders
// take well under a second each; the limits leave room for a busy machine
// and a cold build cache, and still end an endless loop within minutes.
func DefaultLimits() Limits {
	return Limits{Build: 10 * time.Minute, Run: 2 * time.Minute, Memory: 2 << 30}
}

// runGrace is how long after its own -test.timeout a test binary is given
// before it is killed: the time it needs to print where it was stuck.
const runGrace = 5 * time.Second

// toolEnv is the environment of the go command and the test binaries while
// grading: no workspace, no experiments (so that every build of the copy
// runs the portable code a student writes), and no network (the module
// needs nothing from it; a copy whose go.mod asks for a download fails to
// build at once instead of waiting).
func toolEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOEXPERIMENT=", "GOTOOLCHAIN=local", "GOPROXY=off")
}

// errTimedOut is returned by run when the time limit killed the command.
var errTimedOut = errors.New("time limit reached")

// run runs name with args in dir, sending everything it prints to out,
// and kills it (and what it started) after limit. It returns errTimedOut
// if the limit killed it, or the error from exec (an *exec.ExitError for a
// non-zero status).
//
// The go command keeps its temporary build folder in a folder of run's
// own (GOTMPDIR), removed when the command has ended: a go command that
// is killed leaves its build folder behind.
func run(ctx context.Context, limit time.Duration, dir string, out io.Writer, name string, args ...string) error {
	tmp, err := os.MkdirTemp("", "bottleneck-grade-")
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(toolEnv(), "GOTMPDIR="+tmp)
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.WaitDelay = 5 * time.Second // in case something it started holds the output open
	ownProcessGroup(cmd)
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return errTimedOut
	}
	return err
}
