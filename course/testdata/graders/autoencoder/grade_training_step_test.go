package autoencoder

import (
	"testing"

	"bottleneck/matrix"
)

// gradeSquarePenalty is a regularizer for the grader: (a/2)·‖W₁‖² on the
// first weight matrix alone, with gradient a·W₁. It is not WeightDecay, so
// that this exercise does not depend on exercise weight-decay.
type gradeSquarePenalty struct{ a float64 }

func (r gradeSquarePenalty) Penalty(ae *Autoencoder) float64 {
	n := ae.Weights()[0].Value.Norm()
	return r.a / 2 * n * n
}

func (r gradeSquarePenalty) AddGradient(ae *Autoencoder) {
	w := ae.Weights()[0]
	w.Grad.AddScaled(r.a, w.Value)
}

// TestGradeTrainingStep grades exercise training-step: step zeroes the
// gradients, runs the batch forward, takes the output delta of the
// per-image loss (1/n)·½ Σₙ ‖x̂ₙ − xₙ‖² ((L2) in docs/autoencoder.md), runs
// it backward through decoder and encoder, adds every regularizer's penalty
// and gradient, and returns the objective and the batch's Σₙ ‖xₙ − x̂ₙ‖²
// (not halved). The values are compared with the objective computed here
// with loops, the gradients with central differences of it. The gradients
// hold junk before the step, which the step must clear.
func TestGradeTrainingStep(t *testing.T) {
	rng := gradeRand(90)
	const n, in, code = 6, 5, 3
	ae, enc, dec := gradeAutoencoder(rng, in, code)
	x := gradeMatrix(rng, n, in, 0, 1)
	reg := gradeSquarePenalty{a: 0.3}
	objective := func() float64 {
		w := enc.W.Norm()
		return gradeSquares(gradeReconstruct(x, enc, dec), x)/(2*n) + 0.3/2*w*w
	}
	wantSSE := gradeSquares(gradeReconstruct(x, enc, dec), x)
	wantLoss := objective()

	for _, p := range ae.Params() {
		p.Grad.Fill(5) // junk from an earlier step
	}
	loss, sse := ae.step(x, matrix.New(n, in), []Regularizer{reg})
	if !gradeClose(loss, wantLoss, 1e-12) {
		t.Errorf("step of a 6×5 batch through a 5-3-5 autoencoder returned the objective %v, want %v = (1/n)·½ Σ‖x − x̂‖² + the penalty", loss, wantLoss)
		return
	}
	if !gradeClose(sse, wantSSE, 1e-12) {
		t.Errorf("step of a 6×5 batch through a 5-3-5 autoencoder returned Σ‖x − x̂‖² = %v, want %v (summed over the batch, not halved)", sse, wantSSE)
		return
	}
	for _, p := range ae.Params() {
		if !gradeGradient(t, "step of a 6×5 batch through a 5-3-5 autoencoder: the gradient of "+gradeName(p), objective, p.Value, p.Grad) {
			return
		}
	}
}
