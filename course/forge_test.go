package course

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/course/probe"
)

// TestGradeForgedOutput grades blank copies of linear-forward with an
// extra file in package nn that prints what a passing run prints and ends
// the process with status 0: the old test runner's passing lines, or the
// harness's own lines with the right results for another seed (as a
// student could save them from a run of the reference), printed before
// the harness runs (from init), while it runs (from a goroutine), or from
// the exercise's own code, ending through os.Exit or syscall.Exit. Every
// one must score 0: a grade comes from results that grade checks itself.
func TestGradeForgedOutput(t *testing.T) {
	root := reference(t)
	var saved bytes.Buffer
	probe.Run(strings.NewReader("linear-forward 12345\n"), &saved)
	savedFile := filepath.Join(t.TempDir(), "saved.txt")
	if err := os.WriteFile(savedFile, saved.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	oldPass := `=== RUN   TestGradeLinearForward\n--- PASS: TestGradeLinearForward (0.00s)\nPASS\n`
	for _, c := range []struct{ name, file, region string }{
		{"old passing lines from init, os.Exit", `package nn

import (
	"fmt"
	"os"
)

func init() {
	fmt.Print("` + oldPass + `")
	os.Exit(0)
}
`, ""},
		{"saved results from init, os.Exit", `package nn

import "os"

func init() {
	b, _ := os.ReadFile(` + "`" + savedFile + "`" + `)
	os.Stdout.Write(b)
	os.Exit(0)
}
`, ""},
		{"saved results from a goroutine, syscall.Exit", `package nn

import (
	"os"
	"syscall"
	"time"
)

func init() {
	go func() {
		time.Sleep(20 * time.Millisecond)
		b, _ := os.ReadFile(` + "`" + savedFile + "`" + `)
		os.Stdout.Write(b)
		syscall.Exit(0)
	}()
}
`, ""},
		{"saved results from the exercise's code, syscall.Exit", "", "_ = y\nforged()\npanic(\"unreachable\")"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyOf(t, root, "linear-forward")
			if c.file != "" {
				writeFile(t, dir, "nn/zz_forge.go", c.file)
			}
			if c.region != "" {
				writeFile(t, dir, "nn/zz_forge.go", `package nn

import (
	"os"
	"syscall"
)

func forged() {
	b, _ := os.ReadFile(`+"`"+savedFile+"`"+`)
	os.Stdout.Write(b)
	syscall.Exit(0)
}
`)
				fill(t, root, dir, "linear-forward", c.region)
			}
			got := oneExercise(t, dir, "linear-forward", DefaultLimits())
			if got.Passed || got.Points != 0 || strings.HasPrefix(got.Message, "does not compile") {
				t.Errorf("%+v, want it failed (and compiled)", got)
			}
			t.Logf("%s", got.Message)
		})
	}
}
