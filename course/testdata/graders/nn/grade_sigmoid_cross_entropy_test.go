package nn

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradeSigmoidCrossEntropy grades exercise sigmoid-cross-entropy:
// SigmoidCrossEntropy takes the logits z of an output sigmoid and returns
// L = −Σ [t·ln σ(z) + (1−t)·ln(1 − σ(z))] over every entry, and writes
// the fused delta ∂L/∂z = σ(z) − t into grad unless it is nil;
// MeanSigmoidCrossEntropy divides both by the number of rows.
//
//   - Small logits: the values come from the definition, σ and ln written
//     here, which is accurate where σ(z) is far from 0 and 1.
//   - Large logits, where σ(z) rounds to 0 or 1 and the definition gives
//     ln 0: the values are worked out by hand below; a right answer stays
//     finite and exact.
//   - Random logits: the gradient against central differences of the
//     definition, so the delta is σ(z) − t and not, say, the delta with
//     respect to σ(z) or that delta times σ′(z) once more.
//
// grad holds junk before each call: the delta is written, not added.
func TestGradeSigmoidCrossEntropy(t *testing.T) {
	logits := gradeRows([][]float64{{0, 2}, {-1, 0.5}})
	target := gradeRows([][]float64{{1, 0}, {0.25, 1}})
	for _, c := range []struct {
		name  string
		loss  LossFunc
		scale float64
	}{{"SigmoidCrossEntropy", SigmoidCrossEntropy, 1}, {"MeanSigmoidCrossEntropy", MeanSigmoidCrossEntropy, 0.5}} {
		what := c.name + " of z = [0 2; −1 0.5] and t = [1 0; 0.25 1]"
		if got, want := c.loss(logits, target, nil), c.scale*gradeLogitLoss(logits, target); !gradeClose(got, want, 1e-12) {
			t.Errorf("%s is %v, want %v", what, got, want)
			return
		}
		grad := matrix.New(2, 2)
		grad.Fill(7) // junk
		c.loss(logits, target, grad)
		if !gradeExpect(t, what+": the gradient", grad, gradeScaled(c.scale, gradeLogitDelta(logits, target)), 1e-12) {
			return
		}
	}

	// Large logits. With ln σ(z) = −ln(1 + e^−z) and ln(1 − σ(z)) =
	// −z − ln(1 + e^−z), an entry's loss is (1 − t)·z + ln(1 + e^−z), and
	// ln(1 + e^−z) is below 1e-17 for z ≥ 40: so (1 − t)·z for z = 40 and
	// z = 800; for z = −800 the same algebra with −z gives t·800. The
	// delta σ(z) − t is 1 − t for z ≥ 40 and −t for z = −800, to rounding.
	big := gradeRows([][]float64{{40, 800, -800, -800}})
	bigTarget := gradeRows([][]float64{{0.3, 0, 1, 0}})
	grad := matrix.New(1, 4)
	grad.Fill(7)
	const what = "SigmoidCrossEntropy of z = [40 800 −800 −800] and t = [0.3 0 1 0]"
	if got, want := SigmoidCrossEntropy(big, bigTarget, grad), 0.7*40+800+800.0; !gradeClose(got, want, 1e-12) {
		t.Errorf("%s is %v, want 0.7·40 + 800 + 800 + 0 = %v: compute it from the logits in the stable form, not through ln σ(z)", what, got, want)
		return
	}
	if !gradeExpect(t, what+": the gradient", grad, [][]float64{{0.7, 1, -1, 0}}, 1e-12) {
		return
	}

	rng := gradeRand(55)
	logits = gradeMatrix(rng, 3, 4, -4, 4)
	target = gradeMatrix(rng, 3, 4, 0, 1)
	grad = matrix.New(3, 4)
	grad.Fill(-3)
	if got, want := MeanSigmoidCrossEntropy(logits, target, grad), gradeLogitLoss(logits, target)/3; !gradeClose(got, want, 1e-12) {
		t.Errorf("MeanSigmoidCrossEntropy of random 3×4 logits is %v, want %v", got, want)
		return
	}
	loss := func() float64 { return gradeLogitLoss(logits, target) / 3 }
	gradeGradient(t, "MeanSigmoidCrossEntropy of random 3×4 logits: the gradient with respect to the logits", loss, logits, grad)
}

// gradeLogitLoss returns −Σ [t ln σ(z) + (1−t) ln(1 − σ(z))] straight from
// the definition, σ(z) = 1/(1 + e^−z): right for logits of moderate size.
func gradeLogitLoss(logits, target *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < logits.Rows(); i++ {
		for j, z := range logits.Row(i) {
			p, tt := 1/(1+math.Exp(-z)), target.At(i, j)
			s -= tt*math.Log(p) + (1-tt)*math.Log(1-p)
		}
	}
	return s
}

// gradeLogitDelta returns σ(z) − t entry by entry.
func gradeLogitDelta(logits, target *matrix.Dense) *matrix.Dense {
	out := matrix.New(logits.Dims())
	for i := 0; i < logits.Rows(); i++ {
		for j, z := range logits.Row(i) {
			out.Set(i, j, 1/(1+math.Exp(-z))-target.At(i, j))
		}
	}
	return out
}
