package pca

import (
	"errors"
	"fmt"
	"math"

	"bottleneck/matrix"
)

// maxJacobiSweeps bounds the sweeps of SVD; one-sided Jacobi converges
// quadratically and typically needs 6–10 sweeps in double precision.
const maxJacobiSweeps = 60

// SVD returns the thin singular value decomposition a = u·diag(s)·vᵀ of the
// m×n matrix a, which it does not modify. With r = min(m, n), u is m×r, s
// holds r singular values in descending order, and v is n×r; the columns of
// u and of v are orthonormal. Each column of u has its largest-magnitude
// entry positive (v's column changing sign with it), so the result is
// deterministic. If a is rank-deficient, the columns of u for its zero
// singular values are completed to an orthonormal set.
//
// The method is one-sided Jacobi (Hestenes): plane rotations applied to
// pairs of columns of a, and accumulated into v, until every pair of columns
// is orthogonal to working precision; then the column norms are the singular
// values and the normalised columns are u. It is slow for large matrices
// (each sweep costs about 3mn² operations) but short, accurate, and plenty
// for the k×k and k×in matrices of this package.
//
// SVD returns an error for an empty matrix, for NaN or ±Inf in a, or if the
// rotations fail to converge.
func SVD(a *matrix.Dense) (u *matrix.Dense, s []float64, v *matrix.Dense, err error) {
	m, n := a.Dims()
	if m == 0 || n == 0 {
		return nil, nil, nil, fmt.Errorf("pca: SVD: empty %d×%d matrix", m, n)
	}
	if i, j, bad := firstNonFinite(a); bad {
		return nil, nil, nil, fmt.Errorf("pca: SVD: entry (%d, %d) is %v; the matrix must be finite", i, j, a.At(i, j))
	}
	if m < n {
		// a = u·s·vᵀ exactly when aᵀ = v·s·uᵀ.
		at := matrix.New(n, m)
		at.Transpose(a)
		vt, s, ut, err := SVD(at)
		if err != nil {
			return nil, nil, nil, err
		}
		// That call made the columns of vt follow the sign convention;
		// it is u's columns that must.
		for j := 0; j < ut.Cols(); j++ {
			col := make([]float64, ut.Rows())
			for i := range col {
				col[i] = ut.At(i, j)
			}
			if signOfLargest(col) < 0 {
				for i := 0; i < ut.Rows(); i++ {
					ut.Set(i, j, -ut.At(i, j))
				}
				for i := 0; i < vt.Rows(); i++ {
					vt.Set(i, j, -vt.At(i, j))
				}
			}
		}
		return ut, s, vt, nil
	}
	// cols holds the columns of a·V as rows (n×m); vt holds V's columns as
	// rows (n×n), starting from the identity.
	cols := matrix.New(n, m)
	cols.Transpose(a)
	vt := matrix.New(n, n)
	for i := 0; i < n; i++ {
		vt.Set(i, i, 1)
	}
	if err := jacobiSweeps(cols, vt); err != nil {
		return nil, nil, nil, err
	}
	// Sort by column norm, descending, and normalise.
	norms := make([]float64, n)
	for j := range norms {
		norms[j] = math.Sqrt(dot(cols.Row(j), cols.Row(j)))
	}
	order := sortedIndexDescending(norms)
	u = matrix.New(m, n)
	v = matrix.New(n, n)
	s = make([]float64, n)
	uCols := matrix.New(n, m) // u's columns as rows, normalised
	tiny := norms[order[0]] * float64(max(m, n)) * 0x1p-52
	var zero []int // positions whose singular value is (numerically) zero
	for out, j := range order {
		s[out] = norms[j]
		if norms[j] <= tiny || norms[j] == 0 {
			zero = append(zero, out)
			continue
		}
		uj := uCols.Row(out)
		for i, x := range cols.Row(j) {
			uj[i] = x / norms[j]
		}
	}
	completeOrthonormal(uCols, zero)
	for out, j := range order {
		uj, vj := uCols.Row(out), vt.Row(j)
		if signOfLargest(uj) < 0 {
			for i := range uj {
				uj[i] = -uj[i]
			}
			for i := range vj {
				v.Set(i, out, -vj[i])
			}
		} else {
			for i := range vj {
				v.Set(i, out, vj[i])
			}
		}
		for i := range uj {
			u.Set(i, out, uj[i])
		}
	}
	return u, s, v, nil
}

// jacobiSweeps rotates pairs of rows of cols (the columns of a) until they
// are mutually orthogonal, applying the same rotations to the rows of vt.
func jacobiSweeps(cols, vt *matrix.Dense) error {
	n := cols.Rows()
	const tol = 0x1p-52 * 8 // a few units of roundoff: orthogonal to working precision
	for sweep := 0; sweep < maxJacobiSweeps; sweep++ {
		rotated := false
		for j := 0; j < n-1; j++ {
			for k := j + 1; k < n; k++ {
				cj, ck := cols.Row(j), cols.Row(k)
				alpha, beta, gamma := dot(cj, cj), dot(ck, ck), dot(cj, ck)
				if gamma == 0 || math.Abs(gamma) <= tol*math.Sqrt(alpha*beta) {
					continue
				}
				rotated = true
				// The rotation that makes columns j and k orthogonal: the
				// smaller root t of t² + 2ζt − 1 = 0, ζ = (β−α)/(2γ).
				zeta := (beta - alpha) / (2 * gamma)
				t := math.Copysign(1, zeta) / (math.Abs(zeta) + math.Sqrt(1+zeta*zeta))
				c := 1 / math.Sqrt(1+t*t)
				sn := c * t
				rotateRows(cj, ck, c, sn)
				rotateRows(vt.Row(j), vt.Row(k), c, sn)
			}
		}
		if !rotated {
			return nil
		}
	}
	return errors.New("pca: SVD: Jacobi rotations did not converge")
}

// rotateRows sets (x, y) ← (c·x − s·y, s·x + c·y).
func rotateRows(x, y []float64, c, s float64) {
	for i := range x {
		xi, yi := x[i], y[i]
		x[i] = c*xi - s*yi
		y[i] = s*xi + c*yi
	}
}

// completeOrthonormal fills the rows of q listed in missing with unit
// vectors orthogonal to every other row, trying the standard basis vectors
// e₀, e₁, … in turn (Gram–Schmidt, done twice for accuracy).
func completeOrthonormal(q *matrix.Dense, missing []int) {
	if len(missing) == 0 {
		return
	}
	filled := make([]bool, q.Rows())
	for i := range filled {
		filled[i] = true
	}
	for _, i := range missing {
		filled[i] = false
	}
	next := 0
	for _, i := range missing {
		row := q.Row(i)
		for ; next < q.Cols(); next++ {
			clear(row)
			row[next] = 1
			for pass := 0; pass < 2; pass++ {
				for r, ok := range filled {
					if ok {
						axpy(-dot(q.Row(r), row), q.Row(r), row)
					}
				}
			}
			if norm := math.Sqrt(dot(row, row)); norm > 0.5 {
				scale(1/norm, row)
				break
			}
		}
		next++
		filled[i] = true
	}
}

// sortedIndexDescending returns the indices of x ordered by descending
// value; ties keep their order.
func sortedIndexDescending(x []float64) []int {
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	// Insertion sort: short, stable, and x is short here.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && x[order[j]] > x[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return order
}

// signOfLargest returns the sign (+1 or −1) of v's largest-magnitude entry,
// the first one if several tie.
func signOfLargest(v []float64) float64 {
	big := 0
	for j, x := range v {
		if math.Abs(x) > math.Abs(v[big]) {
			big = j
		}
	}
	if v[big] < 0 {
		return -1
	}
	return 1
}

// dot returns x·y.
func dot(x, y []float64) float64 {
	sum := 0.0
	for i, v := range x {
		sum += v * y[i]
	}
	return sum
}

// axpy sets y += alpha·x.
func axpy(alpha float64, x, y []float64) {
	for i, v := range x {
		y[i] += alpha * v
	}
}

// scale sets x ← alpha·x.
func scale(alpha float64, x []float64) {
	for i := range x {
		x[i] *= alpha
	}
}
