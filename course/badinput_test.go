package course

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// oneExercise grades only the named exercise of the copy at dir.
func oneExercise(t *testing.T, dir, name string, limits Limits) ExerciseResult {
	t.Helper()
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: limits, Only: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exercises) != 1 || res.Exercises[0].Name != name {
		t.Fatalf("graded %+v, want exercise %s alone", res.Exercises, name)
	}
	return res.Exercises[0]
}

func TestGradeNotACopy(t *testing.T) {
	other := t.TempDir()
	writeFile(t, other, "go.mod", "module example.com/other\n")
	badStamp := writeModule(t, map[string]string{StampFile: "{not json"})
	otherStamp := writeModule(t, map[string]string{StampFile: `{"module": "other", "exercises": []}`})
	for name, dir := range map[string]string{
		"empty folder":                 t.TempDir(),
		"another module":               other,
		"a stamp that does not parse":  badStamp,
		"a stamp of another module":    otherStamp,
		"a folder that does not exist": filepath.Join(t.TempDir(), "nothing"),
	} {
		var nc *NotCopyError
		if _, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()}); !errors.As(err, &nc) {
			t.Errorf("%s: got %v, want a *NotCopyError", name, err)
		}
	}

	// Nor is a folder of folders that are not copies a class.
	class := t.TempDir()
	writeFile(t, class, "ada/thesis.tex", "precious\n")
	var nc *NotCopyError
	if _, err := GradeClass(context.Background(), GradeOptions{Dir: class, Limits: DefaultLimits()}); !errors.As(err, &nc) {
		t.Errorf("a folder of folders without go.mod: got %v, want a *NotCopyError", err)
	}
}

func TestGradeStampProblems(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "sgd-momentum")
	// The stamp is the student's file: an exercise the teacher names with
	// -only is graded even when the stamp does not list it (a student
	// could delete the hard ones from it), and a name no grader knows is
	// still refused.
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits(), Only: []string{"adam"}})
	if err != nil || len(res.Exercises) != 1 || res.Exercises[0].Name != "adam" {
		t.Errorf("grading exercise adam of a copy stamped with sgd-momentum only: got %+v, %v; want adam graded", res, err)
	}
	// Graded by its stamp, which lists fewer exercises than there are
	// graders, the copy gets a note that asks the teacher for -only; with
	// -only it does not.
	listsFewer := fmt.Sprintf("graded the 1 of the %d exercises that assignment.json lists; a teacher who assigned others grades them with -only (the copy's assignment.json can be edited)", len(graders))
	if res != nil && slices.Contains(res.Notes, listsFewer) {
		t.Errorf("graded with -only, the notes %q still ask for -only", res.Notes)
	}
	res, err = Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
	if err != nil || !slices.Contains(res.Notes, listsFewer) {
		t.Errorf("grading a copy stamped with sgd-momentum only: notes %q, %v; want %q", res.Notes, err, listsFewer)
	}
	var ue *UnknownExerciseError
	if _, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits(), Only: []string{"nosuch"}}); !errors.As(err, &ue) || ue.Unknown[0] != "nosuch" {
		t.Errorf("grading an exercise nobody knows: got %v, want an *UnknownExerciseError", err)
	}

	// An exercise this program has no grader for: a note, never points,
	// neither earned nor to earn.
	writeFile(t, dir, StampFile, `{"module": "bottleneck", "reference": {"tree_sha256": "00"}, "exercises": [{"name": "sparse-penalty", "points": 4, "files": ["autoencoder/sparse.go"]}]}`)
	res, err = Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exercises) != 0 || res.MaxPoints != 0 || !slices.ContainsFunc(res.Notes, func(n string) bool {
		return strings.Contains(n, "sparse-penalty, which this version of bottleneck has no grader for; not counted")
	}) {
		t.Errorf("grading an exercise without a grader: got %+v, want it left out with a note", res)
	}
}

// TestGradeStampCannotRaise grades a copy whose stamp lists sgd-momentum
// three times, with 9 points: the exercise is graded once, worth the 2
// points of the graders' table, and the notes say why.
func TestGradeStampCannotRaise(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "sgd-momentum")
	fill(t, root, dir, "sgd-momentum", "") // the reference's own answer
	writeFile(t, dir, StampFile, `{"module": "bottleneck", "reference": {"tree_sha256": "00"}, "exercises": [
		{"name": "sgd-momentum", "points": 9, "files": ["nn/optimizer.go"]},
		{"name": "sgd-momentum", "points": 2, "files": ["nn/optimizer.go"]},
		{"name": "sgd-momentum", "points": 2, "files": ["nn/optimizer.go"]}]}`)
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exercises) != 1 || res.Points != 2 || res.MaxPoints != 2 {
		t.Errorf("a stamp that lists sgd-momentum three times, with 9 points: %d of %d in %d exercises, want 2 of 2 in 1", res.Points, res.MaxPoints, len(res.Exercises))
	}
	for _, want := range []string{"assignment.json lists sgd-momentum more than once; graded once", "assignment.json gives other points for sgd-momentum (9, worth 2); counted as the graders' table says"} {
		if !slices.Contains(res.Notes, want) {
			t.Errorf("notes %q, want %q among them", res.Notes, want)
		}
	}
}

func TestGradeChangedGrader(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "sgd-momentum")
	stamp, err := ReadStamp(dir)
	if err != nil {
		t.Fatal(err)
	}
	stamp.Exercises[0].Grader = strings.Repeat("0", 64) // as if made by an older bottleneck
	if err := writeStamp(dir, stamp); err != nil {
		t.Fatal(err)
	}
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	res.WriteTable(&table)
	if !strings.Contains(table.String(), "note: the graders of sgd-momentum changed since this copy was made") {
		t.Errorf("the table does not say that the grader changed:\n%s", table.String())
	}
	// The note is for people: the JSON stays exactly as specified.
	b, _ := json.Marshal(res)
	if strings.Contains(string(b), "changed") {
		t.Errorf("the note leaked into the JSON: %s", b)
	}
}

// TestGradeCompileError grades a copy whose package pca does not compile:
// principal-angles fails saying so, and linear-forward, in package nn,
// which pca imports but which does not import pca, is still graded.
func TestGradeCompileError(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "linear-forward", "principal-angles")
	fill(t, root, dir, "linear-forward", "") // the reference's own answer
	fill(t, root, dir, "principal-angles", "_, _ = qa, qb\nreturn notDefinedAnywhere")
	res, err := Grade(context.Background(), GradeOptions{Dir: dir, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	forward, angles := res.Exercises[0], res.Exercises[1]
	if angles.Passed || !strings.HasPrefix(angles.Message, "does not compile: ") || !strings.Contains(angles.Message, "notDefinedAnywhere") {
		t.Errorf("principal-angles: %+v, want it failed, not compiling, naming notDefinedAnywhere", angles)
	}
	if !forward.Passed || forward.Points != 2 {
		t.Errorf("linear-forward: %+v, want it passed", forward)
	}
}

// TestGradeEndlessLoop grades an answer that never returns, and a copy
// that hangs before any test starts (in a package's init): each fails on
// the time limit, which is set short here.
func TestGradeEndlessLoop(t *testing.T) {
	root := reference(t)
	limits := DefaultLimits()
	limits.Run = 2 * time.Second

	dir := copyOf(t, root, "sgd-momentum")
	fill(t, root, dir, "sgd-momentum", "for {\n}")
	if got := oneExercise(t, dir, "sgd-momentum", limits); got.Passed || !strings.Contains(got.Message, "timed out") {
		t.Errorf("an endless loop in Momentum.Step: %+v, want it failed on the time limit", got)
	}

	fill(t, root, dir, "sgd-momentum", "")
	writeFile(t, dir, "nn/hang.go", "package nn\n\nfunc init() {\n\tfor {\n\t}\n}\n")
	start := time.Now()
	got := oneExercise(t, dir, "sgd-momentum", limits)
	if got.Passed || !strings.Contains(got.Message, "timed out: still running at the time limit of one exercise, 2s") {
		t.Errorf("a package that hangs in init: %+v, want it failed on the time limit", got)
	}
	// A generous bound, only to show that the kill came: the limit is 2 s,
	// against the default of minutes.
	if el := time.Since(start); el > time.Minute {
		t.Errorf("grading took %v with a time limit of %v", el, limits.Run)
	}
}

// TestGradeMemoryLimit grades an answer that allocates without bound: it
// fails on the memory limit.
func TestGradeMemoryLimit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skipf("the memory limit is set on Linux only, not on %s", runtime.GOOS)
	}
	root := reference(t)
	dir := copyOf(t, root, "linear-forward")
	// 8 MiB a round, never touched, so that only address space is used up.
	fill(t, root, dir, "linear-forward", "_ = y\nvar hoard [][]float64\nfor {\n\thoard = append(hoard, make([]float64, 1<<20))\n}")
	limits := DefaultLimits()
	limits.Memory = MinMemory
	got := oneExercise(t, dir, "linear-forward", limits)
	if want := fmt.Sprintf("(the limit is %d MiB of address space)", MinMemory>>20); got.Passed || !strings.Contains(got.Message, "out of memory") || !strings.Contains(got.Message, want) {
		t.Errorf("an answer that allocates without bound: %+v, want it failed, out of memory, saying %s", got, want)
	}
}

// TestGradeMemoryMinimum: a limit below MinMemory, where a Go test binary
// cannot even start, is refused rather than failing every exercise; at
// MinMemory the reference passes every exercise.
func TestGradeMemoryMinimum(t *testing.T) {
	root := reference(t)
	for _, memory := range []int64{1 << 20, 512 << 20, 1200 << 20, MinMemory - 1<<20} {
		limits := DefaultLimits()
		limits.Memory = memory
		if _, err := Grade(context.Background(), GradeOptions{Dir: root, Limits: limits}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("below the %d MiB", MinMemory>>20)) {
			t.Errorf("a memory limit of %d MiB: got %v, want it refused, naming the minimum", memory>>20, err)
		}
	}
	if runtime.GOOS != "linux" {
		t.Skipf("the memory limit is set on Linux only, not on %s", runtime.GOOS)
	}
	limits := DefaultLimits()
	limits.Memory = MinMemory
	res, err := Grade(context.Background(), GradeOptions{Dir: root, Limits: limits})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Exercises {
		if !e.Passed {
			t.Errorf("the reference under a limit of %d MiB fails exercise %s: %s", MinMemory>>20, e.Name, e.Message)
		}
	}
	if len(res.Exercises) != len(graders) {
		t.Errorf("graded %d exercises, want all %d", len(res.Exercises), len(graders))
	}
}

// TestGradeEditedTests grades a copy whose own tests were changed to pass
// whatever happens: its test files are not used, so the blank exercise
// still fails on its panic.
func TestGradeEditedTests(t *testing.T) {
	root := reference(t)
	dir := copyOf(t, root, "linear-forward")
	writeFile(t, dir, "nn/linear_test.go", "package nn\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(0) }\n")
	writeFile(t, dir, "nn/grade_linear_forward_test.go", "package nn\n\nimport \"testing\"\n\nfunc TestGradeLinearForward(t *testing.T) {}\n")
	writeFile(t, dir, "nn/broken_test.go", "package nn\n\nthis does not compile\n")
	got := oneExercise(t, dir, "linear-forward", DefaultLimits())
	if want := "panic: " + NotImplemented("linear-forward"); got.Passed || !strings.HasSuffix(got.Message, want) {
		t.Errorf("a blank exercise with edited tests: %+v, want it failed with %q", got, want)
	}
}

// TestGradeClass grades a folder of four: a copy answered as the
// reference, a blank copy, one whose student deleted the exercise from its
// stamp (which the CSV notes), and a folder that is not a copy.
func TestGradeClass(t *testing.T) {
	root := reference(t)
	class := t.TempDir()
	for _, name := range []string{"ada", "bob", "dan"} {
		if _, err := Assign(AssignOptions{From: root, Out: filepath.Join(class, name), Only: []string{"sgd-momentum"}}); err != nil {
			t.Fatal(err)
		}
	}
	fill(t, root, filepath.Join(class, "ada"), "sgd-momentum", "")
	stamp, err := ReadStamp(filepath.Join(class, "dan"))
	if err != nil {
		t.Fatal(err)
	}
	stamp.Exercises = nil // graded alone, the copy would score 0 of 0
	if err := writeStamp(filepath.Join(class, "dan"), stamp); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(class, "cat"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, class, "notes.txt", "not a folder: left out\n")
	res, err := GradeClass(context.Background(), GradeOptions{Dir: class, Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := res.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	iso := res.Rows[0].Result.Isolation // isolated where the system allows
	want := []string{
		"folder,sgd-momentum,total,max_points,failures,isolation,notes",
		"ada,2,2,2,," + iso + ",",
		`bob,0,0,2,"sgd-momentum: Momentum (η = 0.05, μ = 0.7): parameter W (3×13) after step 1: panic: exercise sgd-momentum: not implemented",` + iso + ",",
		"cat,,,,,,course: ",
		`dan,,0,0,,,"its assignment.json lacks sgd-momentum, against the list of 2 of 3 copies; to grade the exercises you assigned whatever the stamp lists, name them with -only"`,
	}
	if len(lines) != 6 || strings.Join(lines[:3], "\n") != strings.Join(want[:3], "\n") || !strings.HasPrefix(lines[3], want[3]) || !strings.Contains(lines[3], "is not a copy") || lines[4] != want[4] {
		t.Errorf("got\n%s\nwant\n%s … is not a copy …\n%s", b.String(), strings.Join(want[:4], "\n"), want[4])
	}
}
