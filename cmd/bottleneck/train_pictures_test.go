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
// numbers, denoising.png for every run, lists them in summary.json, and
// writes no codes.svg for a larger code.
func TestTrainVariantPictures(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 200, 50)
	tmp := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		files []string // beyond the seven of every run
	}{
		{"two-number code", []string{"-layers", "784,16,2"}, []string{"codes.svg"}},
		{"denoising", []string{"-layers", "784,16", "-code-act", "sigmoid", "-noise", "mask:0.3"}, nil},
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
		if want := append(slices.Clone(trainFiles[:7]), tc.files...); !slices.Equal(s.Files, want) {
			t.Errorf("%s: summary lists %v, want %v", tc.name, s.Files, want)
		}
		for _, name := range trainFiles[7:] {
			_, err := os.Stat(filepath.Join(out, name))
			if written := err == nil; written != slices.Contains(tc.files, name) {
				t.Errorf("%s: %s written: %v", tc.name, name, written)
			}
		}
	}
	// The report shows the code map too, beside the loss chart.
	for run, charts := range map[string]int{"two-number-code": 2, "plain": 1} {
		page, err := os.ReadFile(filepath.Join(tmp, run, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(page), "<svg "); n != charts {
			t.Errorf("%s: report.html has %d charts, want %d", run, n, charts)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(tmp, "two-number-code", "codes.svg"))
	if n := strings.Count(string(svg), "<circle "); n != 2*50+10 {
		t.Errorf("codes.svg has %d circles, want a point per test image in each panel and 10 in the legend (110)", n)
	}
	for _, run := range []string{"denoising", "plain"} {
		f, err := os.Open(filepath.Join(tmp, run, "denoising.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := png.Decode(f); err != nil {
			t.Errorf("%s: denoising.png: %v", run, err)
		}
	}
}

// TestTrainRemovesStaleCodeMap: a run into the folder of an earlier run
// with a two-number code takes the earlier codes.svg away: it would no
// longer match the model beside it.
func TestTrainRemovesStaleCodeMap(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 200, 50)
	out := filepath.Join(t.TempDir(), "run")
	for _, layers := range []string{"784,16,2", "784,16,3"} {
		if code, _, stderr := runBinary(t, "train", "-data", data, "-epochs", "1", "-batch", "50", "-out", out, "-layers", layers); code != 0 {
			t.Fatalf("-layers %s: exit %d: %s", layers, code, stderr)
		}
		_, err := os.Stat(filepath.Join(out, "codes.svg"))
		if there := err == nil; there != (layers == "784,16,2") {
			t.Errorf("after -layers %s: codes.svg there: %v", layers, there)
		}
	}
}
