package experiment_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
	"bottleneck/pca"
)

// realMNIST is the copy of MNIST embedded in the module, read once.
var realMNIST struct {
	once        sync.Once
	train, test *mnist.Dataset
	err         error
}

// subset returns the first nTrain training and nTest test images of the
// real MNIST: digits enough to tell a classifier from chance in a second.
func subset(t *testing.T, nTrain, nTest int) (train, test *mnist.Dataset) {
	t.Helper()
	r := &realMNIST
	r.once.Do(func() {
		src := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}
		r.train, r.test, r.err = src.Load(context.Background())
	})
	if r.err != nil {
		t.Fatal(r.err)
	}
	return first(r.train, nTrain), first(r.test, nTest)
}

// first returns the first n images of d.
func first(d *mnist.Dataset, n int) *mnist.Dataset {
	return &mnist.Dataset{
		Images: d.Images.SliceRows(0, n), Labels: d.Labels[:n],
		Pixels: d.Pixels[:n*d.Rows*d.Cols], Rows: d.Rows, Cols: d.Cols,
	}
}

// pcaEncoder returns a linear autoencoder whose encoder is PCA's
// projection on the first k components of x: h = x·Vₖᵀ − μ·Vₖᵀ =
// (x − μ)·Vₖᵀ.
func pcaEncoder(t *testing.T, x *matrix.Dense, k int) *autoencoder.Autoencoder {
	t.Helper()
	p, err := pca.Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	d := x.Cols()
	ae, err := autoencoder.New(autoencoder.Config{Layers: []int{d, k}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	top, err := p.Top(k) // k×784
	if err != nil {
		t.Fatal(err)
	}
	layer := ae.FirstLayer()
	layer.W.Transpose(top) // 784×k
	mean := matrix.New(1, d)
	copy(mean.Row(0), p.Mean)
	layer.B.Mul(mean, layer.W)
	layer.B.Scale(-1, layer.B)
	return ae
}

// TestClassifyPCAEncoder: an encoder that computes exactly PCA's
// projection gives the classifier the same features as the principal
// components, so the two accuracies agree, and the pixels do about as well
// as softmax regression on MNIST is known to. It would fail if the code
// column were fed from the wrong images or labels, or if the PCA features
// were not the first components.
func TestClassifyPCAEncoder(t *testing.T) {
	train, test := subset(t, 2000, 500)
	ae := pcaEncoder(t, train.Images, 20)
	// A larger step than the command's: 2,000 images give few steps.
	cfg := experiment.DefaultClassifyConfig()
	cfg.LearningRate = 0.01
	r, err := experiment.Classify(context.Background(), ae, train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
	if r.CodeSize != 20 || r.PCAComponents != 20 || r.Pixels != 784 || r.TrainImages != 2000 || r.TestImages != 500 {
		t.Errorf("sizes %+v", r)
	}
	// The same features up to rounding in the last bits (computed in
	// another order): a prediction or two of the 500 may differ.
	if !(math.Abs(r.CodeAccuracy-r.PCAAccuracy) <= 0.005) {
		t.Errorf("code accuracy %.4f, PCA accuracy %.4f: an encoder that is PCA must classify like PCA", r.CodeAccuracy, r.PCAAccuracy)
	}
	// Softmax regression reaches about 92% on all 60,000 images; trained
	// on the first 2,000 it measured 87.0% here, and on 20 components
	// 85.0%.
	if r.PixelAccuracy < 0.83 || r.PixelAccuracy > 0.92 {
		t.Errorf("pixel accuracy %.4f, want about 0.87", r.PixelAccuracy)
	}
	if r.PCAAccuracy < 0.80 || r.PCAAccuracy > 0.90 {
		t.Errorf("PCA accuracy %.4f, want about 0.85", r.PCAAccuracy)
	}
}

// TestClassifyOvercompleteCode: a code larger than the image is compared
// with all the principal components there are; the same seed gives the
// same accuracies.
func TestClassifyOvercompleteCode(t *testing.T) {
	train, test := subset(t, 500, 100)
	ae, err := autoencoder.New(autoencoder.Config{Layers: []int{784, 800}, Activation: "relu", CodeActivation: "sigmoid", OutputActivation: "sigmoid", AllowOvercomplete: true}, rand.New(rand.NewPCG(2, 2)))
	if err != nil {
		t.Fatal(err)
	}
	cfg := experiment.DefaultClassifyConfig()
	cfg.Epochs = 1
	r, err := experiment.Classify(context.Background(), ae, train, test, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.CodeSize != 800 || r.PCAComponents != 784 {
		t.Errorf("code size %d, %d components; want 800 and 784", r.CodeSize, r.PCAComponents)
	}
	again, err := experiment.Classify(context.Background(), ae, train, test, cfg)
	if err != nil || again != r {
		t.Errorf("the same seed gave %+v, then %+v (%v)", r, again, err)
	}
}

// TestClassifyJSONKeys: the result marshals to exactly the four keys the
// classify command promises.
func TestClassifyJSONKeys(t *testing.T) {
	b, err := json.Marshal(experiment.ClassifyResult{CodeSize: 32, CodeAccuracy: 0.9, PCAAccuracy: 0.8, PixelAccuracy: 0.7, PCAComponents: 32, Pixels: 784})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"code_accuracy", "code_size", "pca_accuracy", "pixel_accuracy"}; !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
}

func TestClassifyBadInput(t *testing.T) {
	train, test := subset(t, 200, 50)
	small, err := autoencoder.New(autoencoder.Config{Layers: []int{100, 10}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.Classify(context.Background(), small, train, test, experiment.DefaultClassifyConfig()); !errors.Is(err, experiment.ErrData) {
		t.Errorf("a model of 100 inputs on 784-pixel images: error %v, want ErrData", err)
	}
	ae := pcaEncoder(t, train.Images, 5)
	cfg := experiment.DefaultClassifyConfig()
	cfg.Epochs = 0
	if _, err := experiment.Classify(context.Background(), ae, train, test, cfg); err == nil {
		t.Error("0 epochs accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := experiment.Classify(ctx, ae, train, test, experiment.DefaultClassifyConfig()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
}
