package sandbox_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bottleneck/internal/sandbox"
)

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
