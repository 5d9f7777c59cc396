package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"bottleneck/autoencoder"
	"bottleneck/internal/quote"
)

// netFlags are the flags that describe a network, shared by train and
// gradcheck: its shape and activations, the loss, the penalties on the
// code, the noise of a denoising autoencoder, and whether to binarize the
// images.
type netFlags struct {
	layers, act, codeAct, outAct, loss, noise string
	l1, sparsity, sparsityWeight, contractive float64
	tied, overcomplete, binarize              bool
}

func (nf *netFlags) register(fs *flagSet, layers, act, outAct string) {
	fs.StringVar(&nf.layers, "layers", layers, "layer sizes from the input to the code, comma-separated; the decoder mirrors them")
	fs.StringVar(&nf.act, "act", act, "hidden activation: sigmoid, tanh, relu or linear")
	fs.StringVar(&nf.codeAct, "code-act", "linear", "activation of the code layer: linear (as Hinton & Salakhutdinov), sigmoid, tanh or relu")
	fs.StringVar(&nf.outAct, "out-act", outAct, "output activation: sigmoid (for pixels in [0, 1]) or linear")
	fs.BoolVar(&nf.tied, "tied", false, "tie the weights: every decoder weight is the transpose of its encoder weight")
	fs.StringVar(&nf.loss, "loss", "sse", "reconstruction loss: sse (½‖x − x̂‖², the lecture's) or bce (cross-entropy, for 0/1 or [0, 1] pixels; needs -out-act sigmoid)")
	fs.BoolVar(&nf.binarize, "binarize", false, "turn the pixels into 0 or 1 (threshold 0.5), the data cross-entropy models best")
	fs.Float64Var(&nf.l1, "l1", 0, "sparse autoencoder: weight λ of the L1 penalty λ·Σ|h| on the code, per image")
	fs.Float64Var(&nf.sparsity, "sparsity", 0, "sparse autoencoder: target ρ in (0, 1) of each code unit's mean activation, with -sparsity-weight and -code-act sigmoid (CS294A notes: 0.05)")
	fs.Float64Var(&nf.sparsityWeight, "sparsity-weight", 0, "weight β of the KL sparsity penalty β·Σ KL(ρ ‖ ρ̂ⱼ) (CS294A notes: 3)")
	fs.StringVar(&nf.noise, "noise", "none", "denoising autoencoder: corrupt the input while training, mask:p (drop pixels), gauss:σ (add noise) or saltpepper:p (pixels set to 0 or 1)")
	fs.Float64Var(&nf.contractive, "contractive", 0, "contractive autoencoder: weight λ of λ‖J_f(x)‖²_F per image; needs an encoder of one sigmoid layer (e.g. -layers 784,256 -code-act sigmoid)")
	fs.BoolVar(&nf.overcomplete, "overcomplete", false, "allow a code as large as the input with no penalty and no noise (the network may learn to copy its input)")
}

// config returns the autoencoder configuration the flags describe, or a
// usage error that names the flag at fault (see flagError).
func (nf *netFlags) config(fs *flagSet) (autoencoder.Config, error) {
	sizes, err := autoencoder.ParseLayers(nf.layers)
	if err != nil {
		return autoencoder.Config{}, usagef("-layers %s: give whole numbers separated by commas, e.g. 784,256,32", quote.Brief(nf.layers))
	}
	loss, err := autoencoder.ParseLoss(nf.loss)
	if err != nil { // autoencoder.ErrUnknownLoss
		return autoencoder.Config{}, usagef("-loss %s: unknown loss (want sse or bce)", quote.Brief(nf.loss))
	}
	noise, err := autoencoder.ParseNoise(nf.noise)
	if err != nil {
		return autoencoder.Config{}, flagError(fs, autoencoder.Config{}, err)
	}
	cfg := autoencoder.Config{
		Layers: sizes, Activation: nf.act, CodeActivation: nf.codeAct, OutputActivation: nf.outAct, Tied: nf.tied,
		Loss: loss, L1: nf.l1, Sparsity: nf.sparsity, SparsityWeight: nf.sparsityWeight, Contractive: nf.contractive,
		Noise: noise, AllowOvercomplete: nf.overcomplete,
	}
	if err := cfg.Validate(); err != nil {
		return cfg, flagError(fs, cfg, err)
	}
	return cfg, nil
}

// variant describes what the flags add to the plain autoencoder, for the
// line that starts a run: ", loss bce, l1 0.001, noise mask:0.3,
// binarized", or "" for none.
func (nf *netFlags) variant(cfg autoencoder.Config) string {
	var s string
	if cfg.Loss != autoencoder.SquaredError {
		s += ", loss " + cfg.Loss.String()
	}
	if cfg.L1 > 0 {
		s += fmt.Sprintf(", l1 %g", cfg.L1)
	}
	if cfg.SparsityWeight > 0 {
		s += fmt.Sprintf(", sparsity ρ %g β %g", cfg.Sparsity, cfg.SparsityWeight)
	}
	if cfg.Contractive > 0 {
		s += fmt.Sprintf(", contractive %g", cfg.Contractive)
	}
	if cfg.Noise.On() {
		s += ", noise " + cfg.Noise.String()
	}
	if nf.binarize {
		s += ", binarized"
	}
	return s
}

// fitInput returns cfg with its input size fitted to the images of shape:
// the first layer size must be their number of pixels. With -layers given
// (explicit), a first size that differs is an error, the data's or the
// flag's; with the default -layers, made for MNIST's 784 pixels, the input
// becomes the image's pixel count and every hidden size that is not
// smaller than the size before it is left out. Errors here are about the
// data (exit status 1), not the command line.
func (nf *netFlags) fitInput(cfg autoencoder.Config, shape dataShape, explicit bool) (autoencoder.Config, error) {
	d := shape.pixels()
	if cfg.Layers[0] == d {
		return cfg, nil
	}
	if d < 2 {
		return cfg, shape.errTooSmall()
	}
	if explicit {
		// A request that does not fit the data, like -train-n beyond it: a
		// usage error.
		return cfg, usagef("-layers %s starts with %d, but the images in %s are %s: the first size must be %d", quote.Brief(nf.layers), cfg.Layers[0], shape.dir, shape.size(), d)
	}
	layers := []int{d}
	for _, h := range cfg.Layers[1:] {
		if h < layers[len(layers)-1] {
			layers = append(layers, h)
		}
	}
	if len(layers) < 2 {
		return cfg, fmt.Errorf("the default -layers %s does not fit the images in %s, which are %s: give -layers starting with %d, e.g. -layers %d,%d", nf.layers, shape.dir, shape.size(), d, d, max(1, d/2))
	}
	cfg.Layers = layers
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("the default -layers adapted to the images in %s (%s): %v", shape.dir, shape.size(), err)
	}
	return cfg, nil
}

// checkCodeNarrowest refuses a code wider than a hidden layer before it,
// such as -layers 784,16,32: everything the decoder gets has passed
// through the 16 units, so the bottleneck is that layer and the code's 32
// numbers hold no more than 16 numbers' worth, while the summary would
// speak of a 32-number code. Hidden layers wider than the code stay
// allowed (Hinton and Salakhutdinov's 784-1000-500-250-30), and so does
// any shape with -overcomplete, which asks for no bottleneck at all.
func checkCodeNarrowest(cfg autoencoder.Config) error {
	if cfg.AllowOvercomplete {
		return nil
	}
	code := cfg.Layers[len(cfg.Layers)-1]
	for i, n := range cfg.Layers[1 : len(cfg.Layers)-1] {
		if n < code {
			return usagef("-layers %s: the code (%d) is wider than hidden layer %d (%d), which is then the real bottleneck: the code holds no more than %d numbers' worth; make the code the narrowest layer (e.g. -layers %s)",
				quote.Brief(joinSizes(cfg.Layers)), code, i+1, n, n, joinSizes(narrowest(cfg.Layers)))
		}
	}
	return nil
}

// narrowest returns layers with the hidden sizes and the code sorted from
// the widest down, so that the code is the narrowest: 784,16,32 gives
// 784,32,16.
func narrowest(layers []int) []int {
	hidden := slices.Clone(layers[1:])
	slices.SortFunc(hidden, func(a, b int) int { return b - a })
	return append([]int{layers[0]}, hidden...)
}

// joinSizes writes layer sizes as -layers takes them: 784,256,32.
func joinSizes(layers []int) string {
	parts := make([]string, len(layers))
	for i, n := range layers {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}
