package experiment_test

import (
	"context"
	"errors"
	"image"
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/picture"
)

// samePixels reports whether a and b have the same bounds and colours.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// shortRun trains the network of cfg for one epoch on the first 500
// images, to give the pictures of a run something to draw.
func shortRun(t *testing.T, cfg autoencoder.Config, binarize bool) (*experiment.TrainResult, *mnist.Dataset, *mnist.Dataset) {
	t.Helper()
	train, test := subset(t, 500, 40)
	r, err := experiment.Train(experiment.TrainSettings{Config: cfg, Epochs: 1, Batch: 50, Optimizer: "adam", LearningRate: 0.003, Seed: 3, TrainN: 500, Binarize: binarize}, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, train, test
}

// TestDenoisingPicture: a run with noise draws three lines of ten test
// digits, the first corrupted exactly as the run's corrupted test error
// corrupted them; a run without noise draws the grid of MaskTest, the
// masking its masked test error was measured with.
func TestDenoisingPicture(t *testing.T) {
	noise, err := autoencoder.ParseNoise("mask:0.3")
	if err != nil {
		t.Fatal(err)
	}
	cfg := autoencoder.Config{Layers: []int{784, 32}, Activation: "relu", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Noise: noise}
	r, _, test := shortRun(t, cfg, true)
	img := r.DenoisingPicture(test)
	if img == nil {
		t.Fatal("no picture for a run with noise")
	}
	// Three lines of ten 56-pixel tiles (28×28 at scale 2) with gaps: the
	// picture is about 10/3 times as wide as it is high.
	if b := img.Bounds(); b.Dx() < 3*b.Dy() || b.Dx() > 4*b.Dy() {
		t.Errorf("picture %v: not three lines of ten tiles", b)
	}
	// The same corruption as the corrupted test error's (the run's seed,
	// stream 2), of the binarized images the run saw: the picture is
	// the grid of exactly those rows, pixel for pixel.
	clean := autoencoder.Binarize(test.Images.SliceRows(0, 10))
	rows := experiment.DenoisingRows(r.Model, clean, 10, noise, rand.New(rand.NewPCG(r.Seed, 2)))
	want := picture.Grid(rows, picture.GridOptions{TileRows: 28, TileCols: 28, Columns: 10, Scale: 2})
	if !samePixels(img, want) {
		t.Error("the picture is not the grid of the run's corrupted, reconstructed and clean test images")
	}
	other := picture.Grid(experiment.DenoisingRows(r.Model, clean, 10, noise, rand.New(rand.NewPCG(r.Seed, 1))), picture.GridOptions{TileRows: 28, TileCols: 28, Columns: 10, Scale: 2})
	if samePixels(img, other) {
		t.Error("another noise stream gave the same picture: the comparison cannot see the stream")
	}
	cfg.Noise = autoencoder.Noise{}
	plain, _, _ := shortRun(t, cfg, false)
	got := plain.DenoisingPicture(test)
	if got == nil {
		t.Fatal("no picture for a run without noise")
	}
	masked := experiment.DenoisingRows(plain.Model, test.Images.SliceRows(0, 10), 10, experiment.MaskTest, rand.New(rand.NewPCG(plain.Seed, 2)))
	if !samePixels(got, picture.Grid(masked, picture.GridOptions{TileRows: 28, TileCols: 28, Columns: 10, Scale: 2})) {
		t.Error("a run without noise: the picture is not the grid of its test images masked by MaskTest")
	}
}

// TestTrainResultCodeMap: a run with a two-number code maps the test
// images by its model's code; a run that trained on more images than it
// is given back is refused.
func TestTrainResultCodeMap(t *testing.T) {
	cfg := autoencoder.Config{Layers: []int{784, 32, 2}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}
	r, train, test := shortRun(t, cfg, false)
	m, err := r.CodeMap(context.Background(), train, test)
	if err != nil {
		t.Fatal(err)
	}
	if !matrix.EqualApprox(m.Codes, r.Model.Encode(test.Images), 0) {
		t.Error("the map's codes are not the model's codes of the test images")
	}
	if _, err := r.CodeMap(context.Background(), &mnist.Dataset{Images: train.Images.SliceRows(0, 100), Labels: train.Labels[:100], Rows: 28, Cols: 28}, test); !errors.Is(err, experiment.ErrData) {
		t.Errorf("100 training images for a run on 500: error %v, want ErrData", err)
	}
}
