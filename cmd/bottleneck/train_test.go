package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
)

// TestTrainWritesEverything trains on a tiny MNIST-shaped data set and
// checks every output file, the JSON summary, and that encode reads the
// model back.
func TestTrainWritesEverything(t *testing.T) {
	data, out := t.TempDir(), filepath.Join(t.TempDir(), "run")
	writeTinyMNIST(t, data, 30)
	code, stdout, stderr := runBinary(t, "train", "-data", data, "-out", out, "-layers", "784,16,4", "-epochs", "2", "-batch", "8", "-train-n", "30", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("stdout with -json is not JSON: %v\n%s", err, stdout)
	}
	for _, key := range []string{"layers", "epochs", "train_n", "seconds", "test_sse_per_image", "train_loss"} {
		if _, ok := s[key]; !ok {
			t.Errorf("summary lacks %q", key)
		}
	}
	if losses, _ := s["train_loss"].([]any); len(losses) != 2 {
		t.Errorf("train_loss has %d entries, want one per epoch (2)", len(losses))
	}
	if !strings.Contains(stderr, "epoch  2/2") {
		t.Errorf("no progress line for epoch 2 on stderr: %q", stderr)
	}
	for _, f := range []string{"autoencoder.model", "reconstructions.png", "filters.png", "loss.svg", "report.html", "summary.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}

	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !strings.Contains(string(page), "784-16-4-16-784") || !strings.Contains(string(page), "data:image/png;base64,") {
		t.Errorf("report.html does not show the network and its pictures")
	}

	csv := filepath.Join(t.TempDir(), "codes.csv")
	code, _, stderr = runBinary(t, "encode", "-model", filepath.Join(out, "autoencoder.model"), "-data", data, "-out", csv)
	if code != 0 {
		t.Fatalf("encode: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(csv)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 31 || lines[0] != "label,h0,h1,h2,h3" {
		t.Errorf("codes.csv has %d lines starting %q, want a header and 30 rows of 4 codes", len(lines), lines[0])
	}
}

// TestTrainDivergenceKeepsOldModel: a run that diverges says so in one line,
// exits 1 and leaves the model of an earlier run untouched.
func TestTrainDivergenceKeepsOldModel(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 30)
	model := filepath.Join(out, "autoencoder.model")
	os.WriteFile(model, []byte("the earlier model"), 0o644)
	code, _, stderr := runBinary(t, "train", "-data", data, "-out", out, "-layers", "784,16,4",
		"-act", "linear", "-out-act", "linear", "-opt", "sgd", "-lr", "100", "-epochs", "20", "-batch", "8", "-train-n", "30")
	if code != 1 || !strings.Contains(stderr, "diverged at epoch") || !strings.Contains(stderr, "smaller learning rate") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming the epoch and suggesting a smaller learning rate", code, stderr)
	}
	if b, _ := os.ReadFile(model); string(b) != "the earlier model" {
		t.Error("the earlier model was overwritten")
	}
}

func TestTrainRealMNISTQuick(t *testing.T) {
	// No -data: the program reads the copy of MNIST built into it.
	out := t.TempDir()
	code, stdout, stderr := runBinary(t, "train", "-out", out, "-train-n", "2000", "-epochs", "3", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		TestSSE float64   `json:"test_sse_per_image"`
		Test    []float64 `json:"test_sse_per_epoch"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	// The mean test image has Σx² ≈ 104 (mean pixel 0.13, many near 1), so
	// reconstructing nothing costs about that much; 3 epochs on 2,000
	// images must do clearly better and keep improving.
	if !(s.TestSSE < 60) || !(s.Test[2] < s.Test[0]) {
		t.Errorf("test error %.2f after 3 epochs (per epoch %v); want below 60 and falling", s.TestSSE, s.Test)
	}
}

// TestTrainDenoisingReportsBothErrors: a denoising run names its noise in
// the summary and reports the test error on clean and on corrupted images.
func TestTrainDenoisingReportsBothErrors(t *testing.T) {
	data, out := t.TempDir(), filepath.Join(t.TempDir(), "run")
	writeTinyMNIST(t, data, 30)
	code, stdout, stderr := runBinary(t, "train", "-data", data, "-out", out, "-layers", "784,16,4", "-epochs", "2", "-batch", "8", "-train-n", "30", "-noise", "mask:0.3", "-loss", "bce", "-l1", "0.01", "-weight-decay", "0.001", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s struct {
		Noise     string   `json:"noise"`
		Loss      string   `json:"loss"`
		L1        float64  `json:"l1"`
		Clean     float64  `json:"test_sse_per_image"`
		Corrupted *float64 `json:"corrupted_test_sse_per_image"`
	}
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Noise != "mask:0.3" || s.Loss != "bce" || s.L1 != 0.01 || s.Corrupted == nil || !(s.Clean > 0) {
		t.Errorf("summary %+v; want noise mask:0.3, loss bce, l1 0.01 and both errors", s)
	}
	if !strings.Contains(stderr, "training 784-16-4-16-784 (hidden relu, code linear, output sigmoid), loss bce, l1 0.01, noise mask:0.3, weight decay 0.001 on 30 images") {
		t.Errorf("the first line does not name the variant: %q", stderr)
	}
}

// TestCodeNote: the line about the code gives the share of activations
// near 0 only for a sigmoid code, and no median for a code of two units.
func TestCodeNote(t *testing.T) {
	j := 13.226
	c := experiment.CodeStats{MeanActivationMin: 0.1, MeanActivationMedian: 0.5, MeanActivationMax: 0.9, FractionNearZero: 0.474, Jacobian: &j}
	for _, tc := range []struct {
		layers []int
		code   string
		want   string
	}{
		{[]int{784, 1000}, "sigmoid", "code units' mean activation min 0.100, median 0.500, max 0.900; 47.4% of activations below 0.05; mean ‖J_f(x)‖²_F 13.226"},
		{[]int{784, 256, 32}, "linear", "code units' mean activation min 0.100, median 0.500, max 0.900"},
		{[]int{784, 256, 2}, "linear", "code units' mean activation min 0.100, max 0.900"},
	} {
		stats := c
		if tc.code != "sigmoid" {
			stats.Jacobian = nil // measured for one sigmoid layer only
		}
		cfg := autoencoder.Config{Layers: tc.layers, CodeActivation: tc.code}
		if got := codeNote(cfg, stats); got != tc.want {
			t.Errorf("%v %s: %q, want %q", tc.layers, tc.code, got, tc.want)
		}
	}
}
