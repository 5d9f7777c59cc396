package classify

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestObjectiveScale checks what a gradient check cannot see: that the
// objective is the mean cross-entropy over the batch, −(1/n)·Σᵢ log pᵢ(yᵢ),
// plus (λ/2)·‖W‖² added once, with no bias in the decay; a batch holding
// every sample twice gives the same objective and gradient (a sum, or a
// decay added per sample, would double).
func TestObjectiveScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	m := &Model{Layer: nn.NewLinear(3, 4)}
	nn.GlorotUniform(m.Layer.W, rng)
	m.Layer.B.Apply(func(float64) float64 { return 2 * (rng.Float64() - 0.5) }, m.Layer.B)
	const n, lambda = 5, 0.7
	x, y := matrix.New(n, 3), matrix.New(n, 4)
	x.Apply(func(float64) float64 { return 2*rng.Float64() - 1 }, x)
	labels := []int{0, 3, 1, 1, 2}
	for i, l := range labels {
		y.Set(i, l, 1)
	}
	// By hand: logits x·W + b, softmax, the log of the right class.
	want := 0.0
	for i := 0; i < n; i++ {
		z := make([]float64, 4)
		top := math.Inf(-1)
		for k := range z {
			z[k] = m.Layer.B.At(0, k)
			for j := 0; j < 3; j++ {
				z[k] += x.At(i, j) * m.Layer.W.At(j, k)
			}
			top = math.Max(top, z[k])
		}
		sum := 0.0
		for _, v := range z {
			sum += math.Exp(v - top)
		}
		want -= z[labels[i]] - top - math.Log(sum)
	}
	want /= n
	w := m.Layer.W.Norm()
	want += lambda / 2 * w * w
	got := m.objective(x, y, matrix.New(n, 4), lambda)
	if !(math.Abs(got-want) <= 1e-12*want) {
		t.Errorf("objective %.15g, by hand %.15g", got, want)
	}
	dw := m.Layer.DW.Clone()

	x2, y2 := matrix.New(2*n, 3), matrix.New(2*n, 4)
	x2.SliceRows(0, n).Copy(x)
	x2.SliceRows(n, 2*n).Copy(x)
	y2.SliceRows(0, n).Copy(y)
	y2.SliceRows(n, 2*n).Copy(y)
	twice := m.objective(x2, y2, matrix.New(2*n, 4), lambda)
	if !(math.Abs(twice-got) <= 1e-12*got) || !matrix.EqualApprox(m.Layer.DW, dw, 1e-12) {
		t.Errorf("every sample twice: objective %.15g, want %.15g, and the same gradient", twice, got)
	}
}
