package autoencoder

// Regularizer is a penalty Ω added to the reconstruction loss: the
// lecture's "L(X, X̂) + Regularizer". A training step on a batch of n
// images minimises the per-image objective
//
//	J = (1/n)·L(X, X̂) + Ω
//
// so Ω is written on that per-image scale: a penalty on each image's code
// is averaged over the batch, a penalty on the weights is added once, and
// either way its weight means the same at every batch size.
//
// Ω may depend on the parameters (weight decay), on the batch's input, and
// on the output of any layer, the code above all (sparsity, contraction).
// Both methods are called after the forward pass of a batch and before its
// backward pass:
//
//   - Penalty returns Ω for the batch b.
//   - AddGradient adds ∂Ω/∂(output of layer k) into b.Delta(k) for every
//     layer output Ω depends on, which backpropagation then carries through
//     the layers below k together with the loss's delta; and it adds ∂Ω/∂θ
//     into the gradient of every parameter θ on which Ω depends directly,
//     not through a layer's output (as weight decay does).
type Regularizer interface {
	Penalty(b *Batch) float64
	AddGradient(b *Batch)
}

// WeightDecay is the L2 penalty Ω = (λ/2)·Σ ‖W‖² over every weight matrix
// W, biases excluded, with gradient λ·W. It is added once per batch to the
// per-image objective, so λ compares directly with the eigenvalues of the
// data's covariance (the largest is about 5.1 for MNIST in [0, 1]).
type WeightDecay struct {
	Lambda float64
}

// Penalty returns (λ/2)·Σ ‖W‖².
func (wd WeightDecay) Penalty(b *Batch) float64 {
	// exercise weight-decay (2 points): (λ/2)·Σ ‖W‖² over b.AE.Weights(), the biases left out (docs/autoencoder.md, 16:19)
	sum := 0.0
	for _, w := range b.AE.Weights() {
		n := w.Value.Norm()
		sum += n * n
	}
	return wd.Lambda / 2 * sum
	// end exercise weight-decay
}

// AddGradient adds λ·W to the gradient of every weight matrix W. The
// penalty depends on the weights directly, so no layer output gets a delta.
func (wd WeightDecay) AddGradient(b *Batch) {
	// exercise weight-decay (continued): add λ·W to the gradient of every weight matrix W
	for _, w := range b.AE.Weights() {
		w.Grad.AddScaled(wd.Lambda, w.Value)
	}
	// end exercise weight-decay
}
