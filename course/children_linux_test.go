package course

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGradeKillsChildren grades a copy whose code starts a process that
// would outlive the grading (sleep 60): it is killed when the graders'
// process ends, whether it holds the output open or not, and the exercise
// is graded as if it were not there.
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
			pidFile := filepath.Join(t.TempDir(), "pid")
			writeFile(t, dir, "nn/child.go", fmt.Sprintf(`package nn

import (
	"os"
	"os/exec"
	"strconv"
)

func init() {
	c := exec.Command("sleep", "60")
	c.Stdout = %s
	if err := c.Start(); err != nil {
		panic(err)
	}
	os.WriteFile(%q, []byte(strconv.Itoa(c.Process.Pid)), 0o644)
}
`, tc.output, pidFile))
			got := oneExercise(t, dir, "sgd-momentum", DefaultLimits())
			b, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatalf("the child did not start: %v (grade: %+v)", err, got)
			}
			pid, err := strconv.Atoi(string(b))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if sleeping(pid) {
					syscall.Kill(pid, syscall.SIGKILL)
				}
			})
			if !got.Passed {
				t.Errorf("sgd-momentum answered as in the reference: %+v, want it passed", got)
			}
			// SIGKILL ends the child at once, but not within the call to
			// kill: give it a few seconds, a tenth of its sleep.
			for end := time.Now().Add(6 * time.Second); sleeping(pid) && time.Now().Before(end); {
				time.Sleep(50 * time.Millisecond)
			}
			if sleeping(pid) {
				t.Errorf("the child %d that the student's code started is still running after grading", pid)
			}
		})
	}
}

// sleeping reports whether process pid is a sleep that has not ended (a
// zombie has ended: it waits only for its parent to collect it).
func sleeping(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	// pid (comm) state ...
	_, rest, _ := bytes.Cut(stat, []byte(") "))
	return strings.Contains(string(stat), "(sleep)") && len(rest) > 0 && rest[0] != 'Z'
}
