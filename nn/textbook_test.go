package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// useKernel chooses the matrix kernel name for the rest of the test and
// puts the one in use back when the test ends.
func useKernel(t *testing.T, name string) {
	t.Helper()
	old := matrix.Kernel()
	if err := matrix.SetKernel(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := matrix.SetKernel(old); err != nil {
			t.Error(err)
		}
	})
}

// randParam returns a rows×cols parameter with normal values and gradient.
func randParam(rng *rand.Rand, rows, cols int) Param {
	p := Param{Value: matrix.New(rows, cols), Grad: matrix.New(rows, cols)}
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			p.Value.Set(i, j, rng.NormFloat64())
			p.Grad.Set(i, j, rng.NormFloat64())
		}
	}
	return p
}

// TestAdamTextbookPath: with matrix.SetKernel("reference"), Adam.Step is
// the update as Kingma and Ba write it, entry for entry (worked out here
// for two steps with the same operations, so to the bit); and the fast
// path, the folded form shared among the cores, agrees with it to within
// rounding. The parameter has 64 rows, enough for the fast path to share
// it out (adamMinRows = 16).
func TestAdamTextbookPath(t *testing.T) {
	const rows, cols, steps = 64, 9, 2
	rng := rand.New(rand.NewPCG(7, 7))
	start := randParam(rng, rows, cols)
	grads := []*matrix.Dense{randParam(rng, rows, cols).Grad, randParam(rng, rows, cols).Grad}

	// By hand: m, v, m̂, v̂, θ for every entry.
	// Variables, not constants: Go would work out 1−β₁ exactly for a
	// constant, where Adam rounds it like any float64.
	var eta, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
	want := start.Value.Clone()
	m, v := matrix.New(rows, cols), matrix.New(rows, cols)
	for s := 1; s <= steps; s++ {
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				g := grads[s-1].At(i, j)
				m.Set(i, j, b1*m.At(i, j)+(1-b1)*g)
				v.Set(i, j, b2*v.At(i, j)+(1-b2)*(g*g))
				mHat := m.At(i, j) / (1 - math.Pow(b1, float64(s)))
				vHat := v.At(i, j) / (1 - math.Pow(b2, float64(s)))
				want.Set(i, j, want.At(i, j)-eta*mHat/(math.Sqrt(vHat)+eps))
			}
		}
	}

	run := func() *matrix.Dense {
		p := Param{Value: start.Value.Clone(), Grad: matrix.New(rows, cols)}
		opt := NewAdam(eta)
		for s := 0; s < steps; s++ {
			p.Grad.Copy(grads[s])
			opt.Step([]Param{p})
		}
		return p.Value
	}
	fast := run()
	useKernel(t, "reference")
	if !textbook() {
		t.Fatal(`after matrix.SetKernel("reference"), nn does not take the textbook path`)
	}
	if got := run(); !matrix.EqualApprox(got, want, 0) {
		t.Errorf("textbook Adam differs from m, v, m̂, v̂ worked out by hand:\n%vwant\n%v", got, want)
	}
	// 1e-15: the folded form rounds differently, by a few units in the last
	// place of each step (1.1e-16 each); a wrong correction is off by 1e-3.
	if !matrix.EqualApprox(fast, want, 1e-15) {
		t.Errorf("fast Adam differs from the textbook update by more than rounding:\n%vwant\n%v", fast, want)
	}
}

// TestSigmoidTextbookPath: the fast Sigmoid.Forward (rows on every core,
// SIMD where built in) agrees with the textbook one (σ element by element)
// on a batch large enough to be shared among the cores.
func TestSigmoidTextbookPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	x := randParam(rng, 128, 300).Value // 38,400 elements ≥ minParallelSigmoid
	x.Scale(10, x)
	fast := (&Sigmoid{}).Forward(x).Clone()
	useKernel(t, "reference")
	ref := (&Sigmoid{}).Forward(x)
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			// 1e-15 relative: σ written as 1/(1+e⁻ˣ) here and as eˣ/(1+eˣ)
			// for x < 0 in the package round differently, by a few units in
			// the last place (1.1e-16 each).
			want := 1 / (1 + math.Exp(-x.At(i, j)))
			if d := math.Abs(ref.At(i, j) - want); !(d <= 1e-15*want) {
				t.Fatalf("textbook σ(%v) = %v, want %v", x.At(i, j), ref.At(i, j), want)
			}
			// The fast rows compute σ with the same Go code as the
			// textbook path, only a row at a time: the same bits.
			if math.Float64bits(fast.At(i, j)) != math.Float64bits(ref.At(i, j)) {
				t.Fatalf("fast σ(%v) = %v, textbook %v", x.At(i, j), fast.At(i, j), ref.At(i, j))
			}
		}
	}
}
