package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareCommandWritesOutputs runs compare on a tiny fake MNIST, briefly,
// and checks the files and the JSON fields the issue promises.
func TestCompareCommandWritesOutputs(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 30)
	var stdout, stderr bytes.Buffer
	// The fake images vary far more than MNIST (σ₁² in the hundreds), so the
	// exact descent needs a learning rate far below the default.
	args := []string{"compare", "-data", data, "-k", "3", "-steps", "20", "-lr", "1e-4", "-epochs", "1", "-batch", "10", "-weight-decay", "0.01", "-out", out, "-json"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var fields map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &fields); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	for _, key := range []string{"k", "pca_test_sse_per_image", "lae_test_sse_per_image", "principal_angles_deg",
		"max_principal_angle_deg", "decoder_svd_cos2", "decoder_s2", "theory_s2", "minibatch"} {
		if _, ok := fields[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	var s compareSummary
	json.Unmarshal(stdout.Bytes(), &s)
	if len(s.PrincipalAnglesDeg) != 3 || len(s.DecoderSVDCos2) != 3 || len(s.TheoryS2) != 3 {
		t.Errorf("want 3 angles, cos² and s² values: %v %v %v", s.PrincipalAnglesDeg, s.DecoderSVDCos2, s.TheoryS2)
	}
	for i := 1; i < len(s.PrincipalAnglesDeg); i++ {
		if s.PrincipalAnglesDeg[i] < s.PrincipalAnglesDeg[i-1] {
			t.Errorf("principal angles not ascending: %v", s.PrincipalAnglesDeg)
		}
	}
	for _, name := range s.Files {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

func TestCompareCommandErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"k 0", []string{"-k", "0"}, "bottleneck compare: -k 0: the code size must be between 1 and 783"},
		{"k 784", []string{"-k", "784"}, "bottleneck compare: -k 784: the code size must be between 1 and 783"},
		{"negative decay", []string{"-weight-decay", "-1"}, "bottleneck compare: -weight-decay -1"},
		{"negative steps", []string{"-steps", "-1"}, "bottleneck compare: -steps -1"},
		{"zero lr", []string{"-lr", "0"}, "bottleneck compare: -lr 0"},
		{"momentum 1", []string{"-momentum", "1"}, "bottleneck compare: -momentum 1"},
		{"negative epochs", []string{"-epochs", "-2"}, "bottleneck compare: -epochs -2"},
		{"zero batch", []string{"-batch", "0"}, "bottleneck compare: -batch 0"},
		{"NaN adam lr", []string{"-adam-lr", "NaN"}, "bottleneck compare: -adam-lr NaN"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"compare", "-out", t.TempDir()}, tc.args...), &stdout, &stderr)
		if code != 2 || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, stderr.String(), tc.want)
		}
	}
}

// TestCompareReachesTheory runs compare on the real MNIST with the default
// settings (mini-batch training skipped to save time) and checks the issue's
// criteria: without weight decay a largest principal angle under 1° and a
// test error within 1% of PCA's; with λ = 0.5, cos² > 0.99 for the first
// five components and s² within 1% of 1 − λ/σ² (Kunin et al. 2019).
func TestCompareReachesTheory(t *testing.T) {
	data := os.Getenv("MNIST_DIR")
	if data == "" {
		t.Skip("MNIST_DIR is not set: this test needs the four MNIST files")
	}
	if testing.Short() {
		t.Skip("-short: fitting PCA on 60,000 images takes half a minute per run")
	}
	for _, lambda := range []string{"0", "0.5"} {
		var stdout, stderr bytes.Buffer
		args := []string{"compare", "-data", data, "-k", "16", "-epochs", "0", "-weight-decay", lambda, "-out", t.TempDir(), "-json"}
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("λ=%s: exit %d, stderr %q", lambda, code, stderr.String())
		}
		var s compareSummary
		if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		if lambda == "0" {
			if s.MaxAngleDeg >= 1 {
				t.Errorf("λ=0: largest principal angle %.4f°, want < 1°", s.MaxAngleDeg)
			}
			if r := s.LAETestSSE / s.PCATestSSE; r > 1.01 || r < 0.99 {
				t.Errorf("λ=0: test error %.4f vs PCA's %.4f, want within 1%%", s.LAETestSSE, s.PCATestSSE)
			}
			if s.LAETrainSSE < s.PCATrainSSE*(1-1e-12) {
				t.Errorf("λ=0: training error %.10f below PCA's %.10f, which is the optimum", s.LAETrainSSE, s.PCATrainSSE)
			}
			continue
		}
		for i := 0; i < 5; i++ {
			if s.DecoderSVDCos2[i] <= 0.99 {
				t.Errorf("λ=0.5: cos² of singular vector %d = %.6f, want > 0.99", i+1, s.DecoderSVDCos2[i])
			}
			if r := s.DecoderS2[i] / s.TheoryS2[i]; r > 1.01 || r < 0.99 {
				t.Errorf("λ=0.5: s²[%d] = %.6f, theory %.6f, want within 1%%", i+1, s.DecoderS2[i], s.TheoryS2[i])
			}
		}
	}
}
