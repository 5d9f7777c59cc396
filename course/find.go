package course

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Exercise is one exercise marked in the reference: its name, its points
// and its regions.
type Exercise struct {
	Name    string
	Points  int
	Regions []Region // in the order of their files and lines; at least one
}

// Files returns the files the exercise's regions are in, each once.
func (e Exercise) Files() []string {
	var files []string
	for _, r := range e.Regions {
		if !slices.Contains(files, r.File) {
			files = append(files, r.File)
		}
	}
	return files
}

// Hint returns the hint of the region that gives the points.
func (e Exercise) Hint() string {
	for _, r := range e.Regions {
		if !r.Continued() {
			return r.Hint
		}
	}
	return ""
}

// FindExercises returns the exercises marked in the module at root, in the
// order of the graders this package carries (see Graders), then any others
// in the order of their files. It looks in every Go file of the module but
// test files and those under testdata, and checks both the marks
// (ParseMarks) and the shape of every region. The mistakes found are
// returned joined, each a *MarkError.
func FindExercises(root string) ([]Exercise, error) {
	if err := checkModule(root); err != nil {
		return nil, err
	}
	files, err := moduleFiles(root, "")
	if err != nil {
		return nil, err
	}
	return findExercises(root, files)
}

// findExercises is FindExercises over a given list of files.
func findExercises(root string, files []string) ([]Exercise, error) {
	var errs []error
	byName := map[string]*Exercise{}
	var names []string
	for _, p := range files {
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || slices.Contains(strings.Split(path.Dir(p), "/"), "testdata") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			return nil, fmt.Errorf("course: %w", err)
		}
		if !bytes.Contains(src, []byte("exercise")) {
			continue
		}
		regions, err := ParseMarks(p, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(regions) == 0 {
			continue
		}
		if err := checkShapes(p, src, regions); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, r := range regions {
			e := byName[r.Exercise]
			if e == nil {
				e = &Exercise{Name: r.Exercise}
				byName[r.Exercise] = e
				names = append(names, r.Exercise)
			}
			if !r.Continued() {
				if e.Points != 0 {
					first := pointsRegion(*e)
					errs = append(errs, markErrorf(r.File, r.Start, r.Exercise, ErrDuplicateMark, "exercise %s gives its points again (first on %s:%d); mark further regions \"(continued)\"", r.Exercise, first.File, first.Start))
					continue
				}
				e.Points = r.Points
			}
			e.Regions = append(e.Regions, r)
		}
	}
	var exercises []Exercise
	for _, name := range names {
		e := byName[name]
		if e.Points == 0 {
			r := e.Regions[0]
			errs = append(errs, markErrorf(r.File, r.Start, r.Exercise, ErrUnbalancedMark, "exercise %s has only \"(continued)\" regions; give its points on one of them", r.Exercise))
			continue
		}
		exercises = append(exercises, *e)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sortExercises(exercises)
	return exercises, nil
}

// checkShapes checks that every region of one file encloses whole
// statements ending a block.
func checkShapes(file string, src []byte, regions []Region) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	var errs []error
	for _, r := range regions {
		if _, err := findScope(fset, f, r); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// pointsRegion returns the region of e that gives its points.
func pointsRegion(e Exercise) Region {
	for _, r := range e.Regions {
		if !r.Continued() {
			return r
		}
	}
	return e.Regions[0]
}

// sortExercises puts the exercises in the order of the graders, then the
// others in the order of their first region.
func sortExercises(exercises []Exercise) {
	rank := func(name string) int {
		for i, g := range graders {
			if g.Exercise == name {
				return i
			}
		}
		return len(graders)
	}
	slices.SortStableFunc(exercises, func(a, b Exercise) int {
		if ra, rb := rank(a.Name), rank(b.Name); ra != rb {
			return ra - rb
		}
		if c := strings.Compare(a.Regions[0].File, b.Regions[0].File); c != 0 {
			return c
		}
		return a.Regions[0].Start - b.Regions[0].Start
	})
}
