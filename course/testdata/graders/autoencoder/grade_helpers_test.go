package autoencoder

// Helpers of the graders of package autoencoder. The graders are tests of
// the reference that "bottleneck grade" builds into a student's copy of
// this package, in place of the copy's own test files (package course).
// They use the package's exported API only (New, Objective, Train), so
// they grade the exercises through everything a training step runs,
// package nn's exercises included.

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// gradeRand returns a random source that gives the same numbers at every
// run.
func gradeRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 12)) }

// gradeMatrix returns an r×c matrix of numbers drawn uniformly from
// [lo, hi).
func gradeMatrix(rng *rand.Rand, r, c int, lo, hi float64) *matrix.Dense {
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		for j := range m.Row(i) {
			m.Row(i)[j] = lo + (hi-lo)*rng.Float64()
		}
	}
	return m
}

// gradeClose reports whether got is want to within a relative tol (an
// absolute tol for numbers below 1).
func gradeClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// gradeGradient reports through t, and returns false, unless grad is the
// gradient of f with respect to value, as central differences find it
// (nn.CheckGradient, with the step and tolerance of the project's own
// gradient checks).
func gradeGradient(t *testing.T, what string, f func() float64, value, grad *matrix.Dense) bool {
	t.Helper()
	r := nn.CheckGradient(f, nn.Param{Name: what, Value: value, Grad: grad}, nn.GradCheckStep, 1)
	if !r.Pass(nn.GradCheckTolerance) {
		w := r.Worst[0]
		t.Errorf("%s: relative error %.2g against the numerical gradient (tolerance %g); entry (%d, %d) is %.8g, the numerical gradient %.8g",
			what, r.RelErr, nn.GradCheckTolerance, w.Row, w.Col, w.Analytic, w.Numerical)
		return false
	}
	return true
}

// gradeNet is a one-hidden-layer autoencoder with sigmoid code and output,
// made by New, with its four parameters at hand and random biases.
type gradeNet struct {
	ae               *Autoencoder
	w1, b1, w1p, b1p *matrix.Dense // W1 (in×code), b1, W1′ (code×in), b1′
}

// newGradeNet returns an in-code-in gradeNet trained on squared error.
func newGradeNet(t *testing.T, rng *rand.Rand, in, code int) *gradeNet {
	t.Helper()
	return newGradeNetLoss(t, rng, in, code, SquaredError)
}

// newGradeNetLoss returns an in-code-in gradeNet trained on the given
// loss.
func newGradeNetLoss(t *testing.T, rng *rand.Rand, in, code int, loss Loss) *gradeNet {
	t.Helper()
	ae, err := New(Config{Layers: []int{in, code}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Loss: loss}, rng)
	if err != nil {
		t.Fatal(err)
	}
	n := &gradeNet{ae: ae}
	for _, p := range ae.Params() {
		switch p.Name {
		case "W1":
			n.w1 = p.Value
		case "b1":
			n.b1 = p.Value
		case "W1′":
			n.w1p = p.Value
		case "b1′":
			n.b1p = p.Value
		}
	}
	if n.w1 == nil || n.b1 == nil || n.w1p == nil || n.b1p == nil {
		t.Fatalf("a %d-%d-%d autoencoder without parameters W1, b1, W1′ and b1′", in, code, in)
	}
	n.b1.Copy(gradeMatrix(rng, 1, code, -0.5, 0.5))
	n.b1p.Copy(gradeMatrix(rng, 1, in, -0.5, 0.5))
	return n
}

// encode returns the code h = σ(X·W₁ + b₁) from the current weights, with
// loops.
func (n *gradeNet) encode(x *matrix.Dense) *matrix.Dense {
	return gradeSigmoidOf(gradeAffine(x, n.w1, n.b1))
}

// reconstruct returns x̂ = σ(σ(X·W₁ + b₁)·W₁′ + b₁′) from the current
// weights, with loops.
func (n *gradeNet) reconstruct(x *matrix.Dense) *matrix.Dense {
	return gradeSigmoidOf(gradeAffine(gradeSigmoidOf(gradeAffine(x, n.w1, n.b1)), n.w1p, n.b1p))
}

// gradeAffine returns X·W + b, entry by entry.
func gradeAffine(x, w, b *matrix.Dense) *matrix.Dense {
	y := matrix.New(x.Rows(), w.Cols())
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < w.Cols(); j++ {
			s := b.At(0, j)
			for k := 0; k < x.Cols(); k++ {
				s += x.At(i, k) * w.At(k, j)
			}
			y.Set(i, j, s)
		}
	}
	return y
}

// gradeSigmoidOf returns σ(x) entry by entry.
func gradeSigmoidOf(x *matrix.Dense) *matrix.Dense {
	y := matrix.New(x.Dims())
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			y.Set(i, j, 1/(1+math.Exp(-x.At(i, j))))
		}
	}
	return y
}

// gradeSquares returns Σ (a − b)² over every entry.
func gradeSquares(a, b *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < a.Rows(); i++ {
		for j := 0; j < a.Cols(); j++ {
			d := a.At(i, j) - b.At(i, j)
			s += d * d
		}
	}
	return s
}

// gradeSumSquares returns Σ w² over every entry of the matrices.
func gradeSumSquares(ms ...*matrix.Dense) float64 {
	s := 0.0
	for _, m := range ms {
		for i := 0; i < m.Rows(); i++ {
			for _, v := range m.Row(i) {
				s += v * v
			}
		}
	}
	return s
}

// gradeCrossEntropy returns −Σ [x ln x̂ + (1 − x) ln(1 − x̂)] over every
// entry, straight from the definition (x̂ must lie strictly inside (0, 1)).
func gradeCrossEntropy(xhat, x *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			p, t := xhat.At(i, j), x.At(i, j)
			s -= t*math.Log(p) + (1-t)*math.Log(1-p)
		}
	}
	return s
}

// gradeSumAbs returns Σ |v| over every entry.
func gradeSumAbs(m *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < m.Rows(); i++ {
		for _, v := range m.Row(i) {
			s += math.Abs(v)
		}
	}
	return s
}

// gradeAdded returns, for each parameter of ae by name, a copy of its
// gradient now; addedSince subtracts such a copy from the gradient later.
func gradeAdded(ae *Autoencoder) map[string]*matrix.Dense {
	out := map[string]*matrix.Dense{}
	for _, p := range ae.Params() {
		out[p.Name] = p.Grad.Clone()
	}
	return out
}

// addedSince returns the gradient of p less its copy in before.
func addedSince(before map[string]*matrix.Dense, p nn.Param) *matrix.Dense {
	added := p.Grad.Clone()
	added.Sub(added, before[p.Name])
	return added
}

// gradePenalty reports through t, and returns false, unless the
// regularizers regs add penalty() to net's objective on the batch x and
// its gradient to the parameters' gradients. Both are measured as the
// difference regs make to Objective; the gradient is checked against
// central differences of penalty, for every parameter (those penalty does
// not depend on must get nothing).
func gradePenalty(t *testing.T, what string, net *gradeNet, x *matrix.Dense, regs []Regularizer, penalty func() float64) bool {
	t.Helper()
	without := net.ae.Objective(x, nil)
	before := gradeAdded(net.ae)
	with := net.ae.Objective(x, regs)
	if got, want := with-without, penalty(); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s adds %v to the objective, want %v", what, got, want)
		return false
	}
	for _, p := range net.ae.Params() {
		if !gradeGradient(t, what+": what it adds to the gradient of "+p.Name, penalty, p.Value, addedSince(before, p)) {
			return false
		}
	}
	return true
}
