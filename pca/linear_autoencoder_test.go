package pca

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestLinearAutoencoderLossIsDataLoss: the loss written through the
// covariance equals ½·mean ‖x − x·W₁·W₁′‖² + (λ/2)(‖W₁‖²+‖W₁′‖²) computed on
// the centred samples themselves — the identity docs/pca.md derives.
func TestLinearAutoencoderLossIsDataLoss(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const n, d, k, lambda = 50, 7, 3, 0.3
	x := randomNormal(rng, n, d)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	xc := p.centre(x)
	w1, w2 := randomNormal(rng, d, k), randomNormal(rng, k, d)
	codes := matrix.New(n, k)
	codes.Mul(xc, w1)
	xhat := matrix.New(n, d)
	xhat.Mul(codes, w2)
	xhat.Sub(xc, xhat)
	e := xhat.Norm()
	n1, n2 := w1.Norm(), w2.Norm()
	direct := 0.5*e*e/n + 0.5*lambda*(n1*n1+n2*n2)
	viaCov := LinearAutoencoderLoss(p.Covariance, w1, w2, lambda)
	if !(math.Abs(direct-viaCov) <= 1e-12*direct) { // written so that NaN fails
		t.Errorf("loss through Σ = %.17g, on the samples = %.17g", viaCov, direct)
	}
}

// TestLinearAutoencoderGradient checks the analytic gradient against central
// differences (f(θ+h) − f(θ−h))/2h, entry by entry, on a small random problem.
func TestLinearAutoencoderGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, tt := range []struct {
		d, k   int
		lambda float64
	}{{6, 2, 0}, {6, 2, 0.5}, {5, 5, 0.1}, {4, 1, 2}} {
		g := randomNormal(rng, 2*tt.d, tt.d)
		cov := matrix.New(tt.d, tt.d)
		cov.MulTransA(g, g)
		cov.Scale(1/float64(2*tt.d), cov)
		w1, w2 := randomNormal(rng, tt.d, tt.k), randomNormal(rng, tt.k, tt.d)
		g1, g2 := matrix.New(tt.d, tt.k), matrix.New(tt.k, tt.d)
		LinearAutoencoderGradient(cov, w1, w2, tt.lambda, g1, g2)

		// h = 1e-5: the truncation error of central differences is O(h²)
		// ≈ 1e-10 relative and the rounding error ε·L/h ≈ 1e-11, so 1e-7
		// separates a right gradient from a wrong one by orders of magnitude.
		const h, tol = 1e-5, 1e-7
		var num, ana []float64
		for _, pair := range []struct{ w, g *matrix.Dense }{{w1, g1}, {w2, g2}} {
			for i := 0; i < pair.w.Rows(); i++ {
				for j := range pair.w.Row(i) {
					old := pair.w.At(i, j)
					pair.w.Set(i, j, old+h)
					fp := LinearAutoencoderLoss(cov, w1, w2, tt.lambda)
					pair.w.Set(i, j, old-h)
					fm := LinearAutoencoderLoss(cov, w1, w2, tt.lambda)
					pair.w.Set(i, j, old)
					num = append(num, (fp-fm)/(2*h))
					ana = append(ana, pair.g.At(i, j))
				}
			}
		}
		var diff, sum float64
		for i := range num {
			diff += (num[i] - ana[i]) * (num[i] - ana[i])
		}
		diff = math.Sqrt(diff)
		sum = math.Sqrt(dot(num, num)) + math.Sqrt(dot(ana, ana))
		rel := diff / math.Max(sum, 1e-300)
		if !(rel <= tol) {
			t.Errorf("d=%d k=%d λ=%v: relative gradient error %.3g > %g", tt.d, tt.k, tt.lambda, rel, tol)
		}
	}
}

// TestFitLinearAutoencoderRecoversComponents: on a covariance with known,
// well-separated eigenvalues, descent with weight decay λ must find the top
// k eigenvectors individually (cos² ≈ 1 between the decoder's right singular
// vectors and the components) with s² = 1 − λ/σ² (Kunin et al. 2019), and
// without weight decay at least their span.
func TestFitLinearAutoencoderRecoversComponents(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	const d, k = 10, 3
	sigma2 := []float64{4, 2, 1, 0.3, 0.2, 0.1, 0.05, 0.05, 0.02, 0.01}
	q := randomOrthogonal(t, rng, d)
	ql := q.Clone()
	for i := 0; i < d; i++ {
		scale(sigma2[i], ql.Row(i))
	}
	cov := matrix.New(d, d)
	cov.MulTransA(q, ql) // Σ = Qᵀ·diag(σ²)·Q, eigenvectors the rows of q
	for _, lambda := range []float64{0, 0.2} {
		cfg := DescentConfig{K: k, WeightDecay: lambda, LearningRate: 0.05, Momentum: 0.9, Steps: 3000, InitStd: 0.1}
		ae, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 2)), nil)
		if err != nil {
			t.Fatal(err)
		}
		angles, err := PrincipalAngles(ae.Decoder, q.SliceRows(0, k))
		if err != nil {
			t.Fatal(err)
		}
		if !(angles[k-1] <= 1e-5) {
			t.Errorf("λ=%v: largest principal angle to the top %d components = %.3g rad", lambda, k, angles[k-1])
		}
		if lambda == 0 {
			continue
		}
		_, s, v, err := SVD(ae.Decoder) // Decoder = U·S·Vᵀ; V's columns are pixel-space directions
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < k; i++ {
			c := 0.0
			for j := 0; j < d; j++ {
				c += v.At(j, i) * q.At(i, j)
			}
			if !(c*c >= 1-1e-8) {
				t.Errorf("λ=%v: cos² of singular vector %d with component %d = %.10f", lambda, i, i, c*c)
			}
			theory := 1 - lambda/sigma2[i]
			if !(math.Abs(s[i]*s[i]-theory) <= 1e-8) {
				t.Errorf("λ=%v: s²[%d] = %.10f, theory 1 − λ/σ² = %.10f", lambda, i, s[i]*s[i], theory)
			}
		}
	}
}

func TestFitLinearAutoencoderDeterministic(t *testing.T) {
	cov := identity(5)
	cfg := DescentConfig{K: 2, WeightDecay: 0.1, LearningRate: 0.1, Momentum: 0.5, Steps: 20, InitStd: 0.1}
	a, _ := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(3, 3)), nil)
	b, _ := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(3, 3)), nil)
	if !matrix.EqualApprox(a.Decoder, b.Decoder, 0) || !matrix.EqualApprox(a.Encoder, b.Encoder, 0) {
		t.Error("the same seed gave different weights")
	}
}

func TestFitLinearAutoencoderErrors(t *testing.T) {
	good := DescentConfig{K: 2, WeightDecay: 0, LearningRate: 0.1, Momentum: 0.9, Steps: 10, InitStd: 0.1}
	tests := []struct {
		name string
		edit func(*DescentConfig)
		want string
	}{
		{"k too large", func(c *DescentConfig) { c.K = 5 }, "code size k = 5"},
		{"k zero", func(c *DescentConfig) { c.K = 0 }, "code size k = 0"},
		{"negative λ", func(c *DescentConfig) { c.WeightDecay = -1 }, "weight decay"},
		{"zero learning rate", func(c *DescentConfig) { c.LearningRate = 0 }, "learning rate"},
		{"momentum 1", func(c *DescentConfig) { c.Momentum = 1 }, "momentum"},
		{"negative steps", func(c *DescentConfig) { c.Steps = -1 }, "steps"},
		{"zero init", func(c *DescentConfig) { c.InitStd = 0 }, "initial standard deviation"},
		// η = 10 on Σ = 10·I is far past the stability limit 2(1+β)/(2σ²) = 0.19
		// (SafeLearningRate's doc comment): it diverges.
		{"diverging", func(c *DescentConfig) { c.LearningRate = 10; c.Steps = 200 }, "lower the learning rate"},
	}
	cov := identity(4)
	cov.Scale(10, cov)
	for _, tt := range tests {
		cfg := good
		tt.edit(&cfg)
		_, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	// The divergence is a value a caller can inspect, not only a text.
	cfg := good
	cfg.LearningRate, cfg.Steps = 10, 200
	_, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), nil)
	var de *DivergedError
	if !errors.As(err, &de) || de.LearningRate != 10 || de.Step < 1 || de.Step > 200 || !(math.IsNaN(de.Loss) || math.IsInf(de.Loss, 0) || de.Loss > DivergenceGrowth*de.Start) {
		t.Errorf("diverging: err = %#v, want a *DivergedError at a step in 1..200, rate 10, loss not finite or past DivergenceGrowth times its start", err)
	}
}

// TestLinearAutoencoderReconstruct: with the top k components as decoder
// rows and their transpose as encoder, the linear autoencoder is PCA, and
// its reconstructions are PCA's.
func TestLinearAutoencoderReconstruct(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	x, _, _ := lowRankData(rng, 60, 6, []float64{3, 2, 1}, 0.2)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	top, _ := p.Top(2)
	ae := &LinearAutoencoder{Encoder: matrix.New(6, 2), Decoder: top.Clone()}
	ae.Encoder.Transpose(top)
	codes, _ := p.Project(x, 2)
	want, _ := p.Reconstruct(codes)
	if got := ae.Reconstruct(x, p.Mean); !matrix.EqualApprox(got, want, 1e-12) {
		t.Errorf("linear autoencoder with W₁ = Vₖᵀ, W₁′ = Vₖ differs from PCA's reconstruction")
	}
	// SSEPerImage, block by block, against the full reconstruction.
	diff := matrix.New(x.Rows(), x.Cols())
	diff.Sub(x, want)
	norm := diff.Norm()
	if got, full := ae.SSEPerImage(x, p.Mean), norm*norm/float64(x.Rows()); !(math.Abs(got-full) <= 1e-12*full) {
		t.Errorf("SSEPerImage %v, from the full reconstruction %v", got, full)
	}
}
