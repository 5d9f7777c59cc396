package nn

import (
	"math"

	"bottleneck/matrix"
)

// SigmoidCrossEntropy is BinaryCrossEntropy fused with the sigmoid that
// produces the prediction. It takes the logits z, the input of the output
// sigmoid, so that p = σ(z), and returns
//
//	L = −Σ [t·ln σ(z) + (1−t)·ln(1 − σ(z))]
//
// summed over every element of the batch, for targets t in [0, 1]. It
// writes the gradient with respect to the logits, ∂L/∂z = σ(z) − t, into
// grad (which may be nil). logits, target and grad are n×cols, all
// of one shape.
//
// The fused gradient is the reason to pair a sigmoid output with
// cross-entropy. Per element, ∂L/∂p = (p − t) / (p(1 − p)), and the sigmoid
// multiplies it by σ′(z) = p(1 − p) on the way back, so the two factors
// p(1 − p) cancel:
//
//	∂L/∂z = (p − t) / (p(1 − p)) · p(1 − p) = p − t.
//
// With squared error the sigmoid's factor p(1 − p) stays in the gradient
// and makes it vanish wherever the output saturates, even when p is wrong;
// cross-entropy keeps the whole error p − t. Computing from the logits also
// keeps the value finite and exact where σ(z) rounds to 0 or 1: per element
// the loss is max(z, 0) − t·z + ln(1 + e^−|z|), which needs no clamping.
func SigmoidCrossEntropy(logits, target, grad *matrix.Dense) float64 {
	return sigmoidCrossEntropy("SigmoidCrossEntropy", logits, target, grad, 1)
}

// MeanSigmoidCrossEntropy is SigmoidCrossEntropy divided by the number of
// rows n: the loss per sample, with gradient (σ(Z) − T)/n.
func MeanSigmoidCrossEntropy(logits, target, grad *matrix.Dense) float64 {
	return sigmoidCrossEntropy("MeanSigmoidCrossEntropy", logits, target, grad, perRow(logits))
}

func sigmoidCrossEntropy(op string, logits, target, grad *matrix.Dense, scale float64) float64 {
	checkLoss(op, logits, target, grad)
	// exercise sigmoid-cross-entropy (2 points): per element, add the loss in its stable form (the doc comment of SigmoidCrossEntropy) and, unless grad is nil, set grad to scale·(σ(z) − t); return scale times the sum
	sum := 0.0
	for i := 0; i < logits.Rows(); i++ {
		z, t := logits.Row(i), target.Row(i)
		var g []float64
		if grad != nil {
			g = grad.Row(i)
		}
		for j := range z {
			// −[t ln σ(z) + (1−t) ln(1−σ(z))] = max(z, 0) − t·z + ln(1 + e^−|z|)
			sum += max(z[j], 0) - t[j]*z[j] + math.Log1p(math.Exp(-math.Abs(z[j])))
			if g != nil {
				g[j] = scale * (sigmoid(z[j]) - t[j])
			}
		}
	}
	return scale * sum
	// end exercise sigmoid-cross-entropy
}
