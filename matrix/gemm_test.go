package matrix

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// kernelShapes are (m, k, n) triples for c (m×n) = op(a) (m×k) · op(b) (k×n):
// empty products, 1×1, sizes that are not multiples of any tile (mr×nr) or
// block (kc, mc), sizes just past the block sizes kc = 256 (k = 257, 300),
// mc = 128 (m = 130) and nc = 1024 (n = 1030), and the MNIST layer shape.
var kernelShapes = [][3]int{
	{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0}, {1, 1, 1}, {2, 3, 5},
	{5, 7, 3}, {7, 13, 11}, {17, 1, 33}, {33, 65, 9}, {4, 16, 16},
	{64, 64, 64}, {130, 257, 31}, {31, 300, 130}, {3, 5, 1030},
	{128, 784, 256},
}

// randOp returns a random matrix that is op(x) of shape r×c: when trans is
// set the stored matrix is c×r, and gemm reads it transposed. pad > 0 makes
// it a view with a stride larger than its width.
func randOp(rng *rand.Rand, r, c, pad int, trans bool) *Dense {
	if trans {
		return randDense(rng, c, r, pad)
	}
	return randDense(rng, r, c, pad)
}

// opCopy returns op(a) as a fresh matrix: aᵀ when trans, else a copy of a.
func opCopy(a *Dense, trans bool) *Dense {
	if !trans {
		return a.Clone()
	}
	t := New(a.cols, a.rows)
	t.Transpose(a)
	return t
}

// TestKernelsMatchReference checks every kernel this build and CPU can run,
// for the three products the package offers (a·b, aᵀ·b, a·bᵀ) and for the
// accumulating form, against MulRef on op(a) and op(b) copied out. The
// destination is a strided view filled with garbage, which must be
// overwritten (or, when accumulating, added to).
func TestKernelsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ops := []struct {
		name           string
		transA, transB bool
	}{{"a·b", false, false}, {"aᵀ·b", true, false}, {"a·bᵀ", false, true}}
	for _, s := range kernelShapes {
		for _, op := range ops {
			for _, pad := range []int{0, 3} {
				m, k, n := s[0], s[1], s[2]
				a := randOp(rng, m, k, pad, op.transA)
				b := randOp(rng, k, n, pad, op.transB)
				c0 := randDense(rng, m, n, pad)
				want := New(m, n)
				want.MulRef(opCopy(a, op.transA), opCopy(b, op.transB))
				wantAcc := New(m, n)
				wantAcc.Add(want, c0)
				for _, kern := range availableKernels {
					name := fmt.Sprintf("%s %s m=%d k=%d n=%d pad=%d", kern.name, op.name, m, k, n, pad)
					got := randDense(rng, m, n, pad)
					gemmWith(kern, op.transA, op.transB, a, b, got, false)
					if !EqualApprox(got, want, mulTol) {
						t.Errorf("%s: differs from MulRef by up to %g", name, maxDiff(got, want))
					}
					// Accumulating: start from c0, expect c0 + op(a)·op(b).
					got.Copy(c0)
					gemmWith(kern, op.transA, op.transB, a, b, got, true)
					if !EqualApprox(got, wantAcc, mulTol) {
						t.Errorf("%s accumulating: differs from c0 + MulRef by up to %g", name, maxDiff(got, wantAcc))
					}
				}
			}
		}
	}
}

// maxDiff returns the largest |a(i,j) − b(i,j)|, for error messages.
func maxDiff(a, b *Dense) float64 {
	d := 0.0
	for i := 0; i < a.rows; i++ {
		for j := 0; j < a.cols; j++ {
			d = math.Max(d, math.Abs(a.At(i, j)-b.At(i, j)))
		}
	}
	return d
}

func TestGramMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	// (n, d): a is n×d and aᵀ·a is d×d. d = 130 is past mc = 128; n = 300
	// past kc = 256.
	shapes := [][2]int{{0, 3}, {3, 0}, {1, 1}, {5, 3}, {7, 13}, {300, 130}, {64, 70}, {200, 784}}
	for _, kern := range availableKernels {
		for _, s := range shapes {
			for _, pad := range []int{0, 2} {
				n, d := s[0], s[1]
				a := randDense(rng, n, d, pad)
				want := New(d, d)
				want.MulRef(opCopy(a, true), a)
				got := randDense(rng, d, d, pad)
				gram(kern, a, got)
				if !EqualApprox(got, want, mulTol) {
					t.Errorf("%s Gram %d×%d (pad %d): differs from MulRef by up to %g", kern.name, n, d, pad, maxDiff(got, want))
				}
				for i := 0; i < d; i++ {
					for j := 0; j < i; j++ {
						if got.At(i, j) != got.At(j, i) {
							t.Fatalf("%s Gram %d×%d: not symmetric at (%d, %d)", kern.name, n, d, i, j)
						}
					}
				}
			}
		}
	}
}

// TestResultIndependentOfGOMAXPROCS runs products big enough to be split
// across goroutines with GOMAXPROCS = 1, 2, 3 and 4, and requires the same
// bits every time: each element is summed in the same order however the
// rows or columns are shared out.
func TestResultIndependentOfGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(7, 8))
	// A tall product (bands of rows), a wide one (bands of columns) and a
	// Gram matrix (bands of the triangle), all above minParallelWork.
	tall := [2]*Dense{randDense(rng, 301, 200, 1), randDense(rng, 200, 70, 0)}
	wide := [2]*Dense{randDense(rng, 70, 200, 0), randDense(rng, 200, 301, 2)}
	gramIn := randDense(rng, 150, 203, 0)
	for _, kern := range availableKernels {
		var first []*Dense
		for procs := 1; procs <= 4; procs++ {
			runtime.GOMAXPROCS(procs)
			results := []*Dense{New(301, 70), New(70, 301), New(70, 70), New(203, 203)}
			gemmWith(kern, false, false, tall[0], tall[1], results[0], false)
			gemmWith(kern, false, false, wide[0], wide[1], results[1], false)
			gemmWith(kern, false, true, wide[0], tall[0], results[2], false)
			gram(kern, gramIn, results[3])
			if procs == 1 {
				first = results
				continue
			}
			for r := range results {
				if !identical(results[r], first[r]) {
					t.Errorf("%s: product %d with GOMAXPROCS=%d differs in its bits from GOMAXPROCS=1", kern.name, r, procs)
				}
			}
		}
	}
}

// identical reports whether a and b hold exactly the same bits.
func identical(a, b *Dense) bool {
	for i := 0; i < a.rows; i++ {
		for j := 0; j < a.cols; j++ {
			if math.Float64bits(a.At(i, j)) != math.Float64bits(b.At(i, j)) {
				return false
			}
		}
	}
	return true
}

// TestMulAllocatesNothing checks that, once the package's workspaces and
// helper goroutines exist, the three products of a training step allocate
// nothing, on one goroutine or shared with helpers.
func TestMulAllocatesNothing(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(9, 10))
	x, w, dy := randDense(rng, 128, 784, 0), randDense(rng, 784, 256, 0), randDense(rng, 128, 256, 0)
	y, dw, dx := New(128, 256), New(784, 256), New(128, 784)
	step := func() {
		y.Mul(x, w)
		dw.AddMulTransA(x, dy)
		dx.MulTransB(dy, w)
	}
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		if allocs := testing.AllocsPerRun(5, step); allocs != 0 {
			t.Errorf("a training step's three products allocate %v times with GOMAXPROCS=%d, want 0", allocs, procs)
		}
	}
}

func TestGramAndAddMulTransAPanics(t *testing.T) {
	a := New(5, 3)
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"Gram shape", func() { New(5, 5).Gram(a) }, "matrix: Gram: destination 5×5 for (5×3)ᵀ · 5×3"},
		{"Gram alias", func() { s := New(3, 3); s.Gram(s) }, "matrix: Gram: destination 3×3 shares storage"},
		{"AddMulTransA", func() { New(3, 2).AddMulTransA(a, New(4, 2)) }, "matrix: AddMulTransA: shape mismatch 3×5 · 4×2"},
	}
	for _, tt := range tests {
		if got := panics(tt.f); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: panic %q, want prefix %q", tt.name, got, tt.want)
		}
	}
}

func TestKernelNamesAnAvailableKernel(t *testing.T) {
	for _, k := range availableKernels {
		if k.name == Kernel() {
			return
		}
	}
	t.Errorf("Kernel() = %q, not among the kernels this CPU can run", Kernel())
}
