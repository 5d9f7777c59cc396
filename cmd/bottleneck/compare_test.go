package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bottleneck/pca"
)

// TestCompareCommandWritesOutputs runs compare on a tiny fake MNIST, briefly,
// and checks the files and the JSON fields the issue promises.
func TestCompareCommandWritesOutputs(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 30)
	var stdout, stderr bytes.Buffer
	// The fake images vary far more than MNIST (σ₁² in the hundreds): the
	// default -lr auto must adapt to that (a fixed 0.05 would diverge).
	args := []string{"compare", "-data", data, "-k", "3", "-steps", "20", "-epochs", "1", "-batch", "10", "-weight-decay", "0.01", "-out", out, "-json"}
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
	if want := 1 / (2*s.Variances[0] + 0.01); !s.LearningRateAuto || math.Abs(s.LearningRate-want) > 1e-12*want {
		t.Errorf("learning rate %g (auto %v), want auto = 1/(2σ₁² + λ) = %g", s.LearningRate, s.LearningRateAuto, want)
	}
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
	data := t.TempDir()
	writeTinyMNIST(t, data, 3)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"k 0", []string{"-k", "0"}, "bottleneck compare: -k 0: the code size must be between 1 and 783"},
		{"k 784", []string{"-k", "784"}, "bottleneck compare: -k 784: the code size must be between 1 and 783"},
		{"negative decay", []string{"-weight-decay", "-1"}, "bottleneck compare: -weight-decay -1"},
		{"huge decay", []string{"-weight-decay", "1e300"}, "bottleneck compare: -weight-decay 1e+300: at most 1e+06"},
		{"negative steps", []string{"-steps", "-1"}, "bottleneck compare: -steps -1"},
		{"zero lr", []string{"-lr", "0"}, "bottleneck compare: -lr 0"},
		{"word lr", []string{"-lr", "fast"}, "bottleneck compare: invalid value \"fast\" for flag -lr: want a positive number or auto"},
		{"momentum 1", []string{"-momentum", "1"}, "bottleneck compare: -momentum 1"},
		{"negative epochs", []string{"-epochs", "-2"}, "bottleneck compare: -epochs -2"},
		{"zero batch", []string{"-batch", "0"}, "bottleneck compare: -batch 0"},
		{"NaN adam lr", []string{"-adam-lr", "NaN"}, "bottleneck compare: -adam-lr NaN"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"compare", "-data", data, "-out", t.TempDir()}, tc.args...), &stdout, &stderr)
		if code != 2 || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, stderr.String(), tc.want)
		}
	}
}

// TestCompareSwitchedOff: with λ far above every variance of the tiny fake
// MNIST, the default learning rate must stay stable (a fixed one diverged
// at large λ), and the output must say that the decoder is switched off
// instead of printing angles of a zero matrix or "off" beside a theory of 0.
func TestCompareSwitchedOff(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	args := []string{"compare", "-data", data, "-k", "3", "-steps", "60", "-epochs", "0", "-weight-decay", "1e6"}
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "-out", t.TempDir()), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	text := stdout.String()
	for _, want := range []string{
		"lr auto = 1/(2σ₁² + λ) = ",
		"in theory none of the 3 stays on",
		"the exact decoder is switched off",
		"linear AE, exact descent",
		"none       none",
		"σ² ≤ λ: switched off, as theory says",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{" off\n", "principal angles of the exact descent"} {
		if strings.Contains(text, bad) {
			t.Errorf("output has %q:\n%s", bad, text)
		}
	}
	stdout.Reset()
	if code := run(append(args, "-out", t.TempDir(), "-json"), &stdout, &stderr); code != 0 {
		t.Fatalf("-json: exit %d, stderr %q", code, stderr.String())
	}
	var s compareSummary
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if s.LiveDims != 0 || s.TheoryLiveDims != 0 || s.MaxAngleDeg != nil || len(s.PrincipalAnglesDeg) != 0 || len(s.DecoderSVDCos2) != 0 {
		t.Errorf("live %d, theory %d, max angle %v, angles %v, cos² %v; want 0, 0, null and none",
			s.LiveDims, s.TheoryLiveDims, s.MaxAngleDeg, s.PrincipalAnglesDeg, s.DecoderSVDCos2)
	}
}

// TestCompareInterrupted: a cancelled context (Ctrl-C) stops compare with
// the interrupted error, and nothing is written.
func TestCompareInterrupted(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 30)
	train, test, err := loadMNIST(context.Background(), data, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pca.Fit(train.Images)
	if err != nil {
		t.Fatal(err)
	}
	var f compareFlags
	if err := parseFlags(newCompareFlags(&f, io.Discard), []string{"-k", "3", "-epochs", "0", "-out", out}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := compareFitted(ctx, f, train, test, p, time.Now(), io.Discard, io.Discard); err != interrupted {
		t.Errorf("err = %v, want %v", err, interrupted)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an interrupted run wrote %d files", len(entries))
	}
}

// TestCompareReachesTheory runs compare's experiment (compareFitted, as
// runCompare calls it after loading and fitting; the flags and loading are
// tested on a tiny fake MNIST above) on the real MNIST with the PCA shared
// with TestPCAReproducesPublishedNumbers, mini-batch training skipped, and
// checks the criteria: without weight decay a largest principal
// angle under 1° and a test error within 1% of PCA's; with λ = 0.5, cos² >
// 0.99 for the first five components and s² within 1% of 1 − λ/σ² (Kunin
// et al. 2019). The runs use fewer steps than the default 500 (STEPS_NOTE);
// the default can only get closer. Then the two large-λ runs QA reported:
// λ = 100 used to diverge, and λ = 10 with k = 4 switches every direction
// off.
func TestCompareReachesTheory(t *testing.T) {
	train, test, p := mnistPCA(t)
	for _, tt := range []struct {
		name  string
		args  []string
		check func(t *testing.T, s compareSummary)
	}{
		{"λ=0", []string{"-steps", "200"}, func(t *testing.T, s compareSummary) {
			if s.MaxAngleDeg == nil || *s.MaxAngleDeg >= 1 {
				t.Errorf("largest principal angle %v°, want < 1°", s.MaxAngleDeg)
			}
			if r := s.LAETestSSE / s.PCATestSSE; r > 1.01 || r < 0.99 {
				t.Errorf("test error %.4f vs PCA's %.4f, want within 1%%", s.LAETestSSE, s.PCATestSSE)
			}
			if s.LAETrainSSE < s.PCATrainSSE*(1-1e-12) {
				t.Errorf("training error %.10f below PCA's %.10f, which is the optimum", s.LAETrainSSE, s.PCATrainSSE)
			}
		}},
		{"λ=0.5", []string{"-steps", "200", "-weight-decay", "0.5"}, func(t *testing.T, s compareSummary) {
			for i := 0; i < 5; i++ {
				if s.DecoderSVDCos2[i] <= 0.99 {
					t.Errorf("cos² of singular vector %d = %.6f, want > 0.99", i+1, s.DecoderSVDCos2[i])
				}
				if r := s.DecoderS2[i] / s.TheoryS2[i]; r > 1.01 || r < 0.99 {
					t.Errorf("s²[%d] = %.6f, theory %.6f, want within 1%%", i+1, s.DecoderS2[i], s.TheoryS2[i])
				}
			}
		}},
		{"λ=100", []string{"-steps", "50", "-weight-decay", "100"}, func(t *testing.T, s compareSummary) {
			if s.TheoryLiveDims != 0 {
				t.Errorf("theory keeps %d directions at λ = 100 > σ₁²", s.TheoryLiveDims)
			}
		}},
		{"λ=10 k=4", []string{"-steps", "100", "-weight-decay", "10", "-k", "4"}, func(t *testing.T, s compareSummary) {
			// σ₁² ≈ 5.1 < λ: every direction must be switched off.
			if s.LiveDims != 0 || s.TheoryLiveDims != 0 || s.MaxAngleDeg != nil {
				t.Errorf("live %d, theory %d, largest angle %v; want 0, 0 and none", s.LiveDims, s.TheoryLiveDims, s.MaxAngleDeg)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var f compareFlags
			args := append([]string{"-k", "16", "-epochs", "0", "-out", t.TempDir(), "-json"}, tt.args...)
			if err := parseFlags(newCompareFlags(&f, io.Discard), args); err != nil {
				t.Fatal(err)
			}
			if err := f.check(); err != nil {
				t.Fatal(err)
			}
			var stdout bytes.Buffer
			if err := compareFitted(context.Background(), f, train, test, p, time.Now(), &stdout, io.Discard); err != nil {
				t.Fatal(err)
			}
			var s compareSummary
			if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}
