package course

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestGradeKillsChildren grades a copy whose code starts a process that
// would outlive the grading (its own test binary again, told to sleep a
// minute; in the sandbox nothing else is there to start): it is killed
// when the graders' process ends, whether it holds the output open or
// not, and the exercise is graded as if it were not there. The child is
// found by a marker on its command line, in this system's /proc.
func TestGradeKillsChildren(t *testing.T) {
	root := reference(t)
	for _, tc := range []struct {
		name   string
		output string // what the child's output is
	}{
		{"output elsewhere", "nil"},
		{"holding the output", "os.Stdout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyOf(t, root, "sgd-momentum")
			fill(t, root, dir, "sgd-momentum", "")
			marker := fmt.Sprintf("bottleneck-child-%d-%d", os.Getpid(), time.Now().UnixNano())
			writeFile(t, dir, "nn/child.go", fmt.Sprintf(`package nn

import (
	"os"
	"os/exec"
	"time"
)

func init() {
	if len(os.Args) > 1 && os.Args[1] == %q {
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	c := exec.Command(os.Args[0], %q)
	c.Stdout = %s
	if err := c.Start(); err != nil {
		panic(err)
	}
	time.Sleep(300 * time.Millisecond) // for the test to see it
}
`, marker, marker, tc.output))
			done := make(chan ExerciseResult)
			go func() { done <- oneExercise(t, dir, "sgd-momentum", DefaultLimits()) }()
			var seen []int
			var got ExerciseResult
		watch:
			for {
				select {
				case got = <-done:
					break watch
				case <-time.After(20 * time.Millisecond):
					for _, pid := range withMarker(marker) {
						if !slices.Contains(seen, pid) {
							seen = append(seen, pid)
						}
					}
				}
			}
			t.Cleanup(func() {
				for _, pid := range withMarker(marker) {
					syscall.Kill(pid, syscall.SIGKILL)
				}
			})
			if len(seen) == 0 {
				t.Fatalf("the child did not start (grade: %+v)", got)
			}
			if !got.Passed {
				t.Errorf("sgd-momentum answered as in the reference: %+v, want it passed", got)
			}
			// SIGKILL ends the child at once, but not within the call to
			// kill: give it a few seconds, a tenth of its sleep.
			for end := time.Now().Add(6 * time.Second); len(withMarker(marker)) > 0 && time.Now().Before(end); {
				time.Sleep(50 * time.Millisecond)
			}
			if left := withMarker(marker); len(left) > 0 {
				t.Errorf("the children %v that the student's code started are still running after grading", left)
			}
		})
	}
}

// withMarker returns the processes, not ended, whose command line holds
// marker.
func withMarker(marker string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte(marker)) {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if _, rest, _ := bytes.Cut(stat, []byte(") ")); err == nil && len(rest) > 0 && rest[0] != 'Z' {
			pids = append(pids, pid)
		}
	}
	return pids
}
