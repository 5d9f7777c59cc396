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
// its square, with both means corrected for their start at zero. At step t,
// for every entry θ of every parameter, with g its gradient:
//
//	m ← β₁·m + (1−β₁)·g       running mean of the gradient
//	v ← β₂·v + (1−β₂)·g²      running mean of its square
//	m̂ = m / (1−β₁ᵗ)           corrected for m starting at 0
//	v̂ = v / (1−β₂ᵗ)           corrected for v starting at 0
//	θ ← θ − η · m̂ / (√v̂ + ε)
type Adam struct {
	LearningRate, Beta1, Beta2, Epsilon float64

	t    int
	m, v []*matrix.Dense
	fast adamFast // the fast path of Step (adam_fast.go)
}

// NewAdam returns Adam with the usual constants β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8.
func NewAdam(learningRate float64) *Adam {
	return &Adam{LearningRate: learningRate, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-8}
}

// Step takes one Adam step. On the textbook path
// (matrix.SetKernel("reference")) it runs the loop below, line for line the
// update above. Otherwise it runs the fast path (adam_fast.go), which
// computes the same update in the form given at the end of section 2 of
// the paper, with the two corrections folded into the step size and ε.
// Putting m̂ and v̂ into the last line:
//
//	η · m̂ / (√v̂ + ε) = η · (m/c₁) / (√v/√c₂ + ε)      c₁ = 1−β₁ᵗ, c₂ = 1−β₂ᵗ
//	                 = (η·√c₂/c₁) · m / (√v + ε·√c₂)
//
// so with step = η·√c₂/c₁ and ε′ = ε·√c₂, worked out once per step,
// θ ← θ − step · m / (√v + ε′): one division and one square root per entry
// instead of three divisions and a square root. The two forms differ only
// by rounding.
func (o *Adam) Step(params []Param) {
	o.m = stateFor("Adam", o.m, params)
	o.v = stateFor("Adam", o.v, params)
	o.t++
	if !textbook() {
		o.fast.step(o, params) // the folded form, on every core, with AVX2 assembly on amd64
		return
	}
	// exercise adam (3 points): the five lines of Adam's doc comment, entry by entry, in o.m[i] and o.v[i] for parameter i; o.t is t
	b1, b2 := o.Beta1, o.Beta2
	c1 := 1 - math.Pow(b1, float64(o.t)) // 1−β₁ᵗ
	c2 := 1 - math.Pow(b2, float64(o.t)) // 1−β₂ᵗ
	for i, p := range params {
		for r := 0; r < p.Value.Rows(); r++ {
			theta, g := p.Value.Row(r), p.Grad.Row(r)
			m, v := o.m[i].Row(r), o.v[i].Row(r)
			for j := range theta {
				m[j] = b1*m[j] + (1-b1)*g[j]
				v[j] = b2*v[j] + (1-b2)*(g[j]*g[j])
				mHat := m[j] / c1
				vHat := v[j] / c2
				theta[j] -= o.LearningRate * mHat / (math.Sqrt(vHat) + o.Epsilon)
			}
		}
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
