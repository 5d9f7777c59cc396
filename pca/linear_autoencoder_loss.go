package pca

import (
	"fmt"

	"bottleneck/matrix"
)

// LinearAutoencoderLoss returns the per-image objective of the linear
// autoencoder on centred data with covariance cov (in×in), Σ:
//
//	L(W₁, W₁′) = ½·tr((I − W₁W₁′)ᵀ·Σ·(I − W₁W₁′)) + (λ/2)·(‖W₁‖² + ‖W₁′‖²)
//
// which is ½·mean over the samples of ‖x − x·W₁·W₁′‖², plus weight decay
// (docs/pca.md, "The loss through the covariance"). w1 is in×k, w2 is k×in.
func LinearAutoencoderLoss(cov, w1, w2 *matrix.Dense, lambda float64) float64 {
	s := newLAEWork(cov.Rows(), w1.Cols())
	return s.loss(cov, w1, w2, lambda)
}

// LinearAutoencoderGradient sets g1 (in×k) and g2 (k×in) to the gradient of
// LinearAutoencoderLoss with respect to w1 and w2. With A = W₁W₁′ and the
// reconstruction term's gradient in A, −Σ·(I − A), the chain rule gives
//
//	∂L/∂W₁ = −Σ·(I − W₁W₁′)·W₁′ᵀ + λW₁ = −ΣW₁′ᵀ + (ΣW₁)(W₁′W₁′ᵀ) + λW₁
//	∂L/∂W₁′ = −W₁ᵀ·Σ·(I − W₁W₁′) + λW₁′ = −(ΣW₁)ᵀ + (W₁ᵀΣW₁)W₁′ + λW₁′
//
// (using Σᵀ = Σ). The right-hand forms never build a in×in product: the cost
// is two in×in·in×k products.
func LinearAutoencoderGradient(cov, w1, w2 *matrix.Dense, lambda float64, g1, g2 *matrix.Dense) {
	s := newLAEWork(cov.Rows(), w1.Cols())
	s.gradient(cov, w1, w2, lambda, g1, g2)
}

// laeWork holds the buffers of the loss and gradient, made once.
type laeWork struct {
	sw1  *matrix.Dense // Σ·W₁: in×k
	sw2t *matrix.Dense // Σ·W₁′ᵀ: in×k
	w1sw *matrix.Dense // W₁ᵀ·Σ·W₁: k×k
	w2w2 *matrix.Dense // W₁′·W₁′ᵀ: k×k
	dk   *matrix.Dense // in×k scratch
	kd   *matrix.Dense // k×in scratch
}

func newLAEWork(d, k int) *laeWork {
	return &laeWork{
		sw1: matrix.New(d, k), sw2t: matrix.New(d, k),
		w1sw: matrix.New(k, k), w2w2: matrix.New(k, k),
		dk: matrix.New(d, k), kd: matrix.New(k, d),
	}
}

// checkLAEShapes panics unless cov is in×in, w1 in×k and w2 k×in.
func checkLAEShapes(op string, cov, w1, w2 *matrix.Dense) {
	d, k := w1.Dims()
	if cov.Rows() != d || cov.Cols() != d || w2.Rows() != k || w2.Cols() != d {
		panic(fmt.Sprintf("pca: %s: shape mismatch: covariance %d×%d, encoder %d×%d, decoder %d×%d",
			op, cov.Rows(), cov.Cols(), d, k, w2.Rows(), w2.Cols()))
	}
}

// products sets the three products that both the loss and the gradient
// need: ΣW₁ (in×k), W₁ᵀΣW₁ (k×k) and W₁′W₁′ᵀ (k×k).
func (s *laeWork) products(cov, w1, w2 *matrix.Dense) {
	s.sw1.Mul(cov, w1)
	s.w1sw.MulTransA(w1, s.sw1)
	s.w2w2.MulTransB(w2, w2)
}

// loss: ½·[tr Σ − 2·tr(ΣW₁W₁′) + tr((W₁ᵀΣW₁)(W₁′W₁′ᵀ))] + (λ/2)(‖W₁‖² + ‖W₁′‖²),
// the expansion of ½·tr((I−A)ᵀΣ(I−A)) with A = W₁W₁′.
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
	cross := 0.0 // tr(ΣW₁W₁′) = Σᵢⱼ (ΣW₁)(i, j)·W₁′(j, i)
	for i := 0; i < s.sw1.Rows(); i++ {
		for j, v := range s.sw1.Row(i) {
			cross += v * w2.At(j, i)
		}
	}
	quad := 0.0 // tr((W₁ᵀΣW₁)(W₁′W₁′ᵀ)), both symmetric
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
	s.products(cov, w1, w2)   // ΣW₁, W₁ᵀΣW₁, W₁′W₁′ᵀ
	s.sw2t.MulTransB(cov, w2) // ΣW₁′ᵀ: in×k
	// g1 = −ΣW₁′ᵀ + (ΣW₁)(W₁′W₁′ᵀ) + λW₁
	g1.Mul(s.sw1, s.w2w2)
	g1.Sub(g1, s.sw2t)
	g1.AddScaled(lambda, w1)
	// g2 = −(ΣW₁)ᵀ + (W₁ᵀΣW₁)W₁′ + λW₁′
	g2.Mul(s.w1sw, w2)
	s.kd.Transpose(s.sw1)
	g2.Sub(g2, s.kd)
	g2.AddScaled(lambda, w2)
}
