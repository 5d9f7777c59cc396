// Package course turns this repository into course assignments: it
// finds the exercise regions marked in the source, writes a student copy
// with those regions blanked, and grades a copy by running its harness,
// course/probe, in the copy and judging the results in this process.
//
// # Marks
//
// An exercise region is a stretch of statements in a function, between two
// whole-line comments:
//
//	func Square(x float64) float64 {
//		// exercise square (2 points): multiply x by itself
//		return x * x
//		// end exercise square
//	}
//
// The name is lower case letters, digits and hyphens; the hint after the
// colon is optional. An exercise spread over several functions gives its
// points on one region and "(continued)" on the others:
//
//	// exercise linear-backward (continued): dX = dY·Wᵀ
//
// A region runs to the end of its block, usually the end of the function:
// in the student's copy it becomes a panic, and nothing may follow a panic.
// ParseMarks and FindExercises report malformed, unbalanced and duplicate
// marks, and regions of the wrong shape, as a *MarkError.
//
// # Copies
//
// Assign writes a student copy of the module: every chosen region is
// replaced by the hint as a TODO and panic("exercise NAME: not
// implemented"), variables and imports that only the removed code used are
// kept compiling, and everything else is copied unchanged. The copy carries
// a stamp, assignment.json, with the reference's version and the list of
// exercises, so that a copy made one week can be graded after the code has
// moved on.
//
// # Grading
//
// Grade builds the grading harness, package course/probe as this program
// carries it (go:embed), into the copy with go test -overlay, which also
// hides the copy's own test files and whatever its course/probe holds: one
// test binary per graded package, whose TestMain runs the harness. Each
// exercise then runs in a process of its own (through internal/sandbox:
// only its package's folder in reach where the system allows, a time limit
// and, on Linux, a limit on its address space), reads a seed that Grade
// draws for that run, calls the student's functions on inputs drawn from
// it and prints the raw results. Grade judges them in its own process,
// from the same seed, against values worked out from the definitions: what
// the student's process says about itself, and its exit status, cannot
// pass an exercise. A panic, a time-out, running out of memory or a
// compile error fails that exercise, and a package that does not compile
// does not stop the grading of the others. Points come from the table of
// graders (Graders), never from the copy's stamp. Where the system offers
// no sandbox, the student's code runs with the rights of whoever grades
// it, and Result.Isolation says so: grade untrusted copies in a container.
package course
