package autoencoder

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// Autoencoder is the lecture's network: an encoder f that maps an input x
// to its code h = f(x), and a decoder g that maps the code back to a
// reconstruction x̂ = g(h).
type Autoencoder struct {
	Config  Config
	Encoder *nn.Network // f: n×Layers[0] → n×code
	Decoder *nn.Network // g: n×code → n×Layers[0]

	params  []nn.Param    // every parameter once, tied weights included once
	weights []nn.Param    // the weight matrices W only, for weight decay
	batch   *Batch        // the chain of layers, and what a training step keeps
	penalty []Regularizer // the penalties Config names
}

// New builds the autoencoder that cfg describes, with weights drawn from
// rng (Glorot uniform, or He normal for ReLU layers) and zero biases.
func New(cfg Config, rng *rand.Rand) (*Autoencoder, error) {
	acts, err := cfg.check()
	if err != nil {
		return nil, err
	}
	cfg.Layers = append([]int(nil), cfg.Layers...)
	ae := &Autoencoder{Config: cfg, Encoder: &nn.Network{}, Decoder: &nn.Network{}}
	sizes := cfg.Layers
	var encLinear []*nn.Linear
	for i := 0; i+1 < len(sizes); i++ {
		act := acts.hidden
		if i+2 == len(sizes) {
			act = acts.code
		}
		l := ae.newLinear(sizes[i], sizes[i+1], act, rng)
		encLinear = append(encLinear, l)
		ae.Encoder.Layers = append(ae.Encoder.Layers, l, act.New())
	}
	for i := len(sizes) - 1; i >= 1; i-- {
		var l nn.Layer
		act := acts.hidden
		if i == 1 {
			act = acts.output
		}
		if cfg.Tied {
			l = nn.NewTiedLinear(encLinear[i-1])
		} else {
			l = ae.newLinear(sizes[i], sizes[i-1], act, rng)
		}
		ae.Decoder.Layers = append(ae.Decoder.Layers, l, act.New())
	}
	ae.collectParams()
	ae.batch = newBatch(ae)
	ae.penalty = cfg.penalties()
	return ae, nil
}

// penalties returns the regularizers that c names, in a fixed order: L1 on
// the code, KL sparsity, contraction.
func (c Config) penalties() []Regularizer {
	var regs []Regularizer
	if c.L1 > 0 {
		regs = append(regs, CodeL1{Lambda: c.L1})
	}
	if c.SparsityWeight > 0 {
		regs = append(regs, KLSparsity{Rho: c.Sparsity, Beta: c.SparsityWeight})
	}
	if c.Contractive > 0 {
		regs = append(regs, &Contractive{Lambda: c.Contractive})
	}
	return regs
}

// Penalties returns the regularizers that ae.Config names (L1 on the code,
// KL sparsity, contraction), which are part of every training objective of ae, before
// any that Train or Objective is given besides.
func (ae *Autoencoder) Penalties() []Regularizer { return append([]Regularizer(nil), ae.penalty...) }

// newLinear returns a linear layer in×out followed by an activation of kind
// act, with weights drawn as suits that activation: He normal for ReLU,
// Glorot uniform for the others.
func (ae *Autoencoder) newLinear(in, out int, act nn.ActivationKind, rng *rand.Rand) *nn.Linear {
	l := nn.NewLinear(in, out)
	if act == nn.ReLUKind {
		nn.HeNormal(l.W, rng)
	} else {
		nn.GlorotUniform(l.W, rng)
	}
	return l
}

// collectParams names the parameters as the lecture does: the encoder's
// weights W1, W2, … from the input inwards with biases b1, b2, …, and the
// decoder's W2′, W1′ mirroring them (b2′, b1′ likewise).
func (ae *Autoencoder) collectParams() {
	depth := len(ae.Config.Layers) - 1
	k := 0
	for _, l := range ae.Encoder.Layers {
		if lin, ok := l.(*nn.Linear); ok {
			k++
			ae.addLinear(fmt.Sprint(k), lin.Params())
		}
	}
	k = depth + 1
	for _, l := range ae.Decoder.Layers {
		if l.Params() != nil {
			k--
			ae.addLinear(fmt.Sprint(k)+"′", l.Params())
		}
	}
}

// addLinear records the parameters of one linear layer under the given
// suffix: "W" and "b" become "W1" and "b1", say.
func (ae *Autoencoder) addLinear(suffix string, params []nn.Param) {
	for _, p := range params {
		p.Name += suffix
		ae.params = append(ae.params, p)
		if p.Name[0] == 'W' {
			ae.weights = append(ae.weights, p)
		}
	}
}

// Params returns every trainable parameter once, encoder first, in a fixed
// order. A tied weight appears once, with the encoder.
func (ae *Autoencoder) Params() []nn.Param { return ae.params }

// Weights returns the weight matrices W (not the biases), each once.
func (ae *Autoencoder) Weights() []nn.Param { return ae.weights }

// InputSize returns the size of an input (and of a reconstruction).
func (ae *Autoencoder) InputSize() int { return ae.Config.Layers[0] }

// CodeSize returns the size of the code, the bottleneck.
func (ae *Autoencoder) CodeSize() int { return ae.Config.Layers[len(ae.Config.Layers)-1] }

// FirstLayer returns the encoder's first linear layer, whose weight columns
// are the filters the autoencoder applies to the input.
func (ae *Autoencoder) FirstLayer() *nn.Linear { return ae.Encoder.Layers[0].(*nn.Linear) }

// LastLayer returns the decoder's last linear layer, whose weights W₁′
// (units below the output × in) mirror FirstLayer's: row j is the pattern
// that unit j adds to the reconstruction before the output activation. For
// an autoencoder with one layer each way, W₁′ is code×in and its rows are
// the directions in input space that the code spans. The layer is the
// network's own, so its W changes as training goes on. With tied weights
// the decoder has no W₁′ of its own (it is FirstLayer().W transposed), and
// LastLayer panics.
func (ae *Autoencoder) LastLayer() *nn.Linear {
	l, ok := ae.Decoder.Layers[len(ae.Decoder.Layers)-2].(*nn.Linear)
	if !ok {
		panic("autoencoder: LastLayer: the weights are tied: W₁′ is FirstLayer().W transposed, not a layer of its own")
	}
	return l
}

// String describes the network, e.g.
// "784-256-32-256-784 (hidden relu, code linear, output sigmoid)".
func (ae *Autoencoder) String() string { return ae.Config.String() }

// String describes the network c configures, as Autoencoder.String does.
func (c Config) String() string {
	s := fmt.Sprintf("%s (hidden %s, code %s, output %s", c.Shape(), c.Activation, c.CodeActivation, c.OutputActivation)
	if len(c.Layers) == 2 {
		s = fmt.Sprintf("%s (code %s, output %s", c.Shape(), c.CodeActivation, c.OutputActivation)
	}
	if c.Tied {
		s += ", tied"
	}
	if c.Preprocess != NoPreprocess {
		s += ", input " + c.Preprocess + "d"
	}
	return s + ")"
}

// forward runs a batch through encoder and decoder and returns x̂.
func (ae *Autoencoder) forward(x *matrix.Dense) *matrix.Dense {
	return ae.Decoder.Forward(ae.Encoder.Forward(x))
}

// evalChunk is the number of rows Encode, Decode and Reconstruct pass
// through the network at once: large enough for fast products, small enough
// to keep the buffers small.
const evalChunk = 500

// Encode returns the codes h = f(x) of the rows of x: the decoder cut off,
// as after training in the lecture. x: n×in, result: n×code.
func (ae *Autoencoder) Encode(x *matrix.Dense) *matrix.Dense {
	ae.checkInput("Encode", x, ae.InputSize())
	return mapChunks(x, ae.CodeSize(), ae.Encoder.Forward)
}

// Decode returns the reconstructions g(h) of the codes h. h: n×code,
// result: n×in.
func (ae *Autoencoder) Decode(h *matrix.Dense) *matrix.Dense {
	ae.checkInput("Decode", h, ae.CodeSize())
	return mapChunks(h, ae.InputSize(), ae.Decoder.Forward)
}

// Reconstruct returns x̂ = g(f(x)). x and the result: n×in.
func (ae *Autoencoder) Reconstruct(x *matrix.Dense) *matrix.Dense {
	ae.checkInput("Reconstruct", x, ae.InputSize())
	return mapChunks(x, ae.InputSize(), ae.forward)
}

// SSEPerImage returns the mean over the rows of x of Σⱼ (xⱼ − x̂ⱼ)²: the
// squared reconstruction error per image, not halved — the measure of
// Hinton and Salakhutdinov (2006), called test_sse_per_image on test data.
func (ae *Autoencoder) SSEPerImage(x *matrix.Dense) float64 {
	ae.checkInput("SSEPerImage", x, ae.InputSize())
	n := x.Rows()
	if n == 0 {
		return 0
	}
	sum := 0.0
	for i0 := 0; i0 < n; i0 += evalChunk {
		batch := x.SliceRows(i0, min(i0+evalChunk, n))
		sum += sumSquaredError(ae.forward(batch), batch)
	}
	return sum / float64(n)
}

// CorruptedSSEPerImage returns the mean over the rows of x of
// Σⱼ (xⱼ − x̂ⱼ)², where x̂ is now the reconstruction of a corrupted copy of
// x drawn with noise from rng: how well a denoising autoencoder restores
// damaged images. With NoNoise it equals SSEPerImage.
func (ae *Autoencoder) CorruptedSSEPerImage(x *matrix.Dense, noise Noise, rng *rand.Rand) float64 {
	ae.checkInput("CorruptedSSEPerImage", x, ae.InputSize())
	n := x.Rows()
	if n == 0 {
		return 0
	}
	noisy := matrix.New(min(n, evalChunk), x.Cols())
	sum := 0.0
	for i0 := 0; i0 < n; i0 += evalChunk {
		batch := x.SliceRows(i0, min(i0+evalChunk, n))
		xt := noisy.SliceRows(0, batch.Rows())
		noise.Corrupt(xt, batch, rng)
		sum += sumSquaredError(ae.forward(xt), batch)
	}
	return sum / float64(n)
}

// mapChunks applies f to x chunk by chunk and gathers the rows of the
// results into a new n×cols matrix.
func mapChunks(x *matrix.Dense, cols int, f func(*matrix.Dense) *matrix.Dense) *matrix.Dense {
	n := x.Rows()
	out := matrix.New(n, cols)
	for i0 := 0; i0 < n; i0 += evalChunk {
		i1 := min(i0+evalChunk, n)
		out.SliceRows(i0, i1).Copy(f(x.SliceRows(i0, i1)))
	}
	return out
}

func (ae *Autoencoder) checkInput(op string, x *matrix.Dense, cols int) {
	if x.Cols() != cols {
		panic(fmt.Sprintf("autoencoder: %s: input is %d×%d, want %d columns for %s", op, x.Rows(), x.Cols(), cols, ae))
	}
}
