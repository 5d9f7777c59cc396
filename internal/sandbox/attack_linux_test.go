package sandbox_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
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

// attack does what student's code might to get out of the sandbox, and
// says what it got (see student). It returns an exit status and false to
// end there, or true when it did all it tried.
func attack(what, arg string) (int, bool) {
	switch what {
	case "selfkill":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute) // not reached: SIGKILL is not delayed
	case "cwd":
		// The known attack: the grader's folder through the parent's
		// working directory, then by its path, then through every process.
		paths := []string{fmt.Sprintf("/proc/%d/cwd/secret.txt", os.Getppid()), arg + "/secret.txt"}
		if ents, err := os.ReadDir("/proc"); err == nil {
			for _, e := range ents {
				if _, err := strconv.Atoi(e.Name()); err == nil {
					paths = append(paths, "/proc/"+e.Name()+"/cwd/secret.txt", "/proc/"+e.Name()+"/root"+arg+"/secret.txt")
				}
			}
		}
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				fmt.Printf("GOT %s: %q\n", p, b)
			}
		}
	case "list":
		// Every path in reach, one a line ("PATH /dev/null"), /proc's
		// processes only by number ("PROC 1").
		filepath.WalkDir("/", func(path string, d fs.DirEntry, err error) error {
			if path == "/proc" && err == nil {
				ents, _ := os.ReadDir("/proc")
				for _, e := range ents {
					if _, err := strconv.Atoi(e.Name()); err == nil {
						fmt.Println("PROC", e.Name())
					}
				}
				fmt.Println("PATH", path)
				return fs.SkipDir
			}
			fmt.Println("PATH", path)
			return nil
		})
	case "unavailable":
		// In a user namespace of its own (see TestUnavailable), turn user
		// namespaces off there, then run a program as a grader would.
		if err := os.WriteFile("/proc/sys/user/max_user_namespaces", []byte("0"), 0o644); err != nil {
			fmt.Println("cannot turn user namespaces off:", err)
			return 1, false
		}
		ok, why := sandbox.Available()
		fmt.Printf("AVAILABLE %v %s\n", ok, why)
		var out bytes.Buffer
		env := append(os.Environ(), studentEnv+"=hello")
		c, err := sandbox.Command(context.Background(), sandbox.Spec{Dir: arg, Path: os.Args[0], Env: env, Stdout: &out})
		if err != nil {
			fmt.Println(err)
			return 1, false
		}
		err = c.Run()
		fmt.Printf("RAN %v %v %q\n", c.Isolation, err, out.String())
	case "nest":
		// A user namespace of its own, where it would have capabilities.
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), studentEnv+"=hello")
		c.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER}
		if err := c.Run(); err == nil {
			fmt.Println("GOT a user namespace")
		}
	case "grader":
		// A grader that runs the student's "setsid-block" in a sandbox
		// (unisolated if arg says so), passing on what it prints, until
		// TestCallerDies kills it.
		late, unisolated := strings.CutSuffix(arg, " unisolated")
		env := append(os.Environ(), studentEnv+"=setsid-block", argEnv+"="+late)
		c, err := sandbox.Command(context.Background(), sandbox.Spec{Dir: filepath.Dir(late), Writable: true,
			Path: os.Args[0], Env: env, Stdout: os.Stdout, Stderr: os.Stderr, Unisolated: unisolated})
		if err != nil {
			fmt.Println(err)
			return 1, false
		}
		fmt.Println(c.Run())
	case "write":
		// arg is a path outside the program's folder, and "own.txt" one in
		// it; printing what was written.
		for _, p := range []string{arg, "own.txt"} {
			if err := os.WriteFile(p, []byte("written by the student"), 0o644); err == nil {
				fmt.Println("GOT a write to", p)
			}
		}
	case "remount":
		// Undo a read-only folder: remount it writable, then write.
		dir, _ := os.Getwd()
		if err := syscall.Mount("", dir, "", syscall.MS_BIND|syscall.MS_REMOUNT, ""); err == nil {
			fmt.Println("GOT a remount")
		}
		if err := os.WriteFile("own.txt", []byte("written by the student"), 0o644); err == nil {
			fmt.Println("GOT a write to own.txt")
		}
	case "net":
		// arg is the port of a listener on 127.0.0.1 outside. (Sockets by
		// syscall: the net package would link this binary dynamically.)
		port, _ := strconv.Atoi(arg)
		fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
		if err == nil {
			err = syscall.Connect(fd, &syscall.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
			if err == nil {
				fmt.Println("GOT a connection to port", port)
			}
			syscall.Close(fd)
		}
	case "memory":
		// Raise the limit on address space, then take 3 GiB of it (not
		// touched: only the limit stops it, not the machine's memory).
		lim := syscall.Rlimit{Cur: ^uint64(0), Max: ^uint64(0)}
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err == nil {
			fmt.Println("GOT the limit raised")
		}
		var size int64 = 3 << 30 // a variable, so that 32-bit vet accepts it
		b := make([]byte, size)
		fmt.Println("GOT", len(b)>>30, "GiB")
	case "setsid", "setsid-block":
		// Start a process in a session of its own that outlives this one,
		// sleeps, then writes arg (a file in the program's folder, seen by
		// the test outside); "setsid-block" then blocks, for a time limit
		// to end it.
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), studentEnv+"=sleeper")
		c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := c.Start(); err != nil {
			fmt.Println("cannot start the sleeper:", err)
			return 1, false
		}
		fmt.Println("STARTED")
		if what == "setsid-block" {
			time.Sleep(time.Hour)
		}
	case "child":
		// The same in this process group: the fallback kills it.
		c := exec.Command(os.Args[0])
		c.Env = append(os.Environ(), studentEnv+"=sleeper")
		if err := c.Start(); err != nil {
			fmt.Println("cannot start the sleeper:", err)
			return 1, false
		}
		fmt.Println("STARTED")
	case "sleeper":
		d, err := time.ParseDuration(os.Getenv(sleepEnv))
		if err != nil {
			return 1, false
		}
		time.Sleep(d)
		os.WriteFile(arg, []byte("the sleeper survived"), 0o644)
		return 0, false
	default:
		fmt.Println("no such behaviour:", what)
		return 1, false
	}
	return 0, true
}

// survivors returns the process ids of the processes that carry token in
// their environment: those a test started and that still run.
func survivors(t *testing.T, token string) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil || !strings.Contains(string(env), tokenEnv+"="+token+"\x00") {
			continue
		}
		if stat, err := os.ReadFile("/proc/" + e.Name() + "/stat"); err == nil && zombie(string(stat)) {
			continue // ended: it waits only for its parent to collect it
		}
		pids = append(pids, pid)
	}
	return pids
}

// zombie reports whether a /proc/<pid>/stat line is a zombie's: its state,
// after the command in parentheses, is Z.
func zombie(stat string) bool {
	i := strings.LastIndexByte(stat, ')')
	return i >= 0 && strings.HasPrefix(stat[i+1:], " Z")
}
