package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// svdTol: one-sided Jacobi is accurate to a few hundred units of roundoff
// (2.2e-16) relative to the largest singular value at these sizes.
const svdTol = 1e-12

func TestSVD(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	rank2 := matrix.New(6, 4)
	rank2.MulTransB(randomNormal(rng, 6, 2), randomNormal(rng, 4, 2)) // 6×2 · 2×4
	tests := []struct {
		name string
		a    *matrix.Dense
		want []float64 // singular values, descending; nil if unknown
	}{
		{"1×1 negative", matrix.NewFromSlice(1, 1, []float64{-2}), []float64{2}},
		{"diagonal", matrix.NewFromSlice(2, 2, []float64{1, 0, 0, -3}), []float64{3, 1}},
		// [[3, 0], [4, 5]]: AᵀA = [[25, 20], [20, 25]], eigenvalues 45 and 5.
		{"2×2 closed form", matrix.NewFromSlice(2, 2, []float64{3, 0, 4, 5}), []float64{math.Sqrt(45), math.Sqrt(5)}},
		{"zero", matrix.New(3, 2), []float64{0, 0}},
		{"tall random", randomNormal(rng, 9, 4), nil},
		{"wide random", randomNormal(rng, 3, 8), nil},
		{"rank 2 of 4", rank2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, n := tt.a.Dims()
			r := min(m, n)
			u, s, v, err := SVD(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if u.Rows() != m || u.Cols() != r || v.Rows() != n || v.Cols() != r || len(s) != r {
				t.Fatalf("shapes u %d×%d, s %d, v %d×%d for a %d×%d", u.Rows(), u.Cols(), len(s), v.Rows(), v.Cols(), m, n)
			}
			size := math.Max(1, s[0])
			for i := range s {
				if i > 0 && !(s[i] <= s[i-1]) { // written so that NaN fails
					t.Errorf("singular values not descending: %v", s)
				}
				if tt.want != nil && !(math.Abs(s[i]-tt.want[i]) <= svdTol*size) {
					t.Errorf("s[%d] = %.17g, want %.17g", i, s[i], tt.want[i])
				}
			}
			ut := matrix.New(r, m)
			ut.Transpose(u)
			vt := matrix.New(r, n)
			vt.Transpose(v)
			if off := maxOffIdentity(ut); !(off <= svdTol) {
				t.Errorf("columns of u not orthonormal: %.3g", off)
			}
			if off := maxOffIdentity(vt); !(off <= svdTol) {
				t.Errorf("columns of v not orthonormal: %.3g", off)
			}
			// u·diag(s)·vᵀ must give back a.
			us := u.Clone()
			for i := 0; i < m; i++ {
				for j := range us.Row(i) {
					us.Row(i)[j] *= s[j]
				}
			}
			back := matrix.New(m, n)
			back.MulTransB(us, v)
			if !matrix.EqualApprox(back, tt.a, svdTol*size) {
				t.Errorf("u·s·vᵀ differs from a:\n%v\nwant\n%v", back, tt.a)
			}
		})
	}
}

func TestSVDErrors(t *testing.T) {
	if _, _, _, err := SVD(matrix.New(0, 3)); err == nil {
		t.Error("empty: no error")
	}
	if _, _, _, err := SVD(matrix.NewFromSlice(1, 2, []float64{1, math.Inf(1)})); err == nil {
		t.Error("Inf: no error")
	}
}
