package probe

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The exercises of nn's optimizers: sgd-momentum and adam. Each optimizer
// takes four steps on two parameters of shapes 3×13 and 1×13 (13 is no
// multiple of a vector's width, and a row is not the whole parameter),
// with a new gradient each step, and every parameter is recorded after
// every step: a velocity or a moment that is not kept, or is kept per
// parameter wrongly, shows from the second step on. The constants are not
// the usual ones, so constants written into the code show; Adam runs on
// both of its paths, the textbook loop (kernel "reference") and the
// folded form (kernel "portable"), and also takes one first step with
// NewAdam's defaults on values of very different sizes.

// optShapes are the parameters' shapes.
var optShapes = [][2]int{{3, 13}, {1, 13}}

const optSteps = 4

type optCase struct {
	values []*matrix.Dense   // the starting values
	grads  [][]*matrix.Dense // per step, per parameter
}

func drawOpt(rng *rand.Rand) optCase {
	var c optCase
	for _, s := range optShapes {
		c.values = append(c.values, uniform(rng, s[0], s[1], -1, 1))
	}
	for range optSteps {
		var g []*matrix.Dense
		for _, s := range optShapes {
			g = append(g, uniform(rng, s[0], s[1], -2, 2))
		}
		c.grads = append(c.grads, g)
	}
	return c
}

// params returns fresh parameters with the case's values.
func (c optCase) params() []nn.Param {
	var ps []nn.Param
	for i, v := range c.values {
		ps = append(ps, nn.Param{Name: []string{"W", "b"}[i], Value: v.Clone(), Grad: matrix.New(v.Dims())})
	}
	return ps
}

// runOpt runs opt over the case, recording every parameter after every
// step under labels from what.
func runOpt(c optCase, opt nn.Optimizer, what string, out *Recorder) {
	ps := c.params()
	for step, gs := range c.grads {
		for i, p := range ps {
			p.Grad.Copy(gs[i])
		}
		opt.Step(ps)
		for i, p := range ps {
			out.PutMatrix(optLabel(what, ps[i].Name, step), p.Value)
		}
	}
}

func optLabel(what, param string, step int) string {
	return fmt.Sprintf("%s: parameter %s (%d×%d) after step %d", what, param, optShapes[map[string]int{"W": 0, "b": 1}[param]][0],
		optShapes[map[string]int{"W": 0, "b": 1}[param]][1], step+1)
}

// wantOpt returns the checks of the case, stepping each entry with update,
// which gets the entry's state (two numbers), its gradient and the step
// number from 1.
func wantOpt(c optCase, what string, update func(theta float64, state *[2]float64, g float64, t int) float64) []Check {
	var checks []Check
	values := make([]*matrix.Dense, len(c.values))
	states := make([][][2]float64, len(c.values))
	for i, v := range c.values {
		values[i] = v.Clone()
		states[i] = make([][2]float64, v.Rows()*v.Cols())
	}
	for step, gs := range c.grads {
		for i, v := range values {
			for r := 0; r < v.Rows(); r++ {
				for j := range v.Row(r) {
					v.Row(r)[j] = update(v.Row(r)[j], &states[i][r*v.Cols()+j], gs[i].At(r, j), step+1)
				}
			}
			checks = append(checks, dense(optLabel(what, []string{"W", "b"}[i], step), v.Clone(), 1e-10))
		}
	}
	return checks
}

func init() {
	register(exercise{name: "sgd-momentum", run: momentumRun, want: momentumWant})
	register(exercise{name: "adam", run: adamRun, want: adamWant})
}

const momentumWhat = "Momentum (η = 0.05, μ = 0.7)"

func momentumRun(rng *rand.Rand, out *Recorder) {
	runOpt(drawOpt(rng), &nn.Momentum{LearningRate: 0.05, Mu: 0.7}, momentumWhat, out)
}

func momentumWant(rng *rand.Rand) []Check {
	return wantOpt(drawOpt(rng), momentumWhat, func(theta float64, s *[2]float64, g float64, _ int) float64 {
		s[0] = 0.7*s[0] - 0.05*g // v ← μv − η∇θ
		return theta + s[0]      // θ ← θ + v
	})
}

// adamFirst is the first step of NewAdam(0.1) on entries of very different
// sizes: m̂₁ = g and v̂₁ = g², so each moves by about η against its
// gradient's sign.
var adamFirst = []float64{1, -2, 0.5, 1e-3}
var adamFirstGrad = []float64{0.5, -3, 1e-6, 200}

func adamWhat(kernel string) string {
	return fmt.Sprintf("Adam (η = 0.01, β₁ = 0.8, β₂ = 0.95, ε = 1e-6, kernel %s: %s)", kernel,
		map[string]string{"reference": "the textbook loop", "portable": "the folded form, adamRowGo"}[kernel])
}

func adamRun(rng *rand.Rand, out *Recorder) {
	for _, k := range kernels {
		withKernel(k, func() {
			theta := matrix.New(1, len(adamFirst))
			copy(theta.Row(0), adamFirst)
			grad := matrix.New(1, len(adamFirstGrad))
			copy(grad.Row(0), adamFirstGrad)
			nn.NewAdam(0.1).Step([]nn.Param{{Name: "θ", Value: theta, Grad: grad}})
			out.Put(fmt.Sprintf("NewAdam(0.1), kernel %s: the first step from θ = %v with gradient %v", k, adamFirst, adamFirstGrad), theta.Row(0)...)
			runOpt(drawOpt(rng), &nn.Adam{LearningRate: 0.01, Beta1: 0.8, Beta2: 0.95, Epsilon: 1e-6}, adamWhat(k), out)
		})
	}
}

func adamWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, k := range kernels {
		first := make([]float64, len(adamFirst))
		for j, th := range adamFirst {
			g := adamFirstGrad[j]
			first[j] = th - 0.1*g/(math.Abs(g)+1e-8) // m̂ = g, v̂ = g²
		}
		checks = append(checks, numbers(fmt.Sprintf("NewAdam(0.1), kernel %s: the first step from θ = %v with gradient %v", k, adamFirst, adamFirstGrad), first, 1e-12))
		checks = append(checks, wantOpt(drawOpt(rng), adamWhat(k), func(theta float64, s *[2]float64, g float64, t int) float64 {
			const eta, b1, b2, eps = 0.01, 0.8, 0.95, 1e-6
			s[0] = b1*s[0] + (1-b1)*g
			s[1] = b2*s[1] + (1-b2)*g*g
			mHat := s[0] / (1 - math.Pow(b1, float64(t)))
			vHat := s[1] / (1 - math.Pow(b2, float64(t)))
			return theta - eta*mHat/(math.Sqrt(vHat)+eps)
		})...)
	}
	return checks
}
