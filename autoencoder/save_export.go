package autoencoder

import (
	"fmt"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// An ExportedLayer is one linear layer of an autoencoder as another
// program needs it: y = act(x·W + b), x a row of in numbers.
type ExportedLayer struct {
	W, B       string        // ASCII names of the weights and the bias: "W1", "b1"; the decoder's W1′ is "W1p"
	Weights    *matrix.Dense // W: in×out, a copy (a tied decoder's is the transpose of its encoder's)
	Bias       []float64     // b: out numbers, a copy
	Activation string        // act: "relu", "sigmoid", "tanh" or "linear"
}

// ExportLayers returns ae's linear layers in the order an input goes
// through them — the encoder's W1, W2, … to the code, then the decoder's …,
// W2′, W1′ — each with the activation that follows it. Names are the
// lecture's, in ASCII: the prime ′ written as "p" (W1′ is "W1p", b1′ is
// "b1p").
func (ae *Autoencoder) ExportLayers() []ExportedLayer {
	n := len(ae.Config.Layers) - 1
	var out []ExportedLayer
	k := 0
	for _, l := range append(append([]nn.Layer(nil), ae.Encoder.Layers...), ae.Decoder.Layers...) {
		var w, b *matrix.Dense
		switch l := l.(type) {
		case *nn.Linear:
			w, b = l.W.Clone(), l.B
		case *nn.TiedLinear:
			tw := l.Tied.W
			w = matrix.New(tw.Cols(), tw.Rows())
			w.Transpose(tw)
			b = l.B
		default:
			continue // an activation: named by the layer before it
		}
		k++
		name := fmt.Sprint(k)
		if k > n {
			name = fmt.Sprint(2*n+1-k) + "p" // the decoder counts back: W2′, W1′
		}
		out = append(out, ExportedLayer{W: "W" + name, B: "b" + name, Weights: w, Bias: append([]float64(nil), b.Row(0)...), Activation: ae.Config.layerActivation(k - 1)})
	}
	return out
}

// layerActivation returns the name of the activation after linear layer
// i (from 0, encoder first) of the network c describes, as New builds it:
// the code's after the last encoder layer, the output's after the last
// decoder layer, the hidden one elsewhere.
func (c Config) layerActivation(i int) string {
	n := len(c.Layers) - 1
	switch i {
	case n - 1:
		return c.CodeActivation
	case 2*n - 1:
		return c.OutputActivation
	}
	return c.Activation
}
