package autoencoder

import (
	"testing"

	"bottleneck/matrix"
)

// TestGradeWeightDecay grades exercise weight-decay: WeightDecay adds
// (λ/2)·Σ ‖W‖² over the weight matrices, biases left out, to the objective,
// and λ·W to each weight's gradient and nothing to the biases'
// (docs/autoencoder.md, "16:19 — Expectation: the loss"). It is measured as
// the difference it makes to Objective: the penalty is compared with the
// sum of squares written here as loops, what it adds to the gradients with
// central differences of it. Two weight decays of 0.1 and 0.2 together
// must act as one of 0.3: a penalty that overwrites the gradient instead
// of adding to it loses the other's part.
func TestGradeWeightDecay(t *testing.T) {
	for _, c := range []struct {
		what string
		regs []Regularizer
	}{
		{"weight decay 0.3 on a 4-2-4 autoencoder", []Regularizer{WeightDecay{Lambda: 0.3}}},
		{"weight decays 0.1 and 0.2 together on a 4-2-4 autoencoder", []Regularizer{WeightDecay{Lambda: 0.1}, WeightDecay{Lambda: 0.2}}},
	} {
		if !gradeWeightDecay(t, c.what, c.regs, 0.3) {
			return
		}
	}
}

// gradeWeightDecay checks that regs, weight decay of λ = lambda in all,
// add (λ/2)·Σ ‖W‖² to the objective and its gradient to the weights'.
func gradeWeightDecay(t *testing.T, what string, regs []Regularizer, lambda float64) bool {
	t.Helper()
	rng := gradeRand(95)
	net := newGradeNet(t, rng, 4, 2)
	net.w1.Set(0, 0, 3) // a weight of 3 and one of −4 among the random ones
	net.w1p.Set(1, 2, -4)
	x := gradeMatrix(rng, 5, 4, 0, 1)
	penalty := func() float64 { return lambda / 2 * gradeSumSquares(net.w1, net.w1p) }

	without := net.ae.Objective(x, nil)
	before := map[string]*matrix.Dense{}
	for _, p := range net.ae.Params() {
		before[p.Name] = p.Grad.Clone()
	}
	with := net.ae.Objective(x, regs)
	if got, want := with-without, penalty(); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s adds %v to the objective, want (λ/2)·Σ‖W‖² = %v (the biases do not count)", what, got, want)
		return false
	}
	for _, p := range net.ae.Params() {
		added := p.Grad.Clone()
		added.Sub(added, before[p.Name])
		if p.Name[0] == 'b' {
			if n := added.Norm(); n > 1e-12 {
				t.Errorf("%s changes the gradient of bias %s (by a norm of %.3g); weight decay leaves the biases alone", what, p.Name, n)
				return false
			}
			continue
		}
		if !gradeGradient(t, what+": what it adds to the gradient of "+p.Name, penalty, p.Value, added) {
			return false
		}
	}
	return true
}
