package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestShuffledModelSaysSo: a model trained with -shuffle-pixels records
// it, and export, encode and classify, which feed it MNIST as it is, warn
// that its errors and codes are not train's (they were silent, and the
// exported weights gave Python another test error than train printed); a
// model trained without it gets no warning.
func TestShuffledModelSaysSo(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	for _, shuffled := range []bool{false, true} {
		out := t.TempDir()
		args := trainArgs(data, out)
		if shuffled {
			args = trainArgs(data, out, "-shuffle-pixels")
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("train: exit %d: %s", code, stderr.String())
		}
		model := filepath.Join(out, "autoencoder.model")
		for _, cmd := range [][]string{
			{"export", "-model", model, "-out", filepath.Join(t.TempDir(), "w.npz")},
			{"encode", "-data", data, "-model", model, "-out", filepath.Join(t.TempDir(), "c.csv")},
		} {
			stdout.Reset()
			stderr.Reset()
			if code := run(cmd, &stdout, &stderr); code != 0 {
				t.Fatalf("%s: exit %d: %s", cmd[0], code, stderr.String())
			}
			warned := strings.Contains(stderr.String(), "bottleneck "+cmd[0]+": warning: this model was trained with each pixel's values shuffled")
			if warned != shuffled {
				t.Errorf("%s of a model trained with shuffled pixels %v: stderr %q", cmd[0], shuffled, stderr.String())
			}
		}
	}
}
