package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEncodeSplit: encode writes one row per test image by default, one
// per training image with -split train, each starting with that image's
// label, and refuses any other split.
func TestEncodeSplit(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 30, 12)
	train, test := embeddedMNIST(t)
	tmp := t.TempDir()
	model := saveModel(t, tmp, 784, 3)
	for _, tc := range []struct {
		args   []string
		labels []uint8
		words  string
	}{
		{nil, test.Labels[:12], "codes of 12 test images"},
		{[]string{"-split", "test"}, test.Labels[:12], "codes of 12 test images"},
		{[]string{"-split", "train"}, train.Labels[:30], "codes of 30 training images"},
	} {
		out := filepath.Join(tmp, "codes.csv")
		args := append([]string{"encode", "-model", model, "-data", data, "-out", out}, tc.args...)
		code, stdout, stderr := runBinary(t, args...)
		if code != 0 || !strings.Contains(stdout, tc.words) {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q; want 0 and %q", tc.args, code, stdout, stderr, tc.words)
		}
		csv, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
		if lines[0] != "label,h0,h1,h2" || len(lines) != len(tc.labels)+1 {
			t.Fatalf("%v: header %q and %d rows; want label,h0,h1,h2 and %d", tc.args, lines[0], len(lines)-1, len(tc.labels))
		}
		for i, l := range tc.labels {
			if label, _, _ := strings.Cut(lines[i+1], ","); label != strconv.Itoa(int(l)) {
				t.Errorf("%v: row %d has label %s, want %d", tc.args, i, label, l)
			}
		}
	}
	code, _, stderr := runBinary(t, "encode", "-model", model, "-split", "validation")
	if code != 2 || stderr != "bottleneck encode: -split validation: want test or train\n" {
		t.Errorf("-split validation: exit %d, stderr %q; want 2 and one line", code, stderr)
	}
}
