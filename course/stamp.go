package course

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// StampFile is the name of the stamp at the root of a student copy.
const StampFile = "assignment.json"

// Stamp records how a student copy was made.
type Stamp struct {
	Module string `json:"module"` // ModulePath
	// Reference is the version of the reference the copy was made from.
	Reference Version `json:"reference"`
	// Exercises are the exercises blanked in the copy, the ones to grade.
	Exercises []StampedExercise `json:"exercises"`
}

// Version identifies a version of the reference.
type Version struct {
	// Git is "git describe --always --dirty" of the reference, when it
	// was a git work tree.
	Git string `json:"git,omitempty"`
	// TreeSHA256 is the hash of every file copied, before blanking (the
	// SHA-256 of their "sha256sum" listing, sorted by path).
	TreeSHA256 string `json:"tree_sha256"`
}

func (v Version) String() string {
	s := "tree " + v.TreeSHA256[:min(12, len(v.TreeSHA256))]
	if v.Git != "" {
		s = "git " + v.Git + ", " + s
	}
	return s
}

// StampedExercise is one blanked exercise of a copy.
type StampedExercise struct {
	Name   string   `json:"name"`
	Points int      `json:"points"`
	Files  []string `json:"files"` // where its regions are
	// Grader is the Hash of the exercise's grader in the program that
	// made the copy, or "" if it had none.
	Grader string `json:"grader_sha256,omitempty"`
}

// ErrNoStamp is wrapped by the error ReadStamp returns for a folder without
// a stamp, such as the reference itself.
var ErrNoStamp = errors.New("no " + StampFile)

// ReadStamp reads the stamp of the copy at dir.
func ReadStamp(dir string) (*Stamp, error) {
	b, err := os.ReadFile(filepath.Join(dir, StampFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("course: %s: %w", dir, ErrNoStamp)
	}
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	var s Stamp
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, &NotCopyError{Dir: dir, Reason: fmt.Sprintf("its %s does not parse: %v", StampFile, err)}
	}
	if s.Module != ModulePath {
		return nil, &NotCopyError{Dir: dir, Reason: fmt.Sprintf("its %s is for module %q", StampFile, s.Module)}
	}
	return &s, nil
}

// writeStamp writes s as dir/StampFile.
func writeStamp(dir string, s *Stamp) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("course: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, StampFile), append(b, '\n'), 0o644)
}
