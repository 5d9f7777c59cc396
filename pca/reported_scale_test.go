package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// The numbers PCA reports have stated scales: the covariance is divided by
// n, not n − 1; ReconstructionError and ErrorCurve are the per-image
// Σⱼ (xⱼ − x̂ⱼ)², not halved (test_sse_per_image). These tests recompute
// each with loops from the definitions in the doc comments. The data sets
// are 2049 rows long, one more than the block Fit and SSEPerImage work
// through at a time, so that a block boundary is crossed.

const scaleRows = fitBlockRows + 1

// plainReconstruction returns μ + Σ_{c<k} ((x − μ)·v_c)·v_c for every row
// of x, v_c being row c of p.Components, by loops.
func plainReconstruction(p *PCA, x *matrix.Dense, k int) *matrix.Dense {
	n, d := x.Dims()
	out := matrix.New(n, d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			out.Set(i, j, p.Mean[j])
		}
		for c := 0; c < k; c++ {
			code := 0.0
			for j := 0; j < d; j++ {
				code += (x.At(i, j) - p.Mean[j]) * p.Components.At(c, j)
			}
			for j := 0; j < d; j++ {
				out.Set(i, j, out.At(i, j)+code*p.Components.At(c, j))
			}
		}
	}
	return out
}

// meanSSE returns (1/n)·Σᵢ Σⱼ (x(i, j) − y(i, j))², by loops.
func meanSSE(x, y *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			d := x.At(i, j) - y.At(i, j)
			s += d * d
		}
	}
	return s / float64(x.Rows())
}

func TestFitMeanAndCovarianceScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	x, _, _ := lowRankData(rng, scaleRows, 4, []float64{3, 1, 0.5}, 0.1)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	n, d := x.Dims()
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			mean[j] += x.At(i, j) / float64(n)
		}
	}
	cov := matrix.New(d, d)
	for i := 0; i < n; i++ {
		for a := 0; a < d; a++ {
			for b := 0; b < d; b++ {
				cov.Set(a, b, cov.At(a, b)+(x.At(i, a)-mean[a])*(x.At(i, b)-mean[b])/float64(n))
			}
		}
	}
	for j := range mean {
		// 1e-12: sums of 2049 terms in another order.
		if !(math.Abs(p.Mean[j]-mean[j]) <= 1e-12) {
			t.Errorf("mean %d = %.17g, want %.17g", j, p.Mean[j], mean[j])
		}
	}
	if !matrix.EqualApprox(p.Covariance, cov, 1e-12) {
		t.Errorf("covariance\n%vwant (1/n)·Σ(x−μ)ᵀ(x−μ)\n%v", p.Covariance, cov)
	}
	// The doc comment's reading of the covariance: vᵀΣv is the mean over
	// the samples of ((x−μ)·v)², for a unit vector v.
	v := []float64{0.5, -0.5, 0.5, 0.5}
	quad, proj := 0.0, 0.0
	for a := 0; a < d; a++ {
		for b := 0; b < d; b++ {
			quad += v[a] * p.Covariance.At(a, b) * v[b]
		}
	}
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < d; j++ {
			s += (x.At(i, j) - mean[j]) * v[j]
		}
		proj += s * s / float64(n)
	}
	if !(math.Abs(quad-proj) <= 1e-12*proj) {
		t.Errorf("vᵀΣv = %.17g, mean of ((x−μ)·v)² = %.17g", quad, proj)
	}
}

// TestReconstructionErrorScale: ReconstructionError(x, k) and ErrorCurve
// are the mean over the samples of Σⱼ (xⱼ − x̂ⱼ)², x̂ recomputed by loops,
// for every k, on data the PCA was not fitted on.
func TestReconstructionErrorScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(47, 48))
	train, _, _ := lowRankData(rng, 300, 5, []float64{3, 2, 1, 0.5, 0.2}, 0.05)
	test, _, _ := lowRankData(rng, scaleRows, 5, []float64{3, 2, 1, 0.5, 0.2}, 0.05)
	p, err := Fit(train)
	if err != nil {
		t.Fatal(err)
	}
	curve, err := p.ErrorCurve(test, 5)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k <= 5; k++ {
		want := meanSSE(test, plainReconstruction(p, test, k))
		// 1e-11 relative: ErrorCurve subtracts squares from a total, which
		// loses a little more than a direct sum.
		if !(math.Abs(curve[k]-want) <= 1e-11*curve[0]) {
			t.Errorf("ErrorCurve[%d] = %.15g, want the mean of Σ(x − x̂)² = %.15g", k, curve[k], want)
		}
		if k == 0 {
			continue
		}
		got, err := p.ReconstructionError(test, k)
		if err != nil {
			t.Fatal(err)
		}
		// Relative to the error at k = 0: at k = d both are rounding, 1e-29.
		if !(math.Abs(got-want) <= 1e-12*curve[0]) {
			t.Errorf("ReconstructionError(k = %d) = %.15g, want %.15g", k, got, want)
		}
		codes, err := p.Project(test, k)
		if err != nil {
			t.Fatal(err)
		}
		back, err := p.Reconstruct(codes)
		if err != nil {
			t.Fatal(err)
		}
		if want := plainReconstruction(p, test, k); !matrix.EqualApprox(back, want, 1e-12) {
			t.Errorf("k = %d: Reconstruct(Project(x)) differs from μ + Σ ((x−μ)·v)v", k)
		}
	}
}

// TestErrorCurveEndsAtKmax: ErrorCurve fills every entry up to kmax, also
// when kmax < d, where the last entry is not 0.
func TestErrorCurveEndsAtKmax(t *testing.T) {
	rng := rand.New(rand.NewPCG(67, 68))
	x, _, _ := lowRankData(rng, 100, 5, []float64{3, 2, 1, 0.5, 0.2}, 0.05)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	for kmax := 1; kmax < 5; kmax++ {
		curve, err := p.ErrorCurve(x, kmax)
		if err != nil {
			t.Fatal(err)
		}
		want := meanSSE(x, plainReconstruction(p, x, kmax))
		if len(curve) != kmax+1 || !(math.Abs(curve[kmax]-want) <= 1e-11*curve[0]) {
			t.Errorf("ErrorCurve(x, %d) = %v, want %d entries ending at %.15g", kmax, curve, kmax+1, want)
		}
	}
}

// TestLinearAutoencoderSSEScale: SSEPerImage of the linear autoencoder is
// the mean of Σⱼ (xⱼ − x̂ⱼ)² with x̂ = μ + (x − μ)·W₁·W₂, for any weights,
// across the block boundary.
func TestLinearAutoencoderSSEScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(49, 50))
	const d, k = 4, 2
	x := randomNormal(rng, scaleRows, d)
	mean := []float64{0.5, -1, 2, 0}
	ae := &LinearAutoencoder{Encoder: randomNormal(rng, d, k), Decoder: randomNormal(rng, k, d)}
	want := matrix.New(scaleRows, d)
	for i := 0; i < scaleRows; i++ {
		for j := 0; j < d; j++ {
			s := mean[j]
			for c := 0; c < k; c++ {
				code := 0.0
				for m := 0; m < d; m++ {
					code += (x.At(i, m) - mean[m]) * ae.Encoder.At(m, c)
				}
				s += code * ae.Decoder.At(c, j)
			}
			want.Set(i, j, s)
		}
	}
	if got := ae.Reconstruct(x, mean); !matrix.EqualApprox(got, want, 1e-12) {
		t.Error("Reconstruct differs from μ + (x − μ)·W₁·W₂ by loops")
	}
	if got, w := ae.SSEPerImage(x, mean), meanSSE(x, want); !(math.Abs(got-w) <= 1e-12*w) {
		t.Errorf("SSEPerImage = %.15g, want %.15g", got, w)
	}
}

// TestTopIsAView: Top(k) is a k×in view of Components, not a copy.
func TestTopIsAView(t *testing.T) {
	p, err := Fit(randomNormal(rand.New(rand.NewPCG(51, 52)), 20, 4))
	if err != nil {
		t.Fatal(err)
	}
	top, err := p.Top(2)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := top.Dims(); r != 2 || c != 4 {
		t.Fatalf("Top(2) is %d×%d", r, c)
	}
	p.Components.Set(1, 3, 42)
	if top.At(1, 3) != 42 {
		t.Error("Top(2) does not share the storage of Components")
	}
}
