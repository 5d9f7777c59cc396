package nn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// A loss on the wrong scale — without its ½, summed where it should be a
// mean, divided by n−1 — passes the gradient check as long as its gradient
// is scaled the same way. These tests compare value and gradient with the
// formulas of the doc comments, written out with loops.

func TestSquaredErrorScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 1))
	for _, n := range []int{1, 2, 5} {
		pred, target := randMatrix(rng, n, 3, -1, 1), randMatrix(rng, n, 3, -1, 1)
		sum := 0.0 // Σₙ ‖xₙ − x̂ₙ‖²
		for i := 0; i < n; i++ {
			for j := 0; j < 3; j++ {
				d := pred.At(i, j) - target.At(i, j)
				sum += d * d
			}
		}
		for _, c := range []struct {
			name  string
			loss  LossFunc
			value float64 // the loss by its formula
			scale float64 // the factor of X̂ − X in its gradient
		}{
			{"HalfSquaredError", HalfSquaredError, sum / 2, 1},
			{"MeanHalfSquaredError", MeanHalfSquaredError, sum / 2 / float64(n), 1 / float64(n)},
		} {
			grad := matrix.New(n, 3)
			got := c.loss(pred, target, grad)
			// 1e-14 relative: sums of a few terms of size ≤ 4.
			if !(math.Abs(got-c.value) <= 1e-14*c.value) {
				t.Errorf("%s on %d rows = %.17g, want %.17g", c.name, n, got, c.value)
			}
			want := matrix.New(n, 3)
			want.Sub(pred, target)
			want.Scale(c.scale, want)
			if !matrix.EqualApprox(grad, want, 1e-15) {
				t.Errorf("%s on %d rows: gradient %v, want %v", c.name, n, grad, want)
			}
			if again := c.loss(pred, target, nil); again != got {
				t.Errorf("%s without a gradient = %g, with one %g", c.name, again, got)
			}
		}
	}
	// An empty batch has no error, and its mean is 0 too, not 0/0.
	for _, loss := range []LossFunc{HalfSquaredError, MeanHalfSquaredError, BinaryCrossEntropy, MeanBinaryCrossEntropy} {
		if got := loss(matrix.New(0, 3), matrix.New(0, 3), matrix.New(0, 3)); got != 0 {
			t.Errorf("loss of an empty batch = %g, want 0", got)
		}
	}
}

func TestCrossEntropyScale(t *testing.T) {
	pred := matrix.NewFromSlice(2, 2, []float64{0.2, 0.9, 0.5, 0.7})
	target := matrix.NewFromSlice(2, 2, []float64{0, 1, 0.3, 0.4})
	sum := 0.0
	want := matrix.New(2, 2)
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			p, q := pred.At(i, j), target.At(i, j)
			sum -= q*math.Log(p) + (1-q)*math.Log(1-p)
			want.Set(i, j, (p-q)/(p*(1-p)))
		}
	}
	grad := matrix.New(2, 2)
	if got := BinaryCrossEntropy(pred, target, grad); !(math.Abs(got-sum) <= 1e-15*sum) || !matrix.EqualApprox(grad, want, 1e-14) {
		t.Errorf("BinaryCrossEntropy = %.17g with gradient %v, want %.17g with %v", got, grad, sum, want)
	}
	want.Scale(0.5, want) // two rows
	if got := MeanBinaryCrossEntropy(pred, target, grad); !(math.Abs(got-sum/2) <= 1e-15*sum) || !matrix.EqualApprox(grad, want, 1e-14) {
		t.Errorf("MeanBinaryCrossEntropy = %.17g with gradient %v, want %.17g with %v", got, grad, sum/2, want)
	}
}

// TestCrossEntropyClamp: a saturated prediction (0 or 1, wrong way round)
// gives the large but finite loss −ln ε, ε = 1e-12, and a finite gradient,
// as the doc comment promises; one right way round gives almost nothing.
func TestCrossEntropyClamp(t *testing.T) {
	pred := matrix.NewFromSlice(1, 4, []float64{0, 1, 1, 0})
	target := matrix.NewFromSlice(1, 4, []float64{1, 0, 1, 0})
	grad := matrix.New(1, 4)
	got := BinaryCrossEntropy(pred, target, grad)
	// The clamp is to [ε, 1−ε] with ε = 1e-12: the two wrong predictions
	// cost −ln ε and −ln(1 − (1−ε)), about 27.63 each (1−ε is rounded in
	// float64, so the second is not exactly the first); the right ones cost
	// −ln(1−ε) ≈ 1e-12 each.
	const eps = 1e-12
	hi := 1 - eps
	want := -math.Log(eps) - math.Log(1-hi) - 2*math.Log(hi)
	if !(math.Abs(got-want) <= 1e-12*want) {
		t.Errorf("saturated cross-entropy = %.17g, want %.17g", got, want)
	}
	for j, g := range grad.Row(0) {
		if math.IsNaN(g) || math.IsInf(g, 0) {
			t.Errorf("gradient entry %d = %g, want a finite number", j, g)
		}
	}
}

func TestLossShapePanics(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"target", func() { HalfSquaredError(matrix.New(2, 3), matrix.New(3, 2), nil) }, "nn: HalfSquaredError: shape mismatch prediction 2×3, target 3×2"},
		{"gradient", func() { MeanBinaryCrossEntropy(matrix.New(2, 3), matrix.New(2, 3), matrix.New(2, 2)) }, "nn: MeanBinaryCrossEntropy: shape mismatch prediction 2×3, gradient 2×2"},
	} {
		msg := func() (msg string) {
			defer func() { msg, _ = recover().(string) }()
			c.f()
			return ""
		}()
		if !strings.HasPrefix(msg, c.want) {
			t.Errorf("%s: panic %q, want %q", c.name, msg, c.want)
		}
	}
}
