package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBinaryBadStdout runs the command with a standard output that cannot
// be written (a file opened for reading only: every write fails, on every
// system) and returns the exit status and stderr.
func runBinaryBadStdout(t *testing.T, args ...string) (int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stdout")
	os.WriteFile(path, nil, 0o644)
	readOnly, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer readOnly.Close()
	cmd := exec.Command(bottleneckBinary(t), args...)
	cmd.Env = append(os.Environ(), "MNIST_DIR=")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = readOnly, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

// TestStdoutFailureIsAnError: in every command, a report that cannot be
// written to standard output (a full disk, "> /dev/full") is a failure:
// exit status 1 and one line that says so; gradcheck used to exit 0.
// Commands that print before their long work (train, compare) stop there
// and save nothing; the others print their report after saving.
func TestStdoutFailureIsAnError(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	tmp := t.TempDir()
	model := filepath.Join(tmp, "model")
	if code, _, stderr := runBinary(t, "train", "-data", data, "-out", model, "-layers", "784,8,4", "-epochs", "1", "-batch", "10", "-train-n", "20"); code != 0 {
		t.Fatalf("training the model for encode: exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		args  []string
		wrote string // a file that must not exist afterwards, or ""
	}{
		{[]string{"help"}, ""},
		{[]string{"train", "-h"}, ""},
		{[]string{"gradcheck"}, ""},
		{[]string{"train", "-data", data, "-out", filepath.Join(tmp, "train"), "-layers", "784,8,4", "-epochs", "1", "-batch", "10", "-train-n", "20"}, filepath.Join(tmp, "train", "summary.json")},
		{[]string{"pca", "-data", data, "-k", "3", "-out", filepath.Join(tmp, "pca")}, ""},
		{[]string{"compare", "-data", data, "-k", "2", "-steps", "10", "-epochs", "1", "-batch", "10", "-out", filepath.Join(tmp, "compare")}, filepath.Join(tmp, "compare", "summary.json")},
		{[]string{"encode", "-model", filepath.Join(model, "autoencoder.model"), "-data", data, "-out", filepath.Join(tmp, "codes.csv")}, ""},
		{[]string{"show", "-data", data, "-n", "4", "-out", filepath.Join(tmp, "d.png")}, ""},
		{[]string{"bench", "-data", data, "-train-n", "20", "-batch", "10"}, ""},
	} {
		code, stderr := runBinaryBadStdout(t, tc.args...)
		stderr = errorLine(stderr) // a line saying which MNIST was read may come first
		if code != 1 || !strings.Contains(stderr, "cannot write to standard output") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 1 and one line saying standard output cannot be written", tc.args, code, stderr)
		}
		if tc.wrote != "" {
			if _, err := os.Stat(tc.wrote); err == nil {
				t.Errorf("%v: wrote %s although its report could not be printed", tc.args, tc.wrote)
			}
		}
	}
}
