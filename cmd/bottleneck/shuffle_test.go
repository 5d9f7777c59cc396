package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrainShufflePixels: -shuffle-pixels is said in the start line,
// recorded in summary.json and shown in report.html's settings, and the
// last line leaves out PCA's published figure, which is of unshuffled
// MNIST.
func TestTrainShufflePixels(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 20)
	var stdout, stderr bytes.Buffer
	if code := run(trainArgs(data, out, "-shuffle-pixels"), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "on 20 images with each pixel's values shuffled across the images, ") {
		t.Errorf("the start line does not say the pixels are shuffled:\n%s", stdout.String())
	}
	if strings.Contains(stdout.String(), "13.87") {
		t.Errorf("a shuffled run quotes PCA's figure for MNIST:\n%s", stdout.String())
	}
	var s struct {
		ShufflePixels bool `json:"shuffle_pixels"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if err := json.Unmarshal(b, &s); err != nil || !s.ShufflePixels {
		t.Errorf("summary.json: shuffle_pixels %v (%v)", s.ShufflePixels, err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !bytes.Contains(page, []byte("-shuffle-pixels")) {
		t.Error("report.html does not show -shuffle-pixels")
	}
}

// TestPCAShufflePixels: pca -shuffle-pixels fits the shuffled images,
// whose spectrum is flatter: the first components keep less of the
// variance than they do of the digits as they are.
func TestPCAShufflePixels(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 500, 100)
	var kept [2]float64
	for i, extra := range [][]string{nil, {"-shuffle-pixels"}} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"pca", "-data", data, "-k", "10", "-out", t.TempDir(), "-json"}, extra...)
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%q: exit %d: %s", extra, code, stderr.String())
		}
		var s pcaSummary
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		if s.ShufflePixels != (i == 1) {
			t.Errorf("%q: shuffle_pixels %v", extra, s.ShufflePixels)
		}
		kept[i] = s.VarianceKept
	}
	// On 500 digits ten components keep about half the variance; on
	// shuffled pixels about as much as the ten most variable pixels,
	// far less.
	if !(kept[1] < kept[0]/2) {
		t.Errorf("10 components keep %.3f of the variance of the digits and %.3f of the shuffled ones; want far less", kept[0], kept[1])
	}
}
