// Package probe is the grading harness of the course assignments: for
// each exercise, the calls that put a student's code to work, and the
// checks that judge what those calls returned.
//
// The two halves run in different processes. Run is the student's half:
// bottleneck grade builds it into the student's copy (in a test binary of
// the exercise's package, with this package's files put in place of the
// copy's, so that editing them changes nothing) and runs it; it reads a
// seed from its standard input, draws the exercise's inputs from it, calls
// the student's functions on them and prints the raw results, float64 bits
// in hex. Judge is grade's half, in grade's own process: it draws the same
// inputs from the same seed, works out what the results must be from the
// definitions (loops over the textbook formulas, written here; never the
// copy's exercise code), and compares. Grade draws a fresh seed for every
// run and hands it over only when the run starts, so a process that does
// not compute the answers cannot print them, and nothing else it prints,
// nor its exit status, can pass an exercise.
//
// Every check that is not a single call is a sequence of calls whose every
// result is printed: a second call on a reused, dirty buffer, a second
// optimizer step that must remember the first, inputs past any internal
// block size, degenerate inputs, and each path the exercise's hint names.
package probe

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"bottleneck/matrix"
)

// An exercise is what this package knows of one exercise.
type exercise struct {
	name string
	// run calls the student's code on inputs drawn from rng and records
	// the results in out (the student's process).
	run func(rng *rand.Rand, out *Recorder)
	// want draws the same inputs from rng and returns the checks of the
	// results (grade's process).
	want func(rng *rand.Rand) []Check
}

// exercises holds the exercises of the files built in, by name; each file
// registers its own in an init function, so that a build with some of the
// files leaves out those exercises and their imports.
var exercises = map[string]exercise{}

func register(e exercise) { exercises[e.name] = e }

// Exercises returns the names of the exercises built in, sorted.
func Exercises() []string {
	var names []string
	for n := range exercises {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Has reports whether exercise name is built in.
func Has(name string) bool { _, ok := exercises[name]; return ok }

// NewRand returns the random source of a run with the given seed: the
// same numbers at every run with that seed.
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x62747463)) }

// A Value is one result the student's code returned: a label saying which
// call returned it, and its numbers.
type Value struct {
	Label  string
	Values []float64
}

// A Recorder collects the results of a run.
type Recorder struct {
	w io.Writer
}

// Put records the numbers vs under label.
func (r *Recorder) Put(label string, vs ...float64) {
	var b strings.Builder
	b.WriteString(valuePrefix)
	b.WriteString(strconv.Quote(label))
	for _, v := range vs {
		b.WriteByte(' ')
		b.WriteString(strconv.FormatUint(math.Float64bits(v), 16))
	}
	b.WriteByte('\n')
	io.WriteString(r.w, b.String())
}

// PutMatrix records the entries of m, row after row, under label, with its
// shape first.
func (r *Recorder) PutMatrix(label string, m *matrix.Dense) {
	if m == nil {
		r.Put(label)
		return
	}
	vs := []float64{float64(m.Rows()), float64(m.Cols())}
	for i := 0; i < m.Rows(); i++ {
		vs = append(vs, m.Row(i)...)
	}
	r.Put(label, vs...)
}

// The lines the harness prints start with these; anything else the
// process prints is not read.
const (
	valuePrefix = "#probe-value# "
	panicPrefix = "#probe-panic# "
	endPrefix   = "#probe-end# "
)

// Run reads "EXERCISE SEED" from in, runs the exercise and prints its
// results to out. It returns the process's exit status: 0 when the
// harness got to the end (whether the results are right is Judge's to
// say), 2 for a request it cannot serve. A panic in the student's code is
// printed and ends the run.
func Run(in io.Reader, out io.Writer) int {
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintf(out, "%sno request on standard input: %v\n", panicPrefix, err)
		return 2
	}
	name, seedText, _ := strings.Cut(strings.TrimSpace(line), " ")
	seed, err := strconv.ParseUint(seedText, 10, 64)
	e, ok := exercises[name]
	if !ok || err != nil {
		fmt.Fprintf(out, "%sbad request %q\n", panicPrefix, line)
		return 2
	}
	w := bufio.NewWriterSize(out, 1<<16)
	defer w.Flush()
	r := &Recorder{w: w}
	func() {
		defer func() {
			if v := recover(); v != nil {
				fmt.Fprintf(w, "%s%s\n", panicPrefix, oneLine(fmt.Sprint(v)))
			}
		}()
		e.run(NewRand(seed), r)
		fmt.Fprintf(w, "%s%s\n", endPrefix, name)
	}()
	return 0
}

// oneLine returns s with its line breaks as spaces.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// An Output is what Parse read of a run's output.
type Output struct {
	Values []Value
	Panic  string // the panic the harness caught, if any
	Ended  bool   // the harness printed its end line
}

// Parse reads the lines the harness printed from what a run printed. A
// line it cannot read is skipped.
func Parse(text []byte) Output {
	var o Output
	for _, l := range strings.Split(string(text), "\n") {
		l = strings.TrimSuffix(l, "\r")
		switch {
		case strings.HasPrefix(l, valuePrefix):
			if v, ok := parseValue(l[len(valuePrefix):]); ok {
				o.Values = append(o.Values, v)
			}
		case strings.HasPrefix(l, panicPrefix):
			if o.Panic == "" {
				o.Panic = l[len(panicPrefix):]
			}
		case strings.HasPrefix(l, endPrefix):
			o.Ended = true
		}
	}
	return o
}

func parseValue(s string) (Value, bool) {
	label, err := strconv.QuotedPrefix(s)
	if err != nil {
		return Value{}, false
	}
	v := Value{}
	v.Label, _ = strconv.Unquote(label)
	for _, f := range strings.Fields(s[len(label):]) {
		bits, err := strconv.ParseUint(f, 16, 64)
		if err != nil {
			return Value{}, false
		}
		v.Values = append(v.Values, math.Float64frombits(bits))
	}
	return v, true
}

// A Check judges the result recorded under Label: Judge returns "" when it
// is right, else what is wrong.
type Check struct {
	Label string
	Judge func(got []float64) string
}

// Judge runs the checks of exercise name for the run with the given seed
// on the values it recorded, in the order the calls were made, and returns
// whether all passed and, if not, the first failure. Every value recorded
// under a check's label must pass it (a line printed twice cannot help), and
// a label with no value fails.
func Judge(name string, seed uint64, got Output) (bool, string) {
	e, ok := exercises[name]
	if !ok {
		return false, "no checks for this exercise in this version of bottleneck"
	}
	for _, c := range e.want(NewRand(seed)) {
		found := false
		for _, v := range got.Values {
			if v.Label != c.Label {
				continue
			}
			found = true
			if msg := c.Judge(v.Values); msg != "" {
				return false, c.Label + ": " + msg
			}
		}
		if !found {
			if got.Panic != "" {
				return false, c.Label + ": panic: " + got.Panic
			}
			return false, c.Label + ": no result (the run ended before this call)"
		}
	}
	if !got.Ended {
		return false, "the run did not get to its end"
	}
	return true, ""
}
