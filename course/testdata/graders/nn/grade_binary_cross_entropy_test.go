package nn

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradeBinaryCrossEntropy grades exercise binary-cross-entropy:
// BinaryCrossEntropy returns L = −Σ [t·ln p + (1−t)·ln(1−p)] over every
// entry, with p clamped to [ε, 1−ε], ε = 1e-12, and writes
// ∂L/∂p = (p − t)/(p(1 − p)) into grad unless it is nil;
// MeanBinaryCrossEntropy divides both by the number of rows. The values of
// a small batch come from the definition with math.Log; for random ones
// the gradient is checked against central differences of the definition.
func TestGradeBinaryCrossEntropy(t *testing.T) {
	pred := gradeRows([][]float64{{0.5, 0.9}, {0.2, 0.5}})
	target := gradeRows([][]float64{{1, 0}, {0, 0.5}})
	// Entry by entry: −ln 0.5, −ln 0.1, −ln 0.8, −(½ ln 0.5 + ½ ln 0.5).
	want := math.Ln2 - math.Log(0.1) - math.Log(0.8) + math.Ln2
	// (p − t)/(p(1 − p)): −0.5/0.25, 0.9/0.09, 0.2/0.16, 0/0.25.
	wantGrad := [][]float64{{-2, 10}, {1.25, 0}}
	for _, c := range []struct {
		name  string
		loss  LossFunc
		scale float64
	}{{"BinaryCrossEntropy", BinaryCrossEntropy, 1}, {"MeanBinaryCrossEntropy", MeanBinaryCrossEntropy, 0.5}} {
		if got := c.loss(pred, target, nil); !gradeClose(got, c.scale*want, 1e-12) {
			t.Errorf("%s of p = [0.5 0.9; 0.2 0.5] and t = [1 0; 0 0.5] is %v, want %v", c.name, got, c.scale*want)
			return
		}
		grad := matrix.New(2, 2)
		c.loss(pred, target, grad)
		if !gradeExpect(t, c.name+" of p = [0.5 0.9; 0.2 0.5] and t = [1 0; 0 0.5]: the gradient", grad, gradeScaled(c.scale, gradeRows(wantGrad)), 1e-12) {
			return
		}
	}

	// A saturated prediction gives a large but finite loss and gradient:
	// −ln 1e-12 ≈ 27.6, and (ε − 1)/(ε(1 − ε)) = −1/ε.
	saturated := gradeRows([][]float64{{0, 1}})
	grad := matrix.New(1, 2)
	got := BinaryCrossEntropy(saturated, gradeRows([][]float64{{1, 1}}), grad)
	if !gradeClose(got, -math.Log(1e-12), 1e-9) {
		t.Errorf("BinaryCrossEntropy of p = [0 1] and t = [1 1] is %v, want −ln ε = %v (p clamped to [ε, 1−ε], ε = 1e-12)", got, -math.Log(1e-12))
		return
	}
	if g := grad.At(0, 0); !gradeClose(g, -1e12, 1e-6) {
		t.Errorf("BinaryCrossEntropy of p = [0 1] and t = [1 1]: the gradient at p = 0 is %v, want −1/ε = −1e12 (p clamped to [ε, 1−ε], ε = 1e-12)", g)
		return
	}

	rng := gradeRand(50)
	pred = gradeMatrix(rng, 3, 4, 0.05, 0.95)
	target = gradeMatrix(rng, 3, 4, 0, 1)
	loss := func() float64 {
		s := 0.0
		for i := 0; i < pred.Rows(); i++ {
			for j, p := range pred.Row(i) {
				tt := target.At(i, j)
				s -= tt*math.Log(p) + (1-tt)*math.Log(1-p)
			}
		}
		return s
	}
	grad = matrix.New(3, 4)
	if got := BinaryCrossEntropy(pred, target, grad); !gradeClose(got, loss(), 1e-12) {
		t.Errorf("BinaryCrossEntropy of a random 3×4 batch is %v, want %v", got, loss())
		return
	}
	gradeGradient(t, "BinaryCrossEntropy of a random 3×4 batch: the gradient", loss, pred, grad)
}
