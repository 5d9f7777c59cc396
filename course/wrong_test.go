package course

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// An answer is one answer to an exercise, read from
// testdata/wrong/NAME.txt (see the README there).
type answer struct {
	title  string
	region int  // the region it answers, from 0
	right  bool // a right answer: the grader must pass it
	code   string
	edits  [][2][]string // replace, with: lines without indentation
}

// readAnswers returns the answers to exercise name.
func readAnswers(t *testing.T, name string) []answer {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "wrong", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	var answers []answer
	var body []string
	flush := func() {
		if len(answers) == 0 {
			return
		}
		a := &answers[len(answers)-1]
		text := strings.Trim(strings.Join(body, "\n"), "\n")
		if !strings.HasPrefix(text, "replace:\n") {
			a.code = text
			return
		}
		for _, part := range strings.Split(text, "replace:\n")[1:] {
			old, new, ok := strings.Cut(part, "with:\n")
			if !ok {
				old, new, ok = strings.Cut(part, "with:")
			}
			if !ok {
				t.Fatalf("%s.txt, %q: a replace: without its with:", name, a.title)
			}
			a.edits = append(a.edits, [2][]string{lines(old), lines(new)})
		}
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			flush()
			body = nil
			a := answer{title: strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --")}
			rest := a.title
			if r, ok := strings.CutPrefix(rest, "region "); ok {
				num, after, _ := strings.Cut(r, ": ")
				n, err := strconv.Atoi(num)
				if err != nil || n < 1 {
					t.Fatalf("%s.txt: title %q: bad region", name, a.title)
				}
				a.region, rest = n-1, after
			}
			a.right = strings.HasPrefix(rest, "right: ")
			answers = append(answers, a)
			continue
		}
		body = append(body, l)
	}
	flush()
	return answers
}

// lines splits text into its lines, dropping a final empty one.
func lines(text string) []string {
	text = strings.TrimSuffix(text, "\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// answerCode returns the code an answer puts in its region, whose code in
// the reference is ref (lines without the region's indentation).
func answerCode(a answer, ref []string) (string, bool) {
	if a.edits == nil {
		return a.code, true
	}
	code := slices.Clone(ref)
	for _, e := range a.edits {
		old, new := e[0], e[1]
		at := -1
		for i := 0; i+len(old) <= len(code); i++ {
			match := true
			for k, l := range old {
				if codeOf(code[i+k]) != codeOf(l) {
					match = false
					break
				}
			}
			if match {
				if at >= 0 {
					return "", false // more than once
				}
				at = i
			}
		}
		if at < 0 {
			return "", false
		}
		indent := code[at][:len(code[at])-len(strings.TrimLeft(code[at], "\t "))]
		var with []string
		for _, l := range new {
			with = append(with, indent+l)
		}
		code = append(code[:at], append(with, code[at+len(old):]...)...)
	}
	return strings.Join(code, "\n"), true
}

// referenceCode returns the code of each region of e in the reference at
// root, without the regions' indentation.
func referenceCode(t *testing.T, root string, e Exercise) [][]string {
	t.Helper()
	var out [][]string
	for _, r := range e.Regions {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.File)))
		if err != nil {
			t.Fatal(err)
		}
		var code []string
		for _, l := range strings.Split(string(b), "\n")[r.Start : r.End-1] {
			code = append(code, strings.TrimPrefix(l, r.Indent))
		}
		out = append(out, code)
	}
	return out
}

// TestWrongAnswerFiles checks, without building anything, that every
// exercise has at least three wrong answers and that each applies to the
// reference: its region exists, and its edits each match exactly once.
func TestWrongAnswerFiles(t *testing.T) {
	root := reference(t)
	for _, g := range graders {
		e := exerciseIn(t, root, g.Exercise)
		ref := referenceCode(t, root, e)
		wrong := 0
		for _, a := range readAnswers(t, g.Exercise) {
			if !a.right {
				wrong++
			}
			if a.region >= len(e.Regions) {
				t.Errorf("%s, %q: region %d of %d", g.Exercise, a.title, a.region+1, len(e.Regions))
				continue
			}
			if _, ok := answerCode(a, ref[a.region]); !ok {
				t.Errorf("%s, %q: an edit does not match the reference's region %d exactly once", g.Exercise, a.title, a.region+1)
			}
		}
		if wrong < 3 {
			t.Errorf("exercise %s has %d wrong answers, want at least 3", g.Exercise, wrong)
		}
	}
}

// TestWrongAnswers fills each exercise of a copy with the reference's
// answer, which must pass, and with each answer of testdata/wrong: the
// grader must fail every wrong one (by its own checks, not because it does
// not compile) and pass every right one. It builds the graders once per
// answer, so it runs only when BOTTLENECK_SLOW is set.
func TestWrongAnswers(t *testing.T) {
	if os.Getenv("BOTTLENECK_SLOW") == "" {
		t.Skip("slow (a build for each of some 260 answers): set BOTTLENECK_SLOW=1, as .ci/run does")
	}
	root := reference(t)
	for _, g := range graders {
		t.Run(g.Exercise, func(t *testing.T) {
			t.Parallel() // each in a copy of its own
			e := exerciseIn(t, root, g.Exercise)
			ref := referenceCode(t, root, e)
			dir := copyOf(t, root, g.Exercise)
			fill(t, root, dir, g.Exercise)
			if got := oneExercise(t, dir, g.Exercise, DefaultLimits()); !got.Passed {
				t.Fatalf("the reference's answer fails: %s", got.Message)
			}
			for _, a := range readAnswers(t, g.Exercise) {
				code, ok := answerCode(a, ref[a.region])
				if !ok {
					t.Fatalf("%q does not apply to the reference", a.title)
				}
				answers := make([]string, len(e.Regions))
				answers[a.region] = code
				fill(t, root, dir, g.Exercise, answers...)
				got := oneExercise(t, dir, g.Exercise, DefaultLimits())
				switch {
				case a.right && !got.Passed:
					t.Errorf("%q is right, and fails: %s", a.title, got.Message)
				case !a.right && got.Passed:
					t.Errorf("%q is wrong, and passes", a.title)
				case !a.right && strings.HasPrefix(got.Message, "does not compile"):
					t.Errorf("%q should fail the grader's checks, but %s", a.title, got.Message)
				default:
					t.Logf("%-70s %s", a.title, got.Message)
				}
			}
		})
	}
}

// TestGradersVet runs go vet on the reference's graded packages with the
// harness's test main put in as Grade puts it (go vet ./... does not see
// it: it exists only in the overlay). Slow for the same reason as TestWrongAnswers.
func TestGradersVet(t *testing.T) {
	if os.Getenv("BOTTLENECK_SLOW") == "" {
		t.Skip("slow (go vet of three packages): set BOTTLENECK_SLOW=1, as .ci/run does")
	}
	root := reference(t)
	byPackage := map[string][]Grader{}
	for _, g := range graders {
		byPackage[g.Package] = append(byPackage[g.Package], g)
	}
	for pkg, gs := range byPackage {
		work := t.TempDir()
		overlay, err := writeOverlay(work, root, pkg, gs)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		if err := run(context.Background(), DefaultLimits().Build, root, &out, "go", "vet", "-overlay", overlay, "./"+pkg); err != nil {
			t.Errorf("go vet of the graders of package %s: %v\n%s", pkg, err, out.String())
		}
	}
}
