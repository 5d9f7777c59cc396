//go:build unix

package main

import (
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestSignalsStopClassify: Ctrl-C and SIGTERM stop classify while it
// trains a classifier (a million epochs: it would not end by itself), with
// exit status 1 and the message of every command.
func TestSignalsStopClassify(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 200, 50)
	model := saveModel(t, t.TempDir(), 784, 32)
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		code, output := signalDuring(t, sig, "softmax regression on", "classify", "-model", model, "-data", data, "-epochs", "1000000")
		if code != 1 || !strings.HasSuffix(output, "bottleneck classify: interrupted; nothing was saved\n") {
			t.Errorf("%v: exit %d, output ends %q; want 1 and \"interrupted; nothing was saved\"", sig, code, tail(output))
		}
	}
}
