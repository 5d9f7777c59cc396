// Package course turns this repository into course assignments graded by
// go test: it finds the exercise regions marked in the source, writes a
// student copy with those regions blanked, and grades a copy with the
// reference's own tests.
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
// Grade runs each exercise's graders: tests that this package carries
// (go:embed, under testdata/graders, where the go tool ignores them in the
// reference), injected into the copy's packages with go test -overlay, which
// also hides the copy's own test files so that edited tests do not count.
// Each package's tests are built once with go test -c; each exercise then
// runs in a process of its own with a time limit and, on Linux, a limit on
// its address space. A panic, a time-out, running out of memory or a compile
// error fails that exercise, and a package that does not compile does not
// stop the grading of the others.
//
// Student code runs with the rights of whoever grades it. The limits stop
// accidents (an endless loop, an allocation without bound), not malice:
// grade untrusted copies inside a container.
package course
