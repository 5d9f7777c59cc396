package nn

import (
	"math"
	"testing"
)

// TestGradeActivationDerivatives grades exercise activation-derivatives:
// the Backward of Sigmoid, Tanh and ReLU returns dY times the derivative of
// the activation, computed from the output y that Forward kept:
// σ′ = y(1 − y), tanh′ = 1 − y², and for ReLU 1 where y > 0, else 0
// (docs/autoencoder.md, "Backpropagation for this network"). Each is checked
// against central differences of Σ C ⊙ f(X), where f is computed here from
// its definition, so that dY = C.
func TestGradeActivationDerivatives(t *testing.T) {
	cases := []struct {
		name  string
		layer Layer
		f     func(float64) float64
	}{
		{"Sigmoid", &Sigmoid{}, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"Tanh", &Tanh{}, math.Tanh},
		{"ReLU", &ReLU{}, func(x float64) float64 { return math.Max(x, 0) }},
	}
	for i, c := range cases {
		rng := gradeRand(uint64(30 + i))
		x := gradeMatrix(rng, 4, 5, -3, 3)
		for r := 0; r < x.Rows(); r++ {
			for j, v := range x.Row(r) {
				// Keep every entry at least 0.05 from 0, farther than the
				// step of the numerical gradient from ReLU's kink.
				if math.Abs(v) < 0.05 {
					x.Row(r)[j] = math.Copysign(0.05, v)
				}
			}
		}
		weights := gradeMatrix(rng, 4, 5, -1, 1) // C
		loss := func() float64 {
			s := 0.0
			for r := 0; r < x.Rows(); r++ {
				for j, v := range x.Row(r) {
					s += weights.At(r, j) * c.f(v)
				}
			}
			return s
		}
		c.layer.Forward(x)
		dx := c.layer.Backward(weights)
		if !gradeGradient(t, c.name+" Backward: dX", loss, x, dx) {
			return
		}
	}
}
