package autoencoder

import "testing"

// TestGradeWeightDecay grades exercise weight-decay: WeightDecay adds
// (λ/2)·Σ ‖W‖² over the weight matrices, biases left out, to the objective,
// and λ·W to each weight's gradient and nothing to the biases'
// (docs/autoencoder.md, "16:19 — Expectation: the loss"). It is measured as
// the difference it makes to Objective: the penalty is compared with the
// sum of squares written here as loops, what it adds to the gradients with
// central differences of it. The difference also shows a regularizer that
// overwrites the loss's gradient instead of adding to it.
func TestGradeWeightDecay(t *testing.T) {
	rng := gradeRand(95)
	const lambda = 0.3
	net := newGradeNet(t, rng, 4, 2)
	net.w1.Set(0, 0, 3) // a weight of 3 and one of −4 among the random ones
	net.w1p.Set(1, 2, -4)
	x := gradeMatrix(rng, 5, 4, 0, 1)
	penalty := func() float64 { return lambda / 2 * gradeSumSquares(net.w1, net.w1p) }
	const what = "weight decay 0.3 on a 4-2-4 autoencoder"

	without := net.ae.Objective(x, nil)
	before := map[string][]float64{}
	for _, p := range net.ae.Params() {
		before[p.Name] = append([]float64(nil), p.Grad.RawData()...)
	}
	with := net.ae.Objective(x, []Regularizer{WeightDecay{Lambda: lambda}})
	if got, want := with-without, penalty(); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s adds %v to the objective, want (λ/2)·Σ‖W‖² = %v (the biases do not count)", what, got, want)
		return
	}
	for _, p := range net.ae.Params() {
		added := p.Grad.Clone()
		for i, v := range before[p.Name] {
			added.RawData()[i] -= v
		}
		if p.Name[0] == 'b' {
			if n := added.Norm(); n > 1e-12 {
				t.Errorf("%s changes the gradient of bias %s (by a norm of %.3g); weight decay leaves the biases alone", what, p.Name, n)
				return
			}
			continue
		}
		if !gradeGradient(t, what+": what it adds to the gradient of "+p.Name, penalty, p.Value, added) {
			return
		}
	}
}
