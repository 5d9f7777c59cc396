package course

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Region is one marked stretch of code: the lines strictly between a start
// mark and its end mark.
type Region struct {
	Exercise string // the exercise's name, e.g. "linear-forward"
	File     string // slash-separated path from the module root, e.g. "nn/linear.go"
	// Start and End are the line numbers (from 1) of the start and end
	// marks; the region's code is lines Start+1 to End−1.
	Start, End int
	// Points is the exercise's points, given on one region of each
	// exercise; 0 on a region marked "(continued)".
	Points int
	Hint   string // the text after the colon of the start mark, or ""
	Indent string // the white space before the start mark
}

// Continued reports whether r is a further part of an exercise whose points
// are given on another region.
func (r Region) Continued() bool { return r.Points == 0 }

// The kinds of mistake in exercise marks. A *MarkError wraps one of them, so
// errors.Is(err, ErrUnbalancedMark) tells the kind.
var (
	// ErrMalformedMark: a comment that starts like a mark but does not
	// follow the syntax.
	ErrMalformedMark = errors.New("malformed exercise mark")
	// ErrUnbalancedMark: a start without its end, an end without its
	// start, an end naming another exercise, a region inside a region, or
	// a "(continued)" region of an exercise that gives no points anywhere.
	ErrUnbalancedMark = errors.New("unbalanced exercise marks")
	// ErrDuplicateMark: two regions of one exercise both giving points.
	ErrDuplicateMark = errors.New("duplicate exercise mark")
	// ErrRegionShape: the marks do not enclose whole statements of one
	// block, or statements follow the end mark in that block, or the
	// region is not inside a function.
	ErrRegionShape = errors.New("exercise region of the wrong shape")
)

// MarkError is a mistake in the exercise marks of one file.
type MarkError struct {
	File   string // slash-separated path from the module root
	Line   int    // the line of the offending mark
	Name   string // the exercise, when known
	Err    error  // ErrMalformedMark, ErrUnbalancedMark, ErrDuplicateMark or ErrRegionShape
	Detail string // what exactly is wrong
}

func (e *MarkError) Error() string {
	return fmt.Sprintf("course: %s:%d: %v: %s", e.File, e.Line, e.Err, e.Detail)
}

// Unwrap returns the kind of mistake.
func (e *MarkError) Unwrap() error { return e.Err }

// markErrorf returns a *MarkError with a formatted detail.
func markErrorf(file string, line int, name string, kind error, format string, a ...any) error {
	return &MarkError{File: file, Line: line, Name: name, Err: kind, Detail: fmt.Sprintf(format, a...)}
}

// The two mark lines, after the white space before them is removed.
var (
	startMark = regexp.MustCompile(`^// exercise ([a-z][a-z0-9-]*) \((?:([0-9]+) points?|continued)\)(?:: (.*))?$`)
	endMark   = regexp.MustCompile(`^// end exercise ([a-z][a-z0-9-]*)$`)
)

// markLike matches a trimmed line meant as a mark: "// exercise NAME (…"
// or "// end exercise …". Prose that merely starts with the word exercise
// does not match.
var markLike = regexp.MustCompile(`^// (?:exercise \S+ \(|end exercise(?:\s|$))`)

// ParseMarks returns the regions marked in the Go source src of one file
// (file is its path from the module root, used in errors), in the order
// they appear. Every mistake found is returned, joined with errors.Join,
// each as a *MarkError. ParseMarks reads lines only; FindExercises also
// checks that each region encloses whole statements ending a block.
func ParseMarks(file string, src []byte) ([]Region, error) {
	var regions []Region
	var errs []error
	fail := func(line int, name string, kind error, format string, a ...any) {
		errs = append(errs, markErrorf(file, line, name, kind, format, a...))
	}
	var open *Region // the region whose end mark has not come yet
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if !markLike.MatchString(trimmed) {
			continue
		}
		if m := endMark.FindStringSubmatch(trimmed); m != nil {
			switch {
			case open == nil:
				fail(n, m[1], ErrUnbalancedMark, "end of exercise %s without its start", m[1])
			case open.Exercise != m[1]:
				fail(n, m[1], ErrUnbalancedMark, "end of exercise %s inside exercise %s (started on line %d)", m[1], open.Exercise, open.Start)
			default:
				open.End = n
				regions = append(regions, *open)
				open = nil
			}
			continue
		}
		m := startMark.FindStringSubmatch(trimmed)
		if m == nil {
			fail(n, "", ErrMalformedMark, "%q: want \"// exercise NAME (N points): hint\", \"// exercise NAME (continued): hint\" or \"// end exercise NAME\", NAME in lower case letters, digits and hyphens", trimmed)
			continue
		}
		r := Region{Exercise: m[1], File: file, Start: n, Hint: strings.TrimSpace(m[3])}
		r.Indent = line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if m[2] != "" {
			p, err := strconv.Atoi(m[2])
			if err != nil || p < 1 {
				fail(n, r.Exercise, ErrMalformedMark, "exercise %s has %q points; give a whole number of at least 1", r.Exercise, m[2])
				continue
			}
			r.Points = p
		}
		if open != nil {
			fail(n, r.Exercise, ErrUnbalancedMark, "exercise %s starts inside exercise %s (started on line %d)", r.Exercise, open.Exercise, open.Start)
			continue
		}
		open = &r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("course: reading %s: %w", file, err)
	}
	if open != nil {
		fail(open.Start, open.Exercise, ErrUnbalancedMark, "exercise %s has no \"// end exercise %s\"", open.Exercise, open.Exercise)
	}
	return regions, errors.Join(errs...)
}
