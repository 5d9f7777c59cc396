package classify_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/classify"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
	"bottleneck/nn"
)

// blobs returns n points in d ≥ k dimensions around k centres, class c's
// at 4 along axis c, each coordinate with standard deviation 0.5, and
// their labels.
func blobs(rng *rand.Rand, n, d, k int) (*matrix.Dense, []int) {
	x := matrix.New(n, d)
	labels := make([]int, n)
	for i := 0; i < n; i++ {
		c := rng.IntN(k)
		labels[i] = c
		for j := 0; j < d; j++ {
			x.Set(i, j, 0.5*rng.NormFloat64())
		}
		x.Set(i, c, x.At(i, c)+4)
	}
	return x, labels
}

func config(seed uint64) classify.Config {
	return classify.Config{Classes: 3, Epochs: 20, BatchSize: 32, Optimizer: nn.NewAdam(0.01), Rng: rand.New(rand.NewPCG(seed, 1))}
}

// TestSeparableBlobs: three well separated clusters are classified
// perfectly, and the same seed gives the same model.
func TestSeparableBlobs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	trainX, trainY := blobs(rng, 300, 5, 3)
	testX, testY := blobs(rng, 100, 5, 3)
	m1, err := classify.Train(trainX, trainY, config(4))
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := classify.Train(trainX, trainY, config(4))
	if !matrix.EqualApprox(m1.Layer.W, m2.Layer.W, 0) {
		t.Error("the same seed trained two different models")
	}
	// The centres are 4√2 ≈ 5.7 apart, 11 standard deviations: a linear
	// classifier separates them all.
	acc, err := m1.Accuracy(testX, testY)
	if err != nil || acc != 1 {
		t.Errorf("accuracy %v, %v on separable blobs, want 1", acc, err)
	}
}

func TestBadInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	x, y := blobs(rng, 20, 4, 3)
	nanX := x.Clone()
	nanX.Set(4, 2, math.Inf(1))
	tests := []struct {
		name   string
		x      *matrix.Dense
		labels []int
		change func(c *classify.Config)
	}{
		{"label out of range", x, append(append([]int(nil), y[:19]...), 3), nil},
		{"negative label", x, append(append([]int(nil), y[:19]...), -1), nil},
		{"too few labels", x, y[:19], nil},
		{"one class", x, make([]int, 20), func(c *classify.Config) { c.Classes = 1 }},
		{"infinite feature", nanX, y, nil},
		{"no optimizer", x, y, func(c *classify.Config) { c.Optimizer = nil }},
		{"zero batch", x, y, func(c *classify.Config) { c.BatchSize = 0 }},
		{"NaN weight decay", x, y, func(c *classify.Config) { c.WeightDecay = math.NaN() }},
	}
	for _, tt := range tests {
		cfg := config(6)
		if tt.change != nil {
			tt.change(&cfg)
		}
		if _, err := classify.Train(tt.x, tt.labels, cfg); err == nil {
			t.Errorf("%s: Train accepted it", tt.name)
		}
	}
	if _, err := classify.SoftmaxRegression(x, y, x.SliceRows(0, 5).Clone(), y[:4], config(7)); err == nil {
		t.Error("SoftmaxRegression accepted 5 test rows with 4 labels")
	}
	if _, err := classify.SoftmaxRegression(x, y, matrix.New(3, 5), []int{0, 1, 2}, config(7)); err == nil {
		t.Error("SoftmaxRegression accepted test features of another size")
	}
	cfg := config(8)
	cfg.Optimizer = &nn.SGD{LearningRate: 1e308}
	big := x.Clone()
	big.Set(0, 0, 1e300) // the scale keeps the rest tiny, this row enormous
	if _, err := classify.Train(big, y, cfg); !errors.Is(err, classify.ErrDiverged) {
		t.Errorf("absurd learning rate: error %v, want ErrDiverged", err)
	}
}

// TestMNISTPixels: softmax regression on the raw pixels of MNIST, two
// passes over the 60,000 training images, classifies about 92% of the
// 10,000 test images (92.1% measured with this seed; LeCun et al. (1998)
// report 88–92% for linear classifiers on MNIST). It reads the copy of
// MNIST embedded in the module and takes about 3 s on one core, data
// loading included.
func TestMNISTPixels(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 3-second MNIST run")
	}
	src := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}
	train, test, err := src.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	acc, err := classify.SoftmaxRegression(train.Images, digits(train.Labels), test.Images, digits(test.Labels), classify.Config{
		Classes: 10, Epochs: 2, BatchSize: 100, Optimizer: nn.NewAdam(0.001), Rng: rand.New(rand.NewPCG(1, 1)),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("test accuracy on raw pixels: %.4f", acc)
	if acc < 0.91 || acc > 0.935 {
		t.Errorf("test accuracy %.4f, want about 0.92 (0.91 to 0.935)", acc)
	}
}

func digits(labels []uint8) []int {
	out := make([]int, len(labels))
	for i, l := range labels {
		out[i] = int(l)
	}
	return out
}

// Softmax regression learns which of three clusters a point belongs to.
func Example() {
	rng := rand.New(rand.NewPCG(10, 10))
	trainX, trainY := blobs(rng, 300, 3, 3)
	testX, testY := blobs(rng, 100, 3, 3)
	acc, err := classify.SoftmaxRegression(trainX, trainY, testX, testY, classify.Config{
		Classes: 3, Epochs: 30, BatchSize: 30, Optimizer: nn.NewAdam(0.05), Rng: rng,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("test accuracy above 95%:", acc > 0.95)
	// Output:
	// test accuracy above 95%: true
}
