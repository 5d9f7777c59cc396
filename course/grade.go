package course

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"bottleneck/internal/sandbox"
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
	if err := checkPlainFiles(dir); err != nil {
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
	if opts.Limits.Memory > 0 && !memoryLimited {
		res.Notes = append(res.Notes, fmt.Sprintf("no memory limit on %s: the time limit alone stops a run-away exercise", runtime.GOOS))
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
	res.Isolation = isolationOf(g.isolation)
	return res, nil
}

// task is one exercise to grade.
type task struct {
	grader *Grader // nil when there is none in this program
	result ExerciseResult
}

// planGrading returns the exercises to grade in dir, each with its grader
// and a result to fill in, and the result's notes so far. Which exercises
// a copy has comes from its stamp; what each is worth comes from the
// graders' table alone: a stamp that names an exercise twice, one this
// program does not know, or other points, gets a note and changes no
// total.
func planGrading(dir string, only []string) ([]*task, *Result, error) {
	res := &Result{}
	type want struct {
		name string
		hash string // the grader's hash in the stamp
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
			wants = append(wants, want{name: g.Exercise, hash: g.Hash()})
		}
	case err != nil:
		return nil, nil, err
	default:
		res.Notes = append(res.Notes, "a copy of the reference at "+stamp.Reference.String())
		var twice, unknown, repointed []string
		for _, e := range stamp.Exercises {
			g, ok := graderFor(e.Name)
			switch {
			case slices.ContainsFunc(wants, func(w want) bool { return w.name == e.Name }):
				if !slices.Contains(twice, e.Name) {
					twice = append(twice, e.Name)
				}
				continue
			case !ok:
				unknown = append(unknown, e.Name)
				continue
			case e.Points != g.Points:
				repointed = append(repointed, fmt.Sprintf("%s (%d, worth %d)", e.Name, e.Points, g.Points))
			}
			wants = append(wants, want{name: e.Name, hash: e.Grader})
		}
		if twice != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s lists %s more than once; graded once", StampFile, strings.Join(twice, ", ")))
		}
		if unknown != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s lists %s, which this version of bottleneck has no grader for; not counted", StampFile, strings.Join(unknown, ", ")))
		}
		if repointed != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("%s gives other points for %s; counted as the graders' table says", StampFile, strings.Join(repointed, ", ")))
		}
		if only == nil && len(wants) < len(graders) {
			// Fewer than all is what a problem set lists, and what a
			// student who deleted exercises from it would list.
			res.Notes = append(res.Notes, fmt.Sprintf("graded the %d of the %d exercises that %s lists; a teacher who assigned others grades them with -only (the copy's %s can be edited)", len(wants), len(graders), StampFile, StampFile))
		}
	}
	if only != nil {
		// The stamp is a file of the copy, which its owner can edit: the
		// exercises a teacher names with -only are graded whether or not
		// the stamp still lists them.
		for _, g := range graders {
			if !slices.ContainsFunc(wants, func(w want) bool { return w.name == g.Exercise }) {
				wants = append(wants, want{name: g.Exercise, hash: g.Hash()})
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
		g, _ := graderFor(w.name)
		t := &task{grader: &g, result: ExerciseResult{Name: w.name, MaxPoints: g.Points}}
		if w.hash != g.Hash() {
			changed = append(changed, w.name)
		}
		todo = append(todo, t)
	}
	if changed != nil && stamp != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("the graders of %s changed since this copy was made; the copy is graded by this program's", strings.Join(changed, ", ")))
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
	// isolation says how each run of the student's code was isolated.
	isolation []sandbox.Isolation
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
	bin, msg, timedOut, err := g.build(pkg, all)
	if err != nil {
		return err
	}
	// A build that ran out of time is not retried exercise by exercise: each
	// retry would take as long (a copy whose build stalls would cost the
	// class the time limit once per exercise).
	if bin == "" && len(tasks) > 1 && !timedOut {
		// Find which of them compile on their own.
		for _, t := range tasks {
			one, msg, _, err := g.build(pkg, []Grader{*t.grader})
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
