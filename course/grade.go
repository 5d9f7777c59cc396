package course

import (
	"bytes"
	"context"
	cryptorand "crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"bottleneck/course/probe"
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

// isolationOf sums up how the runs of one copy were isolated: "isolated"
// if all were, else the first reason one was not; "" if nothing ran.
func isolationOf(runs []sandbox.Isolation) string {
	for _, iso := range runs {
		if !iso.Isolated {
			return iso.String()
		}
	}
	if len(runs) == 0 {
		return ""
	}
	return "isolated"
}

// isExit reports whether err is the exit status of a process that ran.
func isExit(err error) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee)
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

// build compiles a test binary of package pkg of the copy that runs the
// harness of the graders gs (package course/probe, as this program
// carries it) in place of the copy's own tests. It returns the binary, or
// "" and why it did not compile; an error only if ctx ended.
func (g *grading) build(pkg string, gs []Grader) (string, string, error) {
	g.builds++
	work := filepath.Join(g.tmp, fmt.Sprintf("build%d", g.builds))
	if err := os.Mkdir(work, 0o755); err != nil {
		return "", "", fmt.Errorf("course: %w", err)
	}
	overlayFile, err := writeOverlay(work, g.dir, pkg, gs)
	if err != nil {
		return "", "", err
	}
	bin := filepath.Join(work, "graders.test")
	var out bytes.Buffer
	err = run(g.ctx, g.limits.Build, g.dir, &limitedBuffer{buf: &out, max: 1 << 20}, "go", "test", "-c", "-o", bin,
		"-vet=off", "-trimpath", "-ldflags=-s -w", "-overlay", overlayFile, "./"+pkg)
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

// probeMain is the test file put into the graded package: its TestMain
// runs the harness instead of any test.
const probeMain = `package %s_test

import (
	"os"
	"testing"

	"bottleneck/course/probe"
)

func TestMain(m *testing.M) { os.Exit(probe.Run(os.Stdin, os.Stdout)) }
`

// probeMainFile is the name of probeMain in the graded package's folder.
const probeMainFile = "zz_bottleneck_probe_test.go"

// writeOverlay writes, into the folder work, the files of the graders gs
// and an overlay for go build's -overlay that puts them into the copy at
// root: in the folder of package pkg, probeMain in place of the test files
// there; in course/probe, the harness's files as this program carries
// them in place of everything the copy has there. It returns the
// overlay's path.
func writeOverlay(work, root, pkg string, gs []Grader) (string, error) {
	replace := map[string]string{}
	pkgDir := filepath.Join(root, filepath.FromSlash(pkg))
	own, err := filepath.Glob(filepath.Join(pkgDir, "*_test.go"))
	if err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	for _, f := range own {
		replace[f] = "" // the copy's own tests do not count
	}
	mainFile := filepath.Join(work, probeMainFile)
	if err := os.WriteFile(mainFile, fmt.Appendf(nil, probeMain, path.Base(pkg)), 0o644); err != nil {
		return "", fmt.Errorf("course: %w", err)
	}
	replace[filepath.Join(pkgDir, probeMainFile)] = mainFile

	harness := filepath.Join(root, filepath.FromSlash(probeDir))
	if entries, err := os.ReadDir(harness); err == nil {
		for _, e := range entries {
			replace[filepath.Join(harness, e.Name())] = "" // whatever the copy has there does not count
		}
	}
	src, err := probeSources(gs)
	if err != nil {
		return "", err
	}
	for name, b := range src {
		backing := filepath.Join(work, "probe_"+name)
		if err := os.WriteFile(backing, b, 0o644); err != nil {
			return "", fmt.Errorf("course: %w", err)
		}
		replace[filepath.Join(harness, name)] = backing
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

// maxProbeOutput is the most of a run's output kept: several times what
// the harness prints for any exercise.
const maxProbeOutput = 64 << 20

// runTask runs one exercise's harness from the test binary bin, in the
// package's folder, on a seed drawn for this run, and judges what it
// printed here, in grade's own process. It returns an error only if ctx
// ended.
func (g *grading) runTask(bin, pkgDir string, t *task) error {
	seed, err := newSeed()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	request := fmt.Sprintf("%s %d\n", t.grader.Exercise, seed)
	limited, err := g.runGrader(bin, pkgDir, request, &limitedBuffer{buf: &out, max: maxProbeOutput})
	if e := g.ctx.Err(); e != nil {
		return fmt.Errorf("course: grading stopped: %w", e)
	}
	passed, msg := probe.Judge(t.grader.Exercise, seed, probe.Parse(out.Bytes()))
	switch {
	case err != nil && !errors.Is(err, errTimedOut) && !isExit(err):
		return err // the run could not start: nothing the copy did
	case errors.Is(err, errTimedOut):
		passed, msg = false, fmt.Sprintf("timed out: still running at the time limit of one exercise, %v", g.limits.Run)
	case err != nil && passed:
		passed, msg = false, fmt.Sprintf("the results were right but the process ended with %v", err)
	case !passed && strings.Contains(msg, "no result"):
		if crash := crashLine(out.Bytes()); crash != "" {
			msg += "; the process: " + crash
		} else if err != nil {
			msg += fmt.Sprintf("; the process ended with %v", err)
		}
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

// runGrader runs the test binary bin in the folder dir with request on
// its standard input, sending what it prints to out, within the limits of
// one exercise, in a sandbox (package internal/sandbox) where the system
// offers one: only dir in reach, read-only, no network, everything it
// starts killed with it. It is the one place where grading runs the
// student's code. It reports whether a memory limit applied, and the
// error of the run: errTimedOut if the time limit ended it.
func (g *grading) runGrader(bin, dir, request string, out io.Writer) (bool, error) {
	ctx, cancel := context.WithTimeout(g.ctx, g.limits.Run)
	defer cancel()
	spec := sandbox.Spec{Dir: dir, Path: bin, Env: toolEnv(), Stdin: strings.NewReader(request),
		Stdout: out, Stderr: out, Memory: g.limits.Memory}
	c, err := sandbox.Command(ctx, spec)
	if err == nil {
		err = c.Start()
	}
	if errors.Is(err, sandbox.ErrSetup) || errors.Is(err, sandbox.ErrDynamic) {
		// The system offered namespaces but this run could not have
		// them: grade unisolated, and say so.
		spec.Unisolated, spec.Stdin = true, strings.NewReader(request)
		why := err.Error()
		if c, err = sandbox.Command(ctx, spec); err == nil {
			c.Isolation.Reason = why
			err = c.Start()
		}
	}
	if err != nil {
		return false, fmt.Errorf("course: could not start the graders: %w", err)
	}
	g.isolation = append(g.isolation, c.Isolation)
	err = c.Wait()
	if ctx.Err() == context.DeadlineExceeded && g.ctx.Err() == nil {
		err = errTimedOut
	}
	return g.limits.Memory > 0 && memoryLimited, err
}

// crashLine returns the first line of out that says why a Go program
// stopped: a panic the harness did not catch, or a fatal error.
func crashLine(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			if i := strings.Index(l, " [recovered"); i >= 0 {
				l = l[:i]
			}
			return shorten(l, 300)
		}
	}
	return ""
}

// newSeed returns a seed for one run, from the system's source of
// randomness: a student's code cannot know it before the run starts.
func newSeed() (uint64, error) {
	var b [8]byte
	if _, err := cryptorand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("course: %w", err)
	}
	return binary.LittleEndian.Uint64(b[:]), nil
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
