package experiment_test

import (
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/matrix"
)

// TestDenoisingRows: the three lines are the images corrupted as
// Noise.Corrupt corrupts them from the same random state, the model's
// reconstructions of exactly those, and the clean images.
func TestDenoisingRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	images := matrix.New(6, 16)
	for i := 0; i < 6; i++ {
		for j := range images.Row(i) {
			images.Set(i, j, rng.Float64())
		}
	}
	ae, err := autoencoder.New(autoencoder.Config{Layers: []int{16, 4}, Activation: "relu", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	noise, err := autoencoder.ParseNoise("mask:0.5")
	if err != nil {
		t.Fatal(err)
	}
	rows := experiment.DenoisingRows(ae, images, 4, noise, rand.New(rand.NewPCG(7, 7)))
	if r, c := rows.Dims(); r != 12 || c != 16 {
		t.Fatalf("%d×%d rows, want 12×16", r, c)
	}
	corrupted := matrix.New(4, 16)
	noise.Corrupt(corrupted, images.SliceRows(0, 4), rand.New(rand.NewPCG(7, 7)))
	if !matrix.EqualApprox(rows.SliceRows(0, 4), corrupted, 0) {
		t.Error("the first line is not the images corrupted from the same random state")
	}
	if matrix.EqualApprox(corrupted, images.SliceRows(0, 4), 0) {
		t.Fatal("masking half the pixels changed nothing: the test would not see a swap of lines")
	}
	if !matrix.EqualApprox(rows.SliceRows(4, 8), ae.Reconstruct(corrupted), 0) {
		t.Error("the second line is not the reconstruction of the corrupted images")
	}
	if !matrix.EqualApprox(rows.SliceRows(8, 12), images.SliceRows(0, 4), 0) {
		t.Error("the third line is not the clean images")
	}
	defer func() {
		if recover() == nil {
			t.Error("7 of 6 images: no panic")
		}
	}()
	experiment.DenoisingRows(ae, images, 7, noise, rng)
}
