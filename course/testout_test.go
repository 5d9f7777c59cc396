package course

import (
	"strings"
	"testing"
)

func TestTestOutput(t *testing.T) {
	for _, c := range []struct {
		name   string
		output string
		tests  []string
		passed bool
		msg    string
	}{
		{"pass", "=== RUN   TestA\n--- PASS: TestA (0.00s)\nPASS\n", []string{"TestA"}, true, ""},
		{"fail with a message", "=== RUN   TestA\n    a_test.go:12: Forward: entry (0, 1) is 5, want 25\n        more\n    a_test.go:13: second\n--- FAIL: TestA (0.00s)\nFAIL\n",
			[]string{"TestA"}, false, "Forward: entry (0, 1) is 5, want 25"},
		{"panic", "=== RUN   TestA\n--- FAIL: TestA (0.00s)\npanic: exercise a: not implemented [recovered, repanicked]\n\ngoroutine 7 [running]:\n",
			[]string{"TestA"}, false, "panic: exercise a: not implemented"},
		{"own time-out", "=== RUN   TestA\npanic: test timed out after 2s\n\trunning tests:\n\t\tTestA (2s)\n",
			[]string{"TestA"}, false, "panic: test timed out after 2s"},
		{"out of memory", "=== RUN   TestA\nruntime: out of memory: cannot allocate 8388608-byte block (297435136 in use)\nfatal error: out of memory\n",
			[]string{"TestA"}, false, "fatal error: out of memory"},
		{"one of two failed", "=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n    b_test.go:1: wrong\n--- FAIL: TestB (0.00s)\n",
			[]string{"TestA", "TestB"}, false, "wrong"},
		{"never ran", "PASS\n", []string{"TestA"}, false, "TestA did not run to the end"},
		{"subtest", "=== RUN   TestA\n=== RUN   TestA/x\n    a_test.go:3: in x\n--- FAIL: TestA (0.00s)\n    --- FAIL: TestA/x (0.00s)\n",
			[]string{"TestA"}, false, "in x"},
		{"pass printed by the code under test, then a failure", "=== RUN   TestA\n--- PASS: TestB (0.00s)\n    a_test.go:3: wrong\n--- FAIL: TestA (0.00s)\n",
			[]string{"TestA"}, false, "wrong"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := newTestOutput()
			// Feed it in small pieces, as a pipe would.
			for s := c.output; s != ""; {
				n := min(len(s), 7)
				o.Write([]byte(s[:n]))
				s = s[n:]
			}
			o.Close()
			passed, msg := o.verdict(c.tests)
			if passed != c.passed || msg != c.msg {
				t.Errorf("got %v, %q; want %v, %q", passed, msg, c.passed, c.msg)
			}
		})
	}
}

func TestTestOutputBounded(t *testing.T) {
	o := newTestOutput()
	long := strings.Repeat("x", 10*maxLine)
	o.Write([]byte("=== RUN   TestA\n    a_test.go:1: " + long + "\n--- FAIL: TestA (0.00s)\n"))
	_, msg := o.verdict([]string{"TestA"})
	if len(msg) > maxLine || !strings.HasPrefix(msg, "xxx") {
		t.Errorf("a %d-byte message came back as %d bytes", len(long), len(msg))
	}
}
