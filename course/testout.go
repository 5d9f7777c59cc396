package course

import (
	"bytes"
	"regexp"
	"strings"
)

// testOutput reads what a test binary run with -test.v prints, line by
// line as it comes, and keeps only what grading needs: which tests passed
// and failed, the first message each test logged, and the first panic. It
// keeps a bounded amount however much the student's code prints.
type testOutput struct {
	passed, failed map[string]bool
	firstLog       map[string]string // test → the first line it logged
	logged         []string          // the tests of firstLog, in the order they logged
	panicLine      string            // the first "panic: " or "fatal error: " line
	running        string            // the test that printed last
	partial        []byte            // an unfinished line
}

// maxLine is the longest line kept; the rest of a longer one is dropped.
const maxLine = 4096

func newTestOutput() *testOutput {
	return &testOutput{passed: map[string]bool{}, failed: map[string]bool{}, firstLog: map[string]string{}}
}

// Write takes the next piece of output.
func (o *testOutput) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			o.partial = appendBounded(o.partial, p)
			break
		}
		o.line(string(appendBounded(o.partial, p[:i])))
		o.partial = o.partial[:0]
		p = p[i+1:]
	}
	return n, nil
}

// Close handles an unfinished last line.
func (o *testOutput) Close() {
	if len(o.partial) > 0 {
		o.line(string(o.partial))
		o.partial = nil
	}
}

func appendBounded(dst, p []byte) []byte {
	return append(dst, p[:min(len(p), max(0, maxLine-len(dst)))]...)
}

var (
	runLine  = regexp.MustCompile(`^=== (?:RUN|CONT|PAUSE|NAME)\s+(\S+)`)
	doneLine = regexp.MustCompile(`^\s*--- (PASS|FAIL|SKIP): (\S+)`)
	logLine  = regexp.MustCompile(`^    \S+\.go:[0-9]+: (.*)$`)
)

func (o *testOutput) line(s string) {
	s = strings.TrimSuffix(s, "\r")
	if m := runLine.FindStringSubmatch(s); m != nil {
		o.running = m[1]
		return
	}
	if m := doneLine.FindStringSubmatch(s); m != nil {
		switch m[1] {
		case "PASS":
			o.passed[m[2]] = true
		case "FAIL":
			o.failed[m[2]] = true
		}
		return
	}
	if m := logLine.FindStringSubmatch(s); m != nil && o.running != "" {
		if _, ok := o.firstLog[o.running]; !ok {
			o.firstLog[o.running] = strings.TrimSpace(m[1])
			o.logged = append(o.logged, o.running)
		}
		return
	}
	if o.panicLine == "" && (strings.HasPrefix(s, "panic: ") || strings.HasPrefix(s, "fatal error: ")) {
		if i := strings.Index(s, " [recovered"); i >= 0 {
			s = s[:i]
		}
		o.panicLine = s
	}
}

// verdict returns whether every one of tests passed, and if not, the first
// failure: the first message logged by a failed test (or by a subtest of
// it), else the panic, else which test did not run.
func (o *testOutput) verdict(tests []string) (bool, string) {
	for _, t := range tests {
		if o.failed[t] {
			if msg := o.logOf(t); msg != "" {
				return false, msg
			}
			if o.panicLine != "" {
				return false, o.panicLine
			}
			return false, t + " failed"
		}
	}
	for _, t := range tests {
		if !o.passed[t] {
			if o.panicLine != "" {
				return false, o.panicLine
			}
			return false, t + " did not run to the end"
		}
	}
	return true, ""
}

// logOf returns the first line logged by test t or one of its subtests.
func (o *testOutput) logOf(t string) string {
	if msg, ok := o.firstLog[t]; ok {
		return msg
	}
	for _, name := range o.logged {
		if strings.HasPrefix(name, t+"/") {
			return o.firstLog[name]
		}
	}
	return ""
}
