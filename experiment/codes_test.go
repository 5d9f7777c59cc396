package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/matrix"
)

// TestCodeMapPCAEncoder: an encoder that computes PCA's projection on two
// components puts every test image where PCA's panel puts it, so the map
// places the images by their code and the PCA panel by the first two
// components of the training images.
func TestCodeMapPCAEncoder(t *testing.T) {
	train, test := subset(t, 1000, 300)
	ae := pcaEncoder(t, train.Images, 2)
	m, err := experiment.NewCodeMap(context.Background(), ae, train.Images, test)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Codes.Dims(); r != 300 || c != 2 || len(m.Labels) != 300 {
		t.Fatalf("codes %d×%d and %d labels, want 300×2 and 300", r, c, len(m.Labels))
	}
	// The same numbers computed in another order: equal but for the last
	// bits. The coordinates are a few units (pixels in [0, 1]).
	if !matrix.EqualApprox(m.Codes, m.PCs, 1e-9) {
		t.Errorf("an encoder that is PCA placed the images elsewhere than PCA: first code %v, first components %v", m.Codes.Row(0), m.PCs.Row(0))
	}
	for i, l := range m.Labels {
		if l != test.Labels[i] {
			t.Fatalf("label %d is %d, the test image's is %d", i, l, test.Labels[i])
		}
	}

	var a, b bytes.Buffer
	if err := m.WriteSVG(&a); err != nil {
		t.Fatal(err)
	}
	m.WriteSVG(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same map drawn twice gave different bytes")
	}
	// A point for every image in each of the two panels, and a dot for
	// each of the ten digits in the legend.
	if n := strings.Count(a.String(), "<circle "); n != 2*300+10 {
		t.Errorf("%d circles, want %d", n, 2*300+10)
	}
	for _, want := range []string{"first two principal components", "two-number code", ">7</text>"} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("the picture does not show %q", want)
		}
	}
}

func TestCodeMapBadInput(t *testing.T) {
	train, test := subset(t, 200, 50)
	newAE := func(layers ...int) *autoencoder.Autoencoder {
		ae, err := autoencoder.New(autoencoder.Config{Layers: layers, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}, rand.New(rand.NewPCG(4, 4)))
		if err != nil {
			t.Fatal(err)
		}
		return ae
	}
	if _, err := experiment.NewCodeMap(context.Background(), newAE(784, 3), train.Images, test); !errors.Is(err, experiment.ErrCodeNotTwo) {
		t.Errorf("a code of 3: error %v, want ErrCodeNotTwo", err)
	}
	if _, err := experiment.NewCodeMap(context.Background(), newAE(100, 2), train.Images, test); !errors.Is(err, experiment.ErrData) {
		t.Errorf("a model of 100 inputs: error %v, want ErrData", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := experiment.NewCodeMap(ctx, newAE(784, 2), train.Images, test); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want context.Canceled", err)
	}
	m := &experiment.CodeMap{Codes: matrix.New(3, 2), PCs: matrix.New(3, 2), Labels: []uint8{1, 2}}
	if err := m.WriteSVG(&bytes.Buffer{}); err == nil {
		t.Error("3 codes with 2 labels drawn")
	}
}
