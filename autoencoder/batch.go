package autoencoder

import (
	"fmt"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// Batch is one mini-batch of a training step after its forward pass and
// before its backward pass: what a Regularizer may read, and where it adds
// the gradient of its penalty with respect to a layer's output.
//
// The layers are numbered along the whole chain from input to
// reconstruction, x̃ → encoder → h → decoder → x̂: the encoder's layers
// first (each linear layer followed by its activation), then the
// decoder's. CodeLayer is the number of the code's activation, whose
// output is the code h; the last layer's output is x̂.
type Batch struct {
	// AE is the autoencoder being trained.
	AE *Autoencoder
	// Input is x̃ (n×in), what the encoder was given: the clean images,
	// or their corrupted copies when the autoencoder is denoising.
	Input *matrix.Dense
	// Clean is x (n×in), the images the output is compared with.
	Clean *matrix.Dense

	layers  []nn.Layer      // the chain, encoder then decoder
	outputs []*matrix.Dense // outputs[k]: the output of layers[k], n×size
	deltas  []deltaBuffer   // deltas[k]: ∂Ω/∂outputs[k], added by the penalties
}

// deltaBuffer holds a penalty's delta for one layer's output, kept from
// step to step so that training allocates nothing per batch.
type deltaBuffer struct {
	full, view *matrix.Dense
	used       bool // a penalty asked for it during this step
}

// newBatch returns the Batch of ae, with its chain of layers.
func newBatch(ae *Autoencoder) *Batch {
	layers := append(append([]nn.Layer(nil), ae.Encoder.Layers...), ae.Decoder.Layers...)
	return &Batch{
		AE: ae, layers: layers,
		outputs: make([]*matrix.Dense, len(layers)),
		deltas:  make([]deltaBuffer, len(layers)),
	}
}

// Rows returns n, the number of images in the batch.
func (b *Batch) Rows() int { return b.Input.Rows() }

// NumLayers returns the number of layers in the chain.
func (b *Batch) NumLayers() int { return len(b.layers) }

// Layer returns layer k of the chain.
func (b *Batch) Layer(k int) nn.Layer {
	b.checkLayer("Layer", k)
	return b.layers[k]
}

// Output returns the output of layer k for this batch: n×(its size). The
// matrix belongs to the layer; a penalty reads it and must not change it.
func (b *Batch) Output(k int) *matrix.Dense {
	b.checkLayer("Output", k)
	return b.outputs[k]
}

// CodeLayer returns the number of the code's activation in the chain.
func (b *Batch) CodeLayer() int { return len(b.AE.Encoder.Layers) - 1 }

// Code returns the code h of the batch, n×code.
func (b *Batch) Code() *matrix.Dense { return b.outputs[b.CodeLayer()] }

// Reconstruction returns x̂, n×in.
func (b *Batch) Reconstruction() *matrix.Dense { return b.outputs[len(b.outputs)-1] }

// Delta returns the matrix into which penalties add ∂Ω/∂(output of layer
// k), n×(its size). It is zero when the first penalty asks for it in a
// step. The backward pass adds it to the delta arriving from the layers
// above, so a penalty's gradient reaches every parameter below layer k by
// the chain rule.
func (b *Batch) Delta(k int) *matrix.Dense {
	b.checkLayer("Delta", k)
	d := &b.deltas[k]
	if !d.used {
		n, cols := b.outputs[k].Dims()
		if d.view == nil || d.view.Rows() != n || d.view.Cols() != cols {
			if d.full == nil || d.full.Rows() < n || d.full.Cols() != cols {
				d.full = matrix.New(n, cols)
			}
			d.view = d.full.SliceRows(0, n)
		}
		d.view.Zero()
		d.used = true
	}
	return d.view
}

// CodeDelta returns Delta(CodeLayer()): where a penalty on the code adds
// ∂Ω/∂h.
func (b *Batch) CodeDelta() *matrix.Dense { return b.Delta(b.CodeLayer()) }

func (b *Batch) checkLayer(op string, k int) {
	if k < 0 || k >= len(b.layers) {
		panic(fmt.Sprintf("autoencoder: Batch.%s: layer %d out of range [0, %d)", op, k, len(b.layers)))
	}
}

// forward runs input through the chain, keeping every layer's output, and
// clears the deltas of the previous step. input and clean: n×in.
func (b *Batch) forward(input, clean *matrix.Dense) {
	b.Input, b.Clean = input, clean
	x := input
	for k, l := range b.layers {
		x = l.Forward(x)
		b.outputs[k] = x
	}
	for k := range b.deltas {
		b.deltas[k].used = false
	}
}

// backward carries dy, the delta of the output of layer top, down to the
// input, adding the penalties' delta of every layer on the way: at layer k
// the delta of its output is what arrives from above plus Delta(k). The
// first layer fills its parameter gradients only, since the input is data.
func (b *Batch) backward(top int, dy *matrix.Dense) {
	for k := top; k >= 0; k-- {
		if d := &b.deltas[k]; d.used {
			d.view.Add(d.view, dy)
			dy = d.view
		}
		if k > 0 {
			dy = b.layers[k].Backward(dy)
		} else if p, ok := b.layers[0].(interface{ BackwardParams(*matrix.Dense) }); ok {
			p.BackwardParams(dy)
		} else {
			b.layers[0].Backward(dy)
		}
	}
}
