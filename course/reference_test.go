package course

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bottleneck/course/probe"
)

// reference returns the root of the module this package is part of, and
// skips the test when that is a student copy: these tests need the
// reference's solutions.
func reference(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkModule(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, StampFile)); err == nil {
		t.Skipf("%s is a student copy (it has %s); this test needs the reference", root, StampFile)
	}
	return root
}

// TestMarksMatchGraders checks that the exercises marked in the reference
// are the ones this package has graders for, with the same points, and
// that there are at least ten.
func TestMarksMatchGraders(t *testing.T) {
	exercises, err := FindExercises(reference(t))
	if err != nil {
		t.Fatal(err)
	}
	var marked, graded []string
	for _, e := range exercises {
		marked = append(marked, e.Name)
		if g, ok := graderFor(e.Name); ok && g.Points != e.Points {
			t.Errorf("exercise %s: the marks give %d points, the grader %d", e.Name, e.Points, g.Points)
		}
	}
	for _, g := range graders {
		graded = append(graded, g.Exercise)
	}
	if !slices.Equal(marked, graded) {
		t.Errorf("the reference marks exercises\n%v\nthe graders are for\n%v", marked, graded)
	}
	if len(graders) < 10 {
		t.Errorf("%d exercises, want at least 10", len(graders))
	}
}

// TestGraderFiles checks that the harness has every grader's exercise,
// that the files each grader is built with name it, and that every file of
// course/probe is the harness's common part or some grader's.
func TestGraderFiles(t *testing.T) {
	used := map[string]bool{}
	for _, name := range probeCommon {
		used[name] = true
	}
	for _, g := range graders {
		if !probe.Has(g.Exercise) {
			t.Errorf("course/probe has no exercise %s", g.Exercise)
		}
		src, err := probeSources([]Grader{g})
		if err != nil {
			t.Fatal(err)
		}
		named := false
		for _, f := range g.Files {
			used[f] = true
			named = named || strings.Contains(string(src[f]), `"`+g.Exercise+`"`)
		}
		if !named {
			t.Errorf("the files %v of the grader of %s do not name it", g.Files, g.Exercise)
		}
	}
	files, err := probeFiles.ReadDir("probe")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !used[f.Name()] {
			t.Errorf("course/probe/%s belongs to no grader", f.Name())
		}
	}
}

// TestReferencePasses grades the reference itself: every exercise passes.
func TestReferencePasses(t *testing.T) {
	res, err := Grade(context.Background(), GradeOptions{Dir: reference(t), Limits: DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Exercises {
		if !e.Passed || e.Points != e.MaxPoints {
			t.Errorf("the reference fails exercise %s: %s", e.Name, e.Message)
		}
	}
	if len(res.Exercises) != len(graders) || res.Points != res.MaxPoints {
		t.Errorf("the reference scores %d of %d in %d exercises, want all of %d", res.Points, res.MaxPoints, len(res.Exercises), len(graders))
	}
}

// TestFreshCopy makes a copy with every exercise blanked and checks that
// no line of a solution survives in it, that it passes go vet, and that it
// scores 0 of N, each exercise failing on the panic of a blank.
func TestFreshCopy(t *testing.T) {
	root := reference(t)
	out := filepath.Join(t.TempDir(), "copy")
	stamp, err := Assign(AssignOptions{From: root, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	exercises, err := FindExercises(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(stamp.Exercises) != len(exercises) {
		t.Fatalf("the stamp lists %d exercises, the reference marks %d", len(stamp.Exercises), len(exercises))
	}

	t.Run("no solution line survives", func(t *testing.T) {
		checkNoSolutionSurvives(t, root, out, exercises)
	})

	t.Run("passes go vet", func(t *testing.T) {
		if err := CheckCopy(context.Background(), out, DefaultLimits()); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("scores 0 of N", func(t *testing.T) {
		res, err := Grade(context.Background(), GradeOptions{Dir: out, Limits: DefaultLimits()})
		if err != nil {
			t.Fatal(err)
		}
		if res.Points != 0 || len(res.Exercises) != len(exercises) {
			t.Errorf("the fresh copy scores %d of %d in %d exercises, want 0 in %d", res.Points, res.MaxPoints, len(res.Exercises), len(exercises))
		}
		// Each fails on a panic of a blank: its own, or, for the exercises
		// of package autoencoder graded through a training step, that of
		// an exercise of package nn it runs first.
		total := 0
		for i, e := range res.Exercises {
			total += exercises[i].Points
			blank := strings.Contains(e.Message, ": panic: exercise ") && strings.HasSuffix(e.Message, ": not implemented")
			if e.Passed || !blank || e.Name != exercises[i].Name {
				t.Errorf("exercise %d: %+v, want %s failing on the panic of a blank", i, e, exercises[i].Name)
			}
		}
		if res.MaxPoints != total {
			t.Errorf("max_points %d, want %d", res.MaxPoints, total)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		var back Result
		if err := json.Unmarshal(b, &back); err != nil || back.Points != 0 || back.MaxPoints != total || len(back.Exercises) != len(exercises) {
			t.Errorf("the JSON %s does not read back as the result: %v", b, err)
		}
	})
}

// checkNoSolutionSurvives checks every line of every blanked region: unless
// the same code also appears in the reference outside all regions (a
// closing brace, "return dx"), it must appear in no file of the copy, Go or
// not, not even as part of a line.
func checkNoSolutionSurvives(t *testing.T, root, out string, exercises []Exercise) {
	files, err := moduleFiles(root, "")
	if err != nil {
		t.Fatal(err)
	}
	inRegion := map[string][][2]int{} // file → regions' line ranges
	for _, e := range exercises {
		for _, r := range e.Regions {
			inRegion[r.File] = append(inRegion[r.File], [2]int{r.Start, r.End})
		}
	}
	common := map[string]bool{} // code lines outside the regions
	solution := map[string][]string{}
	for _, p := range files {
		if !strings.HasSuffix(p, ".go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(b), "\n") {
			code := codeOf(l)
			inside := slices.ContainsFunc(inRegion[p], func(r [2]int) bool { return r[0] < i+1 && i+1 < r[1] })
			switch {
			case code == "":
			case inside:
				solution[p] = append(solution[p], code)
			default:
				common[code] = true
			}
		}
	}
	var copyText []string
	copyFiles, err := walkFiles(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range copyFiles {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		copyText = append(copyText, p+"\x00"+string(b))
	}
	checked := 0
	for p, lines := range solution {
		for _, code := range lines {
			if common[code] {
				continue
			}
			checked++
			for _, text := range copyText {
				if name, body, _ := strings.Cut(text, "\x00"); strings.Contains(body, code) {
					t.Errorf("the solution line %q of %s survives in the copy's %s", code, p, name)
				}
			}
		}
	}
	if checked < 2*len(exercises) {
		t.Errorf("only %d solution lines were checked for %d exercises", checked, len(exercises))
	}
}
