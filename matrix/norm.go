package matrix

import "math"

// Norm returns the Frobenius norm ‖m‖ = √(Σᵢⱼ m(i, j)²).
func (m *Dense) Norm() float64 {
	// Scale as we go so that very large or very small entries neither
	// overflow nor underflow (the method of LAPACK's dnrm2).
	scale, ssq := 0.0, 1.0
	for i := 0; i < m.rows; i++ {
		for _, v := range m.Row(i) {
			if v == 0 {
				continue
			}
			a := math.Abs(v)
			if scale < a {
				ssq = 1 + ssq*(scale/a)*(scale/a)
				scale = a
			} else {
				ssq += (a / scale) * (a / scale)
			}
		}
	}
	return scale * math.Sqrt(ssq)
}

// EqualApprox reports whether a and b have the same shape and every pair of
// elements agrees to within tol, relative to the larger of the two in size
// and absolute near zero: |a−b| ≤ tol·max(1, |a|, |b|). NaN equals nothing.
func EqualApprox(a, b *Dense, tol float64) bool {
	if a.rows != b.rows || a.cols != b.cols {
		return false
	}
	for i := 0; i < a.rows; i++ {
		br := b.Row(i)
		for j, x := range a.Row(i) {
			y := br[j]
			if !(math.Abs(x-y) <= tol*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))) {
				return false
			}
		}
	}
	return true
}
