package sandbox_test

import (
	"bytes"
	"context"
	"debug/elf"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"bottleneck/internal/sandbox"
)

// Each attack runs twice: isolated, where it must get nothing, and
// unisolated, where it must get what it wants. The second run shows that
// the attack is real, so that its failure in the first means something.
var modes = []struct {
	name       string
	unisolated bool
}{
	{"isolated", false},
	{"unisolated", true},
}

// skipUnlessIsolated skips a test of isolation, unless unisolated, where
// there is none, or where this test binary, the student, cannot run
// isolated (-race links it dynamically).
func skipUnlessIsolated(t *testing.T, unisolated bool) {
	t.Helper()
	if unisolated {
		return
	}
	if ok, why := sandbox.Available(); !ok {
		t.Skip("no isolation here: " + why)
	}
	if exe, err := os.Executable(); err == nil && isDynamic(exe) {
		t.Skip("this test binary is dynamically linked (as -race makes it), and cannot run isolated")
	}
}

// isDynamic reports whether the executable at path asks for a dynamic
// linker.
func isDynamic(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

// studentRun is one run of the student program, as a test describes it.
type studentRun struct {
	what, arg string
	spec      sandbox.Spec // Dir, Writable, Memory, Unisolated; the rest is filled in
	sleep     time.Duration
	token     string
}

// start starts the run of the student's behaviour what and returns its Cmd
// and its standard output, to read once it has ended.
func (r studentRun) start(t *testing.T, ctx context.Context) (*sandbox.Cmd, *bytes.Buffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	spec := r.spec
	spec.Path = exe
	spec.Env = append(os.Environ(), studentEnv+"="+r.what, argEnv+"="+r.arg,
		tokenEnv+"="+r.token, sleepEnv+"="+r.sleep.String())
	var out bytes.Buffer
	spec.Stdout = &out
	spec.Stderr = &out
	c, err := sandbox.Command(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Isolation.Isolated, !spec.Unisolated; got != want {
		t.Fatalf("Isolation %v, want isolated %v", c.Isolation, want)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	return c, &out
}

// run runs it to its end and returns what it printed and its error.
func (r studentRun) run(t *testing.T) (string, error) {
	t.Helper()
	c, out := r.start(t, context.Background())
	err := c.Wait()
	return out.String(), err
}

// checkGot checks that a student's output ends with DONE, so that it got
// through its attack, and has a line "GOT" if and only if want.
func checkGot(t *testing.T, out string, err error, want bool) {
	t.Helper()
	if err != nil || !strings.HasSuffix(out, "DONE\n") {
		t.Fatalf("the student did not finish its attack (%v):\n%s", err, out)
	}
	if got := strings.Contains(out, "GOT"); got != want {
		t.Errorf("got something: %v, want %v; the student said:\n%s", got, want, out)
	}
}

// checkSurvivors checks, once a student's run has ended, whether processes
// marked with token still run (want: wantAlive), and, if none should,
// that the file late does not appear after they would have written it.
// It kills those it finds. grace is how long a SIGKILL that was sent, not
// awaited, may take to end them: they are looked for until then if none
// should live, and only then if some should (so that those found are not
// merely dying). With grace 0 none may be found at all.
func checkSurvivors(t *testing.T, token, late string, sleep, grace time.Duration, wantAlive bool) {
	t.Helper()
	if wantAlive {
		time.Sleep(grace)
	}
	pids := survivors(t, token)
	for end := time.Now().Add(grace); !wantAlive && len(pids) > 0 && time.Now().Before(end); {
		time.Sleep(50 * time.Millisecond)
		pids = survivors(t, token)
	}
	for _, pid := range pids {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	if got := len(pids) > 0; got != wantAlive {
		t.Fatalf("processes left running after the run: %v, want any: %v", pids, wantAlive)
	}
	if wantAlive {
		return
	}
	time.Sleep(sleep + time.Second) // a second to spare for a busy machine
	if b, err := os.ReadFile(late); err == nil {
		t.Errorf("a process of the student's survived the run and wrote %s: %q", late, b)
	}
}

// listen opens a TCP listener on 127.0.0.1 for the length of the test and
// returns its port, or skips the test where loopback is down. (By syscall: the net package would link the test
// binary dynamically, and the sandbox runs only static programs.)
func listen(t *testing.T) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 8); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	port := sa.(*syscall.SockaddrInet4).Port
	// A machine cut off from every network (unshare -n) has loopback down:
	// then not even this process reaches its own listener, the unisolated
	// attack fails as the isolated one does, and the test shows nothing.
	if err := dialLoopback(port); err != nil {
		t.Skipf("no loopback network here (connect to 127.0.0.1:%d: %v): this test needs a listener the unisolated student can reach", port, err)
	}
	return port
}

// dialLoopback connects to port on 127.0.0.1 and closes the connection.
func dialLoopback(port int) error {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	return syscall.Connect(fd, &syscall.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
}
