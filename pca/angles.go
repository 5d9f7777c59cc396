package pca

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// The functions in this file compare subspaces of the input space (R^in, in = 784 for MNIST). Each subspace is
// given as the span of the ROWS of a matrix (p×in), the layout of
// PCA.Components and of a decoder's weight matrix.

// Orthonormalize returns a p×in matrix whose rows are an orthonormal basis of
// the span of the rows of a (p×in), by modified Gram–Schmidt, done twice
// ("twice is enough": the second pass removes what rounding left of the
// first). Row i of the result lies in the span of rows 0..i of a. It returns
// an error if the rows are linearly dependent (to about 1e-10 relative), as
// the span then has fewer than p dimensions.
func Orthonormalize(a *matrix.Dense) (*matrix.Dense, error) {
	p, _ := a.Dims()
	if i, j, bad := firstNonFinite(a); bad {
		return nil, fmt.Errorf("pca: Orthonormalize: entry (%d, %d) is %v; the matrix must be finite", i, j, a.At(i, j))
	}
	q := a.Clone()
	for i := 0; i < p; i++ {
		qi := q.Row(i)
		before := math.Sqrt(dot(qi, qi))
		for pass := 0; pass < 2; pass++ {
			for r := 0; r < i; r++ {
				qr := q.Row(r)
				axpy(-dot(qr, qi), qr, qi)
			}
		}
		after := math.Sqrt(dot(qi, qi))
		const dependent = 1e-10 // what is left of a row in the span of the others: roundoff, not direction
		if before == 0 || after <= dependent*before {
			return nil, fmt.Errorf("pca: Orthonormalize: row %d is zero or a combination of the rows before it; the %d rows span fewer than %d dimensions", i, p, p)
		}
		scale(1/after, qi)
	}
	return q, nil
}

// rankTol is the relative size below which RowBasis counts a singular value
// as zero: far above roundoff (1e-16), far below any direction a model uses.
const rankTol = 1e-10

// RowBasis returns an orthonormal basis of the span of the rows of a (p×in),
// as the rows of an r×in matrix, r being the numerical rank of a: the right
// singular vectors of a whose singular values exceed 1e-10 times the
// largest. Unlike Orthonormalize it accepts dependent rows, such as a
// decoder in which weight decay has switched some directions off. It
// returns an error if a is zero or holds NaN or ±Inf.
func RowBasis(a *matrix.Dense) (*matrix.Dense, error) {
	_, s, v, err := SVD(a) // a = U·diag(s)·Vᵀ; V's columns span a's rows
	if err != nil {
		return nil, fmt.Errorf("pca: RowBasis: %w", err)
	}
	if s[0] == 0 {
		return nil, fmt.Errorf("pca: RowBasis: the %d×%d matrix is zero and spans nothing", a.Rows(), a.Cols())
	}
	r := 0
	for r < len(s) && s[r] > rankTol*s[0] {
		r++
	}
	basis := matrix.New(r, a.Cols())
	for i := 0; i < r; i++ {
		row := basis.Row(i)
		for j := range row {
			row[j] = v.At(j, i)
		}
	}
	return basis, nil
}

// PrincipalAngles returns the principal angles, in radians and ascending,
// between the span of the rows of a (p×in) and the span of the rows of b
// (q×in). Angle i is the smallest angle between a unit vector of one span and
// a unit vector of the other, each orthogonal to the pairs before it: all
// zero when one span contains the other, all π/2 when they are orthogonal.
// There are min(dim A, dim B) of them, the dimensions being the numerical
// ranks (RowBasis): min(p, q) when the rows of each are independent.
//
// It takes orthonormal bases of both spans (Q₁ r₁×in, Q₂ r₂×in); the singular
// values of Q₁·Q₂ᵀ are then the cosines of the angles (Björck and Golub,
// 1973). Angles are computed as acos of a cosine, so angles below about
// 1e-8 rad come out as 0: ample for telling 0.1° from 1°. It panics if a and
// b have different numbers of columns, and returns an error if either is
// zero.
func PrincipalAngles(a, b *matrix.Dense) ([]float64, error) {
	if a.Cols() != b.Cols() {
		panic(fmt.Sprintf("pca: PrincipalAngles: subspaces of different spaces, %d×%d and %d×%d", a.Rows(), a.Cols(), b.Rows(), b.Cols()))
	}
	qa, err := RowBasis(a)
	if err != nil {
		return nil, fmt.Errorf("pca: PrincipalAngles: first subspace: %w", err)
	}
	qb, err := RowBasis(b)
	if err != nil {
		return nil, fmt.Errorf("pca: PrincipalAngles: second subspace: %w", err)
	}
	// exercise principal-angles (3 points): the singular values of Q₁·Q₂ᵀ (from qa, qb) are the cosines; return the angles ascending (docs/pca.md)
	m := matrix.New(qa.Rows(), qb.Rows())
	m.MulTransB(qa, qb) // Q₁·Q₂ᵀ: r₁×r₂
	_, cosines, _, err := SVD(m)
	if err != nil {
		return nil, fmt.Errorf("pca: PrincipalAngles: %w", err)
	}
	angles := make([]float64, len(cosines))
	for i, c := range cosines {
		angles[i] = math.Acos(math.Min(c, 1)) // rounding can push a cosine past 1
	}
	return angles, nil
	// end exercise principal-angles
}

// SubspaceDistance returns 1 − tr(U·Uᵀ·P_W)/k, the measure of Bao et al.
// (2020), between the span of the rows of u (k×in, e.g. the top k principal
// components; its rows must be independent) and the span of the rows of w
// (m×in, e.g. a decoder's rows), P_W being the projection onto the latter.
// It is 0 when w's span contains u's and 1 when they are orthogonal; for
// spans of equal dimension it is the mean of sin² over the principal
// angles. It panics if the numbers of columns differ and returns an error if
// u's rows are dependent or w is zero.
func SubspaceDistance(u, w *matrix.Dense) (float64, error) {
	if u.Cols() != w.Cols() {
		panic(fmt.Sprintf("pca: SubspaceDistance: shape mismatch %d×%d and %d×%d", u.Rows(), u.Cols(), w.Rows(), w.Cols()))
	}
	qu, err := Orthonormalize(u)
	if err != nil {
		return 0, fmt.Errorf("pca: SubspaceDistance: %w", err)
	}
	qw, err := RowBasis(w)
	if err != nil {
		return 0, fmt.Errorf("pca: SubspaceDistance: %w", err)
	}
	// tr(QuᵀQu·QwᵀQw) = ‖Qu·Qwᵀ‖², the sum of the squared cosines.
	m := matrix.New(qu.Rows(), qw.Rows())
	m.MulTransB(qu, qw)
	norm := m.Norm()
	return math.Max(0, 1-norm*norm/float64(u.Rows())), nil // rounding can give −1e-16
}

// AxisAlignment returns the axis-alignment measure of Bao et al. (2020),
//
//	(1/k) Σᵢ (1 − maxⱼ cos²(uᵢ, wⱼ)),
//
// between the k reference directions u (k×in, e.g. the top principal
// components) and the learned directions w (m×in, e.g. a decoder's rows). It
// is 0 when every uᵢ has a learned direction parallel to it, and near 1 when
// the learned directions are a random rotation in a large space. It panics if
// the numbers of columns differ and returns an error for a zero row or for
// NaN or ±Inf.
func AxisAlignment(u, w *matrix.Dense) (float64, error) {
	if u.Cols() != w.Cols() {
		panic(fmt.Sprintf("pca: AxisAlignment: shape mismatch %d×%d and %d×%d", u.Rows(), u.Cols(), w.Rows(), w.Cols()))
	}
	cos2, err := Cos2(u, w)
	if err != nil {
		return 0, fmt.Errorf("pca: AxisAlignment: %w", err)
	}
	sum := 0.0
	for i := 0; i < cos2.Rows(); i++ {
		best := 0.0
		for _, c := range cos2.Row(i) {
			best = math.Max(best, c)
		}
		sum += 1 - best
	}
	return sum / float64(u.Rows()), nil
}

// Cos2 returns the squared cosines between every row of u (p×in) and every
// row of w (q×in): element (i, j) of the p×q result is
// (uᵢ·wⱼ)² / (‖uᵢ‖²·‖wⱼ‖²), 1 for parallel rows and 0 for orthogonal ones.
// It returns an error for a zero row (PairCos2, for rows paired one to one,
// gives such a row 0) or for NaN or ±Inf, and panics if the numbers of
// columns differ.
func Cos2(u, w *matrix.Dense) (*matrix.Dense, error) {
	if u.Cols() != w.Cols() {
		panic(fmt.Sprintf("pca: Cos2: shape mismatch %d×%d and %d×%d", u.Rows(), u.Cols(), w.Rows(), w.Cols()))
	}
	for _, m := range []*matrix.Dense{u, w} {
		if i, j, bad := firstNonFinite(m); bad {
			return nil, fmt.Errorf("pca: Cos2: entry (%d, %d) is %v; the directions must be finite", i, j, m.At(i, j))
		}
	}
	for i := 0; i < u.Rows(); i++ {
		if dot(u.Row(i), u.Row(i)) == 0 {
			return nil, fmt.Errorf("pca: Cos2: row %d of the first matrix is zero and has no direction", i)
		}
	}
	for j := 0; j < w.Rows(); j++ {
		if dot(w.Row(j), w.Row(j)) == 0 {
			return nil, fmt.Errorf("pca: Cos2: row %d of the second matrix is zero and has no direction", j)
		}
	}
	out := matrix.New(u.Rows(), w.Rows())
	for i := 0; i < u.Rows(); i++ {
		for j := 0; j < w.Rows(); j++ {
			c, _ := cos2(u.Row(i), w.Row(j)) // no row is zero
			out.Set(i, j, c)
		}
	}
	return out, nil
}
