package nn

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// The tests in this file check each optimizer's update rule by taking two or
// three steps and comparing with the same steps worked out in the test,
// from the formulas of the sources:
//
//	SGD       θ ← θ − η·g                          (Robbins and Monro 1951;
//	                                                Nielsen, ch. 1, "Learning
//	                                                with gradient descent")
//	Momentum  v ← μ·v − η·g,  θ ← θ + v             (Polyak's heavy ball, as
//	                                                written by Sutskever et al.
//	                                                2013, eq. (1)–(2))
//	Adam      m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
//	          m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
//	          θ ← θ − η·m̂/(√v̂ + ε)                 (Kingma and Ba 2015,
//	                                                Algorithm 1)
//
// A gradient check cannot see a wrong rule: it tests the gradient, not what
// is done with it, and a wrong rule still goes downhill on a quadratic.

// stepWith runs opt for len(grads) steps on one parameter that starts at
// theta0, feeding it grads[t] at step t, and returns the parameter.
func stepWith(opt Optimizer, theta0 []float64, grads [][]float64) *matrix.Dense {
	theta := matrix.NewFromSlice(1, len(theta0), append([]float64(nil), theta0...))
	grad := matrix.New(1, len(theta0))
	params := []Param{{Name: "θ", Value: theta, Grad: grad}}
	for _, g := range grads {
		copy(grad.Row(0), g)
		opt.Step(params)
	}
	return theta
}

func TestSGDRuleByHand(t *testing.T) {
	// η = 0.1, θ₀ = (1, −2):
	// g₁ = (0.5, 1):  θ₁ = (1 − 0.05, −2 − 0.1)  = (0.95, −2.1)
	// g₂ = (−1, 2):   θ₂ = (0.95 + 0.1, −2.1 − 0.2) = (1.05, −2.3)
	got := stepWith(&SGD{LearningRate: 0.1}, []float64{1, -2}, [][]float64{{0.5, 1}, {-1, 2}})
	want := matrix.NewFromSlice(1, 2, []float64{1.05, -2.3})
	// 1e-15: a few roundings of numbers of size 1.
	if !matrix.EqualApprox(got, want, 1e-15) {
		t.Errorf("SGD after two steps: θ = %v, want %v", got, want)
	}
}

func TestMomentumRuleByHand(t *testing.T) {
	// η = 0.1, μ = 0.9, θ₀ = 1, v₀ = 0:
	// g₁ = 2:   v₁ = −0.2,                    θ₁ = 0.8
	// g₂ = 1:   v₂ = 0.9·(−0.2) − 0.1 = −0.28,  θ₂ = 0.52
	// g₃ = −1:  v₃ = 0.9·(−0.28) + 0.1 = −0.152, θ₃ = 0.368
	opt := &Momentum{LearningRate: 0.1, Mu: 0.9}
	theta := matrix.NewFromSlice(1, 1, []float64{1})
	grad := matrix.New(1, 1)
	params := []Param{{Name: "θ", Value: theta, Grad: grad}}
	for i, step := range []struct{ g, want float64 }{{2, 0.8}, {1, 0.52}, {-1, 0.368}} {
		grad.Set(0, 0, step.g)
		opt.Step(params)
		if got := theta.At(0, 0); !(math.Abs(got-step.want) <= 1e-15) {
			t.Errorf("Momentum step %d: θ = %.17g, want %.17g", i+1, got, step.want)
		}
	}
}

// adamByHand is Algorithm 1 of Kingma and Ba (2015) for one scalar: the
// values of θ after each gradient in grads, written the way the paper
// writes it.
func adamByHand(theta, eta, beta1, beta2, eps float64, grads []float64) []float64 {
	m, v := 0.0, 0.0
	var out []float64
	for i, g := range grads {
		t := float64(i + 1)
		m = beta1*m + (1-beta1)*g
		v = beta2*v + (1-beta2)*g*g
		mHat := m / (1 - math.Pow(beta1, t))
		vHat := v / (1 - math.Pow(beta2, t))
		theta -= eta * mHat / (math.Sqrt(vHat) + eps)
		out = append(out, theta)
	}
	return out
}

// TestAdamRuleByHand compares three Adam steps with the paper's algorithm,
// once with the usual constants and once with constants chosen so that
// every part of the rule shows: ε = 0.1 is as large as √v̂, so leaving out
// its correction in the folded form, or the bias corrections, changes the
// step by far more than rounding.
//
// The parameter has 40 rows, so that Step shares its rows among the cores
// (bands of at least 16 rows); every row must get the same update as the
// scalar worked out by hand for its gradients.
func TestAdamRuleByHand(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const rows, cols = 40, 3
	// Gradient of entry (i, j) at step s: varied in sign and size.
	gradAt := func(i, j, s int) float64 {
		return float64((i*7+j*3+s*5)%11-5) * 0.3 * float64(s+1)
	}
	for _, c := range []struct {
		name                   string
		opt                    func() *Adam
		eta, beta1, beta2, eps float64
	}{
		{"NewAdam(0.01)", func() *Adam { return NewAdam(0.01) }, 0.01, 0.9, 0.999, 1e-8},
		{"η 0.5 β₁ 0.8 β₂ 0.9 ε 0.1", func() *Adam { return &Adam{LearningRate: 0.5, Beta1: 0.8, Beta2: 0.9, Epsilon: 0.1} }, 0.5, 0.8, 0.9, 0.1},
	} {
		for _, procs := range []int{1, 2} {
			runtime.GOMAXPROCS(procs)
			opt := c.opt()
			theta := matrix.New(rows, cols)
			grad := matrix.New(rows, cols)
			params := []Param{{Name: "θ", Value: theta, Grad: grad}}
			for s := 0; s < 3; s++ {
				for i := 0; i < rows; i++ {
					for j := 0; j < cols; j++ {
						grad.Set(i, j, gradAt(i, j, s))
					}
				}
				opt.Step(params)
			}
			for i := 0; i < rows; i++ {
				for j := 0; j < cols; j++ {
					gs := []float64{gradAt(i, j, 0), gradAt(i, j, 1), gradAt(i, j, 2)}
					want := adamByHand(0, c.eta, c.beta1, c.beta2, c.eps, gs)[2]
					// 1e-12 relative: the folded form of Step and the
					// paper's form differ by a few roundings.
					if got := theta.At(i, j); !(math.Abs(got-want) <= 1e-12*math.Max(math.Abs(want), 1e-3)) {
						t.Fatalf("%s, GOMAXPROCS %d: θ(%d, %d) after 3 steps = %.17g, by hand %.17g", c.name, procs, i, j, got, want)
					}
				}
			}
		}
	}
}

// TestNewAdamConstants: the defaults Kingma and Ba recommend (with their
// Algorithm 1):
// β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
func TestNewAdamConstants(t *testing.T) {
	a := NewAdam(0.003)
	if a.LearningRate != 0.003 || a.Beta1 != 0.9 || a.Beta2 != 0.999 || a.Epsilon != 1e-8 {
		t.Errorf("NewAdam(0.003) = η %g β₁ %g β₂ %g ε %g; want 0.003, 0.9, 0.999, 1e-8", a.LearningRate, a.Beta1, a.Beta2, a.Epsilon)
	}
}

// TestOptimizersUpdateEveryParameter: with several parameters of several
// shapes, each moves by its own gradient (and only its own).
func TestOptimizersUpdateEveryParameter(t *testing.T) {
	for _, c := range []struct {
		name string
		opt  Optimizer
	}{{"SGD", &SGD{LearningRate: 0.5}}, {"Momentum", &Momentum{LearningRate: 0.5, Mu: 0.9}}, {"Adam", NewAdam(0.5)}} {
		a := Param{Name: "a", Value: matrix.New(2, 3), Grad: matrix.New(2, 3)}
		b := Param{Name: "b", Value: matrix.New(1, 3), Grad: matrix.New(1, 3)}
		a.Grad.Fill(1)
		b.Grad.Fill(-1)
		c.opt.Step([]Param{a, b})
		// One step from 0 with gradient ±1 moves by ∓η·1 for SGD and
		// Momentum and by ∓η·1/(1+ε) for Adam: every entry of a below
		// zero, every entry of b above.
		for i := 0; i < 2; i++ {
			for j := 0; j < 3; j++ {
				if !(a.Value.At(i, j) < -0.49) {
					t.Errorf("%s: a(%d, %d) = %g, want about −0.5", c.name, i, j, a.Value.At(i, j))
				}
			}
		}
		for j := 0; j < 3; j++ {
			if !(b.Value.At(0, j) > 0.49) {
				t.Errorf("%s: b(0, %d) = %g, want about 0.5", c.name, j, b.Value.At(0, j))
			}
		}
	}
}

// TestStatefulOptimizersPanicOnChangedParams: momentum and Adam keep one
// state matrix per parameter, so Step with other parameters — another
// number of them, or one of another shape, even in one dimension only — is
// a mistake that must panic, not update with another parameter's state,
// and the panic names the optimizer, as API misuse does in this project
// (an index out of range deeper down would not).
func TestStatefulOptimizersPanicOnChangedParams(t *testing.T) {
	param := func(r, c int) Param { return Param{Name: "p", Value: matrix.New(r, c), Grad: matrix.New(r, c)} }
	for _, changed := range [][]Param{
		{param(3, 1)},
		{param(2, 3)},
		{param(3, 2)},
		{param(2, 2), param(2, 2)},
	} {
		for _, c := range []struct {
			opt    Optimizer
			prefix string
		}{{&Momentum{LearningRate: 0.1, Mu: 0.9}, "nn: Momentum: "}, {NewAdam(0.1), "nn: Adam: "}} {
			c.opt.Step([]Param{param(2, 2)})
			func() {
				defer func() {
					if msg, _ := recover().(string); !strings.HasPrefix(msg, c.prefix) {
						t.Errorf("Step with %d parameters, the first %d×%d, after one of 2×2: panic %q, want one starting %q", len(changed), changed[0].Value.Rows(), changed[0].Value.Cols(), msg, c.prefix)
					}
				}()
				c.opt.Step(changed)
			}()
		}
	}
}
