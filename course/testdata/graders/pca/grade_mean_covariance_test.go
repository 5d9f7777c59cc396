package pca

import (
	"math"
	"testing"
)

// TestGradeMeanCovariance grades exercise pca-mean-covariance: Fit computes
// the mean μ of the rows of X and their covariance
//
//	Σ = (1/n)·Σᵢ (xᵢ − μ)ᵀ(xᵢ − μ)
//
// divided by n, not n − 1 (docs/pca.md, "PCA from the covariance"), and
// takes Components and Variances from the eigenvectors and eigenvalues of
// Σ, largest first. The expected values are worked out by hand for three
// samples, and for random data by the two-pass formula written as loops.
// Data far from the origin (a mean of 10⁶, a spread of 1) tells the
// two-pass formula from XᵀX/n − μᵀμ, which loses about 10⁻⁴ of the
// covariance to rounding there. Each component v with its variance σ² must
// satisfy Σv = σ²v for the Σ computed here.
func TestGradeMeanCovariance(t *testing.T) {
	x := gradeRows([][]float64{{1, 2}, {3, 4}, {5, 9}})
	p, err := Fit(x)
	if err != nil {
		t.Errorf("Fit of X = [1 2; 3 4; 5 9]: %v", err)
		return
	}
	// μ = (9/3, 15/3); centred rows (−2, −3), (0, −1), (2, 4); the sums of
	// their products are 8, 14 and 26.
	if !gradeExpect(t, "Fit of X = [1 2; 3 4; 5 9]: the mean", gradeRows([][]float64{p.Mean}), [][]float64{{3, 5}}, 1e-12) ||
		!gradeExpect(t, "Fit of X = [1 2; 3 4; 5 9]: the covariance", p.Covariance, [][]float64{{8.0 / 3, 14.0 / 3}, {14.0 / 3, 26.0 / 3}}, 1e-12) {
		return
	}

	rng := gradeRand(110)
	for _, c := range []struct {
		name         string
		n, d         int
		offset, tol  float64
		eigenTolNorm float64
	}{
		{"random 40×5 data", 40, 5, 0, 1e-12, 1e-10},
		{"random 30×4 data around 10⁶", 30, 4, 1e6, 1e-8, 1e-8},
	} {
		x := gradeMatrix(rng, c.n, c.d, c.offset-1, c.offset+1)
		p, err := Fit(x)
		if err != nil {
			t.Errorf("Fit of %s: %v", c.name, err)
			return
		}
		mean := make([]float64, c.d)
		for i := 0; i < c.n; i++ {
			for j, v := range x.Row(i) {
				mean[j] += v / float64(c.n)
			}
		}
		cov := make([][]float64, c.d)
		for a := range cov {
			cov[a] = make([]float64, c.d)
			for b := range cov[a] {
				for i := 0; i < c.n; i++ {
					cov[a][b] += (x.At(i, a) - mean[a]) * (x.At(i, b) - mean[b]) / float64(c.n)
				}
			}
		}
		if len(p.Mean) != c.d {
			t.Errorf("Fit of %s: the mean has %d entries, want %d", c.name, len(p.Mean), c.d)
			return
		}
		for j, m := range mean {
			if !gradeClose(p.Mean[j], m, 1e-12) {
				t.Errorf("Fit of %s: mean entry %d is %.12g, want %.12g", c.name, j, p.Mean[j], m)
				return
			}
		}
		// Entries of Σ are about 1/3; compare them to within tol of that.
		for a := range cov {
			for b := range cov[a] {
				if got := p.Covariance.At(a, b); math.Abs(got-cov[a][b]) > c.tol {
					t.Errorf("Fit of %s: covariance entry (%d, %d) is %.12g, want %.12g (centre the data before multiplying)", c.name, a, b, got, cov[a][b])
					return
				}
			}
		}
		if r, cc := p.Components.Dims(); r != c.d || cc != c.d || len(p.Variances) != c.d {
			t.Errorf("Fit of %s: %d×%d components and %d variances, want %d×%d and %d", c.name, r, cc, len(p.Variances), c.d, c.d, c.d)
			return
		}
		for i := 0; i < c.d; i++ {
			v, s2 := p.Components.Row(i), p.Variances[i]
			for a := range cov {
				sv := 0.0
				for b := range cov[a] {
					sv += cov[a][b] * v[b]
				}
				if math.Abs(sv-s2*v[a]) > c.eigenTolNorm {
					t.Errorf("Fit of %s: component %d with variance %.6g is not an eigenvector of the covariance: (Σv)_%d = %.8g, σ²v_%d = %.8g", c.name, i, s2, a, sv, a, s2*v[a])
					return
				}
			}
			if i > 0 && s2 > p.Variances[i-1] {
				t.Errorf("Fit of %s: variances %v are not in descending order", c.name, p.Variances)
				return
			}
		}
	}
}
