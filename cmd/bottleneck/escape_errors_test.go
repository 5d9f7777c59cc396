package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorLinesEscapeControlCharacters: an error that names a path with
// a terminal escape in it writes the escape as \x1b, never raw. Paths in
// errors come from many places (loadModel's own message, the os package's
// "open …"), so the one line that prints them escapes them all.
func TestErrorLinesEscapeControlCharacters(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "\x1b[2J")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "-model", filepath.Join(dir, "a\x1b[31mred.model")},    // no such file
		{"export", "-model", folder, "-out", filepath.Join(dir, "w.npz")}, // a directory, from the os package
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code == 0 || strings.ContainsRune(stderr.String(), '\x1b') || !strings.Contains(stderr.String(), `\x1b`) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q; want one line with the escape written \\x1b", args, code, stderr.String())
		}
	}
}
