package pca

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// WhitenPCA returns the PCA-whitened codes of x (n×in) on the first k
// components: code j divided by √(Variances[j] + eps) (n×k). On the data PCA
// was fitted on, with eps = 0, the codes have zero mean and the identity as
// covariance. eps ≥ 0 keeps the low-variance directions (mostly noise) from
// being blown up; Variances[j] + eps must be positive for every j < k.
func (p *PCA) WhitenPCA(x *matrix.Dense, k int, eps float64) (*matrix.Dense, error) {
	inv, err := p.inverseStd("WhitenPCA", k, eps)
	if err != nil {
		return nil, err
	}
	codes, err := p.Project(x, k)
	if err != nil {
		return nil, fmt.Errorf("pca: WhitenPCA: %w", err)
	}
	for i := 0; i < codes.Rows(); i++ {
		r := codes.Row(i)
		for j := range r {
			r[j] *= inv[j]
		}
	}
	return codes, nil
}

// WhitenZCA returns the ZCA-whitened samples of x (n×in):
//
//	(x − μ)·Vᵀ·diag(1/√(λ + eps))·V   (n×in)
//
// with all d components as the rows of V. It whitens as WhitenPCA does, then
// rotates back to the original axes, so that the result is the whitened data
// closest to the centred original; on images it looks like an edge map.
// eps ≥ 0, and every Variances[j] + eps must be positive (use eps > 0 when
// the data has directions without variance, as MNIST's border pixels do).
func (p *PCA) WhitenZCA(x *matrix.Dense, eps float64) (*matrix.Dense, error) {
	d := p.Dim()
	inv, err := p.inverseStd("WhitenZCA", d, eps)
	if err != nil {
		return nil, err
	}
	codes, err := p.Project(x, d) // (x−μ)·Vᵀ: n×in
	if err != nil {
		return nil, fmt.Errorf("pca: WhitenZCA: %w", err)
	}
	for i := 0; i < codes.Rows(); i++ {
		r := codes.Row(i)
		for j := range r {
			r[j] *= inv[j]
		}
	}
	out := matrix.New(x.Rows(), d)
	out.Mul(codes, p.Components) // ·V: n×in
	return out, nil
}

// inverseStd returns 1/√(Variances[j] + eps) for j < k.
func (p *PCA) inverseStd(op string, k int, eps float64) ([]float64, error) {
	if err := p.checkK(op, k); err != nil {
		return nil, err
	}
	if !(eps >= 0) || math.IsInf(eps, 0) {
		return nil, fmt.Errorf("pca: %s: ε = %v; it must be finite and ≥ 0", op, eps)
	}
	inv := make([]float64, k)
	for j := range inv {
		v := p.Variances[j] + eps
		if !(v > 0) {
			return nil, fmt.Errorf("pca: %s: component %d has variance %.3g + ε = %.3g; use a larger ε or fewer components", op, j, p.Variances[j], v)
		}
		inv[j] = 1 / math.Sqrt(v)
	}
	return inv, nil
}
