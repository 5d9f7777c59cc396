package sandbox_test

import (
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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

// skipUnlessIsolated skips a test of isolation where there is none.
func skipUnlessIsolated(t *testing.T, unisolated bool) {
	t.Helper()
	if ok, why := sandbox.Available(); !ok && !unisolated {
		t.Skip("no isolation here: " + why)
	}
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
	if errors.Is(err, sandbox.ErrDynamic) {
		t.Skip("this test binary is dynamically linked (as -race makes it), and cannot run isolated")
	}
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

// TestGradersFolderOutOfReach: the student's code looks for a file of the
// grader's working folder through /proc/<parent>/cwd, by its path, and
// through every process's cwd and root.
func TestGradersFolderOutOfReach(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			secret := t.TempDir()
			if err := os.WriteFile(filepath.Join(secret, "secret.txt"), []byte("the solutions"), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Chdir(secret) // the grader's working folder
			r := studentRun{what: "cwd", arg: secret, spec: sandbox.Spec{Dir: t.TempDir(), Unisolated: m.unisolated}}
			out, err := r.run(t)
			checkGot(t, out, err, m.unisolated)
		})
	}
}

// TestWriteOutside: the student's code writes a file outside its folder,
// and one in its folder, which is read-only unless Writable.
func TestWriteOutside(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		unisolated, writable bool
		wantOutside, wantOwn bool
	}{
		{"isolated read-only", false, false, false, false},
		{"isolated writable", false, true, false, true},
		{"unisolated", true, false, true, true}, // Writable means nothing then
	} {
		t.Run(tc.name, func(t *testing.T) {
			skipUnlessIsolated(t, tc.unisolated)
			dir := t.TempDir()
			outside := filepath.Join(t.TempDir(), "outside.txt")
			r := studentRun{what: "write", arg: outside, spec: sandbox.Spec{Dir: dir, Writable: tc.writable, Unisolated: tc.unisolated}}
			out, err := r.run(t)
			if err != nil || !strings.HasSuffix(out, "DONE\n") {
				t.Fatalf("the student did not finish (%v):\n%s", err, out)
			}
			for _, f := range []struct {
				path string
				want bool
			}{{outside, tc.wantOutside}, {filepath.Join(dir, "own.txt"), tc.wantOwn}} {
				_, err := os.Stat(f.path)
				if got := err == nil; got != f.want {
					t.Errorf("%s written: %v, want %v; the student said:\n%s", f.path, got, f.want, out)
				}
			}
		})
	}
}

// TestRemountFails: the student's code, root of its user namespace, tries
// to remount its read-only folder writable and write to it.
func TestRemountFails(t *testing.T) {
	skipUnlessIsolated(t, false)
	dir := t.TempDir()
	out, err := studentRun{what: "remount", spec: sandbox.Spec{Dir: dir}}.run(t)
	checkGot(t, out, err, false)
	if _, err := os.Stat(filepath.Join(dir, "own.txt")); err == nil {
		t.Errorf("the student wrote into its read-only folder")
	}
}

// TestNoNestedUserNamespace: the student's code starts a process in a
// user namespace of its own, where it would have capabilities again.
func TestNoNestedUserNamespace(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			out, err := studentRun{what: "nest", spec: sandbox.Spec{Dir: t.TempDir(), Unisolated: m.unisolated}}.run(t)
			checkGot(t, out, err, m.unisolated)
		})
	}
}

// TestNoNetwork: the student's code connects to a listener the test opened
// on 127.0.0.1.
func TestNoNetwork(t *testing.T) {
	port := listen(t)
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			r := studentRun{what: "net", arg: strconv.Itoa(port), spec: sandbox.Spec{Dir: t.TempDir(), Unisolated: m.unisolated}}
			out, err := r.run(t)
			checkGot(t, out, err, m.unisolated)
		})
	}
}

// listen opens a TCP listener on 127.0.0.1 for the length of the test and
// returns its port. (By syscall: the net package would link the test
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
	return sa.(*syscall.SockaddrInet4).Port
}

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

// TestExitStatus: the program's exit status comes through the init; a
// signal that killed it comes as 128 plus its number, as in a shell.
func TestExitStatus(t *testing.T) {
	for _, m := range modes {
		for _, tc := range []struct {
			what string
			want int
		}{
			{"hello", 0},
			{"exit7", 7},
			{"selfkill", 128 + int(syscall.SIGKILL)},
		} {
			t.Run(m.name+"/"+tc.what, func(t *testing.T) {
				skipUnlessIsolated(t, m.unisolated)
				out, err := studentRun{what: tc.what, spec: sandbox.Spec{Dir: t.TempDir(), Unisolated: m.unisolated}}.run(t)
				got := 0
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					got = exit.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				if got != tc.want {
					t.Errorf("exit status %d, want %d; the student said:\n%s", got, tc.want, out)
				}
			})
		}
	}
}

// TestMemoryLimit: with a limit of 2 GiB of address space, the student's
// code can neither raise it nor take 3 GiB; without one it takes them
// (address space only: the pages are never touched).
func TestMemoryLimit(t *testing.T) {
	for _, m := range modes {
		for _, tc := range []struct {
			name   string
			memory int64
		}{
			{"limited", 2 << 30},
			{"unlimited", 0},
		} {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				skipUnlessIsolated(t, m.unisolated)
				r := studentRun{what: "memory", spec: sandbox.Spec{Dir: t.TempDir(), Memory: tc.memory, Unisolated: m.unisolated}}
				out, err := r.run(t)
				if tc.memory == 0 {
					checkGot(t, out, err, true)
					return
				}
				// The runtime's "fatal error: runtime: out of memory", or
				// under -race "fatal error: too many address space
				// collisions".
				if strings.Contains(out, "GOT") || !strings.Contains(out, "fatal error: ") || err == nil {
					t.Errorf("under a limit of %d GiB the student said (%v):\n%s\nwant no GOT and a fatal error", tc.memory>>30, err, out)
				}
			})
		}
	}
}

// TestDynamicRefused: a dynamically linked program cannot run isolated,
// where no library is visible: Command says so at once.
func TestDynamicRefused(t *testing.T) {
	skipUnlessIsolated(t, false)
	var prog string
	for _, p := range []string{"/bin/true", "/usr/bin/true", "/bin/sh"} {
		if f, err := elf.Open(p); err == nil {
			for _, ph := range f.Progs {
				if ph.Type == elf.PT_INTERP {
					prog = p
				}
			}
			f.Close()
		}
		if prog != "" {
			break
		}
	}
	if prog == "" {
		t.Skip("no dynamically linked program found to try")
	}
	_, err := sandbox.Command(context.Background(), sandbox.Spec{Dir: t.TempDir(), Path: prog})
	if !errors.Is(err, sandbox.ErrDynamic) {
		t.Errorf("Command(%s): %v, want ErrDynamic", prog, err)
	}
}

// TestSetupError: a program that cannot be started (a file that is not
// executable) makes Start fail with ErrSetup, isolated or not.
func TestSetupError(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			skipUnlessIsolated(t, m.unisolated)
			dir := t.TempDir()
			prog := filepath.Join(dir, "prog")
			if err := os.WriteFile(prog, []byte("not a program"), 0o644); err != nil {
				t.Fatal(err)
			}
			c, err := sandbox.Command(context.Background(), sandbox.Spec{Dir: dir, Path: prog, Unisolated: m.unisolated})
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Run(); !errors.Is(err, sandbox.ErrSetup) {
				t.Errorf("Run: %v, want ErrSetup", err)
			}
		})
	}
}

// TestOnlyTheFolderInReach: isolated, the student's code sees no path but
// its folder, the program, four devices, /tmp and (for an unprivileged
// caller) a /proc holding only its own processes.
func TestOnlyTheFolderInReach(t *testing.T) {
	skipUnlessIsolated(t, false)
	dir := t.TempDir()
	for _, f := range []string{"a.go", "sub/b.go"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"/": true}
	for _, p := range []string{"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/tmp",
		dir + "/a.go", dir + "/sub/b.go", exe} {
		for ; p != "/"; p = filepath.Dir(p) {
			want[p] = true
		}
	}
	if os.Geteuid() != 0 {
		want["/proc"] = true
	}
	out, err := studentRun{what: "list", spec: sandbox.Spec{Dir: dir}}.run(t)
	checkGot(t, out, err, false)
	var procs []string
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "PATH "):
			p := strings.TrimPrefix(l, "PATH ")
			if !want[p] {
				t.Errorf("in reach: %s", p)
			}
			delete(want, p)
		case strings.HasPrefix(l, "PROC "):
			procs = append(procs, strings.TrimPrefix(l, "PROC "))
		}
	}
	for p := range want {
		t.Errorf("not in reach: %s", p)
	}
	// The init (process 1) and the student; an unprivileged caller only.
	if os.Geteuid() != 0 && (len(procs) != 2 || procs[0] != "1") {
		t.Errorf("processes in /proc: %v, want the init (1) and the student", procs)
	}
}

// TestUnavailable: where user namespaces are turned off, Available says
// so and why, and Command still runs the program, unisolated. The test
// turns them off in a user namespace of its own (the sysctl there is that
// namespace's), where it runs the student's behaviour "unavailable".
func TestUnavailable(t *testing.T) {
	skipUnlessIsolated(t, false)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), studentEnv+"=unavailable", argEnv+"="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}},
	}
	b, err := cmd.CombinedOutput()
	out := string(b)
	checkGot(t, out, err, false)
	for _, want := range []string{
		"AVAILABLE false user namespaces are turned off (sysctl user.max_user_namespaces = 0)\n",
		`RAN unisolated: user namespaces are turned off (sysctl user.max_user_namespaces = 0) <nil> "hello from the sandbox\nDONE\n"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the run said:\n%s\nwant a line %q", out, want)
		}
	}
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
			grader := exec.Command(exe)
			grader.Env = append(os.Environ(), studentEnv+"=grader", argEnv+"="+arg,
				tokenEnv+"="+token, sleepEnv+"="+sleep.String())
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
		})
	}
}
