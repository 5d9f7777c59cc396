package autoencoder

// Regularizer is a term added to the reconstruction loss, the lecture's
// "L(X, X̂) + regularizer". Penalty returns its value on the per-image scale
// of the training objective; AddGradient adds its gradient into the
// parameter gradients (which already hold the loss's).
//
// Weight decay is shipped here; sparse and contractive penalties (later
// lectures) implement the same two methods.
type Regularizer interface {
	Penalty(ae *Autoencoder) float64
	AddGradient(ae *Autoencoder)
}

// WeightDecay is the L2 penalty (λ/2)·Σ ‖W‖² over every weight matrix W,
// biases excluded, with gradient λ·W. λ is on the per-image scale of
// DESIGN.md: the objective of a step is the batch's mean of
// ½‖x − x̂‖² plus this penalty, so λ compares directly with the eigenvalues
// of the data's covariance.
type WeightDecay struct {
	Lambda float64
}

// Penalty returns (λ/2)·Σ ‖W‖².
func (wd WeightDecay) Penalty(ae *Autoencoder) float64 {
	// exercise weight-decay (2 points): (λ/2)·Σ ‖W‖² over ae.Weights(), the biases left out (docs/autoencoder.md, 16:19)
	sum := 0.0
	for _, w := range ae.Weights() {
		n := w.Value.Norm()
		sum += n * n
	}
	return wd.Lambda / 2 * sum
	// end exercise weight-decay
}

// AddGradient adds λ·W to the gradient of every weight matrix W.
func (wd WeightDecay) AddGradient(ae *Autoencoder) {
	// exercise weight-decay (continued): add λ·W to the gradient of every weight matrix W
	for _, w := range ae.Weights() {
		w.Grad.AddScaled(wd.Lambda, w.Value)
	}
	// end exercise weight-decay
}
