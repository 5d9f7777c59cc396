package classify

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestObjectiveGradient checks the gradient of the training objective —
// linear layer, softmax cross-entropy, weight decay — in W and b against
// central differences, with and without weight decay.
func TestObjectiveGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, lambda := range []float64{0, 0.3} {
		m := &Model{Layer: nn.NewLinear(5, 4)}
		nn.GlorotUniform(m.Layer.W, rng)
		m.Layer.B.Apply(func(float64) float64 { return rng.Float64() - 0.5 }, m.Layer.B)
		x := matrix.New(6, 5)
		x.Apply(func(float64) float64 { return 2*rng.Float64() - 1 }, x)
		y := matrix.New(6, 4)
		for i := 0; i < 6; i++ {
			y.Set(i, rng.IntN(4), 1)
		}
		grad := matrix.New(6, 4)
		f := func() float64 { return m.objective(x, y, grad, lambda) }
		f()
		var saved []nn.Param // the analytic gradients, before the check calls f again
		for _, p := range m.Layer.Params() {
			saved = append(saved, nn.Param{Name: p.Name, Value: p.Value, Grad: p.Grad.Clone()})
		}
		for _, p := range saved {
			if r := nn.CheckGradient(f, p, nn.GradCheckStep, 3); !r.Pass(nn.GradCheckTolerance) {
				t.Errorf("λ=%g: %s relative error %.3g; worst %+v", lambda, r.Name, r.RelErr, r.Worst)
			}
		}
	}
}

// TestScaling: on the data it was measured on, the scaled features have
// mean 0 each and mean variance 1 together; a constant feature becomes 0.
func TestScaling(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	x := matrix.New(50, 4)
	for i := 0; i < 50; i++ {
		x.Set(i, 0, 10+3*rng.NormFloat64())
		x.Set(i, 1, rng.Float64())
		x.Set(i, 2, 7) // constant
		x.Set(i, 3, -100*rng.Float64())
	}
	s, err := NewScaling(x)
	if err != nil {
		t.Fatal(err)
	}
	y := matrix.New(50, 4)
	s.Apply(y, x)
	var variance float64
	for j := 0; j < 4; j++ {
		mean := 0.0
		for i := 0; i < 50; i++ {
			mean += y.At(i, j) / 50
			variance += y.At(i, j) * y.At(i, j) / (50 * 4)
		}
		if !(math.Abs(mean) <= 1e-12) { // sums of 50 values of order 1: rounding only
			t.Errorf("feature %d: mean %.3g after scaling, want 0", j, mean)
		}
	}
	if !(math.Abs(variance-1) <= 1e-12) || y.At(17, 2) != 0 {
		t.Errorf("mean variance %.15g, want 1; constant feature became %v, want 0", variance, y.At(17, 2))
	}
	x.Set(3, 1, math.NaN())
	if _, err := NewScaling(x); err == nil {
		t.Error("NewScaling accepted a NaN")
	}
	if _, err := NewScaling(matrix.New(0, 3)); err == nil {
		t.Error("NewScaling accepted no rows")
	}
}
