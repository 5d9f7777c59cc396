package pca

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// maxQLIterations bounds the QL iterations spent on one eigenvalue; the
// algorithm converges cubically and typically needs one to three.
const maxQLIterations = 60

// tridiagonalQL finds the eigenvalues of the symmetric tridiagonal matrix
// with diagonal d and sub-diagonal e[1:] (as left by tridiagonalize) by the
// implicit QL algorithm, and applies every rotation it makes to the rows of
// z. On return d holds the eigenvalues (unsorted) and row i of z the
// eigenvector of d[i], if z held Qᵀ on entry.
//
// This is EISPACK's tql2 (as published in JAMA), with z transposed so that
// each rotation touches two contiguous rows. For each l it looks for the
// first negligible sub-diagonal entry e[m]; while m > l it performs one
// implicitly shifted QL step on the block l..m, which drives e[l] to zero.
func tridiagonalQL(d, e []float64, z *matrix.Dense) error {
	n := len(d)
	for i := 1; i < n; i++ {
		e[i-1] = e[i]
	}
	e[n-1] = 0
	f, tst1 := 0.0, 0.0
	eps := math.Pow(2, -52)
	for l := 0; l < n; l++ {
		tst1 = math.Max(tst1, abs(d[l])+abs(e[l]))
		m := l
		for m < n-1 && abs(e[m]) > eps*tst1 {
			m++
		}
		for iter := 0; m > l; iter++ {
			if iter == maxQLIterations {
				return fmt.Errorf("pca: EigenSym: no convergence for eigenvalue %d after %d QL iterations", l, iter)
			}
			// The shift: the eigenvalue of the leading 2×2 block closer
			// to d[l]; subtract it from the whole block.
			g := d[l]
			p := (d[l+1] - g) / (2 * e[l])
			r := math.Hypot(p, 1)
			if p < 0 {
				r = -r
			}
			d[l] = e[l] / (p + r)
			d[l+1] = e[l] * (p + r)
			dl1 := d[l+1]
			h := g - d[l]
			for i := l + 2; i < n; i++ {
				d[i] -= h
			}
			f += h
			// The implicit QL step: a chase of Givens rotations from the
			// bottom of the block up to l.
			p = d[m]
			c, c2, c3 := 1.0, 1.0, 1.0
			el1 := e[l+1]
			s, s2 := 0.0, 0.0
			for i := m - 1; i >= l; i-- {
				c3 = c2
				c2 = c
				s2 = s
				g = c * e[i]
				h = c * p
				r = math.Hypot(p, e[i])
				e[i+1] = s * r
				s = e[i] / r
				c = p / r
				p = c*d[i] - s*g
				d[i+1] = h + s*(c*g+s*d[i])
				// Rotate eigenvectors i and i+1.
				zi, zi1 := z.Row(i), z.Row(i+1)
				for k := range zi {
					h = zi1[k]
					zi1[k] = s*zi[k] + c*h
					zi[k] = c*zi[k] - s*h
				}
			}
			p = -s * s2 * c3 * el1 * e[l] / dl1
			e[l] = s * p
			d[l] = c * p
			if abs(e[l]) <= eps*tst1 {
				break
			}
		}
		d[l] += f
		e[l] = 0
	}
	return nil
}

func abs(x float64) float64  { return math.Abs(x) }
func sqrt(x float64) float64 { return math.Sqrt(x) }
