package pca

import "bottleneck/matrix"

// tridiagonalize reduces the symmetric matrix held in v (n×n, lower
// triangle read) to tridiagonal form T = Qᵀ·a·Q by n−2 Householder
// reflections, and overwrites v with Q. On return d holds T's diagonal and
// e[1:] its sub-diagonal (e[0] = 0).
//
// This is EISPACK's tred2 (as published in JAMA). Step i builds the
// reflection P = I − u·uᵀ/h that zeroes row i of the working matrix left of
// its sub-diagonal, and applies it from both sides: a ← P·a·P. The
// reflections are then multiplied together, last to first, into Q.
func tridiagonalize(v *matrix.Dense, d, e []float64) {
	n := v.Rows()
	// V[i][j] is v(i, j), written as in the published algorithm.
	V := make([][]float64, n)
	for i := range V {
		V[i] = v.Row(i)
	}
	for j := 0; j < n; j++ {
		d[j] = V[n-1][j]
	}
	for i := n - 1; i > 0; i-- {
		// Scale the row to avoid overflow and underflow in h.
		scale, h := 0.0, 0.0
		for k := 0; k < i; k++ {
			scale += abs(d[k])
		}
		if scale == 0 {
			// The row is already zero left of the sub-diagonal: no reflection.
			e[i] = d[i-1]
			for j := 0; j < i; j++ {
				d[j] = V[i-1][j]
				V[i][j] = 0
				V[j][i] = 0
			}
			d[i] = h
			continue
		}
		// The Householder vector u = x − g·e_{i−1}, stored in d[:i], with
		// g = ∓‖x‖ chosen to avoid cancellation; h = ½‖u‖².
		for k := 0; k < i; k++ {
			d[k] /= scale
			h += d[k] * d[k]
		}
		f := d[i-1]
		g := sqrt(h)
		if f > 0 {
			g = -g
		}
		e[i] = scale * g
		h -= f * g
		d[i-1] = f - g
		for j := 0; j < i; j++ {
			e[j] = 0
		}
		// p = a·u / h (into e), using the lower triangle only; keep u in
		// column i of v for the accumulation of Q below.
		for j := 0; j < i; j++ {
			f = d[j]
			V[j][i] = f
			g = e[j] + V[j][j]*f
			for k := j + 1; k <= i-1; k++ {
				g += V[k][j] * d[k]
				e[k] += V[k][j] * f
			}
			e[j] = g
		}
		f = 0
		for j := 0; j < i; j++ {
			e[j] /= h
			f += e[j] * d[j]
		}
		// q = p − (uᵀp / 2h)·u, then a ← a − u·qᵀ − q·uᵀ.
		hh := f / (h + h)
		for j := 0; j < i; j++ {
			e[j] -= hh * d[j]
		}
		for j := 0; j < i; j++ {
			f = d[j]
			g = e[j]
			for k := j; k <= i-1; k++ {
				V[k][j] -= f*e[k] + g*d[k]
			}
			d[j] = V[i-1][j]
			V[i][j] = 0
		}
		d[i] = h
	}
	// Accumulate the reflections into Q.
	for i := 0; i < n-1; i++ {
		V[n-1][i] = V[i][i]
		V[i][i] = 1
		h := d[i+1]
		if h != 0 {
			for k := 0; k <= i; k++ {
				d[k] = V[k][i+1] / h
			}
			for j := 0; j <= i; j++ {
				g := 0.0
				for k := 0; k <= i; k++ {
					g += V[k][i+1] * V[k][j]
				}
				for k := 0; k <= i; k++ {
					V[k][j] -= g * d[k]
				}
			}
		}
		for k := 0; k <= i; k++ {
			V[k][i+1] = 0
		}
	}
	for j := 0; j < n; j++ {
		d[j] = V[n-1][j]
		V[n-1][j] = 0
	}
	V[n-1][n-1] = 1
	e[0] = 0
}
