package pca

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// knownCovariance returns Σ = Qᵀ·diag(σ²)·Q for a random orthogonal Q whose
// rows are the eigenvectors.
func knownCovariance(t *testing.T, sigma2 []float64) (cov, q *matrix.Dense) {
	t.Helper()
	d := len(sigma2)
	q = randomOrthogonal(t, rand.New(rand.NewPCG(31, 32)), d)
	ql := q.Clone()
	for i := 0; i < d; i++ {
		scale(sigma2[i], ql.Row(i))
	}
	cov = matrix.New(d, d)
	cov.MulTransA(q, ql)
	return cov, q
}

// TestSafeLearningRateIsStable: the descent at SafeLearningRate must stay
// finite for weight decay far below, at and far above σ₁², with and without
// momentum; for λ = 0 the scale of the decoder is not fixed (only W₁W₁′
// is), so only stability is checked; for λ ≥ σ₁² every direction is switched off, so the decoder
// must shrink to zero, and for λ < σ₁² its largest s² must approach
// 1 − λ/σ₁².
func TestSafeLearningRateIsStable(t *testing.T) {
	sigma2 := []float64{4, 2, 1, 0.3, 0.2, 0.1, 0.05, 0.05, 0.02, 0.01}
	cov, _ := knownCovariance(t, sigma2)
	for _, lambda := range []float64{0, 0.5, 4, 40, 1e6} {
		for _, beta := range []float64{0, 0.9} {
			eta := SafeLearningRate(sigma2[0], lambda)
			cfg := DescentConfig{K: 3, WeightDecay: lambda, LearningRate: eta, Momentum: beta, Steps: 3000, InitStd: 0.1}
			ae, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 2)), nil)
			if err != nil {
				t.Errorf("λ=%g β=%g η=%g: %v", lambda, beta, eta, err)
				continue
			}
			if lambda == 0 {
				continue
			}
			_, s, _, err := SVD(ae.Decoder)
			if err != nil {
				t.Fatal(err)
			}
			theory := math.Max(0, 1-lambda/sigma2[0])
			// At λ = σ₁² the top direction decays only polynomially (the
			// loss is quartic there), so it gets a looser tolerance.
			tol := 1e-6
			if lambda == sigma2[0] {
				tol = 0.05
			}
			if !(math.Abs(s[0]*s[0]-theory) <= tol) { // written so that NaN fails
				t.Errorf("λ=%g β=%g: largest s² = %.8f, theory max(0, 1 − λ/σ₁²) = %.8f", lambda, beta, s[0]*s[0], theory)
			}
		}
	}
}

// TestLearningRateBoundGrowsWithWeightDecay: with λ = 40 ≫ σ₁² = 4 the
// curvature at the small initial weights is σ₁² + λ = 44 (SafeLearningRate's
// doc comment), so heavy-ball descent with β = 0.9 must diverge just above
// η = 2(1+β)/44 and settle just below it: the old advice, η below
// 1/(2σ₁²) = 0.125, ignored λ and is unstable here.
func TestLearningRateBoundGrowsWithWeightDecay(t *testing.T) {
	sigma2 := []float64{4, 2, 1, 0.3, 0.2}
	cov, _ := knownCovariance(t, sigma2)
	const lambda, beta = 40.0, 0.9
	limit := 2 * (1 + beta) / (sigma2[0] + lambda)
	for _, tt := range []struct {
		eta     float64
		diverge bool
	}{
		{1.1 * limit, true},
		{0.9 * limit, false},
		{0.125, true}, // 1/(2σ₁²), the old rule of thumb
		{SafeLearningRate(sigma2[0], lambda), false},
	} {
		cfg := DescentConfig{K: 2, WeightDecay: lambda, LearningRate: tt.eta, Momentum: beta, Steps: 2000, InitStd: 0.1}
		ae, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(5, 6)), nil)
		switch {
		case tt.diverge && !errors.As(err, new(*DivergedError)):
			t.Errorf("η = %.4g (%.2f × the limit): err = %v, want divergence", tt.eta, tt.eta/limit, err)
		case !tt.diverge && err != nil:
			t.Errorf("η = %.4g (%.2f × the limit): %v", tt.eta, tt.eta/limit, err)
		case !tt.diverge && !(ae.Decoder.Norm() <= 1e-6):
			t.Errorf("η = %.4g: decoder norm %.3g, want ≈ 0 (every σ² < λ)", tt.eta, ae.Decoder.Norm())
		}
	}
}

// TestFitLinearAutoencoderStopsOnProgressError: an error from progress
// stops the descent at once and is returned unchanged.
func TestFitLinearAutoencoderStopsOnProgressError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	cfg := DescentConfig{K: 2, WeightDecay: 0, LearningRate: 0.1, Momentum: 0.9, Steps: 100, InitStd: 0.1}
	_, err := FitLinearAutoencoder(identity(4), cfg, rand.New(rand.NewPCG(1, 1)), func(step int, _ *LinearAutoencoder, _ float64) error {
		calls++
		if step == 3 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 4 {
		t.Errorf("err = %v after %d calls; want the progress error after 4 calls (steps 0 to 3)", err, calls)
	}
}

// TestFitContextCancelled: a cancelled context stops Fit with an error that
// wraps context.Canceled.
func TestFitContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	x := randomNormal(rand.New(rand.NewPCG(7, 8)), 10, 3)
	if _, err := FitContext(ctx, x); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want one wrapping context.Canceled", err)
	}
	if _, err := FitContext(context.Background(), x); err != nil {
		t.Errorf("with a live context: %v", err)
	}
}
