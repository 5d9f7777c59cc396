package pca

// Helpers of the graders of package pca. The graders are tests of the
// reference that "bottleneck grade" builds into a student's copy of this
// package, in place of the copy's own test files (package course).

import (
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

// gradeRotation returns a d×d orthogonal matrix: the product of plane
// rotations by random angles in every pair of coordinates.
func gradeRotation(rng *rand.Rand, d int) *matrix.Dense {
	q := matrix.New(d, d)
	for i := 0; i < d; i++ {
		q.Set(i, i, 1)
	}
	for a := 0; a < d; a++ {
		for b := a + 1; b < d; b++ {
			angle := 2 * math.Pi * rng.Float64()
			c, s := math.Cos(angle), math.Sin(angle)
			for i := 0; i < d; i++ { // rows a and b of q turn in their plane
				qa, qb := q.At(a, i), q.At(b, i)
				q.Set(a, i, c*qa-s*qb)
				q.Set(b, i, s*qa+c*qb)
			}
		}
	}
	return q
}

// gradeTimes returns a·b, entry by entry from the definition.
func gradeTimes(a, b *matrix.Dense) *matrix.Dense {
	out := matrix.New(a.Rows(), b.Cols())
	for i := 0; i < a.Rows(); i++ {
		for j := 0; j < b.Cols(); j++ {
			s := 0.0
			for k := 0; k < a.Cols(); k++ {
				s += a.At(i, k) * b.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out
}

// gradeRowsOf returns the rows of m.
func gradeRowsOf(m *matrix.Dense) [][]float64 {
	out := make([][]float64, m.Rows())
	for i := range out {
		out[i] = append([]float64(nil), m.Row(i)...)
	}
	return out
}
