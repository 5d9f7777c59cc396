package pca

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// eigenTol is the tolerance of the eigensolver tests, relative to the
// largest |eigenvalue| (or 1): a backward-stable method gives residuals of a
// few hundred units of roundoff (2.2e-16) times the size at n ≤ 60.
const eigenTol = 1e-12

func TestEigenSymKnown(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// randomSym returns Q·diag(λ)·Qᵀ for a random orthogonal Q.
	randomSym := func(lambda []float64) *matrix.Dense {
		n := len(lambda)
		q := randomOrthogonal(t, rng, n) // rows are the eigenvectors
		ql := q.Clone()
		for i := 0; i < n; i++ {
			scale(lambda[i], ql.Row(i))
		}
		a := matrix.New(n, n)
		a.MulTransA(q, ql) // Σᵢ λᵢ·qᵢᵀ·qᵢ
		return a
	}
	random20 := make([]float64, 20)
	for i := range random20 {
		random20[i] = rng.Float64()*10 - 5
	}
	tests := []struct {
		name string
		a    *matrix.Dense
		want []float64 // eigenvalues, in any order
	}{
		{"1×1", matrix.NewFromSlice(1, 1, []float64{-3}), []float64{-3}},
		{"zero 4×4", matrix.New(4, 4), []float64{0, 0, 0, 0}},
		{"diagonal", matrix.NewFromSlice(3, 3, []float64{2, 0, 0, 0, -1, 0, 0, 0, 7}), []float64{7, 2, -1}},
		// [[2, 1], [1, 2]] has eigenvalues 2 ± 1 (closed form (a+c)/2 ± √(((a−c)/2)² + b²)).
		{"2×2 closed form", matrix.NewFromSlice(2, 2, []float64{2, 1, 1, 2}), []float64{3, 1}},
		// [[4, 2], [2, 1]] = v·vᵀ with v = (2, 1): eigenvalues ‖v‖² = 5 and 0.
		{"2×2 singular", matrix.NewFromSlice(2, 2, []float64{4, 2, 2, 1}), []float64{5, 0}},
		{"identity (all repeated)", identity(5), []float64{1, 1, 1, 1, 1}},
		{"repeated eigenvalues", randomSym([]float64{3, 3, 3, -1, -1, 0.5}), []float64{3, 3, 3, 0.5, -1, -1}},
		{"random QΛQᵀ 20×20", randomSym(random20), random20},
		{"random rank 3 of 30", randomSym(append([]float64{9, 4, 1}, make([]float64, 27)...)), append([]float64{9, 4, 1}, make([]float64, 27)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values, vectors, err := EigenSym(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			want := append([]float64(nil), tt.want...)
			sortDesc(want)
			size := 1.0
			for _, w := range want {
				size = math.Max(size, math.Abs(w))
			}
			for i := range want {
				if !(math.Abs(values[i]-want[i]) <= eigenTol*size) { // written so that NaN fails
					t.Errorf("eigenvalue %d = %.17g, want %.17g", i, values[i], want[i])
				}
				if i > 0 && !(values[i] <= values[i-1]) {
					t.Errorf("eigenvalues not descending at %d: %v", i, values)
				}
			}
			if off := maxOffIdentity(vectors); !(off <= eigenTol) {
				t.Errorf("eigenvectors not orthonormal: max |VVᵀ − I| = %.3g", off)
			}
			if r := maxResidual(tt.a, values, vectors); !(r <= eigenTol*size) {
				t.Errorf("max |A·v − λ·v| = %.3g, want ≤ %.3g", r, eigenTol*size)
			}
			for i := 0; i < vectors.Rows(); i++ {
				if signOfLargest(vectors.Row(i)) < 0 {
					t.Errorf("eigenvector %d has its largest entry negative", i)
				}
			}
		})
	}
}

// TestEigenSymDeterministic: the same matrix gives bit-identical output.
func TestEigenSymDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	g := randomNormal(rng, 15, 15)
	a := matrix.New(15, 15)
	a.MulTransA(g, g)
	v1, q1, err1 := EigenSym(a)
	v2, q2, err2 := EigenSym(a)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !matrix.EqualApprox(q1, q2, 0) || !equalSlices(v1, v2) {
		t.Error("two runs on the same matrix differ")
	}
}

func TestEigenSymErrors(t *testing.T) {
	nan := matrix.NewFromSlice(2, 2, []float64{1, math.NaN(), math.NaN(), 1})
	if _, _, err := EigenSym(nan); err == nil || !strings.Contains(err.Error(), "NaN") {
		t.Errorf("NaN: err = %v, want one naming NaN", err)
	}
	if _, _, err := EigenSym(matrix.New(0, 0)); err == nil {
		t.Error("empty matrix: no error")
	}
	if msg := panics(func() { EigenSym(matrix.New(2, 3)) }); !strings.HasPrefix(msg, "pca: EigenSym: matrix 2×3 is not square") {
		t.Errorf("non-square: panic %q", msg)
	}
}

// maxResidual returns max over i of ‖A·vᵢ − λᵢ·vᵢ‖∞.
func maxResidual(a *matrix.Dense, values []float64, vectors *matrix.Dense) float64 {
	av := matrix.New(vectors.Rows(), a.Rows())
	av.MulTransB(vectors, a) // row i = (A·vᵢ)ᵀ, as A is symmetric
	worst := 0.0
	for i := 0; i < av.Rows(); i++ {
		for j, x := range av.Row(i) {
			worst = math.Max(worst, math.Abs(x-values[i]*vectors.At(i, j)))
		}
	}
	return worst
}

func identity(n int) *matrix.Dense {
	m := matrix.New(n, n)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

func sortDesc(x []float64) {
	for i := 1; i < len(x); i++ {
		for j := i; j > 0 && x[j] > x[j-1]; j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

func equalSlices(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
