package matrix

import (
	"fmt"
	"math"
)

// Add sets m = a + b. All three must have the same shape; m may be a or b.
func (m *Dense) Add(a, b *Dense) {
	sameShape("Add", m, a)
	sameShape("Add", a, b)
	for i := 0; i < m.rows; i++ {
		mr, ar, br := m.Row(i), a.Row(i), b.Row(i)
		for j := range mr {
			mr[j] = ar[j] + br[j]
		}
	}
}

// Sub sets m = a − b. All three must have the same shape; m may be a or b.
func (m *Dense) Sub(a, b *Dense) {
	sameShape("Sub", m, a)
	sameShape("Sub", a, b)
	for i := 0; i < m.rows; i++ {
		mr, ar, br := m.Row(i), a.Row(i), b.Row(i)
		for j := range mr {
			mr[j] = ar[j] - br[j]
		}
	}
}

// Scale sets m = alpha·a. m may be a.
func (m *Dense) Scale(alpha float64, a *Dense) {
	sameShape("Scale", m, a)
	for i := 0; i < m.rows; i++ {
		mr, ar := m.Row(i), a.Row(i)
		for j := range mr {
			mr[j] = alpha * ar[j]
		}
	}
}

// AddScaled sets m = m + alpha·b (the BLAS "axpy").
func (m *Dense) AddScaled(alpha float64, b *Dense) {
	sameShape("AddScaled", m, b)
	for i := 0; i < m.rows; i++ {
		mr, br := m.Row(i), b.Row(i)
		for j := range mr {
			mr[j] += alpha * br[j]
		}
	}
}

// MulElem sets m = a ⊙ b, the element-wise (Hadamard) product. m may be a
// or b.
func (m *Dense) MulElem(a, b *Dense) {
	sameShape("MulElem", m, a)
	sameShape("MulElem", a, b)
	for i := 0; i < m.rows; i++ {
		mr, ar, br := m.Row(i), a.Row(i), b.Row(i)
		for j := range mr {
			mr[j] = ar[j] * br[j]
		}
	}
}

// Apply sets m(i, j) = f(a(i, j)) for every element. m may be a. A large
// matrix is shared out among the cores (apply_bands.go), so f must be safe
// to call from several goroutines at once (a pure function is); each
// element is computed the same way on any core, so the result does not
// depend on GOMAXPROCS.
func (m *Dense) Apply(f func(float64) float64, a *Dense) {
	sameShape("Apply", m, a)
	if m.rows*m.cols >= minParallelApply && !usingReference() {
		m.applyBands(f, a)
		return
	}
	for i := 0; i < m.rows; i++ {
		mr, ar := m.Row(i), a.Row(i)
		for j := range mr {
			mr[j] = f(ar[j])
		}
	}
}

// AddRowVector adds the 1×Cols row vector v to every row of m. This is how a
// bias b is added to a batch: Y = X·W + b.
func (m *Dense) AddRowVector(v *Dense) {
	if v.rows != 1 || v.cols != m.cols {
		panic(fmt.Sprintf("matrix: AddRowVector: shape mismatch %d×%d + row %d×%d", m.rows, m.cols, v.rows, v.cols))
	}
	vr := v.Row(0)
	for i := 0; i < m.rows; i++ {
		mr := m.Row(i)
		for j := range mr {
			mr[j] += vr[j]
		}
	}
}

// AddColSums adds the column sums of a to the 1×a.Cols row vector m:
// m(0, j) += Σᵢ a(i, j). It is the bias gradient db = Σₙ dYₙ of a batch,
// added (not assigned) because gradients accumulate.
func (m *Dense) AddColSums(a *Dense) {
	if m.rows != 1 || m.cols != a.cols {
		panic(fmt.Sprintf("matrix: AddColSums: shape mismatch row %d×%d += column sums of %d×%d", m.rows, m.cols, a.rows, a.cols))
	}
	mr := m.Row(0)
	for i := 0; i < a.rows; i++ {
		for j, v := range a.Row(i) {
			mr[j] += v
		}
	}
}

// AllFinite reports whether every element of m is finite: none is NaN,
// +Inf or −Inf. Training checks its gradients with it after every batch,
// so a large matrix is shared out among the cores (finite_bands.go).
func (m *Dense) AllFinite() bool {
	if m.rows*m.cols >= minParallelApply && !usingReference() {
		return m.allFiniteBands()
	}
	return rowsFinite(m, 0, m.rows)
}

// rowsFinite reports whether rows [i0, i1) of m are finite.
func rowsFinite(m *Dense, i0, i1 int) bool {
	for i := i0; i < i1; i++ {
		for _, v := range m.Row(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return false
			}
		}
	}
	return true
}

// Sum returns the sum of all elements.
func (m *Dense) Sum() float64 {
	s := 0.0
	for i := 0; i < m.rows; i++ {
		for _, v := range m.Row(i) {
			s += v
		}
	}
	return s
}
