package rbm

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
)

// ErrDiverged is wrapped by the error Epoch returns when the
// reconstruction error or a weight stops being a finite number.
var ErrDiverged = errors.New("RBM training diverged")

// Trainer trains an RBM by contrastive divergence with momentum and
// weight cost, batch by batch. It keeps the increments of the last update
// (the momentum) and the buffers of a step, so that training allocates
// nothing per batch.
type Trainer struct {
	RBM      *RBM
	Settings Settings
	// GW, GBV, GBH are the last batch's CD estimate of the gradient of the
	// log-likelihood per image (Gradient): ⟨v hᵀ⟩_data − ⟨v hᵀ⟩_recon, same
	// shapes as W, b and c.
	GW, GBV, GBH *matrix.Dense
	// DW, DBV, DBH are the increments of the last update, which momentum
	// carries into the next (Update).
	DW, DBV, DBH *matrix.Dense
	// Stop, if not nil, is called before every batch of Epoch; if it
	// returns an error, the epoch ends there, unfinished, and Epoch returns
	// the error. A program stops training on Ctrl-C so.
	Stop func() error

	h0, hs, v1, h1 *matrix.Dense // n×hidden, n×hidden, n×visible, n×hidden
	negProds       *matrix.Dense // visible×hidden
	batch          *matrix.Dense // the shuffled rows of one batch
	order          []int
}

// NewTrainer returns a Trainer of r with zero increments.
func NewTrainer(r *RBM, s Settings) *Trainer {
	nv, nh := r.Visible(), r.Hidden()
	return &Trainer{
		RBM: r, Settings: s,
		GW: matrix.New(nv, nh), GBV: matrix.New(1, nv), GBH: matrix.New(1, nh),
		DW: matrix.New(nv, nh), DBV: matrix.New(1, nv), DBH: matrix.New(1, nh),
		negProds: matrix.New(nv, nh),
	}
}

// buffers returns the step's buffers for a batch of n rows.
func (t *Trainer) buffers(n int) (h0, hs, v1, h1 *matrix.Dense) {
	nv, nh := t.RBM.Visible(), t.RBM.Hidden()
	if t.h0 == nil || t.h0.Rows() < n {
		t.h0, t.hs, t.h1 = matrix.New(n, nh), matrix.New(n, nh), matrix.New(n, nh)
		t.v1 = matrix.New(n, nv)
	}
	return t.h0.SliceRows(0, n), t.hs.SliceRows(0, n), t.v1.SliceRows(0, n), t.h1.SliceRows(0, n)
}

// Gradient sets GW, GBV and GBH to the CD-k estimate of the gradient of
// the mean log-likelihood of the batch v0 (n×visible), and returns the
// batch's summed squared reconstruction error Σ(v0 − v1)², v1 being the
// first reconstruction. For CD-1, as in the paper:
//
//	H0 = p(h | V0)                  hidden probabilities of the data
//	Hs ~ H0                         sampled hidden states
//	V1 = p(v | Hs)                  the reconstruction (probabilities)
//	H1 = p(h | V1)                  hidden probabilities of the reconstruction
//	GW  = (V0ᵀ·H0 − V1ᵀ·H1) / n
//	GBV = Σₙ (V0 − V1) / n,   GBH = Σₙ (H0 − H1) / n
//
// CD-k repeats the middle three lines k times, sampling Hs from H1 each
// time (and V1 itself, if Settings.SampleVisible).
func (t *Trainer) Gradient(v0 *matrix.Dense, rng *rand.Rand) (sse float64) {
	r := t.RBM
	n := v0.Rows()
	h0, hs, v1, h1 := t.buffers(n)
	r.HiddenProbs(h0, v0) // n×hidden
	hk := h0
	for step := 1; step <= t.Settings.K; step++ {
		r.SampleHidden(hs, hk, rng)
		r.VisibleProbs(v1, hs) // n×visible
		if step == 1 {
			sse = sumSquaredDiff(v0, v1)
		}
		if t.Settings.SampleVisible {
			sampleBinary(v1, v1, rng)
		}
		r.HiddenProbs(h1, v1)
		hk = h1
	}
	scale := 1 / float64(n)
	t.GW.MulTransA(v0, h0)       // visible×hidden = (n×visible)ᵀ · n×hidden
	t.negProds.MulTransA(v1, h1) // the same for the reconstruction
	t.GW.Sub(t.GW, t.negProds)
	t.GW.Scale(scale, t.GW)
	colMeanDiff(t.GBV, v0, v1, scale)
	colMeanDiff(t.GBH, h0, h1, scale)
	return sse
}

// Update moves the RBM by the gradient estimate of the last Gradient, with
// momentum μ and the weight cost λ on W only, as the paper's code does:
//
//	ΔW ← μ·ΔW + ε·(GW − λ·W)      W ← W + ΔW
//	Δb ← μ·Δb + ε·GBV             b ← b + Δb
//	Δc ← μ·Δc + ε·GBH             c ← c + Δc
func (t *Trainer) Update(momentum float64) {
	eps, wc := t.Settings.LearningRate, t.Settings.WeightCost
	r := t.RBM
	t.DW.Scale(momentum, t.DW)
	t.DW.AddScaled(eps, t.GW)
	t.DW.AddScaled(-eps*wc, r.W)
	r.W.Add(r.W, t.DW)
	for _, p := range [][3]*matrix.Dense{{t.DBV, t.GBV, r.BV}, {t.DBH, t.GBH, r.BH}} {
		inc, grad, bias := p[0], p[1], p[2]
		inc.Scale(momentum, inc)
		inc.AddScaled(eps, grad)
		bias.Add(bias, inc)
	}
}

// Epoch trains the RBM for one pass over the rows of data, in batches of
// Settings.BatchSize in an order drawn from rng, with the momentum of
// epoch (counted from 1). It returns the mean squared reconstruction error
// per row, Σ over the visible units of (v0 − v1)². If that error or a
// weight becomes NaN or infinite it stops and returns an error wrapping
// ErrDiverged that names the epoch and the batch.
func (t *Trainer) Epoch(data *matrix.Dense, epoch int, rng *rand.Rand) (float64, error) {
	if err := t.Settings.Validate(); err != nil {
		return 0, err
	}
	n, nv := data.Dims()
	if nv != t.RBM.Visible() || n == 0 {
		return 0, fmt.Errorf("rbm: Epoch: data is %d×%d, the RBM has %d visible units", n, nv, t.RBM.Visible())
	}
	bs := min(t.Settings.BatchSize, n)
	if t.batch == nil || t.batch.Rows() < bs || t.batch.Cols() != nv {
		t.batch = matrix.New(bs, nv)
	}
	if len(t.order) != n {
		t.order = make([]int, n)
	}
	for i := range t.order { // the same order for the same rng, however the last epoch ended
		t.order[i] = i
	}
	rng.Shuffle(n, func(i, j int) { t.order[i], t.order[j] = t.order[j], t.order[i] })
	mom := t.Settings.Momentum(epoch)
	batches := (n + bs - 1) / bs
	sum := 0.0
	for b := 0; b < batches; b++ {
		if t.Stop != nil {
			if err := t.Stop(); err != nil {
				return 0, err
			}
		}
		i0, i1 := b*bs, min((b+1)*bs, n)
		v0 := t.batch.SliceRows(0, i1-i0)
		for k, idx := range t.order[i0:i1] {
			copy(v0.Row(k), data.Row(idx))
		}
		sse := t.Gradient(v0, rng)
		if !finite(sse) || !t.GW.AllFinite() {
			return 0, fmt.Errorf("rbm: %w at epoch %d, batch %d of %d (reconstruction error %v): try a smaller learning rate", ErrDiverged, epoch, b+1, batches, sse)
		}
		t.Update(mom)
		sum += sse
	}
	if !t.RBM.W.AllFinite() {
		return 0, fmt.Errorf("rbm: %w at the end of epoch %d: the weights are not finite", ErrDiverged, epoch)
	}
	return sum / float64(n), nil
}

// sumSquaredDiff returns Σ (a − b)² over every element.
func sumSquaredDiff(a, b *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < a.Rows(); i++ {
		bi := b.Row(i)
		for j, x := range a.Row(i) {
			d := x - bi[j]
			s += d * d
		}
	}
	return s
}

// colMeanDiff sets dst (1×cols) to scale·Σₙ (a − b), column by column.
func colMeanDiff(dst, a, b *matrix.Dense, scale float64) {
	d := dst.Row(0)
	for j := range d {
		d[j] = 0
	}
	for i := 0; i < a.Rows(); i++ {
		bi := b.Row(i)
		for j, x := range a.Row(i) {
			d[j] += x - bi[j]
		}
	}
	for j := range d {
		d[j] *= scale
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
