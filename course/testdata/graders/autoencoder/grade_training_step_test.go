package autoencoder

import (
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestGradeTrainingStep grades exercise training-step: a step zeroes the
// gradients, runs the batch forward, takes the output delta of the
// per-image loss (1/n)·½ Σₙ ‖x̂ₙ − xₙ‖² ((L2) in docs/autoencoder.md), runs
// it backward through decoder and encoder, and adds every regularizer's
// penalty and gradient. Objective is one such step, so its value is
// compared with the objective of a 5-3-5 sigmoid autoencoder computed here
// with loops (weight decay λ = 0.3 included), and the gradients it leaves,
// over junk left in them before, with central differences of that. One
// epoch of Train on the batch, without an update, must report the same
// objective and Σₙ‖xₙ − x̂ₙ‖²/n, not halved.
func TestGradeTrainingStep(t *testing.T) {
	rng := gradeRand(90)
	const n, in, code, lambda = 6, 5, 3, 0.3
	net := newGradeNet(t, rng, in, code)
	x := gradeMatrix(rng, n, in, 0, 1)
	objective := func() float64 {
		return gradeSquares(net.reconstruct(x), x)/(2*n) + lambda/2*gradeSumSquares(net.w1, net.w1p)
	}
	regs := []Regularizer{WeightDecay{Lambda: lambda}}
	const what = "a step of a 6×5 batch through a 5-3-5 sigmoid autoencoder with weight decay 0.3"

	for _, p := range net.ae.Params() {
		p.Grad.Fill(5) // junk from an earlier step
	}
	if got, want := net.ae.Objective(x, regs), objective(); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: the objective is %v, want %v = (1/n)·½ Σ‖x − x̂‖² + the penalty", what, got, want)
		return
	}
	for _, p := range net.ae.Params() {
		if !gradeGradient(t, what+": the gradient of "+p.Name, objective, p.Value, p.Grad) {
			return
		}
	}

	hist, err := Train(net.ae, x, matrix.New(0, in), TrainConfig{
		Epochs: 1, BatchSize: n, Optimizer: &nn.SGD{LearningRate: 0}, Regularizers: regs, Rng: gradeRand(91),
	})
	if err != nil {
		t.Errorf("%s: Train: %v", what, err)
		return
	}
	if got, want := hist.TrainLoss[0], objective(); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: Train reports the objective %v, want %v", what, got, want)
		return
	}
	if got, want := hist.TrainSSE[0], gradeSquares(net.reconstruct(x), x)/n; !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: Train reports Σ‖x − x̂‖² per image as %v, want %v (summed over the pixels, not halved)", what, got, want)
	}
}
