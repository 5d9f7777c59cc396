package autoencoder

import "math"

// CodeL1 is the L1 sparsity penalty on the code: for a batch of n codes h,
//
//	Ω = λ·(1/n) Σₙ Σⱼ |hₙⱼ|
//
// the mean over the images of λ‖h‖₁, on the same per-image scale as the
// loss (the lecture's sum over the training set, divided by n). It pushes
// every code unit towards 0 for every image, so that an image is described
// by few active units. Its delta is ∂Ω/∂hₙⱼ = (λ/n)·sign(hₙⱼ), with
// sign(0) = 0 (a subgradient: |h| has no derivative at 0).
type CodeL1 struct {
	Lambda float64
}

// Penalty returns λ·(1/n) Σₙ Σⱼ |hₙⱼ|.
func (p CodeL1) Penalty(b *Batch) float64 {
	h := b.Code()
	sum := 0.0
	for i := 0; i < h.Rows(); i++ {
		for _, v := range h.Row(i) {
			sum += math.Abs(v)
		}
	}
	return p.Lambda * sum / float64(b.Rows())
}

// AddGradient adds (λ/n)·sign(h) to the code's delta.
func (p CodeL1) AddGradient(b *Batch) {
	h, dh := b.Code(), b.CodeDelta()
	s := p.Lambda / float64(b.Rows())
	for i := 0; i < h.Rows(); i++ {
		di := dh.Row(i)
		for j, v := range h.Row(i) {
			switch {
			case v > 0:
				di[j] += s
			case v < 0:
				di[j] -= s
			}
		}
	}
}

// KLSparsity is the sparsity penalty of Ng's sparse autoencoder (the UFLDL
// tutorial) on sigmoid code units:
//
//	Ω = β Σⱼ KL(ρ ‖ ρ̂ⱼ),  KL(ρ ‖ ρ̂) = ρ ln(ρ/ρ̂) + (1 − ρ) ln((1 − ρ)/(1 − ρ̂))
//
// where ρ̂ⱼ = (1/n) Σₙ hₙⱼ is the mean activation of code unit j over the
// batch and ρ the target, small (ρ = 0.05, β = 3 are the example values of
// Ng's CS294A notes and exercise). KL(ρ ‖ ρ̂) is the
// divergence between two coins that come up 1 with probabilities ρ and ρ̂:
// zero when ρ̂ = ρ, growing without bound as ρ̂ nears 0 or 1. Each unit is
// thus asked to be active (near 1) for a fraction ρ of the images only.
//
// Scale. UFLDL's objective is the mean loss per image plus β Σⱼ KL(ρ‖ρ̂ⱼ)
// with ρ̂ taken over the whole training set, which is exactly the per-image
// objective of this package with the penalty added once. Here ρ̂ is
// estimated on each mini-batch, and the penalty is added once per batch,
// not once per image: β means the same at every batch size, and the batch
// mean is an estimate of the training set's. Since KL is convex in ρ̂ the
// estimate penalises a little more on average than the full-data penalty
// would, the more so the smaller the batch; a batch of one image would
// instead ask every single code to have its units at ρ, a different
// penalty. Use batches of tens of images or more.
//
// Gradient. ∂Ω/∂ρ̂ⱼ = β(−ρ/ρ̂ⱼ + (1 − ρ)/(1 − ρ̂ⱼ)) and ∂ρ̂ⱼ/∂hₙⱼ = 1/n, so
// every image's code gets the delta (β/n)(−ρ/ρ̂ⱼ + (1 − ρ)/(1 − ρ̂ⱼ)) in
// unit j. ρ̂ⱼ is kept within [1e-12, 1 − 1e-12], as nn.BinaryCrossEntropy
// keeps its predictions, so that a code unit saturated to exactly 0 or 1 on
// every image gives a large but finite penalty and a strong push back.
type KLSparsity struct {
	Rho  float64 // the target mean activation ρ, in (0, 1)
	Beta float64 // the weight β ≥ 0
}

// meanActivation returns ρ̂ⱼ = (1/n) Σₙ hₙⱼ for code unit j, kept within
// [ε, 1 − ε].
func meanActivation(b *Batch, j int) float64 {
	const eps = 1e-12
	h := b.Code()
	sum := 0.0
	for i := 0; i < h.Rows(); i++ {
		sum += h.At(i, j)
	}
	return math.Min(math.Max(sum/float64(h.Rows()), eps), 1-eps)
}

// Penalty returns β Σⱼ KL(ρ ‖ ρ̂ⱼ).
func (p KLSparsity) Penalty(b *Batch) float64 {
	// exercise kl-sparsity (3 points): β Σⱼ KL(ρ ‖ ρ̂ⱼ) over the code units j, ρ̂ⱼ = meanActivation(b, j) (the doc comment of KLSparsity)
	rho, sum := p.Rho, 0.0
	for j := 0; j < b.Code().Cols(); j++ {
		r := meanActivation(b, j)
		sum += rho*math.Log(rho/r) + (1-rho)*math.Log((1-rho)/(1-r))
	}
	return p.Beta * sum
	// end exercise kl-sparsity
}

// AddGradient adds (β/n)(−ρ/ρ̂ⱼ + (1 − ρ)/(1 − ρ̂ⱼ)) to column j of the
// code's delta, for every code unit j.
func (p KLSparsity) AddGradient(b *Batch) {
	// exercise kl-sparsity (continued): add ∂Ω/∂hₙⱼ to entry (n, j) of b.CodeDelta() for every image n and code unit j
	rho, dh := p.Rho, b.CodeDelta()
	for j := 0; j < dh.Cols(); j++ {
		r := meanActivation(b, j)
		g := p.Beta / float64(b.Rows()) * (-rho/r + (1-rho)/(1-r))
		for i := 0; i < dh.Rows(); i++ {
			dh.Row(i)[j] += g
		}
	}
	// end exercise kl-sparsity
}
