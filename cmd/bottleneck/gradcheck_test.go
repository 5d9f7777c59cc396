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
		{"gradcheck", "-loss", "bce", "-binarize", "-l1", "0.1", "-noise", "mask:0.3"},
		{"gradcheck", "-layers", "6,3", "-code-act", "sigmoid", "-sparsity", "0.05", "-sparsity-weight", "3", "-contractive", "0.5", "-noise", "gauss:0.2"},
		{"gradcheck", "-layers", "6,8", "-overcomplete"},
	} {
		code, stdout, stderr := runBinary(t, args...)
		if code != 0 || strings.Contains(stdout, "FAIL") || !strings.Contains(stdout, "PASS") {
			t.Errorf("%v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
}
