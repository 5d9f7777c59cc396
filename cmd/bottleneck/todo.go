package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"bottleneck/course"
)

const todoHelp = `
List what is left to do in a student copy: every exercise region that still
holds the panic "bottleneck assign" put there, as file:line (the line of the
panic, for an editor to jump to), the exercise, its points and its hint,
then the count. The reference itself has none.`

func runTodo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("todo", todoHelp, stdout)
	dir := flags.String("dir", ".", "the copy")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("-dir is empty: name the copy's folder (the default is the current folder)")
	}
	blanks, err := course.Todo(*dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	width := 0
	for _, bl := range blanks {
		width = max(width, len(fmt.Sprintf("%s:%d", bl.File, bl.Line)))
	}
	exercises, points := 0, 0
	for _, bl := range blanks {
		what := bl.Exercise + " (continued)"
		if bl.Points > 0 {
			what = fmt.Sprintf("%s (%s)", bl.Exercise, plural(bl.Points, "point"))
			exercises++
			points += bl.Points
		}
		line := fmt.Sprintf("%-*s  %s: %s", width, fmt.Sprintf("%s:%d", bl.File, bl.Line), what, bl.Hint)
		b.WriteString(strings.TrimSuffix(line, ": ") + "\n")
	}
	if len(blanks) == 0 {
		b.WriteString("nothing left: no exercise of this copy is blank\n")
	} else {
		fmt.Fprintf(&b, "%s left, %s\n", plural(exercises, "exercise"), plural(points, "point"))
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}
