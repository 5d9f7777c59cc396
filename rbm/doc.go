// Package rbm holds the restricted Boltzmann machine of Hinton and
// Salakhutdinov, "Reducing the dimensionality of data with neural
// networks" (Science 313:504, 2006), trained by contrastive divergence,
// and the unrolling of a stack of them into a deep autoencoder's starting
// weights.
//
// An RBM has visible units v (an image's pixels, or the hidden units of
// the RBM below) and hidden units h, joined by weights W and with biases
// b (visible) and c (hidden); there are no joins within a layer. With
// logistic units, v and h binary, its energy is
//
//	E(v, h) = −v·b − h·c − v·W·h                                    (E)
//
// and p(v, h) ∝ exp(−E(v, h)). Because no two hidden units are joined,
// each is on independently given v, and each visible unit given h:
//
//	p(hⱼ = 1 | v) = σ(cⱼ + Σᵢ vᵢ Wᵢⱼ)     p(vᵢ = 1 | h) = σ(bᵢ + Σⱼ Wᵢⱼ hⱼ)   (P)
//
// The gradient of the log-likelihood of the data is a difference of two
// correlations, ⟨vᵢhⱼ⟩_data − ⟨vᵢhⱼ⟩_model. The second needs samples from
// the model; contrastive divergence (CD-k) replaces it with the
// correlation after k steps of alternating Gibbs sampling started at the
// data: for k = 1, "reconstruct" the data from sampled hidden states and
// measure the hidden probabilities again. The paper uses CD-1.
//
// The top RBM of the paper's stack has linear hidden units with Gaussian
// noise of unit variance: its hidden state given v is
// c + v·W plus N(0, 1) noise, so the 30-number code may take any real value.
//
// Rows, not columns: as everywhere in this project a batch has one image
// per row, so the hidden probabilities of a batch V (n×visible) are
// σ(V·W + c) with W visible×hidden, the transpose of the paper's notation.
//
// The recipe (Settings, PaperSettings) is that of the authors' published
// Matlab code: pixels divided by 255 and used as probabilities, batches of
// 100, learning rate 0.1 (0.001 for the linear top), momentum 0.5 for five
// epochs then 0.9, weight cost 0.0002 on the weights only, initial weights
// 0.1·N(0, 1) and zero biases, binary hidden states sampled to reconstruct
// and probabilities everywhere else, each RBM trained on the hidden
// probabilities of the one below.
package rbm
