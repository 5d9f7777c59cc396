package nn

import (
	"math"

	"bottleneck/internal/parallel"
	"bottleneck/matrix"
)

// adamFast is the fast path of Adam.Step: the folded update derived in
// Step's comment, each parameter's rows shared among the cores, a row at a
// time so that amd64 can take four entries at once (adam_asm_amd64.go).
// Each entry is updated by the same code whichever core takes its row, so
// the result does not depend on GOMAXPROCS.
type adamFast struct {
	work      []adamRows  // one per parameter: what the cores share
	row       adamRowFunc // adamRowGo or its assembly twin, chosen at each step
	size, eps float64     // step = η·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε′ = ε·√(1−β₂ᵗ) of the current step
}

// adamMinRows is the fewest rows worth handing to another core: 16 rows of
// 256 entries take about 30 µs.
const adamMinRows = 16

// step updates params, whose running means are o.m and o.v, for step o.t.
func (f *adamFast) step(o *Adam, params []Param) {
	if f.work == nil {
		for i, p := range params {
			f.work = append(f.work, adamRows{o: o, f: f, p: p, m: o.m[i], v: o.v[i]})
		}
	}
	sqrtC2 := math.Sqrt(1 - math.Pow(o.Beta2, float64(o.t)))
	f.size = o.LearningRate * sqrtC2 / (1 - math.Pow(o.Beta1, float64(o.t)))
	f.eps = o.Epsilon * sqrtC2
	f.row = adamRowFor(matrix.Kernel())
	for i, p := range params {
		f.work[i].p = p
		parallel.ForBands(p.Value.Rows(), adamMinRows, &f.work[i])
	}
}

// adamRows is the Adam update of one parameter, cut into bands of rows.
type adamRows struct {
	o    *Adam
	f    *adamFast
	p    Param
	m, v *matrix.Dense
}

// Band updates rows [i0, i1) of the parameter and of its two running means.
func (a *adamRows) Band(i0, i1 int) {
	o, f := a.o, a.f
	for r := i0; r < i1; r++ {
		f.row(a.p.Value.Row(r), a.p.Grad.Row(r), a.m.Row(r), a.v.Row(r), o.Beta1, o.Beta2, f.size, f.eps)
	}
}

// adamRowFunc is the Adam update of one row, with the step size and ε
// corrected for the bias of m and v (see adamRowGo).
type adamRowFunc = func(theta, g, m, v []float64, b1, b2, step, eps float64)

// adamRowFor returns the row update to use with the matrix kernel named
// kernel: adamRowGo, or on amd64 its AVX2 twin when the AVX2 kernel runs
// (adam_asm_amd64.go).
var adamRowFor = func(kernel string) adamRowFunc { return adamRowGo }

// adamRowGo updates θ, m and v in place from the gradient g, entry by entry,
// in the folded form:
//
//	m ← β₁m + (1−β₁)g
//	v ← β₂v + (1−β₂)g²
//	θ ← θ − step · m / (√v + ε)
//
// with step and ε already corrected for the bias of m and v (see
// Adam.Step).
func adamRowGo(theta, g, m, v []float64, b1, b2, step, eps float64) {
	// exercise adam (continued): the folded form, the three lines of the comment above for every j of the row
	g, m, v = g[:len(theta)], m[:len(theta)], v[:len(theta)]
	for j, gj := range g {
		mj := b1*m[j] + (1-b1)*gj
		vj := b2*v[j] + (1-b2)*(gj*gj)
		m[j], v[j] = mj, vj
		theta[j] -= step * mj / (math.Sqrt(vj) + eps)
	}
	// end exercise adam
}
