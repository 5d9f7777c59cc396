package course

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
)

// CopyBrokenError says that a copy Assign wrote does not build or does not
// pass go vet: a region whose blanking this package cannot make compile.
type CopyBrokenError struct {
	Dir    string
	Output string // what go vet printed
}

func (e *CopyBrokenError) Error() string {
	return fmt.Sprintf("course: the copy in %s does not pass go vet:\n%s", e.Dir, strings.TrimSpace(e.Output))
}

// CheckCopy runs go vet on the packages of the copy at dir that hold a
// blanked exercise, their tests included, and returns a *CopyBrokenError
// if it fails.
//
// Those packages are the only ones to check. Blanking changes the bodies
// of functions and the imports of their files, never a declaration that
// another package sees, and every other file is the reference's, byte for
// byte, which passes go vet itself. Vetting those few packages, built with
// -trimpath as Grade builds (so that the build cache serves the packages
// they import whatever folder the copy is in), takes seconds; go vet ./...
// of a copy in a new folder rebuilt and vetted every package of the
// module, tests and commands included.
func CheckCopy(ctx context.Context, dir string, limits Limits) error {
	pkgs := []string{"./..."}
	if stamp, err := ReadStamp(dir); err == nil {
		pkgs = nil
		for _, e := range stamp.Exercises {
			for _, f := range e.Files {
				if p := "./" + path.Dir(f); !slices.Contains(pkgs, p) {
					pkgs = append(pkgs, p)
				}
			}
		}
		if pkgs == nil {
			return nil
		}
	}
	var out bytes.Buffer
	err := run(ctx, limits.Build, dir, &limitedBuffer{buf: &out, max: 1 << 20}, "go", append([]string{"vet", "-trimpath"}, pkgs...)...)
	if e := ctx.Err(); e != nil {
		return fmt.Errorf("course: checking the copy stopped: %w", e)
	}
	if err != nil {
		return &CopyBrokenError{Dir: dir, Output: out.String()}
	}
	return nil
}
