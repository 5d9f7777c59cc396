package nn

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// Softmax sets each row of dst to the softmax of the same row of logits,
//
//	pₖ = e^(zₖ − m) / Σⱼ e^(zⱼ − m),  m = maxⱼ zⱼ,
//
// probabilities that sum to 1 in every row. Subtracting the row's largest
// logit m changes nothing mathematically and keeps every exponential in
// (0, 1], so no logit is too large. dst and logits: n×k; dst may be logits.
func Softmax(dst, logits *matrix.Dense) {
	if dr, dc := dst.Dims(); dr != logits.Rows() || dc != logits.Cols() {
		panic(fmt.Sprintf("nn: Softmax: shape mismatch destination %d×%d, logits %d×%d", dr, dc, logits.Rows(), logits.Cols()))
	}
	for i := 0; i < logits.Rows(); i++ {
		softmaxRow(dst.Row(i), logits.Row(i))
	}
}

// softmaxRow sets p to the softmax of z and returns ln Σⱼ e^(zⱼ − m) and
// m, from which ln pₖ = zₖ − m − ln Σⱼ e^(zⱼ − m) follows exactly.
func softmaxRow(p, z []float64) (logSum, m float64) {
	m = math.Inf(-1)
	for _, v := range z {
		m = max(m, v)
	}
	sum := 0.0
	for k, v := range z {
		p[k] = math.Exp(v - m)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return math.Log(sum), m
}

// SoftmaxCrossEntropy is the loss of a softmax classifier, fused with its
// softmax. It takes the logits z (n×k, one row per sample, one column per
// class) and targets y whose rows are probability vectors — one-hot rows
// for labels — and returns
//
//	L = −Σₙ Σₖ yₙₖ ln pₙₖ,  pₙ = softmax(zₙ)
//
// summed over the batch, and writes ∂L/∂Z = P − Y into grad (which may be
// nil). For one sample, with ∂pⱼ/∂zₖ = pⱼ(δⱼₖ − pₖ),
//
//	∂L/∂zₖ = −Σⱼ (yⱼ/pⱼ)·pⱼ(δⱼₖ − pₖ) = −yₖ + pₖ Σⱼ yⱼ = pₖ − yₖ,
//
// since the yⱼ sum to 1: the same "prediction minus target" as squared
// error with a linear output and cross-entropy with a sigmoid one. Each
// ln pₙₖ is computed as zₙₖ − m − ln Σⱼ e^(zₙⱼ − m), so it stays finite
// however confident the prediction.
func SoftmaxCrossEntropy(logits, target, grad *matrix.Dense) float64 {
	return softmaxCrossEntropy("SoftmaxCrossEntropy", logits, target, grad, 1)
}

// MeanSoftmaxCrossEntropy is SoftmaxCrossEntropy divided by the number of
// rows n: the loss per sample, with gradient (P − Y)/n.
func MeanSoftmaxCrossEntropy(logits, target, grad *matrix.Dense) float64 {
	return softmaxCrossEntropy("MeanSoftmaxCrossEntropy", logits, target, grad, perRow(logits))
}

func softmaxCrossEntropy(op string, logits, target, grad *matrix.Dense, scale float64) float64 {
	checkLoss(op, logits, target, grad)
	var p []float64 // the probabilities of one row, when there is no grad to hold them
	if grad == nil {
		p = make([]float64, logits.Cols())
	}
	sum := 0.0
	for i := 0; i < logits.Rows(); i++ {
		z, y := logits.Row(i), target.Row(i)
		if grad != nil {
			p = grad.Row(i)
		}
		logSum, m := softmaxRow(p, z)
		for k, yk := range y {
			if yk != 0 { // 0·ln p is 0, even where p underflows to 0
				sum -= yk * (z[k] - m - logSum)
			}
			if grad != nil {
				p[k] = scale * (p[k] - yk)
			}
		}
	}
	return scale * sum
}
