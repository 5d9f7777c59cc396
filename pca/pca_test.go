package pca

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// lowRankData returns n samples in R^d lying on mean + span(basis), basis
// being r random orthonormal rows, with coordinate j of standard deviation
// std[j]; noise adds independent N(0, noise²) to every entry.
func lowRankData(rng *rand.Rand, n, d int, std []float64, noise float64) (x, basis *matrix.Dense, mean []float64) {
	r := len(std)
	q := randomNormal(rng, r, d)
	basis, err := Orthonormalize(q)
	if err != nil {
		panic(err)
	}
	mean = make([]float64, d)
	for j := range mean {
		mean[j] = rng.Float64()
	}
	codes := randomNormal(rng, n, r)
	for i := 0; i < n; i++ {
		for j := range codes.Row(i) {
			codes.Row(i)[j] *= std[j]
		}
	}
	x = matrix.New(n, d)
	x.Mul(codes, basis)
	for i := 0; i < n; i++ {
		row := x.Row(i)
		for j := range row {
			row[j] += mean[j] + noise*rng.NormFloat64()
		}
	}
	return x, basis, mean
}

// TestFitKnownSubspace: data of rank 3 in R^12; the top three components
// must span the subspace the data was drawn from (angles ≈ 0), and the other
// variances must be zero.
func TestFitKnownSubspace(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x, basis, _ := lowRankData(rng, 500, 12, []float64{5, 2, 1}, 0)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	top, err := p.Top(3)
	if err != nil {
		t.Fatal(err)
	}
	angles, err := PrincipalAngles(top, basis)
	if err != nil {
		t.Fatal(err)
	}
	// 1e-6 rad: angles are acos of a cosine, accurate to about √ε ≈ 1.5e-8.
	for i, a := range angles {
		if !(a <= 1e-6) { // written so that NaN fails
			t.Errorf("angle %d between the top 3 components and the true subspace = %.3g rad, want ≈ 0", i, a)
		}
	}
	// The variances beyond rank 3 are zero up to roundoff of the largest (≈ 25).
	for i, v := range p.Variances[3:] {
		if !(math.Abs(v) <= 1e-12*p.Variances[0]) {
			t.Errorf("variance %d = %.3g, want 0 (rank 3 data)", i+3, v)
		}
	}
	if off := maxOffIdentity(p.Components); !(off <= 1e-12) {
		t.Errorf("components not orthonormal: %.3g", off)
	}
}

// TestFitSmallCovariance checks Fit against a covariance computed by hand.
func TestFitSmallCovariance(t *testing.T) {
	// Four samples in R²: mean (1, 2); centred ±(1, 1), x and y perfectly
	// correlated, so Σ = (1/4)·4·[[1, 1], [1, 1]] with eigenvalues 2 and 0,
	// the first along (1, 1)/√2.
	x := matrix.NewFromSlice(4, 2, []float64{0, 1, 2, 3, 0, 1, 2, 3})
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	if p.Mean[0] != 1 || p.Mean[1] != 2 {
		t.Errorf("mean = %v, want [1 2]", p.Mean)
	}
	wantCov := matrix.NewFromSlice(2, 2, []float64{1, 1, 1, 1})
	if !matrix.EqualApprox(p.Covariance, wantCov, 1e-15) {
		t.Errorf("covariance = %v, want %v", p.Covariance, wantCov)
	}
	if !(math.Abs(p.Variances[0]-2) <= 1e-15) || !(math.Abs(p.Variances[1]) <= 1e-15) {
		t.Errorf("variances = %v, want [2 0]", p.Variances)
	}
	h := 1 / math.Sqrt2
	if !(math.Abs(p.Components.At(0, 0)-h) <= 1e-15) || !(math.Abs(p.Components.At(0, 1)-h) <= 1e-15) {
		t.Errorf("first component = %v, want (1, 1)/√2", p.Components.Row(0))
	}
}

// TestFitFewerSamplesThanFeatures: n = 5 < d = 20. The centred data has
// rank n − 1 = 4, so exactly 4 variances are non-zero, and k = 4 reconstructs
// the training samples exactly.
func TestFitFewerSamplesThanFeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := randomNormal(rng, 5, 20)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range p.Variances {
		if tol := 1e-12 * p.Variances[0]; i < 4 && !(v > tol) || i >= 4 && !(math.Abs(v) <= tol) {
			t.Errorf("variance %d = %.3g; want non-zero exactly for the first 4", i, v)
		}
	}
	e, err := p.ReconstructionError(x, 4)
	if err != nil {
		t.Fatal(err)
	}
	if !(e <= 1e-24) {
		t.Errorf("error with k = n−1 on the training samples = %.3g, want 0", e)
	}
}

// TestFitConstantColumn: a feature that never changes (like MNIST's corner
// pixels) has zero variance; its axis is a component with variance 0 and the
// other components do not touch it.
func TestFitConstantColumn(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	x := randomNormal(rng, 100, 4)
	for i := 0; i < x.Rows(); i++ {
		x.Set(i, 2, 0.25)
	}
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	last := p.Components.Row(3)
	if !(math.Abs(p.Variances[3]) <= 1e-15) || !(math.Abs(last[2]-1) <= 1e-12) {
		t.Errorf("last component %v with variance %.3g; want e₂ with variance 0", last, p.Variances[3])
	}
	for i := 0; i < 3; i++ {
		if !(math.Abs(p.Components.At(i, 2)) <= 1e-12) {
			t.Errorf("component %d = %v has weight on the constant column", i, p.Components.Row(i))
		}
	}
	if _, err := p.WhitenZCA(x, 0); err == nil {
		t.Error("ZCA with ε = 0 and a zero-variance direction: no error")
	}
	if _, err := p.WhitenZCA(x, 1e-5); err != nil {
		t.Errorf("ZCA with ε = 1e-5: %v", err)
	}
}

func TestFitErrors(t *testing.T) {
	withNaN := matrix.New(3, 2)
	withNaN.Set(1, 1, math.NaN())
	tests := []struct {
		name string
		x    *matrix.Dense
		want string
	}{
		{"no rows", matrix.New(0, 5), "need at least one row"},
		{"no columns", matrix.New(5, 0), "need at least one row and one column"},
		{"NaN", withNaN, "sample 1, feature 1 is NaN"},
	}
	for _, tt := range tests {
		_, err := Fit(tt.x)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "pca: ") {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestKOutOfRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x := randomNormal(rng, 10, 3)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, -1, 4} {
		if _, err := p.Top(k); err == nil {
			t.Errorf("Top(%d): no error", k)
		}
		if _, err := p.Project(x, k); err == nil {
			t.Errorf("Project(x, %d): no error", k)
		}
		if _, err := p.ReconstructionError(x, k); err == nil {
			t.Errorf("ReconstructionError(x, %d): no error", k)
		}
		if _, err := p.WhitenPCA(x, k, 0); err == nil {
			t.Errorf("WhitenPCA(x, %d): no error", k)
		}
	}
	if _, err := p.Project(matrix.New(2, 4), 1); err == nil {
		t.Error("Project with 4 columns for a 3-feature PCA: no error")
	}
}

// TestReconstruction: with all d components the reconstruction is exact;
// the error curve computed by Pythagoras agrees with reconstructing at
// every k, decreases, and ends at 0.
func TestReconstruction(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	x, _, _ := lowRankData(rng, 200, 8, []float64{4, 3, 2, 1}, 0.1)
	test, _, _ := lowRankData(rng, 50, 8, []float64{4, 3, 2, 1}, 0.1)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	curve, err := p.ErrorCurve(test, 8)
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= 8; k++ {
		e, err := p.ReconstructionError(test, k)
		if err != nil {
			t.Fatal(err)
		}
		if !(math.Abs(e-curve[k]) <= 1e-12*curve[0]) {
			t.Errorf("k = %d: ReconstructionError %.15g, ErrorCurve %.15g", k, e, curve[k])
		}
		if !(curve[k] <= curve[k-1]+1e-12) {
			t.Errorf("error curve rises at k = %d: %v", k, curve)
		}
	}
	if !(curve[8] <= 1e-12*curve[0]) {
		t.Errorf("error with all components = %.3g, want 0", curve[8])
	}
	// On the training data, the error with k components is the sum of the
	// variances left out (the eigenvalues k..d−1).
	for k := 1; k < 8; k++ {
		e, _ := p.ReconstructionError(x, k)
		left := 0.0
		for _, v := range p.Variances[k:] {
			left += v
		}
		if !(math.Abs(e-left) <= 1e-12*curve[0]) {
			t.Errorf("k = %d: training error %.15g, sum of the remaining variances %.15g", k, e, left)
		}
	}
}

func TestVarianceRatios(t *testing.T) {
	p := &PCA{Mean: make([]float64, 4), Variances: []float64{6, 2, 1.5, 0.5}}
	ratio, err := p.ExplainedVarianceRatio()
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.6, 0.2, 0.15, 0.05} // the variances over their sum, 10
	for i := range want {
		if !(math.Abs(ratio[i]-want[i]) <= 1e-15) {
			t.Errorf("ratio = %v, want %v", ratio, want)
		}
	}
	tests := []struct {
		fraction float64
		k        int
	}{
		{0.5, 1}, {0.6, 1}, {0.61, 2}, {0.8, 2}, {0.9, 3}, {0.95, 3}, {0.96, 4}, {1, 4},
	}
	for _, tt := range tests {
		k, err := p.ComponentsFor(tt.fraction)
		if err != nil || k != tt.k {
			t.Errorf("ComponentsFor(%v) = %d, %v; want %d", tt.fraction, k, err, tt.k)
		}
	}
	for _, bad := range []float64{0, -0.1, 1.01, math.NaN()} {
		if _, err := p.ComponentsFor(bad); err == nil {
			t.Errorf("ComponentsFor(%v): no error", bad)
		}
	}
	if _, err := (&PCA{Mean: make([]float64, 2), Variances: []float64{0, 0}}).ExplainedVarianceRatio(); err == nil {
		t.Error("no variance: no error")
	}
}

// TestWhitening: on the fitting data, PCA- and ZCA-whitened samples have the
// identity as covariance; ZCA's whitening matrix is symmetric, so it also
// keeps the data closest to the original.
func TestWhitening(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	x, _, _ := lowRankData(rng, 400, 5, []float64{3, 2, 1, 0.5, 0.2}, 0)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	pw, err := p.WhitenPCA(x, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	zw, err := p.WhitenZCA(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		name string
		m    *matrix.Dense
	}{{"PCA", pw}, {"ZCA", zw}} {
		q, err := Fit(w.m)
		if err != nil {
			t.Fatal(err)
		}
		if !matrix.EqualApprox(q.Covariance, identity(w.m.Cols()), 1e-10) {
			t.Errorf("%s-whitened covariance is not I:\n%v", w.name, q.Covariance)
		}
	}
	// With ε > 0 the whitened variances are λ/(λ+ε) < 1.
	pe, _ := p.WhitenPCA(x, 1, 1)
	q, _ := Fit(pe)
	want := p.Variances[0] / (p.Variances[0] + 1)
	if !(math.Abs(q.Variances[0]-want) <= 1e-10) {
		t.Errorf("variance with ε = 1: %.12g, want λ/(λ+ε) = %.12g", q.Variances[0], want)
	}
	if _, err := p.WhitenPCA(x, 2, -1); err == nil {
		t.Error("negative ε: no error")
	}
}
