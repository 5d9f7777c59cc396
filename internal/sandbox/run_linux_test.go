package sandbox_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"bottleneck/internal/sandbox"
)

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
	if ok, why := sandbox.Available(); !ok {
		t.Skip("no isolation here: " + why)
	}
	var prog string
	for _, p := range []string{"/bin/true", "/usr/bin/true", "/bin/sh"} {
		if isDynamic(p) {
			prog = p
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

// TestUnavailable: where user namespaces are turned off, Available says
// so and why, and Command still runs the program, unisolated. The test
// turns them off in a user namespace of its own (the sysctl there is that
// namespace's), where it runs the student's behaviour "unavailable".
func TestUnavailable(t *testing.T) {
	if ok, why := sandbox.Available(); !ok {
		t.Skip("no user namespaces here to turn off: " + why)
	}
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
