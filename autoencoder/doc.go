// Package autoencoder is the lecture's autoencoder: an encoder f that maps
// an input x to a code h, a decoder g that maps it back to a
// reconstruction x̂, trained to make x̂ close to x. Config describes the
// network — the sizes from the input to the code, mirrored by the decoder
// (the stacked autoencoder), the activations, tied weights — and New
// builds it; Train fits it by mini-batch gradient descent; Encode cuts the
// decoder off and returns the codes; Save and Load keep it in a file, and
// WriteTo and Read in any stream.
//
// Training minimises the lecture's L(X, X̂) + regularizer. The loss L is
// half the squared error, or the cross-entropy of a sigmoid output for
// binary or [0, 1] data (Loss). The lecture writes L as a sum over the
// training vectors; a step on a batch of n images minimises that sum
// divided by n, so that a learning rate means the same at every batch
// size, and every penalty is written on the same per-image scale.
//
// The undercomplete autoencoder regularizes by its small code. The later
// variants regularize otherwise, and are Regularizers that see the batch:
// the sparse autoencoder (CodeL1, KLSparsity), the contractive one
// (Contractive), and weight decay (WeightDecay); the denoising autoencoder
// corrupts its input instead (Noise). With one of them on, the code may be
// as large as the input.
package autoencoder
