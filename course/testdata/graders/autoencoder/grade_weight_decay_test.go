package autoencoder

import "testing"

// TestGradeWeightDecay grades exercise weight-decay: WeightDecay.Penalty
// returns (λ/2)·Σ ‖W‖² over the weight matrices, biases left out, and
// AddGradient adds λ·W to each weight's gradient and nothing to the
// biases' (docs/autoencoder.md, "16:19 — Expectation: the loss"). The
// penalty is compared with the sum of squares written here as loops, the
// gradient with central differences of it, on top of gradients already
// there: a regularizer adds to the loss's gradient.
func TestGradeWeightDecay(t *testing.T) {
	rng := gradeRand(95)
	ae, _, _ := gradeAutoencoder(rng, 4, 2)
	ae.Weights()[0].Value.Set(0, 0, 3) // a weight of 3 and one of −4 among the random ones
	ae.Weights()[1].Value.Set(1, 2, -4)
	wd := WeightDecay{Lambda: 0.3}
	penalty := func() float64 {
		s := 0.0
		for _, w := range ae.Weights() {
			for i := 0; i < w.Value.Rows(); i++ {
				for _, v := range w.Value.Row(i) {
					s += v * v
				}
			}
		}
		return 0.3 / 2 * s
	}
	if got, want := wd.Penalty(ae), penalty(); !gradeClose(got, want, 1e-12) {
		t.Errorf("the penalty with λ = 0.3 of a 4-2-4 autoencoder is %v, want (λ/2)·Σ‖W‖² = %v (the biases do not count)", got, want)
		return
	}

	before := map[string][]float64{}
	for _, p := range ae.Params() {
		p.Grad.Copy(gradeMatrix(rng, p.Value.Rows(), p.Value.Cols(), -1, 1)) // the loss's gradient
		before[p.Name] = append([]float64(nil), p.Grad.RawData()...)
	}
	wd.AddGradient(ae)
	for _, p := range ae.Params() {
		added := p.Grad.Clone()
		for i, v := range before[p.Name] {
			added.RawData()[i] -= v
		}
		if p.Name[0] == 'b' {
			if n := added.Norm(); n != 0 {
				t.Errorf("AddGradient changed the gradient of bias %s (by a norm of %.3g); weight decay leaves the biases alone", p.Name, n)
				return
			}
			continue
		}
		if !gradeGradient(t, "AddGradient with λ = 0.3: what it adds to the gradient of "+gradeName(p), penalty, p.Value, added) {
			return
		}
	}
}
