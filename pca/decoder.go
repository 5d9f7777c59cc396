package pca

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// The functions in this file describe a decoder's weight matrix W₁′ (k×in),
// whose rows are directions in pixel space, by the directions it stretches
// most, and compare them with the principal components.

// LiveS2 is the squared singular value below which a decoder direction
// counts as switched off. With balanced weights (W₁ ≈ W₁′ᵀ, as weight decay
// makes them) the autoencoder scales the data along a direction by about
// s², so such a direction passes less than 0.01% of it. Weight decay λ
// switches off, in theory exactly, every direction whose variance σ² is at
// most λ (RegularizedS2).
const LiveS2 = 1e-4

// SingularDirections returns the right singular vectors of w (k×in) as the
// rows of an r×in matrix, r = min(k, in), in descending order of the
// singular values s (length r): the directions of the input space that w stretches
// most. For a decoder they are directions in pixel space, the layout of
// PCA.Components. It returns SVD's error for an empty w or one that holds
// NaN or ±Inf.
func SingularDirections(w *matrix.Dense) (dirs *matrix.Dense, s []float64, err error) {
	_, s, v, err := SVD(w) // w = U·diag(s)·Vᵀ, v: in×r
	if err != nil {
		return nil, nil, fmt.Errorf("pca: SingularDirections: %w", err)
	}
	dirs = matrix.New(v.Cols(), v.Rows())
	dirs.Transpose(v)
	return dirs, s, nil
}

// LiveDims returns how many of the singular values s, in descending order,
// belong to live directions: those with s² ≥ LiveS2.
func LiveDims(s []float64) int {
	live := 0
	for live < len(s) && s[live]*s[live] >= LiveS2 {
		live++
	}
	return live
}

// LiveAngles returns the principal angles (radians, ascending) between the
// span of the live right singular vectors of decoder (k×in, see
// SingularDirections and LiveDims) and the span of as many first rows of
// top (at least k×in, e.g. the top k principal components), and the number
// of live directions. A decoder with no live direction spans nothing
// (weight decay has switched it off): there are no angles then, and no
// error. It panics if top has fewer rows than decoder, or other columns.
func LiveAngles(decoder, top *matrix.Dense) (angles []float64, live int, err error) {
	if top.Rows() < decoder.Rows() || top.Cols() != decoder.Cols() {
		panic(fmt.Sprintf("pca: LiveAngles: decoder %d×%d against top %d×%d", decoder.Rows(), decoder.Cols(), top.Rows(), top.Cols()))
	}
	dirs, s, err := SingularDirections(decoder)
	if err != nil {
		return nil, 0, fmt.Errorf("pca: LiveAngles: %w", err)
	}
	live = LiveDims(s)
	if live == 0 {
		return nil, 0, nil
	}
	angles, err = PrincipalAngles(dirs.SliceRows(0, live), top.SliceRows(0, live))
	if err != nil {
		return nil, 0, fmt.Errorf("pca: LiveAngles: %w", err)
	}
	return angles, live, nil
}

// PairCos2 returns, for each row i of u and w (both p×in), the squared
// cosine of the angle between row i of u and row i of w: 1 when they are
// parallel, 0 when orthogonal. A zero row has no direction and shares none
// with anything: its cos² is 0 (a decoder row that weight decay has
// switched off can underflow to zero). Cos2 is the same measure over every
// pair of rows. It panics if the shapes differ.
func PairCos2(u, w *matrix.Dense) []float64 {
	if u.Rows() != w.Rows() || u.Cols() != w.Cols() {
		panic(fmt.Sprintf("pca: PairCos2: shape mismatch %d×%d and %d×%d", u.Rows(), u.Cols(), w.Rows(), w.Cols()))
	}
	out := make([]float64, u.Rows())
	for i := range out {
		out[i], _ = cos2(u.Row(i), w.Row(i))
	}
	return out
}

// cos2 returns (u·v)² / (‖u‖²·‖v‖²) and true, or 0 and false if u or v is
// zero. It is the one place the package computes a squared cosine.
func cos2(u, v []float64) (float64, bool) {
	uu, vv := dot(u, u), dot(v, v)
	if uu == 0 || vv == 0 {
		return 0, false
	}
	uv := dot(u, v)
	return uv * uv / (uu * vv), true
}

// RegularizedS2 returns max(0, 1 − λ/σ²): the squared singular value of
// the decoder, along a component of variance sigma2 (σ²), at the minimum of
// the linear autoencoder's loss with weight decay lambda (λ) on both
// weights (Kunin et al. 2019; docs/pca.md). At or below
// σ² = λ it is 0: weight decay switches that direction off.
func RegularizedS2(sigma2, lambda float64) float64 {
	if !(sigma2 > 0) {
		return 0
	}
	return math.Max(0, 1-lambda/sigma2)
}
