package course

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestBuildTimeoutNotRetried: when a package's build runs out of time, its
// exercises are not built again one by one, each of which would take as
// long; every one of them says the build took too long. (A copy whose
// build stalls, on a huge generated file say, would otherwise cost the
// class the build's time limit once per exercise: ten minutes each.)
func TestBuildTimeoutNotRetried(t *testing.T) {
	dir := writeModule(t, map[string]string{"nn/linear.go": "package nn\n"})
	limits := DefaultLimits()
	limits.Build = time.Nanosecond // every build runs out of time at once
	g := &grading{ctx: context.Background(), dir: dir, tmp: t.TempDir(), limits: limits}
	var tasks []*task
	for _, name := range []string{"linear-forward", "linear-backward", "tied-gradient"} {
		gr, ok := graderFor(name)
		if !ok {
			t.Fatalf("no grader for %s", name)
		}
		tasks = append(tasks, &task{grader: &gr, result: ExerciseResult{Name: name, MaxPoints: gr.Points}})
	}
	if err := g.gradePackage("nn", tasks); err != nil {
		t.Fatal(err)
	}
	if g.builds != 1 {
		t.Errorf("%d builds, want 1: a build that ran out of time was retried exercise by exercise", g.builds)
	}
	for _, tk := range tasks {
		if !strings.Contains(tk.result.Message, "the build took longer than") {
			t.Errorf("%s: %q, want the build's time limit", tk.result.Name, tk.result.Message)
		}
	}
}
