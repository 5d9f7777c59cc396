package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/mnist"
)

// writeMNISTPart writes the first nTrain training and nTest test images
// of the real MNIST, with their labels, as the four MNIST files in dir:
// real digits, few enough for a test to classify in seconds.
func writeMNISTPart(t *testing.T, dir string, nTrain, nTest int) {
	t.Helper()
	train, test := embeddedMNIST(t)
	write := func(name string, writeIDX func(*bytes.Buffer) error) {
		writeGzipped(t, filepath.Join(dir, name), writeIDX)
	}
	for _, part := range []struct {
		images, labels mnist.File
		d              *mnist.Dataset
		n              int
	}{{mnist.TrainImages, mnist.TrainLabels, train, nTrain}, {mnist.TestImages, mnist.TestLabels, test, nTest}} {
		pixels := part.d.Pixels[:part.n*part.d.Rows*part.d.Cols]
		write(part.images.Name, func(b *bytes.Buffer) error { return mnist.WriteImages(b, pixels, part.n, part.d.Rows, part.d.Cols) })
		write(part.labels.Name, func(b *bytes.Buffer) error { return mnist.WriteLabels(b, part.d.Labels[:part.n]) })
	}
}

// saveModel writes an untrained autoencoder with the given layer sizes to
// a file in dir and returns its path.
func saveModel(t *testing.T, dir string, layers ...int) string {
	t.Helper()
	ae, err := autoencoder.New(autoencoder.Config{Layers: layers, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ae.Config.Shape()+".model")
	if err := autoencoder.Save(path, ae); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestClassifyCommand runs classify as a user would, on a model trained
// by train: -json prints the four keys and nothing else, the table the
// three rows.
func TestClassifyCommand(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 2000, 500)
	run := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := runBinary(t, "train", "-data", data, "-layers", "784,64,16", "-epochs", "2", "-out", run); code != 0 {
		t.Fatalf("train: exit %d: %s", code, stderr)
	}
	model := filepath.Join(run, "autoencoder.model")

	code, stdout, stderr := runBinary(t, "classify", "-model", model, "-data", data, "-json")
	if code != 0 {
		t.Fatalf("classify -json: exit %d: %s", code, stderr)
	}
	var got map[string]float64
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("classify -json printed more than one JSON object of numbers: %v\n%s", err, stdout)
	}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"code_accuracy", "code_size", "pca_accuracy", "pixel_accuracy"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	if got["code_size"] != 16 {
		t.Errorf("code_size %v, want 16", got["code_size"])
	}
	// Softmax regression on the pixels of the first 2,000 training images
	// classified 88.6% of the first 500 test images when this was written.
	// The 16-number code of a net trained for 32 steps, and 16 principal
	// components, with 400 steps of the classifier: 46.8% and 69.8%, far
	// above the 10% of chance that wrong labels or features would give.
	if a := got["pixel_accuracy"]; a < 0.8 || a > 0.95 {
		t.Errorf("pixel_accuracy %v, want about 0.88", a)
	}
	for _, k := range []string{"code_accuracy", "pca_accuracy"} {
		if a := got[k]; a < 0.3 || a > 0.95 {
			t.Errorf("%s %v, want well above chance", k, a)
		}
	}

	code, stdout, stderr = runBinary(t, "classify", "-model", model, "-data", data)
	if code != 0 {
		t.Fatalf("classify: exit %d: %s", code, stderr)
	}
	for _, row := range []string{"autoencoder code", "PCA, first 16 components", "raw pixels"} {
		if !strings.Contains(stdout, row) {
			t.Errorf("the table has no row %q:\n%s", row, stdout)
		}
	}
}

// TestClassifyBadInput: what a user can get wrong is one line on stderr,
// exit status 2 for the command line and 1 for the files, and nothing on
// stdout under -json.
func TestClassifyBadInput(t *testing.T) {
	data := t.TempDir()
	writeMNISTPart(t, data, 20, 10)
	tmp := t.TempDir()
	small := saveModel(t, tmp, 100, 10)
	notModel := filepath.Join(tmp, "notes.txt")
	os.WriteFile(notModel, []byte("not a model\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no model", []string{"classify"}, 2, "-model is required"},
		{"unknown flag", []string{"classify", "-model", small, "-epoch", "3"}, 2, "flag provided but not defined: -epoch"},
		{"zero epochs", []string{"classify", "-model", small, "-epochs", "0"}, 2, "-epochs 0"},
		{"stray argument", []string{"classify", "-model", small, "extra"}, 2, `unexpected argument "extra"`},
		{"input does not fit", []string{"classify", "-model", small, "-data", data, "-json"}, 1, "takes 100 inputs, but the images in " + data + " are 28×28 = 784 pixels"},
		{"not a model", []string{"classify", "-model", notModel, "-data", data, "-json"}, 1, "autoencoder: load"},
		{"missing model", []string{"classify", "-model", filepath.Join(tmp, "none.model"), "-json"}, 1, "no such file"},
	} {
		code, stdout, stderr := runBinary(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want %d and one line containing %q", tc.name, code, stderr, tc.code, tc.want)
		}
		if stdout != "" {
			t.Errorf("%s: printed on stdout: %q", tc.name, stdout)
		}
	}
}
