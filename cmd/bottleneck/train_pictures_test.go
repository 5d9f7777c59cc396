package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTrainVariantPictures: train writes codes.svg for a code of two
// numbers and denoising.png with -noise, lists them in summary.json, and
// writes neither for the default run.
func TestTrainVariantPictures(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 200, 50)
	tmp := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		files []string // beyond the six of every run
	}{
		{"two-number code", []string{"-layers", "784,16,2"}, []string{"codes.svg"}},
		{"denoising", []string{"-layers", "784,16", "-code-act", "sigmoid", "-noise", "mask:0.3"}, []string{"denoising.png"}},
		{"plain", []string{"-layers", "784,16,3"}, nil},
	} {
		out := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "-"))
		args := append([]string{"train", "-data", data, "-epochs", "1", "-batch", "50", "-out", out}, tc.args...)
		if code, _, stderr := runBinary(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, stderr)
		}
		summary, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var s struct{ Files []string }
		if err := json.Unmarshal(summary, &s); err != nil {
			t.Fatal(err)
		}
		if want := append(slices.Clone(trainFiles[:6]), tc.files...); !slices.Equal(s.Files, want) {
			t.Errorf("%s: summary lists %v, want %v", tc.name, s.Files, want)
		}
		for _, name := range trainFiles[6:] {
			_, err := os.Stat(filepath.Join(out, name))
			if written := err == nil; written != slices.Contains(tc.files, name) {
				t.Errorf("%s: %s written: %v", tc.name, name, written)
			}
		}
	}
	svg, _ := os.ReadFile(filepath.Join(tmp, "two-number-code", "codes.svg"))
	if n := strings.Count(string(svg), "<circle "); n != 2*50+10 {
		t.Errorf("codes.svg has %d circles, want a point per test image in each panel and 10 in the legend (110)", n)
	}
	f, err := os.Open(filepath.Join(tmp, "denoising", "denoising.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("denoising.png: %v", err)
	}
}
