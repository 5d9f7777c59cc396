package probe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"bottleneck/matrix"
)

// close reports whether got is want to within tol, relative for numbers
// above 1 in size and absolute below; NaN is close to nothing.
func closeTo(got, want, tol float64) bool {
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// differ says how got and want differ, with digits enough to tell them
// apart: ten significant digits, or all that it takes where those agree.
func differ(got, want float64) string {
	g, w := fmt.Sprintf("%.10g", got), fmt.Sprintf("%.10g", want)
	if g == w {
		g, w = strconv.FormatFloat(got, 'g', -1, 64), strconv.FormatFloat(want, 'g', -1, 64)
	}
	return fmt.Sprintf("%s, want %s (difference %.3g)", g, w, got-want)
}

// scalar checks one number against want.
func scalar(label string, want, tol float64) Check {
	return Check{label, func(got []float64) string {
		if len(got) != 1 {
			return fmt.Sprintf("%d numbers, want 1", len(got))
		}
		if !closeTo(got[0], want, tol) {
			return "is " + differ(got[0], want)
		}
		return ""
	}}
}

// numbers checks a list of numbers against want, entry by entry.
func numbers(label string, want []float64, tol float64) Check {
	return Check{label, func(got []float64) string {
		if len(got) != len(want) {
			return fmt.Sprintf("%d numbers, want %d", len(got), len(want))
		}
		for i := range want {
			if !closeTo(got[i], want[i], tol) {
				return fmt.Sprintf("entry %d is %s", i, differ(got[i], want[i]))
			}
		}
		return ""
	}}
}

// dense checks a matrix recorded by PutMatrix against want.
func dense(label string, want *matrix.Dense, tol float64) Check {
	return Check{label, func(got []float64) string {
		m, msg := asMatrix(got)
		if msg != "" {
			return msg
		}
		if m.Rows() != want.Rows() || m.Cols() != want.Cols() {
			return fmt.Sprintf("is %d×%d, want %d×%d", m.Rows(), m.Cols(), want.Rows(), want.Cols())
		}
		for i := 0; i < m.Rows(); i++ {
			for j := 0; j < m.Cols(); j++ {
				if g, w := m.At(i, j), want.At(i, j); !closeTo(g, w, tol) {
					return fmt.Sprintf("entry (%d, %d) of %d×%d is %s", i, j, m.Rows(), m.Cols(), differ(g, w))
				}
			}
		}
		return ""
	}}
}

// asMatrix reads back what PutMatrix recorded.
func asMatrix(got []float64) (*matrix.Dense, string) {
	if len(got) == 0 {
		return nil, "no matrix (nil)"
	}
	if len(got) < 2 {
		return nil, "not a matrix"
	}
	r, c := int(got[0]), int(got[1])
	if r < 0 || c < 0 || float64(r) != got[0] || float64(c) != got[1] || len(got) != 2+r*c {
		return nil, "not a matrix"
	}
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		copy(m.Row(i), got[2+i*c:2+(i+1)*c])
	}
	return m, ""
}

// judged is a Check that reads a matrix and hands it to f.
func judged(label string, f func(m *matrix.Dense) string) Check {
	return Check{label, func(got []float64) string {
		m, msg := asMatrix(got)
		if msg != "" {
			return msg
		}
		return f(m)
	}}
}

// uniform returns an r×c matrix of numbers drawn uniformly from [lo, hi).
func uniform(rng *rand.Rand, r, c int, lo, hi float64) *matrix.Dense {
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		for j := range m.Row(i) {
			m.Row(i)[j] = lo + (hi-lo)*rng.Float64()
		}
	}
	return m
}

// junk returns an r×c matrix of junk, as a buffer left from an earlier
// call holds.
func junk(rng *rand.Rand, r, c int) *matrix.Dense { return uniform(rng, r, c, -7, 7) }

// mulLoops returns a·b, or aᵀ·b, a·bᵀ, entry by entry.
func mulLoops(a, b *matrix.Dense, transA, transB bool) *matrix.Dense {
	at := func(i, k int) float64 {
		if transA {
			return a.At(k, i)
		}
		return a.At(i, k)
	}
	bt := func(k, j int) float64 {
		if transB {
			return b.At(j, k)
		}
		return b.At(k, j)
	}
	n, inner := a.Rows(), a.Cols()
	if transA {
		n, inner = a.Cols(), a.Rows()
	}
	m := b.Cols()
	if transB {
		m = b.Rows()
	}
	c := matrix.New(n, m)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			s := 0.0
			for k := 0; k < inner; k++ {
				s += at(i, k) * bt(k, j)
			}
			c.Set(i, j, s)
		}
	}
	return c
}

// plusRow returns m + the row vector b on every row.
func plusRow(m, b *matrix.Dense) *matrix.Dense {
	out := m.Clone()
	for i := 0; i < out.Rows(); i++ {
		for j := range out.Row(i) {
			out.Row(i)[j] += b.At(0, j)
		}
	}
	return out
}

// colSums returns the 1×c sums of m's columns.
func colSums(m *matrix.Dense) *matrix.Dense {
	s := matrix.New(1, m.Cols())
	for i := 0; i < m.Rows(); i++ {
		for j, v := range m.Row(i) {
			s.Row(0)[j] += v
		}
	}
	return s
}

// plus returns a + b.
func plus(a, b *matrix.Dense) *matrix.Dense {
	out := a.Clone()
	for i := 0; i < out.Rows(); i++ {
		for j := range out.Row(i) {
			out.Row(i)[j] += b.At(i, j)
		}
	}
	return out
}

// mapped returns f applied to every entry of m.
func mapped(m *matrix.Dense, f func(float64) float64) *matrix.Dense {
	out := matrix.New(m.Dims())
	for i := 0; i < m.Rows(); i++ {
		for j, v := range m.Row(i) {
			out.Row(i)[j] = f(v)
		}
	}
	return out
}

// zipped returns f of the entries of a and b, entry by entry.
func zipped(a, b *matrix.Dense, f func(x, y float64) float64) *matrix.Dense {
	out := matrix.New(a.Dims())
	for i := 0; i < a.Rows(); i++ {
		for j, v := range a.Row(i) {
			out.Row(i)[j] = f(v, b.At(i, j))
		}
	}
	return out
}

// sigma is the logistic function, straight from its definition.
func sigma(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// sigmoidCrossEntropyElem returns the cross-entropy of the target t and
// σ(z), −[t ln σ(z) + (1−t) ln(1−σ(z))], and its derivative σ(z) − t with
// respect to z. With ln σ(z) = −ln(1 + e^−z) and ln(1 − σ(z)) =
// −z − ln(1 + e^−z), each written so that it neither overflows nor loses
// digits.
func sigmoidCrossEntropyElem(z, t float64) (float64, float64) {
	lnOnePlusExpMinus := func(z float64) float64 { // ln(1 + e^−z)
		if z < -30 {
			return -z + math.Log1p(math.Exp(z))
		}
		return math.Log1p(math.Exp(-z))
	}
	loss := t*lnOnePlusExpMinus(z) + (1-t)*(z+lnOnePlusExpMinus(z))
	var s float64
	if z >= 0 {
		s = 1 / (1 + math.Exp(-z))
	} else {
		s = math.Exp(z) / (1 + math.Exp(z))
	}
	return loss, s - t
}

// kernels are the paths of package matrix every exercise is run on.
var kernels = []string{"reference", "portable"}

// withKernel runs f with package matrix's kernel set to name.
func withKernel(name string, f func()) {
	before := matrix.Kernel()
	defer matrix.SetKernel(before)
	if err := matrix.SetKernel(name); err != nil {
		panic(err)
	}
	f()
}

// Differ is differ, for the tests of package course.
func Differ(got, want float64) string { return differ(got, want) }
