package rbm

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// RBM is a restricted Boltzmann machine with logistic visible units and
// logistic (or, with LinearHidden, linear Gaussian) hidden units.
type RBM struct {
	W  *matrix.Dense // visible×hidden: Wᵢⱼ joins visible unit i and hidden unit j
	BV *matrix.Dense // 1×visible: the visible biases b
	BH *matrix.Dense // 1×hidden: the hidden biases c
	// LinearHidden makes the hidden units linear with Gaussian noise of
	// unit variance, as in the paper's top RBM: hⱼ = cⱼ + (v·W)ⱼ + N(0, 1).
	LinearHidden bool

	sig nn.Sigmoid // σ for the fast path; its buffer is copied out at once
}

// New returns an RBM of the given sizes with weights drawn as the paper's
// code draws them, 0.1·N(0, 1), and zero biases.
func New(visible, hidden int, linearHidden bool, rng *rand.Rand) *RBM {
	if visible <= 0 || hidden <= 0 {
		panic(fmt.Sprintf("rbm: New: sizes must be positive, got %d×%d", visible, hidden))
	}
	r := &RBM{W: matrix.New(visible, hidden), BV: matrix.New(1, visible), BH: matrix.New(1, hidden), LinearHidden: linearHidden}
	for i := 0; i < visible; i++ {
		row := r.W.Row(i)
		for j := range row {
			row[j] = 0.1 * rng.NormFloat64()
		}
	}
	return r
}

// Visible returns the number of visible units.
func (r *RBM) Visible() int { return r.W.Rows() }

// Hidden returns the number of hidden units.
func (r *RBM) Hidden() int { return r.W.Cols() }

// HiddenProbs sets dst to the hidden units' probabilities of being on
// given the visible states v, σ(V·W + c) (P); for linear hidden units, to
// their means V·W + c. v: n×visible, dst: n×hidden.
func (r *RBM) HiddenProbs(dst, v *matrix.Dense) {
	r.check("HiddenProbs", v, r.Visible(), dst, r.Hidden())
	dst.Mul(v, r.W) // n×hidden = n×visible · visible×hidden
	dst.AddRowVector(r.BH)
	if !r.LinearHidden {
		dst.Copy(r.sig.Forward(dst))
	}
}

// VisibleProbs sets dst to the visible units' probabilities of being on
// given the hidden states h, σ(H·Wᵀ + b) (P). h: n×hidden, dst: n×visible.
func (r *RBM) VisibleProbs(dst, h *matrix.Dense) {
	r.check("VisibleProbs", h, r.Hidden(), dst, r.Visible())
	dst.MulTransB(h, r.W) // n×visible = n×hidden · (visible×hidden)ᵀ
	dst.AddRowVector(r.BV)
	dst.Copy(r.sig.Forward(dst))
}

// SampleHidden sets dst to hidden states drawn given their probabilities
// (or means) probs: binary states, 1 with probability p, for logistic
// units; the mean plus N(0, 1) noise for linear ones. probs, dst:
// n×hidden; they may be the same matrix.
func (r *RBM) SampleHidden(dst, probs *matrix.Dense, rng *rand.Rand) {
	if r.LinearHidden {
		addGaussian(dst, probs, rng)
		return
	}
	sampleBinary(dst, probs, rng)
}

// sampleBinary sets dst[i][j] to 1 with probability probs[i][j], else 0.
func sampleBinary(dst, probs *matrix.Dense, rng *rand.Rand) {
	for i := 0; i < probs.Rows(); i++ {
		d := dst.Row(i)
		for j, p := range probs.Row(i) {
			d[j] = 0
			if p > rng.Float64() {
				d[j] = 1
			}
		}
	}
}

// addGaussian sets dst = mean + N(0, 1) noise, element by element.
func addGaussian(dst, mean *matrix.Dense, rng *rand.Rand) {
	for i := 0; i < mean.Rows(); i++ {
		d := dst.Row(i)
		for j, m := range mean.Row(i) {
			d[j] = m + rng.NormFloat64()
		}
	}
}

// FreeEnergy returns F(v) = −log Σ_h exp(−E(v, h)), the energy that the
// visible vector v (1×visible, or a slice of that length) has once the
// hidden units are summed out, so that p(v) ∝ exp(−F(v)). For logistic
// hidden units
//
//	F(v) = −v·b − Σⱼ log(1 + exp(xⱼ)),    xⱼ = cⱼ + Σᵢ vᵢ Wᵢⱼ
//
// For linear Gaussian hidden units, whose energy has + hⱼ²/2 in place of
// the constraint hⱼ ∈ {0, 1}, the sum is an integral and
// F(v) = −v·b − Σⱼ xⱼ²/2, leaving out the constant −(hidden/2)·log 2π.
func (r *RBM) FreeEnergy(v []float64) float64 {
	if len(v) != r.Visible() {
		panic(fmt.Sprintf("rbm: FreeEnergy: %d values for %d visible units", len(v), r.Visible()))
	}
	f := 0.0
	for i, vi := range v {
		f -= vi * r.BV.At(0, i)
	}
	for j := 0; j < r.Hidden(); j++ {
		x := r.BH.At(0, j)
		for i, vi := range v {
			x += vi * r.W.At(i, j)
		}
		if r.LinearHidden {
			f -= x * x / 2
		} else {
			f -= softplus(x)
		}
	}
	return f
}

// softplus returns log(1 + eˣ) without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

func (r *RBM) check(op string, in *matrix.Dense, inCols int, dst *matrix.Dense, outCols int) {
	if in.Cols() != inCols || dst.Cols() != outCols || dst.Rows() != in.Rows() {
		panic(fmt.Sprintf("rbm: %s: input %d×%d, output %d×%d, for an RBM of %d visible and %d hidden units", op, in.Rows(), in.Cols(), dst.Rows(), dst.Cols(), r.Visible(), r.Hidden()))
	}
}
