package autoencoder

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// outputPenalty is a test penalty on every layer's output at once,
// Ω = (1/n) Σₖ cₖ ‖Yₖ‖² with cₖ = c·(k+1) and Yₖ the output of layer k of
// the chain, plus c·(1/n) Σ x̃ ⊙ x̂, which reads the batch's input. Its
// gradient goes only into the layer deltas: ∂Ω/∂Yₖ = 2cₖYₖ/n, and
// c·x̃/n more for x̂. It checks that a delta added at any layer, the code,
// the reconstruction or a linear layer's output, reaches every parameter
// below it.
type outputPenalty struct{ c float64 }

func (p outputPenalty) Penalty(b *Batch) float64 {
	sum := 0.0
	for k := 0; k < b.NumLayers(); k++ {
		n := b.Output(k).Norm()
		sum += p.c * float64(k+1) * n * n
	}
	last := b.Reconstruction()
	for i := 0; i < b.Rows(); i++ {
		for j, v := range b.Input.Row(i) {
			sum += p.c * v * last.At(i, j)
		}
	}
	return sum / float64(b.Rows())
}

func (p outputPenalty) AddGradient(b *Batch) {
	n := float64(b.Rows())
	for k := 0; k < b.NumLayers(); k++ {
		b.Delta(k).AddScaled(2*p.c*float64(k+1)/n, b.Output(k))
	}
	b.Delta(b.NumLayers()-1).AddScaled(p.c/n, b.Input)
}

// TestPenaltyOnEveryLayerOutput: a penalty whose gradient enters at every
// layer's output passes the gradient check, for both losses (cross-entropy
// fuses the last layer's backward pass, so a delta on x̂ takes another
// path), tied and untied, one and two hidden layers, with weight decay on
// top.
func TestPenaltyOnEveryLayerOutput(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 11))
	for _, layers := range [][]int{{6, 3}, {7, 5, 2}} {
		for _, loss := range []Loss{SquaredError, CrossEntropy} {
			for _, tied := range []bool{false, true} {
				cfg := Config{Layers: layers, Activation: "tanh", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Loss: loss, Tied: tied}
				ae, err := New(cfg, rng)
				if err != nil {
					t.Fatal(err)
				}
				randomizeBiases(ae, rng)
				x := randData(rng, 5, layers[0])
				regs := []Regularizer{outputPenalty{c: 0.3}, WeightDecay{Lambda: 0.2}}
				name := fmt.Sprintf("%s %v tied=%v", cfg.Shape(), loss, tied)
				checkObjective(t, name, ae, func() float64 { return ae.Objective(x, regs) })
			}
		}
	}
}

// TestBatchLayers: the chain of a Batch runs from the input to the
// reconstruction, its code is what Encode returns, and its last output is
// what Reconstruct returns.
func TestBatchLayers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 11))
	ae, err := New(Config{Layers: []int{9, 6, 4}, Activation: "relu", CodeActivation: "tanh", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	x := randData(rng, 7, 9)
	var seen *Batch
	ae.Objective(x, []Regularizer{spy{&seen}})
	b := seen
	if b.NumLayers() != 8 || b.CodeLayer() != 3 { // 2 linear layers and 2 activations on each side
		t.Fatalf("%d layers, code at %d; want 8 and 3", b.NumLayers(), b.CodeLayer())
	}
	if b.Rows() != 7 || b.Input != x || b.Clean != x {
		t.Errorf("batch of %d rows, input %p, clean %p; want 7, %p, %p", b.Rows(), b.Input, b.Clean, x, x)
	}
	if !matrix.EqualApprox(b.Code(), ae.Encode(x), 0) {
		t.Error("Batch.Code differs from Encode")
	}
	if !matrix.EqualApprox(b.Reconstruction(), ae.Reconstruct(x), 0) {
		t.Error("Batch.Reconstruction differs from Reconstruct")
	}
	for k := 0; k < b.NumLayers(); k++ {
		if got, want := b.Output(k).Cols(), []int{6, 6, 4, 4, 6, 6, 9, 9}[k]; got != want {
			t.Errorf("layer %d: output has %d columns, want %d", k, got, want)
		}
	}
	for _, k := range []int{-1, 8} {
		if msg := panics(func() { b.Delta(k) }); msg == "" {
			t.Errorf("Delta(%d) did not panic", k)
		}
	}
}

// spy is a penalty of zero that keeps the Batch it is given.
type spy struct{ b **Batch }

func (s spy) Penalty(b *Batch) float64 { *s.b = b; return 0 }
func (s spy) AddGradient(*Batch)       {}

// panics returns the message of the panic f raises, or "" if it returns.
func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
