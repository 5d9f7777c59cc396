package main

import (
	"strings"
	"testing"
)

func TestGradcheckCommand(t *testing.T) {
	for _, args := range [][]string{
		{"gradcheck"},
		{"gradcheck", "-layers", "9,6,3", "-act", "relu", "-tied", "-weight-decay", "0.2"},
		{"gradcheck", "-act", "tanh", "-out-act", "linear"},
	} {
		code, stdout, stderr := runBinary(t, args...)
		if code != 0 || strings.Contains(stdout, "FAIL") || !strings.Contains(stdout, "PASS") {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
}
