package pca

import (
	"context"
	"errors"
	"fmt"
	"math"

	"bottleneck/matrix"
)

// PCA is the principal component analysis of a data set: its mean, its
// covariance and the covariance's eigenvectors and eigenvalues.
type PCA struct {
	// Mean is the mean sample μ (length in).
	Mean []float64
	// Covariance is Σ = (1/n)·Σᵢ (xᵢ−μ)ᵀ(xᵢ−μ) (in×in), divided by n, not
	// n−1, so that it is on the scale of the per-image loss: for every unit
	// vector v, vᵀΣv is the mean over the samples of ((x−μ)·v)².
	Covariance *matrix.Dense
	// Components holds the principal directions, one unit vector per row
	// (in×in), in descending order of variance, each with its
	// largest-magnitude entry positive.
	Components *matrix.Dense
	// Variances holds the eigenvalues of Covariance in descending order:
	// Variances[i] is the variance of the data along Components row i.
	// Rounding can make the smallest ones slightly negative.
	Variances []float64
}

// fitBlockRows is the number of rows Fit centres and multiplies at a time,
// so that it never holds a centred copy of the whole data set.
const fitBlockRows = 2048

// Fit computes the principal component analysis of the n×in data matrix x,
// one sample per row. It returns an error if x has no rows or no columns, or
// holds NaN or ±Inf. n < in is allowed: the variances beyond the rank of the
// centred data are then (numerically) zero.
//
// The covariance is accumulated block by block of rows, each block centred
// first (subtracting the mean before multiplying keeps the rounding error
// small; computing XᵀX/n − μμᵀ would not) and multiplied by matrix's Gram,
// which uses the symmetry of xcᵀ·xc to do half the work; the result is
// decomposed with EigenSym.
func Fit(x *matrix.Dense) (*PCA, error) {
	return FitContext(context.Background(), x)
}

// FitContext is Fit, stopping early if ctx is cancelled: it checks ctx
// before each block of rows (a fraction of a second each on MNIST) and
// before the eigensolver, and returns an error that wraps ctx.Err()
// (errors.Is(err, context.Canceled) holds after Ctrl-C).
func FitContext(ctx context.Context, x *matrix.Dense) (*PCA, error) {
	n, d := x.Dims()
	if n == 0 || d == 0 {
		return nil, fmt.Errorf("pca: Fit: data is %d×%d; need at least one row and one column", n, d)
	}
	if i, j, bad := firstNonFinite(x); bad {
		return nil, fmt.Errorf("pca: Fit: sample %d, feature %d is %v; the data must be finite", i, j, x.At(i, j))
	}
	// exercise pca-mean-covariance (4 points): μ, then Σ = (1/n)·Σᵢ (xᵢ − μ)ᵀ(xᵢ − μ), centred first; EigenSym(Σ) gives the rest (docs/pca.md)
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		axpy(1, x.Row(i), mean)
	}
	scale(1/float64(n), mean)

	cov := matrix.New(d, d)
	block := matrix.New(min(n, fitBlockRows), d)
	part := matrix.New(d, d)
	for i0 := 0; i0 < n; i0 += fitBlockRows {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("pca: Fit: stopped after %d of %d samples: %w", i0, n, err)
		}
		i1 := min(i0+fitBlockRows, n)
		xc := block.SliceRows(0, i1-i0)
		for i := i0; i < i1; i++ {
			row := xc.Row(i - i0)
			for j, v := range x.Row(i) {
				row[j] = v - mean[j]
			}
		}
		part.Gram(xc) // part = xcᵀ·xc: in×in, computing one triangle
		cov.Add(cov, part)
	}
	cov.Scale(1/float64(n), cov)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("pca: Fit: stopped before the eigensolver: %w", err)
	}

	values, vectors, err := EigenSym(cov)
	if err != nil {
		return nil, fmt.Errorf("pca: Fit: %w", err)
	}
	return &PCA{Mean: mean, Covariance: cov, Components: vectors, Variances: values}, nil
	// end exercise pca-mean-covariance
}

// Dim returns in, the number of features (784 for MNIST).
func (p *PCA) Dim() int { return len(p.Mean) }

// Top returns the first k components as a k×in view of p.Components (one
// per row). It returns an error unless 1 ≤ k ≤ in.
func (p *PCA) Top(k int) (*matrix.Dense, error) {
	if err := p.checkK("Top", k); err != nil {
		return nil, err
	}
	return p.Components.SliceRows(0, k), nil
}

// checkK returns an error unless 1 ≤ k ≤ in.
func (p *PCA) checkK(op string, k int) error {
	if k < 1 || k > p.Dim() {
		return fmt.Errorf("pca: %s: k = %d components asked for; k must be between 1 and the number of inputs, %d", op, k, p.Dim())
	}
	return nil
}

// checkData returns an error unless x has in columns and finite values.
func (p *PCA) checkData(op string, x *matrix.Dense) error {
	if x.Cols() != p.Dim() {
		return fmt.Errorf("pca: %s: data has %d columns, the PCA was fitted on %d", op, x.Cols(), p.Dim())
	}
	if x.Rows() == 0 {
		return fmt.Errorf("pca: %s: data has no rows", op)
	}
	if i, j, bad := firstNonFinite(x); bad {
		return fmt.Errorf("pca: %s: sample %d, feature %d is %v; the data must be finite", op, i, j, x.At(i, j))
	}
	return nil
}

// errNoVariance is returned when the fraction of variance is undefined.
var errNoVariance = errors.New("pca: the data has no variance (every sample is the same)")

// totalVariance returns Σ Variances, the trace of the covariance.
func (p *PCA) totalVariance() float64 {
	sum := 0.0
	for _, v := range p.Variances {
		sum += math.Max(v, 0)
	}
	return sum
}
