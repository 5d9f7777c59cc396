package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"bottleneck/course"
)

const gradeHelp = `
Grade a student copy made by "bottleneck assign": a table of exercise,
points, of, first failure, or with -json only
{"exercises": [...], "points": P, "max_points": M}. Each exercise's harness,
carried by this program (the copy's test files and its course/probe are not
used), runs in the copy in a process of its own, limited in time and, on
Linux, in memory and in a sandbox (only the package's folder in reach,
read-only, no network) where the system allows one, on inputs drawn from a
seed chosen for that run; this program judges the numbers it prints, so
nothing else the process prints, nor its exit status, earns a point.
Points come from this program's table, not from the copy's
assignment.json. A folder that holds copies rather than being one is
graded as a class: one CSV line a copy (with a column saying
why each failed exercise scored 0), or with -json one document with a
record per copy. The student's code runs with your rights: grade untrusted
copies in a container. Exit status 0 whenever grading was possible,
whatever the score.`

func runGrade(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("grade", gradeHelp, stdout)
	dir := flags.String("dir", ".", "the copy, or a folder of copies")
	asJSON := flags.Bool("json", false, "print only the result as JSON (for a class, one document with a record per copy)")
	only := flags.String("only", "", "comma-separated exercises to grade (default every exercise of the copy)")
	limits := course.DefaultLimits()
	flags.DurationVar(&limits.Run, "timeout", limits.Run, "time limit of one exercise")
	memory := flags.Int64("memory", limits.Memory>>20, fmt.Sprintf("address space limit of one exercise in MiB (Linux; 0 for none, else at least %d)", course.MinMemory>>20))
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("-dir is empty: name the copy's folder, or a folder of copies (the default is the current folder)")
	}
	if limits.Run < time.Second {
		return usagef("-timeout %v: give at least a second, e.g. -timeout 2m", limits.Run)
	}
	// 1<<30 MiB is a pebibyte: far above any machine, far below where
	// the conversion to bytes would overflow.
	if *memory != 0 && (*memory < course.MinMemory>>20 || *memory > 1<<30) {
		return usagef("-memory %d: give 0 for no limit, or from %d (what a Go test binary needs to run the graders) to %d MiB", *memory, course.MinMemory>>20, 1<<30)
	}
	limits.Memory = *memory << 20
	opts := course.GradeOptions{Dir: *dir, Limits: limits}
	if *only != "" {
		names, err := exerciseList(*only)
		if err != nil {
			return err
		}
		opts.Only = names
	}

	if _, err := os.Stat(filepath.Join(*dir, "go.mod")); errors.Is(err, fs.ErrNotExist) {
		class, err := course.GradeClass(ctx, opts)
		if err != nil {
			return orInterrupted(err)
		}
		if why := class.Unisolated(); why != "" {
			fmt.Fprintf(stderr, "bottleneck grade: the students' code ran %s; grade untrusted copies in a container\n", why)
		}
		if *asJSON {
			return class.WriteJSON(stdout)
		}
		return class.WriteCSV(stdout)
	}
	res, err := course.Grade(ctx, opts)
	var unknown *course.UnknownExerciseError
	if errors.As(err, &unknown) {
		return usageError{err.Error()}
	}
	if err != nil {
		return orInterrupted(err)
	}
	if res.Isolation != "" && res.Isolation != "isolated" {
		fmt.Fprintf(stderr, "bottleneck grade: the student's code ran %s; grade untrusted copies in a container\n", res.Isolation)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	return res.WriteTable(stdout)
}
