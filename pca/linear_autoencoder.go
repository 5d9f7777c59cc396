package pca

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
)

// LinearAutoencoder is the autoencoder of the lecture with identity
// activations and a code of k numbers, in the row-vector convention of the
// project: a centred sample x (1×d) has the code h = x·Encoder (1×k) and the
// reconstruction x̂ = h·Decoder (1×d). The rows of Decoder are directions in
// pixel space, the same layout as PCA.Components.
//
// The biases are left out because they are solved exactly: for any weights
// the best decoder bias puts the mean back (x̂ = μ + (x−μ)·W₁·W₂), and the
// encoder bias is then redundant. So training on the centred data without
// biases is training the autoencoder with biases (docs/pca.md).
type LinearAutoencoder struct {
	Encoder *matrix.Dense // W₁: d×k
	Decoder *matrix.Dense // W₂: k×d
}

// DescentConfig sets the full-batch gradient descent of
// FitLinearAutoencoder. Every field must be set; none has a hidden default.
type DescentConfig struct {
	K            int     // code size k, 1 ≤ k ≤ d
	WeightDecay  float64 // λ ≥ 0: adds (λ/2)·(‖W₁‖² + ‖W₂‖²) to the per-image loss
	LearningRate float64 // η > 0; SafeLearningRate(σ₁², λ) is always stable (see there)
	Momentum     float64 // β in [0, 1): heavy-ball momentum
	Steps        int     // number of gradient steps, ≥ 0
	InitStd      float64 // standard deviation of the random initial weights, > 0
}

// LinearAutoencoderLoss returns the per-image objective of the linear
// autoencoder on centred data with covariance cov (d×d), Σ:
//
//	L(W₁, W₂) = ½·tr((I − W₁W₂)ᵀ·Σ·(I − W₁W₂)) + (λ/2)·(‖W₁‖² + ‖W₂‖²)
//
// which is ½·mean over the samples of ‖x − x·W₁·W₂‖², plus weight decay
// (docs/pca.md, "The loss through the covariance"). w1 is d×k, w2 is k×d.
func LinearAutoencoderLoss(cov, w1, w2 *matrix.Dense, lambda float64) float64 {
	s := newLAEWork(cov.Rows(), w1.Cols())
	return s.loss(cov, w1, w2, lambda)
}

// LinearAutoencoderGradient sets g1 (d×k) and g2 (k×d) to the gradient of
// LinearAutoencoderLoss with respect to w1 and w2. With A = W₁W₂ and the
// reconstruction term's gradient in A, −Σ·(I − A), the chain rule gives
//
//	∂L/∂W₁ = −Σ·(I − W₁W₂)·W₂ᵀ + λW₁ = −ΣW₂ᵀ + (ΣW₁)(W₂W₂ᵀ) + λW₁
//	∂L/∂W₂ = −W₁ᵀ·Σ·(I − W₁W₂) + λW₂ = −(ΣW₁)ᵀ + (W₁ᵀΣW₁)W₂ + λW₂
//
// (using Σᵀ = Σ). The right-hand forms never build a d×d product: the cost
// is two d×d·d×k products.
func LinearAutoencoderGradient(cov, w1, w2 *matrix.Dense, lambda float64, g1, g2 *matrix.Dense) {
	s := newLAEWork(cov.Rows(), w1.Cols())
	s.gradient(cov, w1, w2, lambda, g1, g2)
}

// laeWork holds the buffers of the loss and gradient, made once.
type laeWork struct {
	sw1  *matrix.Dense // Σ·W₁: d×k
	sw2t *matrix.Dense // Σ·W₂ᵀ: d×k
	w1sw *matrix.Dense // W₁ᵀ·Σ·W₁: k×k
	w2w2 *matrix.Dense // W₂·W₂ᵀ: k×k
	dk   *matrix.Dense // d×k scratch
	kd   *matrix.Dense // k×d scratch
}

func newLAEWork(d, k int) *laeWork {
	return &laeWork{
		sw1: matrix.New(d, k), sw2t: matrix.New(d, k),
		w1sw: matrix.New(k, k), w2w2: matrix.New(k, k),
		dk: matrix.New(d, k), kd: matrix.New(k, d),
	}
}

// checkLAEShapes panics unless cov is d×d, w1 d×k and w2 k×d.
func checkLAEShapes(op string, cov, w1, w2 *matrix.Dense) {
	d, k := w1.Dims()
	if cov.Rows() != d || cov.Cols() != d || w2.Rows() != k || w2.Cols() != d {
		panic(fmt.Sprintf("pca: %s: shape mismatch: covariance %d×%d, encoder %d×%d, decoder %d×%d",
			op, cov.Rows(), cov.Cols(), d, k, w2.Rows(), w2.Cols()))
	}
}

// products sets the three products that both the loss and the gradient
// need: ΣW₁ (d×k), W₁ᵀΣW₁ (k×k) and W₂W₂ᵀ (k×k).
func (s *laeWork) products(cov, w1, w2 *matrix.Dense) {
	s.sw1.Mul(cov, w1)
	s.w1sw.MulTransA(w1, s.sw1)
	s.w2w2.MulTransB(w2, w2)
}

// loss: ½·[tr Σ − 2·tr(ΣW₁W₂) + tr((W₁ᵀΣW₁)(W₂W₂ᵀ))] + (λ/2)(‖W₁‖² + ‖W₂‖²),
// the expansion of ½·tr((I−A)ᵀΣ(I−A)) with A = W₁W₂.
func (s *laeWork) loss(cov, w1, w2 *matrix.Dense, lambda float64) float64 {
	checkLAEShapes("LinearAutoencoderLoss", cov, w1, w2)
	s.products(cov, w1, w2)
	return s.lossFromProducts(cov, w1, w2, lambda)
}

// lossFromProducts is loss with s.products already set for w1 and w2.
func (s *laeWork) lossFromProducts(cov, w1, w2 *matrix.Dense, lambda float64) float64 {
	trace := 0.0
	for i := 0; i < cov.Rows(); i++ {
		trace += cov.At(i, i)
	}
	cross := 0.0 // tr(ΣW₁W₂) = Σᵢⱼ (ΣW₁)(i, j)·W₂(j, i)
	for i := 0; i < s.sw1.Rows(); i++ {
		for j, v := range s.sw1.Row(i) {
			cross += v * w2.At(j, i)
		}
	}
	quad := 0.0 // tr((W₁ᵀΣW₁)(W₂W₂ᵀ)), both symmetric
	for i := 0; i < s.w1sw.Rows(); i++ {
		quad += dot(s.w1sw.Row(i), s.w2w2.Row(i))
	}
	n1, n2 := w1.Norm(), w2.Norm()
	return 0.5*(trace-2*cross+quad) + 0.5*lambda*(n1*n1+n2*n2)
}

// gradient sets g1 and g2 as LinearAutoencoderGradient documents, and
// leaves s.products set for w1 and w2.
func (s *laeWork) gradient(cov, w1, w2 *matrix.Dense, lambda float64, g1, g2 *matrix.Dense) {
	checkLAEShapes("LinearAutoencoderGradient", cov, w1, w2)
	s.products(cov, w1, w2)   // ΣW₁, W₁ᵀΣW₁, W₂W₂ᵀ
	s.sw2t.MulTransB(cov, w2) // ΣW₂ᵀ: d×k
	// g1 = −ΣW₂ᵀ + (ΣW₁)(W₂W₂ᵀ) + λW₁
	g1.Mul(s.sw1, s.w2w2)
	g1.Sub(g1, s.sw2t)
	g1.AddScaled(lambda, w1)
	// g2 = −(ΣW₁)ᵀ + (W₁ᵀΣW₁)W₂ + λW₂
	g2.Mul(s.w1sw, w2)
	s.kd.Transpose(s.sw1)
	g2.Sub(g2, s.kd)
	g2.AddScaled(lambda, w2)
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

// FitLinearAutoencoder trains a linear autoencoder with code size cfg.K on
// centred data whose covariance is cov (d×d, e.g. PCA.Covariance), by
// full-batch gradient descent with heavy-ball momentum on
// LinearAutoencoderLoss:
//
//	v ← β·v − η·∇L,   W ← W + v   (for W₁ and W₂ alike)
//
// Because the loss depends on the data only through Σ, every step uses the
// exact gradient over the whole training set at the cost of two
// d×d·d×k products, independent of the number of samples. The weights start
// as independent N(0, InitStd²) draws from rng, encoder first; the same seed
// gives the same result.
//
// progress, if not nil, is called before the first step (step 0) and after
// every step with the current weights (which it must not keep or modify) and
// the loss at them. If it returns an error, the descent stops and
// FitLinearAutoencoder returns that error unchanged: this is how a caller
// stops it, e.g. by returning ctx.Err() when the user presses Ctrl-C.
// FitLinearAutoencoder returns an error for a bad configuration, or if the
// loss stops being finite (the learning rate is too large: see
// SafeLearningRate).
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
	work := newLAEWork(d, k)
	g1, g2 := matrix.New(d, k), matrix.New(k, d)
	v1, v2 := matrix.New(d, k), matrix.New(k, d)
	for step := 0; ; step++ {
		if step < cfg.Steps {
			// The gradient at the current weights; the loss below reuses
			// its products instead of computing ΣW₁ again.
			work.gradient(cov, ae.Encoder, ae.Decoder, cfg.WeightDecay, g1, g2)
		} else {
			work.products(cov, ae.Encoder, ae.Decoder)
		}
		if progress != nil || step == cfg.Steps {
			loss := work.lossFromProducts(cov, ae.Encoder, ae.Decoder, cfg.WeightDecay)
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return nil, fmt.Errorf("pca: FitLinearAutoencoder: loss is %v at step %d; lower the learning rate (now %g; SafeLearningRate gives one that is always stable)", loss, step, cfg.LearningRate)
			}
			if progress != nil {
				if err := progress(step, ae, loss); err != nil {
					return nil, err
				}
			}
		}
		if step == cfg.Steps {
			return ae, nil
		}
		v1.Scale(cfg.Momentum, v1)
		v1.AddScaled(-cfg.LearningRate, g1)
		ae.Encoder.Add(ae.Encoder, v1)
		v2.Scale(cfg.Momentum, v2)
		v2.AddScaled(-cfg.LearningRate, g2)
		ae.Decoder.Add(ae.Decoder, v2)
	}
}

// check returns an error for a configuration that cannot work with d
// features.
func (c DescentConfig) check(d int) error {
	switch {
	case c.K < 1 || c.K > d:
		return fmt.Errorf("pca: FitLinearAutoencoder: code size k = %d; it must be between 1 and d = %d", c.K, d)
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

// Reconstruct returns the reconstructions μ + (x − μ)·W₁·W₂ of the samples
// x (n×d), mean being the training mean (length d).
func (ae *LinearAutoencoder) Reconstruct(x *matrix.Dense, mean []float64) *matrix.Dense {
	d, k := ae.Encoder.Dims()
	if x.Cols() != d || len(mean) != d {
		panic(fmt.Sprintf("pca: LinearAutoencoder.Reconstruct: data %d×%d and mean %d for an encoder %d×%d", x.Rows(), x.Cols(), len(mean), d, k))
	}
	xc := x.Clone()
	for i := 0; i < xc.Rows(); i++ {
		axpy(-1, mean, xc.Row(i))
	}
	codes := matrix.New(x.Rows(), k)
	codes.Mul(xc, ae.Encoder)
	out := matrix.New(x.Rows(), d)
	out.Mul(codes, ae.Decoder)
	for i := 0; i < out.Rows(); i++ {
		axpy(1, mean, out.Row(i))
	}
	return out
}

// SSEPerImage returns the mean over the samples x (n×d) of Σⱼ (xⱼ − x̂ⱼ)²,
// x̂ being Reconstruct's μ + (x − μ)·W₁·W₂, mean being μ (length d): the
// per-image error (not halved) that bottleneck prints. It works through x
// a block of rows at a time, so it never holds a reconstruction of the
// whole data set.
func (ae *LinearAutoencoder) SSEPerImage(x *matrix.Dense, mean []float64) float64 {
	d, k := ae.Encoder.Dims()
	n := x.Rows()
	if x.Cols() != d || len(mean) != d {
		panic(fmt.Sprintf("pca: LinearAutoencoder.SSEPerImage: data %d×%d and mean %d for an encoder %d×%d", n, x.Cols(), len(mean), d, k))
	}
	xc := matrix.New(min(n, fitBlockRows), d)    // centred block
	codes := matrix.New(min(n, fitBlockRows), k) // its codes
	xhat := matrix.New(min(n, fitBlockRows), d)  // its centred reconstruction
	sse := 0.0
	for i0 := 0; i0 < n; i0 += fitBlockRows {
		rows := min(fitBlockRows, n-i0)
		c, h, r := xc.SliceRows(0, rows), codes.SliceRows(0, rows), xhat.SliceRows(0, rows)
		for i := 0; i < rows; i++ {
			row := c.Row(i)
			for j, v := range x.Row(i0 + i) {
				row[j] = v - mean[j]
			}
		}
		h.Mul(c, ae.Encoder)
		r.Mul(h, ae.Decoder)
		r.Sub(c, r) // (x − μ) − (x̂ − μ) = x − x̂
		for i := 0; i < rows; i++ {
			sse += dot(r.Row(i), r.Row(i))
		}
	}
	return sse / float64(max(n, 1))
}
