package autoencoder

import (
	"fmt"
	"math"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// plainForward computes the code and the reconstruction of the rows of x
// the way the lecture and the doc comments describe the network, with
// loops and no use of the network's layers: only its parameters, looked up
// by the names of Params (W1, b1, … for the encoder from the input inwards,
// W2′, b2′, … W1′, b1′ for the decoder, which mirrors it). With Tied set
// there are no decoder weights and Wₖ′ = Wₖᵀ.
//
//	encoder, k = 1 … L:  h ← fₖ(h·Wₖ + bₖ),  fₖ = Activation, CodeActivation for k = L
//	decoder, k = L … 1:  h ← gₖ(h·Wₖ′ + bₖ′), gₖ = Activation, OutputActivation for k = 1
//
// A network wired differently (another order, an activation in the wrong
// place, a weight not shared) still passes its gradient check, but not a
// comparison with this function.
func plainForward(ae *Autoencoder, x *matrix.Dense) (code, xhat *matrix.Dense) {
	cfg := ae.Config
	p := map[string]*matrix.Dense{}
	for _, q := range ae.Params() {
		p[q.Name] = q.Value
	}
	L := len(cfg.Layers) - 1
	h := x.Clone()
	for k := 1; k <= L; k++ {
		f := cfg.Activation
		if k == L {
			f = cfg.CodeActivation
		}
		h = affine(h, p[fmt.Sprint("W", k)], false, p[fmt.Sprint("b", k)], f)
	}
	code = h
	for k := L; k >= 1; k-- {
		g := cfg.Activation
		if k == 1 {
			g = cfg.OutputActivation
		}
		w, transposed := p[fmt.Sprint("W", k, "′")], false
		if cfg.Tied {
			w, transposed = p[fmt.Sprint("W", k)], true
		}
		h = affine(h, w, transposed, p[fmt.Sprint("b", k, "′")], g)
	}
	return code, h
}

// affine returns act(h·W + b), or act(h·Wᵀ + b) when transposed, by loops.
func affine(h, w *matrix.Dense, transposed bool, b *matrix.Dense, act string) *matrix.Dense {
	n, in := h.Dims()
	out := b.Cols()
	y := matrix.New(n, out)
	for i := 0; i < n; i++ {
		for j := 0; j < out; j++ {
			s := b.At(0, j)
			for k := 0; k < in; k++ {
				if transposed {
					s += h.At(i, k) * w.At(j, k)
				} else {
					s += h.At(i, k) * w.At(k, j)
				}
			}
			y.Set(i, j, activate(act, s))
		}
	}
	return y
}

// activate applies the activation of that name to one number.
func activate(name string, s float64) float64 {
	switch name {
	case "sigmoid":
		return 1 / (1 + math.Exp(-s))
	case "tanh":
		return math.Tanh(s)
	case "relu":
		return math.Max(s, 0)
	case "linear":
		return s
	}
	panic("activate: unknown activation " + name)
}

// plainSSE returns Σₙ ‖xₙ − x̂ₙ‖², by loops.
func plainSSE(x, xhat *matrix.Dense) float64 {
	s := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			d := x.At(i, j) - xhat.At(i, j)
			s += d * d
		}
	}
	return s
}

// plainWeightSquares returns Σ ‖W‖² over the weight matrices of the
// network's linear layers, each counted once (a tied decoder layer has no
// weight of its own), by loops.
func plainWeightSquares(ae *Autoencoder) float64 {
	s := 0.0
	for _, net := range []*nn.Network{ae.Encoder, ae.Decoder} {
		for _, l := range net.Layers {
			lin, ok := l.(*nn.Linear)
			if !ok {
				continue
			}
			for i := 0; i < lin.W.Rows(); i++ {
				for _, v := range lin.W.Row(i) {
					s += v * v
				}
			}
		}
	}
	return s
}
