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

// TestGradeHarnessCompileError grades a copy whose student renamed a
// function the harness calls (nn.NewTiedLinear; package nn still
// compiles): the exercise fails, not compiling, and the message names the
// harness's file as it is in the module, not where grading keeps it.
func TestGradeHarnessCompileError(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "tied-gradient")
	b, err := os.ReadFile(filepath.Join(dir, "nn", "tied.go"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "nn/tied.go", strings.Replace(string(b), "func NewTiedLinear(", "func NewTied(", 1))
	got := oneExercise(t, dir, "tied-gradient", DefaultLimits())
	if got.Passed || !strings.HasPrefix(got.Message, "does not compile: course/probe/nn_linear.go:") || strings.Contains(got.Message, os.TempDir()) {
		t.Errorf("%+v, want it failed, not compiling, naming course/probe/nn_linear.go", got)
	}
}

// TestGradeEnvironment grades a copy whose code panics with its whole
// environment: the message, which goes into the grades, holds none of the
// grader's own environment.
func TestGradeEnvironment(t *testing.T) {
	root := reference(t)
	t.Setenv("BOTTLENECK_GRADER_SECRET", "s3cret")
	dir := copyOf(t, root, "linear-forward")
	writeFile(t, dir, "nn/zz_env.go", "package nn\n\nimport (\n\t\"os\"\n\t\"strings\"\n)\n\nfunc envText() string { return \"env: \" + strings.Join(os.Environ(), \" \") }\n")
	fill(t, root, dir, "linear-forward", "_ = y\npanic(envText())")
	got := oneExercise(t, dir, "linear-forward", DefaultLimits())
	if got.Passed || !strings.Contains(got.Message, "panic: env: GOTRACEBACK=single") || strings.Contains(got.Message, "s3cret") {
		t.Errorf("%+v, want it failed on the panic, with no environment of the grader's", got)
	}
}
