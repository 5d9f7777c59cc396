package nn

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// HalfSquaredError returns the lecture's reconstruction loss
//
//	L(X, X̂) = ½ Σₙ ‖xₙ − x̂ₙ‖²
//
// summed over the rows of the batch (docs/autoencoder.md, equation (L1)),
// and writes its gradient ∂L/∂X̂ = X̂ − X into grad. pred, target and grad
// are n×cols, all of one shape; grad may be nil when only the value is wanted.
func HalfSquaredError(pred, target, grad *matrix.Dense) float64 {
	return halfSquaredError("HalfSquaredError", pred, target, grad, 1)
}

// MeanHalfSquaredError is HalfSquaredError divided by the number of rows n:
// the loss per sample, ½ (1/n) Σₙ ‖xₙ − x̂ₙ‖², and its gradient (X̂ − X)/n
// (docs/autoencoder.md, equations (L2) and (D1)).
// A mini-batch step minimises this mean, so that a learning rate means the
// same at every batch size.
func MeanHalfSquaredError(pred, target, grad *matrix.Dense) float64 {
	return halfSquaredError("MeanHalfSquaredError", pred, target, grad, perRow(pred))
}

// perRow returns 1/n for a batch of n rows, the factor that turns a summed
// loss into a mean (1 for an empty batch, whose loss is 0 anyway).
func perRow(pred *matrix.Dense) float64 {
	return 1 / float64(max(pred.Rows(), 1))
}

func halfSquaredError(op string, pred, target, grad *matrix.Dense, scale float64) float64 {
	checkLoss(op, pred, target, grad)
	// exercise half-squared-error (2 points): return scale·½Σ(p − t)²; unless grad is nil, set it to scale·(p − t): (L1), the first term of (L2) in docs/autoencoder.md
	sum := 0.0
	for i := 0; i < pred.Rows(); i++ {
		p, t := pred.Row(i), target.Row(i)
		var g []float64
		if grad != nil {
			g = grad.Row(i)
		}
		for j := range p {
			d := p[j] - t[j]
			sum += d * d
			if g != nil {
				g[j] = scale * d
			}
		}
	}
	return scale * sum / 2
	// end exercise half-squared-error
}

// BinaryCrossEntropy returns the cross-entropy between targets t in [0, 1]
// and predictions p in (0, 1), summed over every element of the batch:
//
//	L = −Σ [t·ln p + (1−t)·ln(1−p)]
//
// and writes ∂L/∂p = (p − t) / (p(1−p)) into grad (which may be nil).
// Predictions are clamped to [ε, 1−ε] with ε = 1e-12 so that a saturated
// sigmoid gives a large but finite loss instead of an infinite one.
func BinaryCrossEntropy(pred, target, grad *matrix.Dense) float64 {
	return binaryCrossEntropy("BinaryCrossEntropy", pred, target, grad, 1)
}

// MeanBinaryCrossEntropy is BinaryCrossEntropy divided by the number of rows:
// the loss per sample, with its gradient scaled the same way.
func MeanBinaryCrossEntropy(pred, target, grad *matrix.Dense) float64 {
	return binaryCrossEntropy("MeanBinaryCrossEntropy", pred, target, grad, perRow(pred))
}

func binaryCrossEntropy(op string, pred, target, grad *matrix.Dense, scale float64) float64 {
	checkLoss(op, pred, target, grad)
	const eps = 1e-12
	// exercise binary-cross-entropy (2 points): the loss and gradient of the doc comment of BinaryCrossEntropy, times scale, p clamped to [eps, 1−eps]
	sum := 0.0
	for i := 0; i < pred.Rows(); i++ {
		p, t := pred.Row(i), target.Row(i)
		var g []float64
		if grad != nil {
			g = grad.Row(i)
		}
		for j := range p {
			pj := math.Min(math.Max(p[j], eps), 1-eps)
			sum -= t[j]*math.Log(pj) + (1-t[j])*math.Log(1-pj)
			if g != nil {
				g[j] = scale * (pj - t[j]) / (pj * (1 - pj))
			}
		}
	}
	return scale * sum
	// end exercise binary-cross-entropy
}

// LossFunc is the signature shared by the losses of this package: the value
// of the loss of pred against target, with ∂loss/∂pred written into grad.
type LossFunc func(pred, target, grad *matrix.Dense) float64

func checkLoss(op string, pred, target, grad *matrix.Dense) {
	pr, pc := pred.Dims()
	tr, tc := target.Dims()
	if pr != tr || pc != tc {
		panic(fmt.Sprintf("nn: %s: shape mismatch prediction %d×%d, target %d×%d", op, pr, pc, tr, tc))
	}
	if grad != nil {
		if gr, gc := grad.Dims(); gr != pr || gc != pc {
			panic(fmt.Sprintf("nn: %s: shape mismatch prediction %d×%d, gradient %d×%d", op, pr, pc, gr, gc))
		}
	}
}
