package sandbox_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bottleneck/internal/sandbox"
)

// TestNoSurvivor: the student's code starts a process in a session of its
// own that sleeps, then writes a file in the student's folder (writable),
// and ends. Isolated, nothing is left when Wait returns and the file never
// appears; unisolated, the process survives its process group.
func TestNoSurvivor(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			dir := t.TempDir()
			late := filepath.Join(dir, "late.txt")
			token := fmt.Sprint(time.Now().UnixNano())
			// 2 s: long enough to look for the sleeper before it wakes,
			// short enough to wait for it.
			const sleep = 2 * time.Second
			r := studentRun{what: "setsid", arg: late, token: token, sleep: sleep,
				spec: sandbox.Spec{Dir: dir, Writable: true, Unisolated: m.unisolated}}
			out, err := r.run(t)
			if err != nil || !strings.Contains(out, "STARTED") {
				t.Fatalf("the student did not start its sleeper (%v):\n%s", err, out)
			}
			checkSurvivors(t, token, late, sleep, 0, m.unisolated)
		})
	}
}

// TestTimeoutKillsAll: the student's code starts a process in a session of
// its own and blocks; the context's deadline ends the run, and with it
// everything (isolated), or its process group only (unisolated).
func TestTimeoutKillsAll(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			dir := t.TempDir()
			late := filepath.Join(dir, "late.txt")
			token := fmt.Sprint(time.Now().UnixNano())
			// The deadline comes 3 s after the start, the sleeper's write
			// 5 s after its own: 2 s to spare for a busy machine.
			const limit, sleep = 3 * time.Second, 5 * time.Second
			ctx, cancel := context.WithTimeout(context.Background(), limit)
			defer cancel()
			r := studentRun{what: "setsid-block", arg: late, token: token, sleep: sleep,
				spec: sandbox.Spec{Dir: dir, Writable: true, Unisolated: m.unisolated}}
			c, out := r.start(t, ctx)
			err := c.Wait()
			if ctx.Err() != context.DeadlineExceeded || err == nil {
				t.Fatalf("Wait: %v with the context %v, want an error after the deadline; the student said:\n%s", err, ctx.Err(), out)
			}
			if !strings.Contains(out.String(), "STARTED") {
				t.Fatalf("the student did not start its sleeper within %v (busy machine?):\n%s", limit, out)
			}
			checkSurvivors(t, token, late, sleep-limit, 0, m.unisolated)
		})
	}
}

// TestFallbackKillsGroup: unisolated, a process that the student's code
// started in its own process group is killed when the run ends.
func TestFallbackKillsGroup(t *testing.T) {
	dir := t.TempDir()
	late := filepath.Join(dir, "late.txt")
	token := fmt.Sprint(time.Now().UnixNano())
	const sleep = 2 * time.Second // as in TestNoSurvivor
	r := studentRun{what: "child", arg: late, token: token, sleep: sleep,
		spec: sandbox.Spec{Dir: dir, Unisolated: true}}
	out, err := r.run(t)
	if err != nil || !strings.Contains(out, "STARTED") {
		t.Fatalf("the student did not start its sleeper (%v):\n%s", err, out)
	}
	checkSurvivors(t, token, late, sleep, sleep, false)
}

// TestCallerDies: a grader killed while its student's code runs takes the
// code with it: the init and the program get SIGKILL when their parent
// dies, and isolated, so does the process the code started in a session
// of its own (unisolated, that one survives).
func TestCallerDies(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			exe, err := os.Executable()
			if err != nil {
				t.Fatal(err)
			}
			late := filepath.Join(t.TempDir(), "late.txt")
			token := fmt.Sprint(time.Now().UnixNano())
			const sleep = 3 * time.Second // the sleeper's: time to kill the grader first
			arg := late
			if m.unisolated {
				arg += " unisolated"
			}
			tmp := t.TempDir() // the grader's, where it makes the mount point of the new root
			grader := exec.Command(exe)
			grader.Env = append(os.Environ(), studentEnv+"=grader", argEnv+"="+arg,
				tokenEnv+"="+token, sleepEnv+"="+sleep.String(), "TMPDIR="+tmp)
			stdout, err := grader.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := grader.Start(); err != nil {
				t.Fatal(err)
			}
			var said bytes.Buffer
			buf := make([]byte, 256)
			for !strings.Contains(said.String(), "STARTED") {
				n, err := stdout.Read(buf)
				said.Write(buf[:n])
				if err != nil {
					grader.Process.Kill()
					grader.Wait()
					t.Fatalf("the grader ended before its student started the sleeper (%v):\n%s", err, &said)
				}
			}
			grader.Process.Kill()
			grader.Wait()
			// The kernel sends the init its SIGKILL when the grader is
			// gone, not before kill returns: a second to see it done.
			checkSurvivors(t, token, late, sleep, time.Second, m.unisolated)
			// The grader could not clean up: the init removed the mount
			// point of the new root as soon as it was one no more.
			if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
				t.Errorf("left in the grader's temporary folder: %v (%v)", left, err)
			}
		})
	}
}
