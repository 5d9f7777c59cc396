package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bottleneck/experiment"
)

// TestPCACommandWritesOutputs runs pca on a tiny fake MNIST and checks that
// every promised file is written and the JSON has the promised fields.
func TestPCACommandWritesOutputs(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	writeTinyMNIST(t, data, 20)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"pca", "-data", data, "-k", "5", "-out", out, "-json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var s pcaSummary
	if err := json.Unmarshal(stdout.Bytes(), &s); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
	}
	if len(s.Files) != 6 {
		t.Errorf("files %v, want components.png, scree.svg, cumulative.svg, error_vs_k.svg, report.html and summary.json", s.Files)
	}
	if s.K != 5 || s.TrainImages != 20 || s.TestImages != 20 || len(s.TestSSEPerImageAt) != experiment.CurveMaxK+1 {
		t.Errorf("summary k %d, %d/%d images, curve of %d; want 5, 20/20, %d", s.K, s.TrainImages, s.TestImages, len(s.TestSSEPerImageAt), experiment.CurveMaxK+1)
	}
	// The test images are the training images here, so the error with k
	// components is exactly the one on the training set.
	if d := s.TestSSEPerImage - s.TrainSSEPerImage; !(d*d <= 1e-18) {
		t.Errorf("test error %v differs from training error %v on identical sets", s.TestSSEPerImage, s.TrainSSEPerImage)
	}
	for _, name := range s.Files {
		if fi, err := os.Stat(filepath.Join(out, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	// The page shows the run: its title, the command that repeats it, and
	// the three charts inline.
	page, _ := os.ReadFile(filepath.Join(out, "report.html"))
	for _, want := range []string{"PCA of MNIST with 5 components", "bottleneck pca -data " + data + " -k 5 -out " + out + " -json"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if n := strings.Count(string(page), "<svg"); n != 3 {
		t.Errorf("report.html holds %d charts, want 3", n)
	}
}

func TestPCACommandErrors(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 3)
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"k 0", []string{"-k", "0"}, "bottleneck pca: -k 0: the number of components must be between 1 and 784"},
		{"k 785", []string{"-k", "785"}, "bottleneck pca: -k 785: the number of components must be between 1 and 784"},
		{"k and var", []string{"-k", "10", "-var", "0.9"}, "bottleneck pca: -k and -var both given"},
		{"var 1.5", []string{"-var", "1.5"}, "bottleneck pca: -var 1.5: the fraction of the variance must be in (0, 1]"},
		{"var 0", []string{"-var", "0"}, "bottleneck pca: -var 0: the fraction of the variance must be in (0, 1]"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"pca", "-data", data, "-out", out}, tc.args...)
		code := run(args, &stdout, &stderr)
		if code != 2 || !strings.HasPrefix(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, stderr.String(), tc.want)
		}
	}
}

// TestPCASummaryText: the printed summary names each level of the
// variance with its published count, and one component is "1 component",
// not "1 components".
func TestPCASummaryText(t *testing.T) {
	var b bytes.Buffer
	printPCASummary(&b, experiment.PCAResult{K: 1, ComponentsFor: map[string]int{"0.5": 1, "0.8": 2, "0.9": 87, "0.95": 150, "0.99": 331}})
	for _, want := range []string{
		"k = 1 component keeps ", "50% of the variance: 1 component\n", "80% of the variance: 2 components\n",
		"90% of the variance: 87 components (published 87)\n",
		"95% of the variance: 150 components (published 154)\n", // a count of this run beside the published one
		"99% of the variance: 331 components (published 331)\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

// TestPCAAndCompareHelp: -h explains every flag of both commands.
func TestPCAAndCompareHelp(t *testing.T) {
	for cmd, flags := range map[string][]string{
		"pca":     {"-data", "-k", "-var", "-out", "-json"},
		"compare": {"-data", "-k", "-weight-decay", "-steps", "-descent-lr", "-momentum", "-epochs", "-batch", "-lr", "-seed", "-out", "-json"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{cmd, "-h"}, &stdout, &stderr); code != 0 {
			t.Errorf("%s -h: exit %d", cmd, code)
		}
		for _, f := range flags {
			if !strings.Contains(stdout.String(), "  "+f) {
				t.Errorf("%s -h does not explain %s", cmd, f)
			}
		}
	}
}
