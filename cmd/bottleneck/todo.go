package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bottleneck/course"
	"bottleneck/internal/quote"
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
	if copies := copiesIn(*dir); len(copies) > 0 {
		return usagef("-dir %s holds copies (%s), not one: todo lists the blanks of one copy, e.g. -dir %s", quote.Printable(*dir), quote.Brief(strings.Join(copies, ", ")), quote.Printable(filepath.Join(*dir, copies[0])))
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

// copiesIn returns the folders directly inside dir that hold a go.mod, if
// dir itself holds none: a class folder, as grade takes, and not a copy.
func copiesIn(dir string) []string {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var copies []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(dir, e.Name(), "go.mod")); e.IsDir() && err == nil {
			copies = append(copies, e.Name())
		}
	}
	return copies
}
