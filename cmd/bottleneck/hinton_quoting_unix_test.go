//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHintonSuccessLineEscapesPath: hinton's last line names -out with
// its terminal escape and newline written as Go escapes, as train's does;
// it printed them raw, recolouring the terminal and faking a line.
func TestHintonSuccessLineEscapesPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x\x1b[31m\nfake line")
	code, stdout, stderr := runBinary(t, append(append([]string(nil), hintonQuick...), "-out", out, "-map=false", "-starts", "random", "-epochs", "0")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "summary.json")); err != nil {
		t.Errorf("the outputs are not where asked: %v", err)
	}
	if strings.Contains(stdout, "\x1b") || strings.Contains(stdout, "\nfake line") || !strings.Contains(stdout, `wrote `+strings.TrimSuffix(out, "x\x1b[31m\nfake line")+`x\x1b[31m\nfake line (load now`) {
		t.Errorf("stdout %q; want the path escaped on one line", stdout)
	}
}
