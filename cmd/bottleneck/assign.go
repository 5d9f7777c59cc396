package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"bottleneck/course"
	"bottleneck/internal/quote"
)

const assignHelp = `
Write a student copy of this module into -out: the code of every exercise
marked in the source (or of those named by -only) is replaced by a panic and
a hint, everything else is copied, and assignment.json records the version
of the reference and the exercises, for "bottleneck grade". The packages
with a blanked exercise are then checked with go vet (the others are the
reference's, unchanged). "bottleneck todo" in the copy lists the blanks.`

func runAssign(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("assign", assignHelp, stdout)
	out := fs.String("out", "", "folder to write the copy into (new, empty, or an earlier copy with -overwrite)")
	only := fs.String("only", "", "comma-separated exercises to blank (default all)")
	from := fs.String("from", ".", "the reference: the module this folder is in")
	overwrite := fs.Bool("overwrite", false, "replace an earlier copy in -out")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("-out is required (run \"bottleneck assign -h\" for the flags)")
	}
	root, err := course.FindRoot(*from)
	if err != nil {
		return err
	}
	opts := course.AssignOptions{From: root, Out: *out, Overwrite: *overwrite}
	if *only != "" {
		names, err := exerciseList(*only)
		if err != nil {
			return err
		}
		opts.Only = names
	}
	stamp, err := course.Assign(opts)
	var unknown *course.UnknownExerciseError
	var notEmpty *course.OutNotEmptyError
	switch {
	case errors.As(err, &unknown):
		return usageError{err.Error()}
	case errors.As(err, &notEmpty) && notEmpty.Copy:
		return fmt.Errorf("%w (-overwrite replaces it)", err)
	case err != nil:
		return err
	}
	if err := course.CheckCopy(ctx, *out, course.DefaultLimits()); err != nil {
		return orInterrupted(err)
	}
	points := 0
	for _, e := range stamp.Exercises {
		points += e.Points
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %s, from the reference at %s\n", quote.Printable(*out), plural(len(stamp.Exercises), "exercise"), plural(points, "point"), stamp.Reference)
	return nil
}

// exerciseList splits -only's comma-separated names, spaces around them
// and empty names dropped; a list with no name at all is a usage error.
func exerciseList(only string) ([]string, error) {
	var names []string
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, usagef("-only %q: name one or more exercises, separated by commas, such as adam,sgd-momentum", quote.Brief(only))
	}
	return names, nil
}
