package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHintonQARefusals: flags that once ran a wrong or wasteful run are
// refused at once with one line and exit 2: a start named twice trained
// twice into one checkpoint, an empty -starts ran -quick's map alone, a
// -checkpoint that is a file failed after MNIST was read, a first layer
// size other than the images' ended with exit 1 in the experiment's
// words, and a code wider than a hidden layer ran.
func TestHintonQARefusals(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-starts", "rbm,rbm"}, `-starts rbm,rbm: starting point "rbm" named twice`},
		{[]string{"-starts", ",,"}, `-starts ",," names no starting point`},
		{[]string{"-checkpoint", file}, "is a regular file, not a folder"},
		{[]string{"-layers", "783,16,8"}, "-layers 783,16,8: the network takes 783 inputs, the images have 784 pixels"},
		{[]string{"-layers", "784,10,20"}, "-layers 784,10,20: the code (20) is wider than hidden layer 1 (10), which is then the real bottleneck"},
	} {
		args := append(append(append([]string(nil), hintonQuick...), "-out", filepath.Join(dir, "out")), tc.args...)
		code, _, stderr := runBinary(t, args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestHintonNoStaleChart: a run with no fine-tuning epoch draws no
// test_error.svg, so summary.json must not list one, and an earlier run's
// must go like every other stale file (it stayed, beside a report it did
// not belong to).
func TestHintonNoStaleChart(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "test_error.svg")
	if err := os.WriteFile(stale, []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBinary(t, append(append([]string(nil), hintonQuick...), "-out", dir, "-map=false", "-starts", "random", "-epochs", "0")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the earlier run's test_error.svg is still there (%v)", err)
	}
	sum, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sum), "test_error.svg") {
		t.Errorf("summary.json lists test_error.svg, which was not written")
	}
}
