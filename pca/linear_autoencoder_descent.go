package pca

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// DescentConfig sets the full-batch gradient descent of
// FitLinearAutoencoder. Every field must be set; none has a hidden default.
type DescentConfig struct {
	K            int     // code size k (the lecture's d), 1 ≤ k ≤ in, the number of inputs
	WeightDecay  float64 // λ ≥ 0: adds (λ/2)·(‖W₁‖² + ‖W₁′‖²) to the per-image loss
	LearningRate float64 // η > 0; SafeLearningRate(σ₁², λ) is always stable (see there)
	Momentum     float64 // β in [0, 1): heavy-ball momentum
	Steps        int     // number of gradient steps, ≥ 0
	InitStd      float64 // standard deviation of the random initial weights, > 0
}

// FitLinearAutoencoder trains a linear autoencoder with code size cfg.K on
// centred data whose covariance is cov (in×in, e.g. PCA.Covariance), by
// full-batch gradient descent with heavy-ball momentum on
// LinearAutoencoderLoss, the rule of nn.Momentum:
//
//	v ← β·v − η·∇L,   W ← W + v   (for W₁ and W₁′ alike)
//
// Because the loss depends on the data only through Σ, every step uses the
// exact gradient over the whole training set at the cost of two
// in×in·in×k products, independent of the number of samples. The weights start
// as independent N(0, InitStd²) draws from rng, encoder first; the same seed
// gives the same result.
//
// progress, if not nil, is called before the first step (step 0) and after
// every step with the current weights (which it must not keep or modify) and
// the loss at them. If it returns an error, the descent stops and
// FitLinearAutoencoder returns that error unchanged: this is how a caller
// stops it, e.g. by returning ctx.Err() when the user presses Ctrl-C.
// FitLinearAutoencoder returns an error for a bad configuration, and a
// *DivergedError if the loss stops being finite or grows more than
// DivergenceGrowth times above where it started (the learning rate is too
// large: see SafeLearningRate), so that a descent that explodes within its
// few steps is caught as surely as one that reaches infinity.
func FitLinearAutoencoder(cov *matrix.Dense, cfg DescentConfig, rng *rand.Rand, progress func(step int, ae *LinearAutoencoder, loss float64) error) (*LinearAutoencoder, error) {
	d := cov.Rows()
	if cov.Cols() != d {
		panic(fmt.Sprintf("pca: FitLinearAutoencoder: covariance %d×%d is not square", d, cov.Cols()))
	}
	if err := cfg.check(d); err != nil {
		return nil, err
	}
	if i, j, bad := firstNonFinite(cov); bad {
		return nil, fmt.Errorf("pca: FitLinearAutoencoder: covariance entry (%d, %d) is %v", i, j, cov.At(i, j))
	}
	k := cfg.K
	ae := &LinearAutoencoder{Encoder: matrix.New(d, k), Decoder: matrix.New(k, d)}
	for _, w := range []*matrix.Dense{ae.Encoder, ae.Decoder} {
		for i := 0; i < w.Rows(); i++ {
			for j := range w.Row(i) {
				w.Row(i)[j] = cfg.InitStd * rng.NormFloat64()
			}
		}
	}
	// The descent is nn's heavy-ball momentum, the optimizer an autoencoder
	// can be trained with, here fed the exact gradient over the whole data.
	g1, g2 := matrix.New(d, k), matrix.New(k, d)
	params := []nn.Param{{Name: "W₁", Value: ae.Encoder, Grad: g1}, {Name: "W₁′", Value: ae.Decoder, Grad: g2}}
	opt := &nn.Momentum{LearningRate: cfg.LearningRate, Mu: cfg.Momentum}
	work := newLAEWork(d, k)
	start := 0.0 // the loss's scale: at step 0, or at zero weights (½ tr Σ) if larger
	for step := 0; ; step++ {
		if step < cfg.Steps {
			// The gradient at the current weights; the loss below reuses
			// its products instead of computing ΣW₁ again.
			work.gradient(cov, ae.Encoder, ae.Decoder, cfg.WeightDecay, g1, g2)
		} else {
			work.products(cov, ae.Encoder, ae.Decoder)
		}
		// The loss costs O(d·k) once the products are there: it is watched
		// at every step.
		loss := work.lossFromProducts(cov, ae.Encoder, ae.Decoder, cfg.WeightDecay)
		if step == 0 {
			start = math.Max(loss, 0.5*trace(cov))
		}
		if !(loss <= DivergenceGrowth*start) { // NaN and +Inf fail too
			return nil, &DivergedError{Step: step, Loss: loss, Start: start, LearningRate: cfg.LearningRate}
		}
		if progress != nil {
			if err := progress(step, ae, loss); err != nil {
				return nil, err
			}
		}
		if step == cfg.Steps {
			return ae, nil
		}
		opt.Step(params) // v ← β·v − η·∇L, W ← W + v
	}
}

// DivergenceGrowth is how many times its starting value the loss of
// FitLinearAutoencoder may reach before the descent counts as diverged.
// A descent that converges can rise above its start for a few steps — a
// heavy-ball step at a rate near the edge of stability overshoots — but
// not by a millionfold: that means weights about a thousand times their
// size, where the curvature, which grows with the square of the weights
// (SafeLearningRate's Hessian), is a million times larger too, and the
// same rate can only throw them further out. The start is the loss at
// step 0, or ½ tr Σ (the loss at zero weights) if that is larger.
const DivergenceGrowth = 1e6

// DivergedError is FitLinearAutoencoder's error when the loss stops being
// finite or grows past DivergenceGrowth times its start: the learning rate
// is too large for the loss's curvature (SafeLearningRate gives one that is
// always stable). A caller that took the rate from its user can find it
// with errors.As and say which setting to change.
type DivergedError struct {
	Step         int     // the step at which the loss was found too large or not finite
	Loss         float64 // the loss there: NaN, ±Inf, or more than DivergenceGrowth·Start
	Start        float64 // the loss's scale at the start (see DivergenceGrowth)
	LearningRate float64 // the rate that diverged
}

// Error says where the loss went and which setting to change.
func (e *DivergedError) Error() string {
	return fmt.Sprintf("pca: FitLinearAutoencoder: %s; lower the learning rate (now %g; SafeLearningRate gives one that is always stable)", e.What(), e.LearningRate)
}

// What says what the loss did: "loss is NaN at step 3", or "loss grew from
// 26.35 to 3.58e+77 by step 3".
func (e *DivergedError) What() string {
	if math.IsNaN(e.Loss) || math.IsInf(e.Loss, 0) {
		return fmt.Sprintf("loss is %v at step %d", e.Loss, e.Step)
	}
	return fmt.Sprintf("loss grew from %.4g to %.4g by step %d", e.Start, e.Loss, e.Step)
}

// trace returns the sum of the diagonal of the square matrix a.
func trace(a *matrix.Dense) float64 {
	t := 0.0
	for i := 0; i < a.Rows(); i++ {
		t += a.At(i, i)
	}
	return t
}

// check returns an error for a configuration that cannot work with in
// inputs.
func (c DescentConfig) check(in int) error {
	switch {
	case c.K < 1 || c.K > in:
		return fmt.Errorf("pca: FitLinearAutoencoder: code size k = %d; it must be between 1 and the number of inputs, %d", c.K, in)
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return fmt.Errorf("pca: FitLinearAutoencoder: weight decay λ = %v; it must be finite and ≥ 0", c.WeightDecay)
	case !(c.LearningRate > 0) || math.IsInf(c.LearningRate, 0):
		return fmt.Errorf("pca: FitLinearAutoencoder: learning rate %v; it must be finite and > 0", c.LearningRate)
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return fmt.Errorf("pca: FitLinearAutoencoder: momentum %v; it must be in [0, 1)", c.Momentum)
	case c.Steps < 0:
		return fmt.Errorf("pca: FitLinearAutoencoder: %d steps; it must be ≥ 0", c.Steps)
	case !(c.InitStd > 0) || math.IsInf(c.InitStd, 0):
		return fmt.Errorf("pca: FitLinearAutoencoder: initial standard deviation %v; it must be finite and > 0", c.InitStd)
	}
	return nil
}

// SafeLearningRate returns η = 1/(2σ₁² + λ), a learning rate at which
// FitLinearAutoencoder is stable for every momentum β in [0, 1), where
// sigma1Sq is σ₁², the largest variance of the data, and lambda the weight
// decay λ. If both are zero the loss is constant and it returns 1.
//
// Why: heavy-ball descent on a quadratic of curvature h is stable if and only
// if η·h < 2(1+β), so η must stay below 2(1+β)/h for the largest curvature h
// the descent meets, the largest eigenvalue of the loss's Hessian. Along a
// component of variance σ², with encoder weight a and decoder weight b, the
// loss is ½σ²(1 − ab)² + (λ/2)(a² + b²), whose Hessian is
//
//	[ σ²b² + λ      σ²(2ab − 1) ]
//	[ σ²(2ab − 1)   σ²a² + λ    ]
//
// At the small initial weights (a = b = 0) its eigenvalues are λ ± σ², so
// the curvature is σ₁² + λ: it grows with λ without bound. At the minimum
// (a = b = s, s² = 1 − λ/σ²) they are 2(σ² − λ) and 2λ. Both are below
// 2σ₁² + λ, so η·h ≤ 1 < 2(1+β) on the way (docs/pca.md, "The learning
// rate of the exact descent").
func SafeLearningRate(sigma1Sq, lambda float64) float64 {
	h := 2*math.Max(sigma1Sq, 0) + lambda
	if h == 0 {
		return 1
	}
	return 1 / h
}
