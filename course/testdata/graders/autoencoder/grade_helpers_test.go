package autoencoder

// Helpers of the graders of package autoencoder. The graders are tests of
// the reference that "bottleneck grade" builds into a student's copy of
// this package, in place of the copy's own test files (package course).
// The autoencoder they grade is made of the layers below, written with
// loops, so that grading this package's exercises does not depend on the
// exercises of package nn.

import (
	"fmt"
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

// gradeLinear is a linear layer, Y = X·W + b, written with loops.
type gradeLinear struct {
	W, B, DW, DB *matrix.Dense
	x            *matrix.Dense
}

func newGradeLinear(rng *rand.Rand, in, out int) *gradeLinear {
	return &gradeLinear{W: gradeMatrix(rng, in, out, -1, 1), B: gradeMatrix(rng, 1, out, -0.5, 0.5),
		DW: matrix.New(in, out), DB: matrix.New(1, out)}
}

func (l *gradeLinear) Forward(x *matrix.Dense) *matrix.Dense {
	l.x = x
	return gradeAffine(x, l.W, l.B)
}

func (l *gradeLinear) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := matrix.New(dy.Rows(), l.W.Rows())
	for i := 0; i < dy.Rows(); i++ {
		for j := 0; j < dy.Cols(); j++ {
			d := dy.At(i, j)
			l.DB.Set(0, j, l.DB.At(0, j)+d)
			for k := 0; k < l.W.Rows(); k++ {
				l.DW.Set(k, j, l.DW.At(k, j)+l.x.At(i, k)*d)
				dx.Set(i, k, dx.At(i, k)+d*l.W.At(k, j))
			}
		}
	}
	return dx
}

func (l *gradeLinear) Params() []nn.Param {
	return []nn.Param{{Name: "W", Value: l.W, Grad: l.DW}, {Name: "b", Value: l.B, Grad: l.DB}}
}

// gradeSigmoid is the logistic activation, written with loops.
type gradeSigmoid struct{ out *matrix.Dense }

func (s *gradeSigmoid) Forward(x *matrix.Dense) *matrix.Dense {
	s.out = gradeSigmoidOf(x)
	return s.out
}

func (s *gradeSigmoid) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := matrix.New(dy.Dims())
	for i := 0; i < dy.Rows(); i++ {
		for j := 0; j < dy.Cols(); j++ {
			y := s.out.At(i, j)
			dx.Set(i, j, dy.At(i, j)*y*(1-y))
		}
	}
	return dx
}

func (s *gradeSigmoid) Params() []nn.Param { return nil }

// gradeAffine returns X·W + b.
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

// gradeAutoencoder returns an in-code-in autoencoder with sigmoid code and
// output, made of the layers above, its parameters named as New names
// them: W1, b1, W1′, b1′.
func gradeAutoencoder(rng *rand.Rand, in, code int) (*Autoencoder, *gradeLinear, *gradeLinear) {
	enc, dec := newGradeLinear(rng, in, code), newGradeLinear(rng, code, in)
	ae := &Autoencoder{
		Config:  Config{Layers: []int{in, code}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"},
		Encoder: &nn.Network{Layers: []nn.Layer{enc, &gradeSigmoid{}}},
		Decoder: &nn.Network{Layers: []nn.Layer{dec, &gradeSigmoid{}}},
	}
	for _, l := range []struct {
		suffix string
		layer  *gradeLinear
	}{{"1", enc}, {"1′", dec}} {
		for _, p := range l.layer.Params() {
			p.Name += l.suffix
			ae.params = append(ae.params, p)
			if p.Name[0] == 'W' {
				ae.weights = append(ae.weights, p)
			}
		}
	}
	return ae, enc, dec
}

// gradeReconstruct returns x̂ = σ(σ(X·W₁ + b₁)·W₁′ + b₁′) from the current
// weights, without touching the layers.
func gradeReconstruct(x *matrix.Dense, enc, dec *gradeLinear) *matrix.Dense {
	return gradeSigmoidOf(gradeAffine(gradeSigmoidOf(gradeAffine(x, enc.W, enc.B)), dec.W, dec.B))
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

// gradeName returns "parameter NAME".
func gradeName(p nn.Param) string { return fmt.Sprintf("parameter %s", p.Name) }
