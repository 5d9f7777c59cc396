package autoencoder

// Contractive is the penalty of the contractive autoencoder (Rifai et al.,
// 2011): λ times the squared Frobenius norm of the Jacobian of the encoder
// at each image, averaged over the batch,
//
//	Ω = λ·(1/n) Σₙ ‖J_f(xₙ)‖²_F,  J_f(x)ⱼᵢ = ∂hⱼ/∂xᵢ.
//
// A small Jacobian means a code that barely moves when the input moves:
// the encoder is asked to be insensitive to every direction of the input
// except those the reconstruction needs — the two expectations of the
// lecture's slide at 16:19, "Sensitive enough to input for accurate
// reconstruction" and "Insensitive enough that it does not memorize or
// overfit the training data", as a penalty.
//
// It is given for an encoder of one sigmoid layer, h = σ(xW + b) with W
// in×code, where the Jacobian is diag(h(1 − h))·Wᵀ and its norm has the
// closed form
//
//	‖J_f(x)‖²_F = Σⱼ (hⱼ(1 − hⱼ))² Σᵢ Wᵢⱼ² = Σⱼ (hⱼ(1 − hⱼ))² sⱼ,
//
// sⱼ the squared length of W's column j. Config.Validate refuses it for any
// other encoder: for a deeper one the Jacobian is a product of one such
// factor per layer, and penalising only the first factor would not be the
// contractive penalty.
//
// Gradient. Ω depends on W twice: through the codes h, and directly
// through sⱼ. Through the codes, the delta of code unit j is
//
//	∂Ω/∂hₙⱼ = (λ/n)·2hₙⱼ(1 − hₙⱼ)(1 − 2hₙⱼ)·sⱼ
//
// which backpropagation carries through the sigmoid into W and b. Directly,
//
//	∂Ω/∂Wᵢⱼ = (λ/n)·2Wᵢⱼ·Σₙ (hₙⱼ(1 − hₙⱼ))²
//
// is added to W's gradient. With tied weights W is also the decoder's,
// and both contributions go into the one shared gradient.
//
// Cost. Per step it takes one pass over W for the sⱼ (in·code
// multiply-adds), one over the codes (n·code), and one more over W for the
// direct gradient: O(in·code + n·code), against the n·in·code of a single
// product of the forward pass; for MNIST's 784 inputs, a code of 256 and
// batches of 128, a few per cent of one such product. A general encoder
// would need the whole code×in Jacobian for every image, n times the
// work of a product.
type Contractive struct {
	Lambda float64

	s, c []float64 // per code unit: Σᵢ Wᵢⱼ², Σₙ (hₙⱼ(1 − hₙⱼ))²
}

// size makes the two vectors of length code, once.
func (p *Contractive) size(code int) {
	if len(p.s) != code {
		p.s = make([]float64, code)
		p.c = make([]float64, code)
	}
}

// columnNorms sets p.s[j] = Σᵢ Wᵢⱼ² for the encoder's weights W, row by
// row, and returns it.
func (p *Contractive) columnNorms(b *Batch) []float64 {
	w := b.AE.FirstLayer().W // in×code
	p.size(w.Cols())
	clear(p.s)
	for i := 0; i < w.Rows(); i++ {
		for j, v := range w.Row(i) {
			p.s[j] += v * v
		}
	}
	return p.s
}

// Penalty returns λ·(1/n) Σₙ Σⱼ (hₙⱼ(1 − hₙⱼ))² sⱼ.
func (p *Contractive) Penalty(b *Batch) float64 {
	// exercise contractive (3 points): λ·(1/n) Σₙ Σⱼ (hₙⱼ(1 − hₙⱼ))² sⱼ, h the code and sⱼ from p.columnNorms (the doc comment of Contractive)
	s, h := p.columnNorms(b), b.Code()
	sum := 0.0
	for n := 0; n < h.Rows(); n++ {
		for j, v := range h.Row(n) {
			d := v * (1 - v) // σ′ at unit j: the diagonal of J's first factor
			sum += d * d * s[j]
		}
	}
	return p.Lambda * sum / float64(b.Rows())
	// end exercise contractive
}

// AddGradient adds the gradient's two terms: through the code, and
// directly through the column norms sⱼ.
func (p *Contractive) AddGradient(b *Batch) {
	p.addCodeDelta(b)
	p.addWeightGradient(b)
}

// addCodeDelta adds (λ/n)·2h(1 − h)(1 − 2h)·sⱼ to the code's delta, for
// backpropagation to carry into W and b.
func (p *Contractive) addCodeDelta(b *Batch) {
	// exercise contractive (continued): add ∂Ω/∂hₙⱼ, through the code, to b.CodeDelta()
	s, h, dh := p.columnNorms(b), b.Code(), b.CodeDelta()
	k := p.Lambda / float64(b.Rows())
	for n := 0; n < h.Rows(); n++ {
		dn := dh.Row(n)
		for j, v := range h.Row(n) {
			d := v * (1 - v)
			dn[j] += k * 2 * d * (1 - 2*v) * s[j]
		}
	}
	// end exercise contractive
}

// addWeightGradient adds (λ/n)·2Wᵢⱼ·Σₙ (hₙⱼ(1 − hₙⱼ))² to the gradient of W.
func (p *Contractive) addWeightGradient(b *Batch) {
	// exercise contractive (continued): add the direct term ∂Ω/∂Wᵢⱼ to the gradient DW of the encoder's layer b.AE.FirstLayer()
	h, k := b.Code(), p.Lambda/float64(b.Rows())
	p.size(h.Cols())
	clear(p.c)
	for n := 0; n < h.Rows(); n++ {
		for j, v := range h.Row(n) {
			d := v * (1 - v)
			p.c[j] += d * d
		}
	}
	enc := b.AE.FirstLayer()
	for i := 0; i < enc.W.Rows(); i++ {
		g, w := enc.DW.Row(i), enc.W.Row(i)
		for j := range g {
			g[j] += k * 2 * w[j] * p.c[j]
		}
	}
	// end exercise contractive
}
