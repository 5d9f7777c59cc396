package course

import (
	"bytes"
	"context"
	"fmt"
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

// CheckCopy runs go vet ./... in the copy at dir (which builds every
// package and its tests) and returns a *CopyBrokenError if it fails.
func CheckCopy(ctx context.Context, dir string, limits Limits) error {
	var out bytes.Buffer
	err := run(ctx, limits.Build, dir, &limitedBuffer{buf: &out, max: 1 << 20}, "go", "vet", "./...")
	if e := ctx.Err(); e != nil {
		return fmt.Errorf("course: checking the copy stopped: %w", e)
	}
	if err != nil {
		return &CopyBrokenError{Dir: dir, Output: out.String()}
	}
	return nil
}
