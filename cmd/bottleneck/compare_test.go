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

	"bottleneck/experiment"
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
	if want := 1 / (2*s.Variances[0] + 0.01); !s.LearningRateAuto || !(math.Abs(s.LearningRate-want) <= 1e-12*want) {
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
	if len(s.Files) != 5 {
		t.Errorf("files %v, want compare.png, angles.svg, descent_angles.svg, report.html and summary.json", s.Files)
	}
	for _, name := range s.Files {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// The page shows the run, with both angle charts (mini-batch training
	// ran) and the mini-batch decoder in the table.
	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	for _, want := range []string{"Linear autoencoder and PCA on MNIST, k = 3", "bottleneck compare -data " + data, "linear AE, mini-batch"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if n := strings.Count(string(page), "<svg"); n != 2 {
		t.Errorf("report.html holds %d charts, want 2", n)
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
		{"zero descent lr", []string{"-descent-lr", "0"}, "bottleneck compare: -descent-lr 0: the learning rate must be a positive number, or auto"},
		{"word descent lr", []string{"-descent-lr", "fast"}, "bottleneck compare: invalid value \"fast\" for flag -descent-lr: want a positive number or auto"},
		{"momentum 1", []string{"-momentum", "1"}, "bottleneck compare: -momentum 1"},
		{"negative epochs", []string{"-epochs", "-2"}, "bottleneck compare: -epochs -2"},
		{"zero batch", []string{"-batch", "0"}, "bottleneck compare: -batch 0"},
		{"NaN lr", []string{"-lr", "NaN"}, "bottleneck compare: -lr NaN: the learning rate must be a positive number"},
		// -lr is the mini-batch optimizer's rate, as in train: a number.
		{"auto lr", []string{"-lr", "auto"}, "bottleneck compare: invalid value \"auto\" for flag -lr"},
		{"old adam lr", []string{"-adam-lr", "0.01"}, "bottleneck compare: flag provided but not defined: -adam-lr"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"compare", "-data", data, "-out", t.TempDir()}, tc.args...), &stdout, &stderr)
		if code != 2 || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, stderr.String(), tc.want)
		}
	}
}

// TestCompareDescentDiverges: a -descent-lr far above the stable one
// makes the exact descent diverge, whether it has the steps to reach
// infinity or only three, in which the loss grows a millionfold while
// still finite (once that run exited 0, wrote its outputs and advised more
// steps); the message names the flag to change, and nothing is written.
func TestCompareDescentDiverges(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	for _, steps := range []string{"50", "3"} {
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		code := run([]string{"compare", "-data", data, "-k", "3", "-steps", steps, "-epochs", "0", "-descent-lr", "100", "-out", out}, &stdout, &stderr)
		want := "the exact descent diverged: loss "
		if line := errorLine(stderr.String()); code != 1 || !strings.Contains(line, want) || !strings.Contains(line, "lower -descent-lr (now 100), or leave it auto") {
			t.Errorf("-steps %s: exit %d, stderr %q; want 1 and %q", steps, code, stderr.String(), want)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("-steps %s: a diverged run wrote %d files", steps, len(entries))
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
	fitted, err := experiment.FitPCA(context.Background(), train, test)
	if err != nil {
		t.Fatal(err)
	}
	var f compareFlags
	if err := parseFlags(newCompareFlags(&f, io.Discard), []string{"-k", "3", "-epochs", "0", "-out", out}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := compareFitted(ctx, f, fitted, io.Discard, io.Discard); err != interrupted {
		t.Errorf("err = %v, want %v", err, interrupted)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an interrupted run wrote %d files", len(entries))
	}
}

// TestComparePage: the page carries the mini-batch warning in its box,
// and leaves the mini-batch decoder out when there was no mini-batch
// training.
func TestComparePage(t *testing.T) {
	var s compareSummary
	s.K, s.Variances = 1, []float64{2}
	figs := &experiment.CompareFigures{}
	if page := comparePage(compareFlags{}, s, figs, nil); page.Warning != "" {
		t.Errorf("warning %q for a good run", page.Warning)
	}
	s.MiniBatchWarning = "training made the test error worse"
	page := comparePage(compareFlags{}, s, figs, nil)
	if page.Warning != "Mini-batch training: training made the test error worse" {
		t.Errorf("warning %q", page.Warning)
	}
	var html bytes.Buffer
	if err := page.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(html.String(), "linear AE, mini-batch") {
		t.Error("the page shows a mini-batch decoder that was never trained")
	}
}

// TestReportHTMLIsNoOneElses: pca and compare both write report.html, so
// the name does not say which command wrote it: a folder's report.html
// alone does not refuse another command, and is not blamed on the wrong
// one beside files that do say.
func TestReportHTMLIsNoOneElses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "report.html"), []byte("<p>"), 0o644)
	if err := foreignOutputs("train", dir); err != nil {
		t.Errorf("report.html alone: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "compare.png"), []byte("png"), 0o644)
	err := foreignOutputs("pca", dir)
	if err == nil || !strings.Contains(err.Error(), "holds compare.png of bottleneck compare:") {
		t.Errorf("report.html and compare.png, for pca: %v", err)
	}
}
