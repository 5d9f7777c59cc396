package nn

// Helpers of the graders of package nn. The graders are tests of the
// reference that "bottleneck grade" builds into a student's copy of this
// package, in place of the copy's own test files (package course). They use
// only what the exercises do not touch.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// gradeRand returns a random source that gives the same numbers at every
// run.
func gradeRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 12)) }

// gradeMatrix returns an r×c matrix of numbers drawn uniformly from
// [lo, hi).
func gradeMatrix(rng *rand.Rand, r, c int, lo, hi float64) *matrix.Dense {
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		for j := range m.Row(i) {
			m.Row(i)[j] = lo + (hi-lo)*rng.Float64()
		}
	}
	return m
}

// gradeRows returns the matrix with the given rows.
func gradeRows(rows [][]float64) *matrix.Dense {
	m := matrix.New(len(rows), len(rows[0]))
	for i, r := range rows {
		copy(m.Row(i), r)
	}
	return m
}

// gradeValues returns the rows of m.
func gradeValues(m *matrix.Dense) [][]float64 {
	out := make([][]float64, m.Rows())
	for i := range out {
		out[i] = append([]float64(nil), m.Row(i)...)
	}
	return out
}

// gradeClose reports whether got is want to within a relative tol (an
// absolute tol for numbers below 1).
func gradeClose(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// gradeExpect reports through t, and returns false, unless got has the
// shape of want and every entry is want's to within a relative tol. It
// names the first entry that is not.
func gradeExpect(t *testing.T, what string, got *matrix.Dense, want [][]float64, tol float64) bool {
	t.Helper()
	if got == nil {
		t.Errorf("%s: got no matrix (nil), want %d×%d", what, len(want), len(want[0]))
		return false
	}
	if r, c := got.Dims(); r != len(want) || c != len(want[0]) {
		t.Errorf("%s: got a %d×%d matrix, want %d×%d", what, r, c, len(want), len(want[0]))
		return false
	}
	for i, row := range want {
		for j, w := range row {
			if g := got.At(i, j); !gradeClose(g, w, tol) {
				t.Errorf("%s: entry (%d, %d) is %.10g, want %.10g", what, i, j, g, w)
				return false
			}
		}
	}
	return true
}

// gradeGradient reports through t, and returns false, unless grad is the
// gradient of f with respect to value, as central differences find it
// (CheckGradient, with the step and tolerance the project's own gradient
// checks use).
func gradeGradient(t *testing.T, what string, f func() float64, value, grad *matrix.Dense) bool {
	t.Helper()
	if vr, vc := value.Dims(); grad == nil || grad.Rows() != vr || grad.Cols() != vc {
		t.Errorf("%s: the gradient is %s, want %d×%d like the value", what, gradeShape(grad), vr, vc)
		return false
	}
	r := CheckGradient(f, Param{Name: what, Value: value, Grad: grad}, GradCheckStep, 1)
	if !r.Pass(GradCheckTolerance) {
		w := r.Worst[0]
		t.Errorf("%s: relative error %.2g against the numerical gradient (tolerance %g); entry (%d, %d) is %.8g, the numerical gradient %.8g",
			what, r.RelErr, GradCheckTolerance, w.Row, w.Col, w.Analytic, w.Numerical)
		return false
	}
	return true
}

// gradeShape describes the shape of m.
func gradeShape(m *matrix.Dense) string {
	if m == nil {
		return "nil"
	}
	return fmt.Sprintf("%d×%d", m.Rows(), m.Cols())
}

// gradeLinearLoops returns X·W + b computed entry by entry from the
// definition y_ij = Σ_k x_ik·w_kj + b_j. x: n×in, w: in×out, b: 1×out.
func gradeLinearLoops(x, w, b *matrix.Dense) *matrix.Dense {
	y := matrix.New(x.Rows(), w.Cols())
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < w.Cols(); j++ {
			s := b.At(0, j)
			for k := 0; k < x.Cols(); k++ {
				s += x.At(i, k) * w.At(k, j)
			}
			y.Set(i, j, s)
		}
	}
	return y
}

// gradeHalfSquared returns ½ Σ (y − t)² over every entry.
func gradeHalfSquared(y, target *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < y.Rows(); i++ {
		for j := 0; j < y.Cols(); j++ {
			d := y.At(i, j) - target.At(i, j)
			s += d * d
		}
	}
	return s / 2
}

// gradeMinus returns a − b.
func gradeMinus(a, b *matrix.Dense) *matrix.Dense {
	out := matrix.New(a.Dims())
	for i := 0; i < a.Rows(); i++ {
		for j := 0; j < a.Cols(); j++ {
			out.Set(i, j, a.At(i, j)-b.At(i, j))
		}
	}
	return out
}

// gradeScaled returns s·a as rows.
func gradeScaled(s float64, a *matrix.Dense) [][]float64 {
	out := gradeValues(a)
	for _, row := range out {
		for j := range row {
			row[j] *= s
		}
	}
	return out
}
