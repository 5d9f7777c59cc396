//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSuccessLinesEscapePaths: an -out whose name holds a terminal escape
// and a newline (legal in a Unix file name) is written where asked, but the
// line that names it, and report.html, show them escaped, as the error
// messages do: the terminal is not recoloured, no fake line appears.
func TestSuccessLinesEscapePaths(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 12)
	weird := "x\x1b[31m\nfake line"
	escaped := `x\x1b[31m\nfake line`
	for _, tc := range []struct {
		name string
		args func(out string) []string
		out  func(dir string) string
	}{
		{"show", func(out string) []string { return []string{"show", "-data", data, "-n", "4", "-out", out} }, func(dir string) string { return filepath.Join(dir, weird+".png") }},
		{"pca", func(out string) []string { return []string{"pca", "-data", data, "-k", "3", "-out", out} }, func(dir string) string { return filepath.Join(dir, weird) }},
	} {
		out := tc.out(t.TempDir())
		var stdout, stderr bytes.Buffer
		if code := run(tc.args(out), &stdout, &stderr); code != 0 {
			t.Fatalf("%s: exit %d, stderr %q", tc.name, code, stderr.String())
		}
		if _, err := os.Stat(out); err != nil {
			t.Errorf("%s: the output is not where asked: %v", tc.name, err)
		}
		lines := strings.SplitAfter(stdout.String(), "\n")
		line := lines[len(lines)-2] // the last, which names the output
		if strings.Contains(stdout.String(), "\x1b") || strings.Contains(stdout.String(), "\nfake line") || !strings.Contains(line, escaped) {
			t.Errorf("%s: stdout %q, want one line naming the path as %s", tc.name, line, escaped)
		}
		if tc.name == "pca" {
			page, _ := os.ReadFile(filepath.Join(out, "report.html"))
			if bytes.Contains(page, []byte("\x1b")) || bytes.Contains(page, []byte("\nfake line")) {
				t.Errorf("report.html holds the raw escape or newline of -out")
			}
			if !bytes.Contains(page, []byte(`$&#39;`)) && !bytes.Contains(page, []byte(`$'`)) {
				t.Errorf("report.html's command line does not quote -out with $'…'")
			}
		}
	}
}
