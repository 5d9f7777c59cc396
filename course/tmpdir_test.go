package course

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestGradeLeavesNoBuildFolder: a build stopped by the time limit (here a
// rebuild of everything, -a, against a limit of 1.5 s) leaves no temporary
// folder of the go command behind; a killed go command used to leave its
// go-build folder in the system's temporary folder.
func TestGradeLeavesNoBuildFolder(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "sgd-momentum")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the go command and run make their folders
	t.Setenv("GOTMPDIR", "")
	t.Setenv("GOFLAGS", "-a")
	limits := DefaultLimits()
	limits.Build = 1500 * time.Millisecond
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: limits, Only: []string{"sgd-momentum"}})
	if err != nil {
		t.Fatal(err)
	}
	if e := res.Exercises[0]; e.Passed || e.Message != "does not compile: the build took longer than 1.5s" {
		t.Fatalf("graded %+v; want the build stopped by the time limit", e)
	}
	names, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		t.Errorf("left behind in the temporary folder: %s", n.Name())
	}
}
