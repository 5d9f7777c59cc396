package nn

import (
	"testing"

	"bottleneck/matrix"
)

// TestGradeHalfSquaredError grades exercise half-squared-error:
// HalfSquaredError returns L = ½ Σₙ ‖x̂ₙ − xₙ‖² ((L1) in docs/autoencoder.md)
// and writes ∂L/∂X̂ = X̂ − X into grad unless grad is nil;
// MeanHalfSquaredError is both divided by the number of rows n ((L2)). The
// values are worked out by hand for a small batch; for random ones the
// losses are compared with the sum written here as loops, and the gradients
// with central differences of it.
func TestGradeHalfSquaredError(t *testing.T) {
	pred := gradeRows([][]float64{{1, 2}, {3, 4}})
	target := gradeRows([][]float64{{0, 2}, {1, 1}})
	// The differences are 1, 0, 2, 3: ½·(1 + 0 + 4 + 9) = 7, and 7/2 for
	// the mean over the 2 rows.
	for _, c := range []struct {
		name string
		loss LossFunc
		want float64
		grad [][]float64
	}{
		{"HalfSquaredError", HalfSquaredError, 7, [][]float64{{1, 0}, {2, 3}}},
		{"MeanHalfSquaredError", MeanHalfSquaredError, 3.5, [][]float64{{0.5, 0}, {1, 1.5}}},
	} {
		if got := c.loss(pred, target, nil); !gradeClose(got, c.want, 1e-12) {
			t.Errorf("%s of X̂ = [1 2; 3 4] and X = [0 2; 1 1] is %v, want %v", c.name, got, c.want)
			return
		}
		grad := matrix.New(2, 2)
		grad.Fill(7) // the gradient is written, whatever was there
		if got := c.loss(pred, target, grad); !gradeClose(got, c.want, 1e-12) {
			t.Errorf("%s of X̂ = [1 2; 3 4] and X = [0 2; 1 1], with a gradient, is %v, want %v", c.name, got, c.want)
			return
		}
		if !gradeExpect(t, c.name+" of X̂ = [1 2; 3 4] and X = [0 2; 1 1]: the gradient", grad, c.grad, 1e-12) {
			return
		}
	}

	rng := gradeRand(40)
	pred = gradeMatrix(rng, 4, 5, 0, 1)
	target = gradeMatrix(rng, 4, 5, 0, 1)
	for _, c := range []struct {
		name  string
		loss  LossFunc
		scale float64
	}{{"HalfSquaredError", HalfSquaredError, 1}, {"MeanHalfSquaredError", MeanHalfSquaredError, 1.0 / 4}} {
		want := func() float64 { return c.scale * gradeHalfSquared(pred, target) }
		grad := matrix.New(4, 5)
		if got := c.loss(pred, target, grad); !gradeClose(got, want(), 1e-12) {
			t.Errorf("%s of a random 4×5 batch is %v, want %v", c.name, got, want())
			return
		}
		if !gradeGradient(t, c.name+" of a random 4×5 batch: the gradient", want, pred, grad) {
			return
		}
	}
}
