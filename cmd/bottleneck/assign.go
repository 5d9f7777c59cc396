package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"bottleneck/course"
)

const assignHelp = `
Write a student copy of this module into -out: the code of every exercise
marked in the source (or of those named by -only) is replaced by a panic and
a hint, everything else is copied, and assignment.json records the version
of the reference and the exercises, for "bottleneck grade". The copy is then
checked with go vet.`

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
		opts.Only = strings.Split(*only, ",")
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
	fmt.Fprintf(stdout, "wrote %s: %d exercises, %d points, from the reference at %s\n", *out, len(stamp.Exercises), points, stamp.Reference)
	return nil
}
