package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRun trains a tiny lab run with every penalty and noise on and checks
// that it writes its pictures; bad flags are errors.
func TestRun(t *testing.T) {
	out := t.TempDir()
	args := []string{"-train-n", "200", "-test-n", "50", "-epochs", "1", "-code", "16",
		"-loss", "bce", "-noise", "mask:0.3", "-sparsity", "0.1", "-contractive", "0.1", "-l1", "0.01", "-weight-decay", "1e-4",
		"-opt", "momentum", "-out", out}
	if err := run(args); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"filters.png", "reconstructions.png"} {
		if info, err := os.Stat(filepath.Join(out, name)); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, bad := range [][]string{{"-opt", "rmsprop"}, {"-loss", "l1"}, {"-noise", "mask:2"}, {"-train-n", "0"}} {
		if err := run(bad); err == nil {
			t.Errorf("lab %v: no error", bad)
		}
	}
}
