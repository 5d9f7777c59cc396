package matrix

import (
	"math/rand/v2"
	"testing"
)

// randDense returns an r×c matrix of uniform values in [−1, 1). When pad > 0
// the matrix is a view with stride c+pad, so kernels see a real stride.
func randDense(rng *rand.Rand, r, c, pad int) *Dense {
	big := New(r, c+pad)
	for i := range big.data {
		big.data[i] = 2*rng.Float64() - 1
	}
	return &Dense{rows: r, cols: c, stride: c + pad, data: big.data}
}

// mulShapes are (r, k, c) triples: empty, 1×1, odd, and the MNIST shape.
var mulShapes = [][3]int{
	{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {2, 3, 5}, {7, 13, 11},
	{17, 1, 33}, {33, 65, 9}, {64, 64, 64}, {129, 257, 31}, {128, 784, 256},
}

// The tolerance 1e-12 allows for a different order of summation between a
// kernel and the reference: each product of k terms of size ≤ 1 carries a
// rounding error of about k·2⁻⁵³ ≈ 1e-13 for k = 784.
const mulTol = 1e-12

func TestMulMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range mulShapes {
		for _, pad := range []int{0, 3} {
			r, k, c := s[0], s[1], s[2]
			a, b := randDense(rng, r, k, pad), randDense(rng, k, c, pad)
			want, got := New(r, c), randDense(rng, r, c, pad)
			want.MulRef(a, b)
			got.Mul(a, b)
			if !EqualApprox(got, want, mulTol) {
				t.Errorf("Mul %d×%d · %d×%d (pad %d) differs from MulRef", r, k, k, c, pad)
			}

			at := New(k, r)
			at.Transpose(a)
			got.Zero()
			got.MulTransA(at, b)
			if !EqualApprox(got, want, mulTol) {
				t.Errorf("MulTransA %d×%d ᵀ· %d×%d (pad %d) differs from MulRef", k, r, k, c, pad)
			}

			bt := New(c, k)
			bt.Transpose(b)
			got.Zero()
			got.MulTransB(a, bt)
			if !EqualApprox(got, want, mulTol) {
				t.Errorf("MulTransB %d×%d · (%d×%d)ᵀ (pad %d) differs from MulRef", r, k, c, k, pad)
			}
		}
	}
}

func TestMulRefSmall(t *testing.T) {
	// Worked by hand: [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50].
	a := NewFromSlice(2, 2, []float64{1, 2, 3, 4})
	b := NewFromSlice(2, 2, []float64{5, 6, 7, 8})
	c := New(2, 2)
	c.MulRef(a, b)
	want := NewFromSlice(2, 2, []float64{19, 22, 43, 50})
	if !EqualApprox(c, want, 0) {
		t.Errorf("MulRef = %v, want %v", c, want)
	}
}
