package experiment

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// TestTrainDenoising: with noise, the run reports the error on corrupted
// test images as well as on clean ones, each checked against a
// computation of its own (the corruption drawn from the seed's stream 2),
// and a rerun draws the same noise.
func TestTrainDenoising(t *testing.T) {
	train, test := embeddedMNIST(t)
	test = firstImages(test, 500)
	s := smallSettings()
	s.Epochs, s.TrainN = 2, 500
	s.Config.Noise = autoencoder.Noise{Kind: autoencoder.Masking, Level: 0.3}
	res, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.CorruptedTestSSEPerImage == nil {
		t.Fatal("no error on corrupted test images")
	}
	corrupted := matrix.New(test.Len(), 784)
	s.Config.Noise.Corrupt(corrupted, test.Images, rand.New(rand.NewPCG(s.Seed, 2)))
	want := sseRef(test.Images, res.Model.Reconstruct(corrupted))
	if got := *res.CorruptedTestSSEPerImage; !(math.Abs(got-want) <= 1e-9*want) {
		t.Errorf("corrupted test error %v, by hand %v", got, want)
	}
	if clean := sseRef(test.Images, res.Model.Reconstruct(test.Images)); !(math.Abs(res.TestSSEPerImage-clean) <= 1e-9*clean) {
		t.Errorf("clean test error %v, by hand %v", res.TestSSEPerImage, clean)
	}
	// The noise is MaskTest's and the masked test images are drawn from
	// the same stream: the same images, the same error.
	if res.MaskedTestSSEPerImage != *res.CorruptedTestSSEPerImage {
		t.Errorf("masked test error %v, corrupted by the same noise %v", res.MaskedTestSSEPerImage, *res.CorruptedTestSSEPerImage)
	}
	if res.Noise != s.Config.Noise {
		t.Errorf("the result names the noise %v, want %v", res.Noise, s.Config.Noise)
	}
	again, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.TrainSSEPerImage, res.TrainSSEPerImage) || *again.CorruptedTestSSEPerImage != *res.CorruptedTestSSEPerImage {
		t.Errorf("the same seed gave training errors %v, then %v", res.TrainSSEPerImage, again.TrainSSEPerImage)
	}
	s.Config.Noise = autoencoder.Noise{}
	plain, err := Train(s, train, test, nil)
	if err != nil || plain.CorruptedTestSSEPerImage != nil {
		t.Fatalf("without noise: corrupted error %v, error %v; want none", plain.CorruptedTestSSEPerImage, err)
	}
	masked := matrix.New(test.Len(), 784)
	MaskTest.Corrupt(masked, test.Images, rand.New(rand.NewPCG(s.Seed, 2)))
	if want := sseRef(test.Images, plain.Model.Reconstruct(masked)); !(math.Abs(plain.MaskedTestSSEPerImage-want) <= 1e-9*want) {
		t.Errorf("without noise: masked test error %v, by hand %v", plain.MaskedTestSSEPerImage, want)
	}
	if want := MeasureCode(plain.Model, test.Images); !reflect.DeepEqual(plain.Code, want) {
		t.Errorf("code statistics %+v, measured again %+v", plain.Code, want)
	}
}

// TestTrainCrossEntropyOnBinarizedImages: with -loss bce and binarized
// images, the objective is the cross-entropy (not half the squared
// error), and the error reported is still Σ(x − x̂)², measured against the
// binarized test images.
func TestTrainCrossEntropyOnBinarizedImages(t *testing.T) {
	train, test := embeddedMNIST(t)
	test = firstImages(test, 500)
	s := smallSettings()
	s.Epochs, s.TrainN, s.Binarize = 2, 500, true
	s.Config.Loss = autoencoder.CrossEntropy
	res, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := autoencoder.Binarize(test.Images)
	if want := sseRef(b, res.Model.Reconstruct(b)); !(math.Abs(res.TestSSEPerImage-want) <= 1e-9*want) {
		t.Errorf("test error %v, Σ(x − x̂)² on the binarized images %v", res.TestSSEPerImage, want)
	}
	// Per pixel, −[x ln x̂ + (1−x) ln(1−x̂)] ≥ ½(x − x̂)² for x in {0, 1}
	// and x̂ in (0, 1) (−ln(1−d) ≥ d ≥ d²/2 with d = |x − x̂|), so the
	// cross-entropy is strictly above half the squared error.
	for e, loss := range res.TrainLoss {
		if !(loss > res.TrainSSEPerImage[e]/2) {
			t.Errorf("epoch %d: objective %v, not above half the training error %v: not the cross-entropy", e+1, loss, res.TrainSSEPerImage[e]/2)
		}
	}
	if !res.Binarize || res.Loss != autoencoder.CrossEntropy {
		t.Errorf("the result says binarize %v, loss %v", res.Binarize, res.Loss)
	}
}

// TestTrainHintonsNetwork: Hinton and Salakhutdinov's 784-1000-500-250-30,
// whose first layer is wider than its input, trains (one epoch on a few
// images, to show that it runs).
func TestTrainHintonsNetwork(t *testing.T) {
	train, test := embeddedMNIST(t)
	s := smallSettings()
	s.Config.Layers, s.Epochs, s.TrainN = []int{784, 1000, 500, 250, 30}, 1, 200
	res, err := Train(s, train, firstImages(test, 200), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Shape != "784-1000-500-250-30-250-500-1000-784" || math.IsNaN(res.TestSSEPerImage) || !(res.ProbeSSEAfter < res.ProbeSSEBefore) {
		t.Errorf("%s: test error %v, before and after %v, %v", res.Shape, res.TestSSEPerImage, res.ProbeSSEBefore, res.ProbeSSEAfter)
	}
}
