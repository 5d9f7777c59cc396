package autoencoder

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"bottleneck/matrix"
)

// TestExportLayers: running an input through the exported layers by hand,
// y = act(x·W + b), gives the model's own reconstruction, for a deep net
// with distinct activations, tied or not; the names are the lecture's in
// ASCII, in the order an input meets them; and the arrays are copies.
func TestExportLayers(t *testing.T) {
	acts := map[string]func(float64) float64{
		"relu":    func(v float64) float64 { return math.Max(v, 0) },
		"sigmoid": func(v float64) float64 { return 1 / (1 + math.Exp(-v)) },
		"tanh":    math.Tanh,
		"linear":  func(v float64) float64 { return v },
	}
	for _, tied := range []bool{false, true} {
		cfg := Config{Layers: []int{7, 5, 4, 2}, Activation: "tanh", CodeActivation: "linear", OutputActivation: "sigmoid", Tied: tied}
		rng := rand.New(rand.NewPCG(4, 4))
		ae, err := New(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ae.Params() { // biases other than zero, so that a lost bias shows
			for i := 0; i < p.Value.Rows(); i++ {
				for j := range p.Value.Row(i) {
					p.Value.Row(i)[j] += 0.3 * rng.NormFloat64()
				}
			}
		}
		layers := ae.ExportLayers()
		var names, got []string
		for _, l := range layers {
			names = append(names, l.W, l.B)
			got = append(got, l.Activation)
		}
		if want := []string{"W1", "b1", "W2", "b2", "W3", "b3", "W3p", "b3p", "W2p", "b2p", "W1p", "b1p"}; !slices.Equal(names, want) {
			t.Errorf("tied %v: names %v, want %v", tied, names, want)
		}
		if want := []string{"tanh", "tanh", "linear", "tanh", "tanh", "sigmoid"}; !slices.Equal(got, want) {
			t.Errorf("tied %v: activations %v, want %v", tied, got, want)
		}
		x := matrix.New(3, 7)
		for i := 0; i < 3; i++ {
			for j := 0; j < 7; j++ {
				x.Set(i, j, rng.Float64())
			}
		}
		h := x
		for _, l := range layers {
			y := matrix.New(h.Rows(), l.Weights.Cols())
			y.Mul(h, l.Weights)
			for i := 0; i < y.Rows(); i++ {
				for j := range y.Row(i) {
					y.Row(i)[j] = acts[l.Activation](y.Row(i)[j] + l.Bias[j])
				}
			}
			h = y
		}
		if want := ae.Reconstruct(x); !matrix.EqualApprox(h, want, 1e-12) {
			t.Errorf("tied %v: the exported layers reconstruct %v, the model %v", tied, h.Row(0), want.Row(0))
		}
		layers[0].Weights.Set(0, 0, 1e9)
		layers[0].Bias[0] = 1e9
		if ae.Params()[0].Value.At(0, 0) == 1e9 || ae.Params()[1].Value.At(0, 0) == 1e9 {
			t.Errorf("tied %v: the exported arrays share the model's memory", tied)
		}
	}
}
