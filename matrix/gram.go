package matrix

import (
	"fmt"
	"math"
)

// Gram sets m = aᵀ·a, with a of shape n×d and m of shape d×d. Because aᵀ·a
// is symmetric, Gram computes only the tiles that touch the lower triangle
// and copies them into the upper one: about half the work of
// m.MulTransA(a, a), and m comes out exactly symmetric. PCA uses it for the
// covariance of the centred data.
func (m *Dense) Gram(a *Dense) {
	if m.rows != a.cols || m.cols != a.cols {
		panic(fmt.Sprintf("matrix: Gram: destination %d×%d for (%d×%d)ᵀ · %d×%d", m.rows, m.cols, a.rows, a.cols, a.rows, a.cols))
	}
	noAlias("Gram", m, a)
	gram(active(), a, m)
}

// gram sets c = aᵀ·a with the kernel kern, computing the lower triangle and
// mirroring it.
func gram(kern *kernel, a, c *Dense) {
	if kern == &referenceKernel {
		refProduct(true, false, a, a, c, false) // exactly symmetric too: x·y = y·x
		return
	}
	p := newProduct(kern, true, false, a, a, c)
	p.lower = true
	p.split = splitTriangle
	p.run() // clears and computes the bands [i0, i1) × [0, i1)
	// Mirror the lower triangle into the upper one.
	for i := 0; i < c.rows; i++ {
		for j := i + 1; j < c.cols; j++ {
			c.data[i*c.stride+j] = c.data[j*c.stride+i]
		}
	}
}

// triangleCut returns the first row of band w when the lower triangle of a
// d×d matrix is cut into parts bands of about equal area, with edges on
// multiples of unit. Rows further down hold more of the triangle: the part
// above row r has area r²/2, so band w starts at row d·√(w/parts).
func triangleCut(d, unit, w, parts int) int {
	if w >= parts {
		return d
	}
	r := float64(d) * math.Sqrt(float64(w)/float64(parts))
	return min(d, int(r)/unit*unit)
}
