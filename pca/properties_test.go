package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// Properties the doc comments of the package state, each checked here
// without the package's own helpers (signOfLargest, for one, is what the
// sign convention is built from, so it cannot also be its judge).

// largestEntry returns the entry of v with the largest magnitude, the
// first one if several tie.
func largestEntry(v []float64) float64 {
	best := v[0]
	for _, x := range v[1:] {
		if math.Abs(x) > math.Abs(best) {
			best = x
		}
	}
	return best
}

// TestEigenSymContract: EigenSym does not modify a, reads only its lower
// triangle, and returns unit eigenvectors whose largest-magnitude entry —
// the first of several that tie — is positive.
func TestEigenSymContract(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 60))
	g := randomNormal(rng, 7, 7)
	a := matrix.New(7, 7)
	a.MulTransA(g, g)
	before := a.Clone()
	values, vectors, err := EigenSym(a)
	if err != nil {
		t.Fatal(err)
	}
	if !matrix.EqualApprox(a, before, 0) {
		t.Error("EigenSym modified its argument")
	}
	// The same matrix with garbage above the diagonal: the same answer.
	lower := a.Clone()
	for i := 0; i < 7; i++ {
		for j := i + 1; j < 7; j++ {
			lower.Set(i, j, 1e6*float64(i-j))
		}
	}
	values2, vectors2, err := EigenSym(lower)
	if err != nil {
		t.Fatal(err)
	}
	if !equalSlices(values, values2) || !matrix.EqualApprox(vectors, vectors2, 0) {
		t.Error("EigenSym read the upper triangle")
	}
	for i := 0; i < 7; i++ {
		row := vectors.Row(i)
		if big := largestEntry(row); !(big > 0) {
			t.Errorf("eigenvector %d = %v: its largest entry %g is not positive", i, row, big)
		}
		if n := math.Sqrt(dot(row, row)); !(math.Abs(n-1) <= 1e-14) {
			t.Errorf("eigenvector %d has norm %.17g", i, n)
		}
	}
	// Ties: [[0, 1], [1, 0]] has eigenvalues 1 and −1 with eigenvectors
	// (1, 1)/√2 and (1, −1)/√2, whose two entries tie in magnitude: the
	// first must be the positive one.
	_, v, err := EigenSym(matrix.NewFromSlice(2, 2, []float64{0, 1, 1, 0}))
	if err != nil {
		t.Fatal(err)
	}
	h := 1 / math.Sqrt2
	if want := matrix.NewFromSlice(2, 2, []float64{h, h, h, -h}); !matrix.EqualApprox(v, want, 1e-15) {
		t.Errorf("eigenvectors of [[0 1] [1 0]] = %v, want %v", v, want)
	}
}

// TestFitComponentsContract: Fit's components are orthonormal rows in
// descending order of variance, each with its largest-magnitude entry
// positive, and component i's variance is vᵢᵀΣvᵢ.
func TestFitComponentsContract(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	x, _, _ := lowRankData(rng, 200, 6, []float64{3, 2, 1.5, 1, 0.5, 0.1}, 0)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	if off := maxOffIdentity(p.Components); !(off <= 1e-13) {
		t.Errorf("components not orthonormal: %.3g", off)
	}
	for i := 0; i < 6; i++ {
		row := p.Components.Row(i)
		if !(largestEntry(row) > 0) {
			t.Errorf("component %d = %v has its largest entry negative", i, row)
		}
		q := 0.0
		for a := 0; a < 6; a++ {
			for b := 0; b < 6; b++ {
				q += row[a] * p.Covariance.At(a, b) * row[b]
			}
		}
		if !(math.Abs(q-p.Variances[i]) <= 1e-12*p.Variances[0]) {
			t.Errorf("component %d: vᵀΣv = %.15g, variance %.15g", i, q, p.Variances[i])
		}
		if i > 0 && !(p.Variances[i] <= p.Variances[i-1]) {
			t.Errorf("variances not descending at %d: %v", i, p.Variances)
		}
	}
}

// TestSVDContract: SVD does not modify a, and every column of u has its
// largest-magnitude entry positive.
func TestSVDContract(t *testing.T) {
	rng := rand.New(rand.NewPCG(63, 64))
	for _, a := range []*matrix.Dense{randomNormal(rng, 6, 3), randomNormal(rng, 3, 6), matrix.NewFromSlice(2, 2, []float64{-1, 0, 0, -5})} {
		before := a.Clone()
		u, _, _, err := SVD(a)
		if err != nil {
			t.Fatal(err)
		}
		if !matrix.EqualApprox(a, before, 0) {
			t.Error("SVD modified its argument")
		}
		for j := 0; j < u.Cols(); j++ {
			col := make([]float64, u.Rows())
			for i := range col {
				col[i] = u.At(i, j)
			}
			if !(largestEntry(col) > 0) {
				t.Errorf("column %d of u = %v has its largest entry negative", j, col)
			}
		}
	}
}

// TestRowBasisIsScaleFree: the rank RowBasis finds is relative to the
// largest singular value, so a matrix and the same matrix times 1e-12 or
// 1e12 have the same rank: a decoder of small weights spans as much as a
// large one.
func TestRowBasisIsScaleFree(t *testing.T) {
	a := matrix.NewFromSlice(3, 4, []float64{1, 2, 0, 0, 0, 1, 1, 0, 1, 3, 1, 0}) // row 2 = row 0 + row 1: rank 2
	for _, s := range []float64{1, 1e-12, 1e12} {
		b := a.Clone()
		b.Scale(s, b)
		basis, err := RowBasis(b)
		if err != nil {
			t.Fatal(err)
		}
		if basis.Rows() != 2 {
			t.Errorf("scale %g: rank %d, want 2", s, basis.Rows())
		}
		if off := maxOffIdentity(basis); !(off <= 1e-14) {
			t.Errorf("scale %g: basis not orthonormal: %.3g", s, off)
		}
	}
}

// TestSubspaceMeasuresByHand: SubspaceDistance divides by k, the number of
// reference directions (rows of u), whatever the number of rows of w;
// Cos2 is normalised by both lengths.
func TestSubspaceMeasuresByHand(t *testing.T) {
	u := matrix.NewFromSlice(2, 4, []float64{1, 0, 0, 0, 0, 1, 0, 0})
	tests := []struct {
		name string
		w    *matrix.Dense
		want float64
	}{
		// w spans u's plane and one more direction: nothing of u is missed.
		{"w larger, containing u", matrix.NewFromSlice(3, 4, []float64{2, 0, 0, 0, 0, 0, 0, 3, 0, -1, 0, 0}), 0},
		// w spans e₀, e₂ and e₃: of u's two directions, e₁ is missed: ½.
		{"w larger, missing one", matrix.NewFromSlice(3, 4, []float64{1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}), 0.5},
		// w is one line, (1, 1, 0, 0)/√2: cos² ½ with each of u's rows: 1 − (½ + ½)/2.
		{"w one line", matrix.NewFromSlice(1, 4, []float64{1, 1, 0, 0}), 0.5},
	}
	for _, tt := range tests {
		got, err := SubspaceDistance(u, tt.w)
		if err != nil || !(math.Abs(got-tt.want) <= 1e-15) {
			t.Errorf("%s: SubspaceDistance = %.17g, %v; want %g", tt.name, got, err, tt.want)
		}
	}
	// cos²((1, 0), (3, 3)) = 9 / (1·18) = ½; cos²((0, 2), (3, 3)) = 36 / (4·18) = ½;
	// cos²((1, 0), (0, −4)) = 0.
	c, err := Cos2(matrix.NewFromSlice(2, 2, []float64{1, 0, 0, 2}), matrix.NewFromSlice(2, 2, []float64{3, 3, 0, -4}))
	if want := matrix.NewFromSlice(2, 2, []float64{0.5, 0, 0.5, 1}); err != nil || !matrix.EqualApprox(c, want, 1e-15) {
		t.Errorf("Cos2 = %v, %v; want %v", c, err, want)
	}
}

// TestOrthonormalizeKeepsTheOrder: row i of the result lies in the span of
// rows 0..i of a, that is a = L·Q with L lower triangular: aᵢ·qⱼ = 0 for
// every j > i (and aᵢ·qᵢ > 0, Gram–Schmidt keeping each row's direction);
// the rows of Q are orthonormal.
func TestOrthonormalizeKeepsTheOrder(t *testing.T) {
	a := randomNormal(rand.New(rand.NewPCG(65, 66)), 4, 6)
	q, err := Orthonormalize(a)
	if err != nil {
		t.Fatal(err)
	}
	if off := maxOffIdentity(q); !(off <= 1e-14) {
		t.Errorf("rows not orthonormal: %.3g", off)
	}
	for i := 0; i < 4; i++ {
		for j := i + 1; j < 4; j++ {
			if d := dot(a.Row(i), q.Row(j)); !(math.Abs(d) <= 1e-13) {
				t.Errorf("a row %d · q row %d = %.3g, want 0: q row %d is not in the span of a's rows up to it", i, j, d, j)
			}
		}
		if d := dot(a.Row(i), q.Row(i)); !(d > 0) {
			t.Errorf("a row %d · q row %d = %g, want a positive number", i, i, d)
		}
	}
}

// TestOrthonormalizeIllConditioned: rows that are nearly parallel (at
// 1e-8 rad) still give an orthonormal basis to working precision: one pass
// of Gram–Schmidt leaves an error of about ε/1e-8 ≈ 1e-8 in what remains of
// each row, and the second pass of the doc comment ("twice is enough")
// removes it.
func TestOrthonormalizeIllConditioned(t *testing.T) {
	a := matrix.NewFromSlice(3, 4, []float64{
		1, 1, 1, 1,
		1, 1 + 1e-8, 1, 1,
		1, 1, 1 + 1e-8, 1 - 1e-8,
	})
	q, err := Orthonormalize(a)
	if err != nil {
		t.Fatal(err)
	}
	if off := maxOffIdentity(q); !(off <= 1e-14) {
		t.Errorf("rows of nearly parallel vectors orthonormal to only %.3g", off)
	}
}

// TestCos2RefusesZeroRows: a zero row has no direction, in either matrix.
func TestCos2RefusesZeroRows(t *testing.T) {
	ok := matrix.NewFromSlice(1, 2, []float64{1, 0})
	zero := matrix.New(1, 2)
	for _, c := range []struct{ u, w *matrix.Dense }{{zero, ok}, {ok, zero}} {
		if got, err := Cos2(c.u, c.w); err == nil {
			t.Errorf("Cos2 with a zero row: %v, no error", got)
		}
	}
}

// TestZCAIsTheClosestWhitening: of all the whitened versions of the
// centred data xc — the PCA-whitened codes turned by any rotation — ZCA's
// is the closest to xc itself, as its doc comment says. By the solution of
// the orthogonal Procrustes problem (Schönemann 1966), a whitened z is the
// closest exactly when zᵀ·xc is symmetric (and positive semi-definite): so
// zᵀ·xc must be symmetric, and its diagonal non-negative.
func TestZCAIsTheClosestWhitening(t *testing.T) {
	rng := rand.New(rand.NewPCG(69, 70))
	x, _, _ := lowRankData(rng, 300, 4, []float64{3, 2, 1, 0.5}, 0)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	z, err := p.WhitenZCA(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := matrix.New(4, 4)
	m.MulTransA(z, p.centre(x)) // zᵀ·xc
	for i := 0; i < 4; i++ {
		if !(m.At(i, i) >= 0) {
			t.Errorf("zᵀ·xc has a negative diagonal entry %d: %g", i, m.At(i, i))
		}
		for j := 0; j < i; j++ {
			// 1e-10 relative to the entries (of size about n·σ = 300·3).
			if !(math.Abs(m.At(i, j)-m.At(j, i)) <= 1e-10*m.Norm()) {
				t.Errorf("zᵀ·xc is not symmetric at (%d, %d): %g against %g", i, j, m.At(i, j), m.At(j, i))
			}
		}
	}
}
