package course

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

// GradeOptions says what Grade grades and how.
type GradeOptions struct {
	Dir    string // the copy (or the reference itself)
	Limits Limits // see DefaultLimits
	// Only names the exercises to grade; nil grades every exercise of the
	// copy's stamp, or every exercise there is a grader for when the
	// folder has no stamp (the reference).
	Only []string
}

// Grade grades the copy at opts.Dir and returns the result, whatever the
// score. It returns an error only when it could not grade at all: the
// folder is not a copy of this module (*NotCopyError), Only names an
// exercise that the copy does not have (*UnknownExerciseError), the go
// command is missing, or ctx was cancelled.
//
// Each package's graders are built once; if that fails, each exercise's
// grader is built alone, so that one exercise that does not compile costs
// only its own points (a package that does not compile costs all of its
// exercises, and no others).
func Grade(ctx context.Context, opts GradeOptions) (*Result, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	if err := checkModule(dir); err != nil {
		return nil, err
	}
	if opts.Limits.Build <= 0 || opts.Limits.Run <= 0 || opts.Limits.Memory < 0 {
		return nil, fmt.Errorf("course: Grade: limits %+v: times must be positive and memory not negative", opts.Limits)
	}
	if opts.Limits.Memory != 0 && opts.Limits.Memory < MinMemory {
		return nil, fmt.Errorf("course: Grade: a memory limit of %d MiB is below the %d MiB a Go test binary needs to run the graders; give 0 for none", opts.Limits.Memory>>20, MinMemory>>20)
	}
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("course: grading needs the go command: %w", err)
	}
	todo, res, err := planGrading(dir, opts.Only)
	if err != nil {
		return nil, err
	}
	if opts.Limits.Memory > 0 {
		if _, _, ok := withMemoryLimit(opts.Limits.Memory, "", nil); !ok {
			res.Notes = append(res.Notes, fmt.Sprintf("no memory limit on %s: the time limit alone stops a run-away exercise", runtime.GOOS))
		}
	}

	tmp, err := os.MkdirTemp("", "bottleneck-grade-")
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	defer os.RemoveAll(tmp)
	g := &grading{ctx: ctx, dir: dir, tmp: tmp, limits: opts.Limits}
	var pkgs []string
	for _, t := range todo {
		if t.grader != nil && !slices.Contains(pkgs, t.grader.Package) {
			pkgs = append(pkgs, t.grader.Package)
		}
	}
	for _, pkg := range pkgs {
		var in []*task
		for _, t := range todo {
			if t.grader != nil && t.grader.Package == pkg {
				in = append(in, t)
			}
		}
		if err := g.gradePackage(pkg, in); err != nil {
			return nil, err
		}
	}
	for _, t := range todo {
		res.add(t.result)
	}
	return res, nil
}

// task is one exercise to grade.
type task struct {
	grader *Grader // nil when there is none in this program
	result ExerciseResult
}

// planGrading returns the exercises to grade in dir, each with its grader
// and a result to fill in, and the result's notes so far.
func planGrading(dir string, only []string) ([]*task, *Result, error) {
	res := &Result{}
	type want struct {
		name   string
		points int    // from the stamp, for an exercise without a grader
		hash   string // the grader's hash in the stamp
	}
	var wants []want
	stamp, err := ReadStamp(dir)
	switch {
	case errors.Is(err, ErrNoStamp):
		what := "every exercise"
		if only != nil {
			what = "the exercises asked for"
		}
		res.Notes = append(res.Notes, fmt.Sprintf("no %s: not a student copy; grading %s", StampFile, what))
		for _, g := range graders {
			wants = append(wants, want{name: g.Exercise, points: g.Points, hash: g.Hash()})
		}
	case err != nil:
		return nil, nil, err
	default:
		res.Notes = append(res.Notes, "a copy of the reference at "+stamp.Reference.String())
		if only == nil && len(stamp.Exercises) < len(graders) {
			// Fewer than all is what a problem set lists, and what a
			// student who deleted exercises from it would list.
			res.Notes = append(res.Notes, fmt.Sprintf("graded the %d of the %d exercises that %s lists; a teacher who assigned others grades them with -only (the copy's %s can be edited)", len(stamp.Exercises), len(graders), StampFile, StampFile))
		}
		for _, e := range stamp.Exercises {
			wants = append(wants, want{name: e.Name, points: e.Points, hash: e.Grader})
		}
	}
	if only != nil {
		// The stamp is a file of the copy, which its owner can edit: the
		// exercises a teacher names with -only are graded whether or not
		// the stamp still lists them.
		for _, g := range graders {
			if !slices.ContainsFunc(wants, func(w want) bool { return w.name == g.Exercise }) {
				wants = append(wants, want{name: g.Exercise, points: g.Points, hash: g.Hash()})
			}
		}
		var valid, unknown []string
		for _, w := range wants {
			valid = append(valid, w.name)
		}
		for _, name := range only {
			if !slices.Contains(valid, name) {
				unknown = append(unknown, name)
			}
		}
		if unknown != nil {
			return nil, nil, &UnknownExerciseError{Unknown: unknown, Valid: valid}
		}
		wants = slices.DeleteFunc(wants, func(w want) bool { return !slices.Contains(only, w.name) })
	}
	var todo []*task
	var changed []string
	for _, w := range wants {
		t := &task{result: ExerciseResult{Name: w.name, MaxPoints: w.points}}
		if g, ok := graderFor(w.name); ok {
			t.grader = &g
			t.result.MaxPoints = g.Points
			if w.hash != g.Hash() {
				changed = append(changed, w.name)
			}
		} else {
			t.result.Message = "no grader for this exercise in this version of bottleneck"
		}
		todo = append(todo, t)
	}
	if changed != nil && stamp != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("the graders of %s changed since this copy was made; if they do not compile, grade with bottleneck as it was at %s", strings.Join(changed, ", "), stamp.Reference))
	}
	return todo, res, nil
}

// grading is the state of one call of Grade.
type grading struct {
	ctx    context.Context
	dir    string // the copy
	tmp    string // scratch space: overlays, graders, test binaries
	limits Limits
	builds int // the number of builds so far, to name their files
}

// gradePackage builds and runs the graders of the tasks, all in package
// pkg, filling in their results. It returns an error only if ctx ended.
func (g *grading) gradePackage(pkg string, tasks []*task) error {
	pkgDir := filepath.Join(g.dir, filepath.FromSlash(pkg))
	if info, err := os.Stat(pkgDir); err != nil || !info.IsDir() {
		for _, t := range tasks {
			t.result.Message = fmt.Sprintf("the copy has no package %s", pkg)
		}
		return nil
	}
	var all []Grader
	for _, t := range tasks {
		all = append(all, *t.grader)
	}
	bin, msg, err := g.build(pkg, all)
	if err != nil {
		return err
	}
	if bin == "" && len(tasks) > 1 {
		// Find which of them compile on their own.
		for _, t := range tasks {
			one, msg, err := g.build(pkg, []Grader{*t.grader})
			if err != nil {
				return err
			}
			if one == "" {
				t.result.Message = msg
				continue
			}
			if err := g.runTask(one, pkgDir, t); err != nil {
				return err
			}
		}
		return nil
	}
	for _, t := range tasks {
		if bin == "" {
			t.result.Message = msg
			continue
		}
		if err := g.runTask(bin, pkgDir, t); err != nil {
			return err
		}
	}
	return nil
}

// build compiles the tests of package pkg of the copy with the given
// graders in place of the copy's own test files. It returns the test
// binary, or "" and why it did not compile; an error only if ctx ended.
func (g *grading) build(pkg string, gs []Grader) (string, string, error) {
	g.builds++
	work := filepath.Join(g.tmp, fmt.Sprintf("build%d", g.builds))
	if err := os.Mkdir(work, 0o755); err != nil {
		return "", "", fmt.Errorf("course: %w", err)
	}
	overlayFile, err := writeOverlay(work, filepath.Join(g.dir, filepath.FromSlash(pkg)), gs)
	if err != nil {
		return "", "", err
	}
	bin := filepath.Join(work, "graders.test")
	var out bytes.Buffer
	err = run(g.ctx, g.limits.Build, g.dir, &limitedBuffer{buf: &out, max: 1 << 20}, "go", "test", "-c", "-o", bin,
		"-vet=off", "-trimpath", "-overlay", overlayFile, "./"+pkg)
	if e := g.ctx.Err(); e != nil {
		return "", "", fmt.Errorf("course: grading stopped: %w", e)
	}
	switch {
	case errors.Is(err, errTimedOut):
		return "", fmt.Sprintf("does not compile: the build took longer than %v", g.limits.Build), nil
	case err != nil:
		return "", "does not compile: " + firstCompileError(out.String()), nil
	}
	return bin, "", nil
}

// writeOverlay writes, into the folder work, the graders gs and an overlay
// for go build's -overlay that puts them into the package folder pkgDir in
// place of the test files there, and returns the overlay's path.
func writeOverlay(work, pkgDir string, gs []Grader) (string, error) {
	replace := map[string]string{}
	own, err := filepath.Glob(filepath.Join(pkgDir, "*_test.go"))
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	for _, f := range own {
		replace[f] = "" // the copy's own tests do not count
	}
	for _, gr := range gs {
		src, err := gr.sources()
		if err != nil {
			return "", err
		}
		for name, b := range src {
			backing := filepath.Join(work, name)
			if err := os.WriteFile(backing, b, 0o644); err != nil {
				return "", fmt.Errorf("course: %w", err)
			}
			replace[filepath.Join(pkgDir, name)] = backing
		}
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	overlayFile := filepath.Join(work, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	return overlayFile, nil
}

// compileError matches a line of a compiler's error: "file.go:12:3: ...".
var compileError = regexp.MustCompile(`^\S+\.go:[0-9]+(:[0-9]+)?: `)

// firstCompileError returns the first compiler error in the go command's
// output, or its last line that is not a "# package" heading.
func firstCompileError(out string) string {
	var last string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if compileError.MatchString(l) {
			return l
		}
		if l != "" && !strings.HasPrefix(l, "#") {
			last = l
		}
	}
	if last == "" {
		return "the go command failed and said nothing"
	}
	return last
}

// runTask runs one exercise's graders from the test binary bin, in the
// package's folder, and fills in its result. It returns an error only if
// ctx ended.
func (g *grading) runTask(bin, pkgDir string, t *task) error {
	args := []string{"-test.run", t.grader.testPattern(), "-test.v", "-test.count=1",
		"-test.paniconexit0", "-test.timeout", g.limits.Run.String()}
	name, args, limited := withMemoryLimit(g.limits.Memory, bin, args)
	out := newTestOutput()
	err := run(g.ctx, g.limits.Run+runGrace, pkgDir, out, name, args...)
	out.Close()
	if e := g.ctx.Err(); e != nil {
		return fmt.Errorf("course: grading stopped: %w", e)
	}
	passed, msg := out.verdict(t.grader.Tests)
	switch {
	case errors.Is(err, errTimedOut):
		passed, msg = false, fmt.Sprintf("timed out: still running at the time limit of one exercise, %v (and %v more given to report)", g.limits.Run, runGrace)
	case err != nil && passed:
		passed, msg = false, fmt.Sprintf("the graders passed but their process ended with %v", err)
	}
	if !passed && limited && strings.Contains(msg, "out of memory") {
		msg += fmt.Sprintf(" (the limit is %d MiB of address space)", g.limits.Memory>>20)
	}
	t.result.Passed = passed
	t.result.Message = msg
	if passed {
		t.result.Points = t.result.MaxPoints
	}
	return nil
}

// limitedBuffer keeps the first max bytes written to it and drops the rest.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
