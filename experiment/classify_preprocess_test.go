package experiment

import (
	"context"
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// TestCodesOfPreparesInput: the codes classify trains on are those of the
// images as the model saw them in training: binarized for a model that
// records -binarize, as they are for one that does not.
func TestCodesOfPreparesInput(t *testing.T) {
	x := matrix.New(5, 8)
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range 5 {
		for j := range 8 {
			x.Set(i, j, rng.Float64())
		}
	}
	for _, pre := range []string{autoencoder.NoPreprocess, autoencoder.PreprocessBinarize} {
		ae, err := autoencoder.New(autoencoder.Config{Layers: []int{8, 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Preprocess: pre}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Codes(context.Background(), ae, x, "test")
		if err != nil {
			t.Fatal(err)
		}
		in := x
		if pre == autoencoder.PreprocessBinarize {
			in = autoencoder.Binarize(x)
		}
		want := ae.Encode(in)
		for i := range 5 {
			for j := range 3 {
				if got.At(i, j) != want.At(i, j) {
					t.Fatalf("preprocess %q: code (%d, %d) = %v, want %v", pre, i, j, got.At(i, j), want.At(i, j))
				}
			}
		}
	}
}

// TestTrainRecordsBinarize: a run with Binarize hands back a model that
// records it, so that a saved model binarizes what it is given later.
func TestTrainRecordsBinarize(t *testing.T) {
	train, test := embeddedMNIST(t)
	train, test = firstImages(train, 100), firstImages(test, 20)
	for _, bin := range []bool{false, true} {
		s := TrainSettings{Config: autoencoder.Config{Layers: []int{train.Images.Cols(), 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"},
			Epochs: 1, Batch: 10, Optimizer: "adam", LearningRate: 0.001, Seed: 1, TrainN: train.Len(), Binarize: bin}
		r, err := Train(s, train, test, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := autoencoder.NoPreprocess
		if bin {
			want = autoencoder.PreprocessBinarize
		}
		if r.Model.Config.Preprocess != want || r.Binarize != bin {
			t.Errorf("Binarize %v: the model records %q, the result %v", bin, r.Model.Config.Preprocess, r.Binarize)
		}
	}
}
