package course

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// AssignOptions says which copy Assign makes.
type AssignOptions struct {
	From string // the root of the reference module
	Out  string // the folder to write the copy into
	// Only names the exercises to blank; nil blanks every exercise.
	Only []string
	// Overwrite allows Out to hold an earlier copy (a folder with a
	// stamp), which is then emptied first. A non-empty folder that is not
	// a copy is never overwritten.
	Overwrite bool
}

// ErrNoExercises is returned by Assign for a reference with no exercise
// marked in it.
var ErrNoExercises = errors.New("course: the reference has no exercise marks")

// ErrStudentCopy is returned by Assign asked to copy from a student copy
// (a folder with a StampFile, or one where an exercise's code is the panic
// of a blank): its exercises are blanked or are one student's answers, and
// a copy of it would hand those out as the reference.
var ErrStudentCopy = errors.New("course: the reference is a student copy")

// OutNotEmptyError says that the folder for a copy already holds files.
type OutNotEmptyError struct {
	Dir string
	// Copy is true when the folder holds an earlier copy, which
	// AssignOptions.Overwrite would replace.
	Copy bool
}

func (e *OutNotEmptyError) Error() string {
	if e.Copy {
		return fmt.Sprintf("course: %s already holds a copy; overwrite it explicitly, or choose an empty folder", e.Dir)
	}
	return fmt.Sprintf("course: %s is not empty and holds no copy (no %s); choose an empty or new folder", e.Dir, StampFile)
}

// UnknownExerciseError says that names were asked for that the reference
// has no exercise of.
type UnknownExerciseError struct {
	Unknown []string
	Valid   []string // the exercises there are
}

func (e *UnknownExerciseError) Error() string {
	return fmt.Sprintf("course: no exercise %s; the exercises are %s", strings.Join(e.Unknown, ", "), strings.Join(e.Valid, ", "))
}

// Assign writes a student copy of the reference module at opts.From into
// opts.Out: every file of the module (see FindExercises for where marks are
// looked for), with the chosen exercises blanked, their code replaced by a
// pointer to the exercise where files other than Go quote it, and the
// stamp. It checks
// everything it can before writing anything; if writing fails half-way it
// removes what it wrote. It does not build the copy: CheckCopy does.
func Assign(opts AssignOptions) (*Stamp, error) {
	from, err := filepath.Abs(opts.From)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	if err := checkModule(from); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(from, StampFile)); err == nil {
		return nil, fmt.Errorf("%w: %s has %s; assign from the repository itself (-from names it)", ErrStudentCopy, from, StampFile)
	}
	if rel, err := filepath.Rel(out, from); err == nil && filepath.IsLocal(rel) || out == from {
		return nil, fmt.Errorf("course: the copy %s would hold the reference %s", out, from)
	}
	files, err := moduleFiles(from, out)
	if err != nil {
		return nil, err
	}
	exercises, err := findExercises(from, files)
	if err != nil {
		return nil, err
	}
	if len(exercises) == 0 {
		return nil, ErrNoExercises
	}
	// A student copy whose stamp was deleted still holds the blanks.
	blanked, where, err := blankedExercises(from, exercises)
	if err != nil {
		return nil, err
	}
	if blanked != nil {
		what := "exercise " + blanked[0]
		if len(blanked) > 1 {
			what = "exercises " + strings.Join(blanked, ", ")
		}
		return nil, fmt.Errorf("%w: in %s the code of %s is the blank a copy hands out (%s: panic(%q)); assign from the repository itself (-from names it)", ErrStudentCopy, from, what, where, NotImplemented(blanked[0]))
	}
	chosen, err := choose(exercises, opts.Only)
	if err != nil {
		return nil, err
	}
	if err := prepareOut(out, opts.Overwrite); err != nil {
		return nil, err
	}

	tree, err := treeHash(from, files)
	if err != nil {
		return nil, err
	}
	stamp := &Stamp{Module: ModulePath, Reference: Version{TreeSHA256: tree}}
	if d, err := runGit(from, "describe", "--always", "--dirty"); err == nil {
		stamp.Reference.Git = strings.TrimSpace(d)
	}
	byFile := map[string][]Region{} // the regions to blank, per file, in order
	for _, e := range chosen {
		for _, r := range e.Regions {
			byFile[r.File] = append(byFile[r.File], r)
		}
		se := StampedExercise{Name: e.Name, Points: e.Points, Files: e.Files()}
		if g, ok := graderFor(e.Name); ok {
			se.Grader = g.Hash()
		}
		stamp.Exercises = append(stamp.Exercises, se)
	}
	for _, rs := range byFile {
		slices.SortFunc(rs, func(a, b Region) int { return a.Start - b.Start })
	}

	solutions, err := solutionLines(from, files, byFile)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	if err := writeCopy(from, out, files, byFile, solutions, stamp); err != nil {
		emptyDir(out)
		return nil, err
	}
	return stamp, nil
}

// choose returns the exercises named in only, in the order of exercises,
// or all of them when only is empty.
func choose(exercises []Exercise, only []string) ([]Exercise, error) {
	if len(only) == 0 {
		return exercises, nil
	}
	var valid, unknown []string
	for _, e := range exercises {
		valid = append(valid, e.Name)
	}
	for _, name := range only {
		if !slices.Contains(valid, name) && !slices.Contains(unknown, name) {
			unknown = append(unknown, name)
		}
	}
	if unknown != nil {
		return nil, &UnknownExerciseError{Unknown: unknown, Valid: valid}
	}
	var chosen []Exercise
	for _, e := range exercises {
		if slices.Contains(only, e.Name) {
			chosen = append(chosen, e)
		}
	}
	return chosen, nil
}

// prepareOut makes sure out exists and is empty, emptying an earlier copy
// if overwrite allows.
func prepareOut(out string, overwrite bool) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(out, 0o755)
	}
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	_, err = os.Stat(filepath.Join(out, StampFile))
	isCopy := err == nil
	if !overwrite || !isCopy {
		return &OutNotEmptyError{Dir: out, Copy: isCopy}
	}
	return emptyDir(out)
}

// emptyDir removes everything inside dir, but not dir itself (which may be
// the shell's working folder).
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("course: %w", err)
		}
	}
	return nil
}

// writeCopy writes the files into out, blanking the regions of byFile in
// Go files and the solution lines quoted in the others, and then the
// stamp.
func writeCopy(from, out string, files []string, byFile map[string][]Region, solutions map[string]string, stamp *Stamp) error {
	for _, p := range files {
		src := filepath.Join(from, filepath.FromSlash(p))
		b, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("course: %w", err)
		}
		if rs := byFile[p]; len(rs) > 0 {
			if b, err = blankFile(p, b, rs); err != nil {
				return err
			}
		}
		if !strings.HasSuffix(p, ".go") {
			b = scrubText(b, solutions)
		}
		info, err := os.Stat(src)
		if err != nil {
			return fmt.Errorf("course: %w", err)
		}
		dst := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("course: %w", err)
		}
		if err := os.WriteFile(dst, b, info.Mode().Perm()); err != nil {
			return fmt.Errorf("course: %w", err)
		}
	}
	return writeStamp(out, stamp)
}
