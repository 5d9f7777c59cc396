package course

import (
	"bytes"
	"context"
	cryptorand "crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"bottleneck/course/probe"
	"bottleneck/internal/sandbox"
)

// Running the harness on a fresh seed, and judging what it printed.

// maxProbeOutput is the most of a run's output kept: several times what
// the harness prints for any exercise.
const maxProbeOutput = 64 << 20

// runTask runs one exercise's harness from the test binary bin, in the
// package's folder, on a seed drawn for this run, and judges what it
// printed here, in grade's own process. It returns an error only if ctx
// ended.
func (g *grading) runTask(bin, pkgDir string, t *task) error {
	seed, err := newSeed()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	request := fmt.Sprintf("%s %d\n", t.grader.Exercise, seed)
	limited, err := g.runGrader(bin, pkgDir, request, &limitedBuffer{buf: &out, max: maxProbeOutput})
	if e := g.ctx.Err(); e != nil {
		return fmt.Errorf("course: grading stopped: %w", e)
	}
	passed, msg := probe.Judge(t.grader.Exercise, seed, probe.Parse(out.Bytes()))
	switch {
	case err != nil && !errors.Is(err, errTimedOut) && !isExit(err):
		return err // the run could not start: nothing the copy did
	case errors.Is(err, errTimedOut):
		passed, msg = false, fmt.Sprintf("timed out: still running at the time limit of one exercise, %v", g.limits.Run)
	case err != nil && passed:
		passed, msg = false, fmt.Sprintf("the results were right but the process ended with %v", err)
	case !passed && strings.Contains(msg, "no result"):
		if crash := crashLine(out.Bytes()); crash != "" {
			msg += "; the process: " + crash
		} else if err != nil {
			msg += fmt.Sprintf("; the process ended with %v", err)
		}
	}
	if !passed && limited && strings.Contains(msg, "out of memory") {
		msg += fmt.Sprintf(" (the limit is %d MiB of address space)", g.limits.Memory>>20)
	}
	t.result.Passed = passed
	t.result.Message = msg
	if passed {
		t.result.Points = t.result.MaxPoints
	}
	return nil
}

// runGrader runs the test binary bin in the folder dir with request on
// its standard input, sending what it prints to out, within the limits of
// one exercise, in a sandbox (package internal/sandbox) where the system
// offers one: only dir in reach, read-only, no network, everything it
// starts killed with it. It is the one place where grading runs the
// student's code. It reports whether a memory limit applied, and the
// error of the run: errTimedOut if the time limit ended it.
func (g *grading) runGrader(bin, dir, request string, out io.Writer) (bool, error) {
	ctx, cancel := context.WithTimeout(g.ctx, g.limits.Run)
	defer cancel()
	spec := sandbox.Spec{Dir: dir, Path: bin, Env: graderEnv, Stdin: strings.NewReader(request),
		Stdout: out, Stderr: out, Memory: g.limits.Memory}
	c, err := sandbox.Command(ctx, spec)
	if err == nil {
		err = c.Start()
	}
	if errors.Is(err, sandbox.ErrSetup) || errors.Is(err, sandbox.ErrDynamic) {
		// The system offered namespaces but this run could not have
		// them: grade unisolated, and say so.
		spec.Unisolated, spec.Stdin = true, strings.NewReader(request)
		why := err.Error()
		if c, err = sandbox.Command(ctx, spec); err == nil {
			c.Isolation.Reason = why
			err = c.Start()
		}
	}
	if err != nil {
		return false, fmt.Errorf("course: could not start the graders: %w", err)
	}
	g.isolation = append(g.isolation, c.Isolation)
	err = c.Wait()
	if ctx.Err() == context.DeadlineExceeded && g.ctx.Err() == nil {
		err = errTimedOut
	}
	return g.limits.Memory > 0 && memoryLimited, err
}

// graderEnv is the whole environment of the student's code: nothing of
// the grader's own (which may hold names, paths and tokens that a panic
// message would carry into the grades).
var graderEnv = []string{"GOTRACEBACK=single"}

// crashLine returns the first line of out that says why a Go program
// stopped: a panic the harness did not catch, or a fatal error.
func crashLine(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			if i := strings.Index(l, " [recovered"); i >= 0 {
				l = l[:i]
			}
			return shorten(l, 300)
		}
	}
	return ""
}

// newSeed returns a seed for one run, from the system's source of
// randomness: a student's code cannot know it before the run starts.
func newSeed() (uint64, error) {
	var b [8]byte
	if _, err := cryptorand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("course: %w", err)
	}
	return binary.LittleEndian.Uint64(b[:]), nil
}

// isolationOf sums up how the runs of one copy were isolated: "isolated"
// if all were, else the first reason one was not; "" if nothing ran.
func isolationOf(runs []sandbox.Isolation) string {
	for _, iso := range runs {
		if !iso.Isolated {
			return iso.String()
		}
	}
	if len(runs) == 0 {
		return ""
	}
	return "isolated"
}

// isExit reports whether err is the exit status of a process that ran.
func isExit(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee)
}
