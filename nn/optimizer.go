package nn

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// Optimizer updates parameters from their gradients. Computing gradients
// (Backward) and applying them (Step) are separate, as in Nielsen's book.
//
// Step must be given the same parameters, in the same order, at every call:
// optimizers with state (momentum, Adam) keep one state matrix per
// parameter.
type Optimizer interface {
	Step(params []Param)
}

// SGD is plain gradient descent: θ ← θ − η·∇θ.
type SGD struct {
	LearningRate float64
}

// Step moves every parameter against its gradient.
func (o *SGD) Step(params []Param) {
	for _, p := range params {
		p.Value.AddScaled(-o.LearningRate, p.Grad)
	}
}

// Momentum is gradient descent with momentum:
//
//	v ← μ·v − η·∇θ
//	θ ← θ + v
type Momentum struct {
	LearningRate float64
	Mu           float64 // typically 0.9
	velocity     []*matrix.Dense
}

// Step updates the velocities and moves the parameters by them.
func (o *Momentum) Step(params []Param) {
	o.velocity = stateFor("Momentum", o.velocity, params)
	// exercise sgd-momentum (2 points): for each parameter i, v ← μ·v − η·∇θ in o.velocity[i], then θ ← θ + v
	for i, p := range params {
		v := o.velocity[i]
		v.Scale(o.Mu, v)
		v.AddScaled(-o.LearningRate, p.Grad)
		p.Value.Add(p.Value, v)
	}
	// end exercise sgd-momentum
}

// Adam is the optimizer of Kingma and Ba (2015): each parameter moves by
// a running mean of its gradient divided by the root of a running mean of
// its square, with both means corrected for their start at zero.
//
//	m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²
//	θ ← θ − η · m̂ / (√v̂ + ε),  m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ)
type Adam struct {
	LearningRate, Beta1, Beta2, Epsilon float64

	t    int
	m, v []*matrix.Dense
	work []adamRows // one per parameter: what ForBands shares among the cores

	step, eps float64 // the step size and ε of the current step, see Step
}

// NewAdam returns Adam with the usual constants β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8.
func NewAdam(learningRate float64) *Adam {
	return &Adam{LearningRate: learningRate, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8}
}

// Step takes one Adam step. It uses the form of the update at the end of
// section 2 of the paper, which folds the two bias corrections into the step
// size and ε: θ ← θ − η·(√(1−β₂ᵗ)/(1−β₁ᵗ)) · m / (√v + ε·√(1−β₂ᵗ)). It is the
// same update with one division and one square root per entry instead of
// three divisions. Each parameter's rows are updated on all cores.
func (o *Adam) Step(params []Param) {
	o.m = stateFor("Adam", o.m, params)
	o.v = stateFor("Adam", o.v, params)
	if o.work == nil {
		for i, p := range params {
			o.work = append(o.work, adamRows{o: o, p: p, m: o.m[i], v: o.v[i]})
		}
	}
	o.t++
	sqrtC2 := math.Sqrt(1 - math.Pow(o.Beta2, float64(o.t)))
	o.step = o.LearningRate * sqrtC2 / (1 - math.Pow(o.Beta1, float64(o.t)))
	o.eps = o.Epsilon * sqrtC2
	for i, p := range params {
		o.work[i].p = p
		matrix.ForBands(p.Value.Rows(), adamMinRows, &o.work[i])
	}
}

// adamMinRows is the fewest rows worth handing to another core: 16 rows of
// 256 entries take about 30 µs.
const adamMinRows = 16

// adamRows is the Adam update of one parameter, cut into bands of rows.
type adamRows struct {
	o    *Adam
	p    Param
	m, v *matrix.Dense
}

// Band updates rows [i0, i1) of the parameter and of its two running means.
func (a *adamRows) Band(i0, i1 int) {
	o := a.o
	for r := i0; r < i1; r++ {
		adamRow(a.p.Value.Row(r), a.p.Grad.Row(r), a.m.Row(r), a.v.Row(r), o.Beta1, o.Beta2, o.step, o.eps)
	}
}

// adamRow is the Adam update of one row: adamRowGo, or a SIMD version of it
// when the package is built with GOEXPERIMENT=simd on a CPU that has the
// instructions (adam_simd_amd64.go).
var adamRow = adamRowGo

// adamRowGo updates θ, m and v in place from the gradient g, entry by entry:
//
//	m ← β₁m + (1−β₁)g
//	v ← β₂v + (1−β₂)g²
//	θ ← θ − step · m / (√v + ε)
//
// with step and ε already corrected for the bias of m and v (see Step).
func adamRowGo(theta, g, m, v []float64, b1, b2, step, eps float64) {
	// exercise adam (3 points): the three lines of the doc comment above, for every j, keeping m and v for the next step (Step works out step and eps)
	g, m, v = g[:len(theta)], m[:len(theta)], v[:len(theta)]
	for j, gj := range g {
		mj := b1*m[j] + (1-b1)*gj
		vj := b2*v[j] + (1-b2)*(gj*gj)
		m[j], v[j] = mj, vj
		theta[j] -= step * mj / (math.Sqrt(vj) + eps)
	}
	// end exercise adam
}

// stateFor returns one zero matrix per parameter, made on the first call and
// checked against the parameters' shapes on every later one.
func stateFor(op string, state []*matrix.Dense, params []Param) []*matrix.Dense {
	if state == nil {
		state = make([]*matrix.Dense, len(params))
		for i, p := range params {
			state[i] = matrix.New(p.Value.Dims())
		}
		return state
	}
	if len(state) != len(params) {
		panic(fmt.Sprintf("nn: %s: Step called with %d parameters, earlier with %d", op, len(params), len(state)))
	}
	for i, p := range params {
		r, c := p.Value.Dims()
		if sr, sc := state[i].Dims(); sr != r || sc != c {
			panic(fmt.Sprintf("nn: %s: parameter %d (%s) is %d×%d, earlier %d×%d", op, i, p.Name, r, c, sr, sc))
		}
	}
	return state
}
