package main

import (
	"fmt"
	"strings"

	"bottleneck/autoencoder"
)

// netFlags are the flags that describe a network, shared by train and
// gradcheck.
type netFlags struct {
	layers, act, codeAct, outAct string
	tied, overcomplete           bool
}

func (nf *netFlags) register(fs *flagSet, layers, act, outAct string) {
	fs.StringVar(&nf.layers, "layers", layers, "layer sizes from the input to the code, comma-separated; the decoder mirrors them")
	fs.StringVar(&nf.act, "act", act, "hidden activation: sigmoid, tanh, relu or linear")
	fs.StringVar(&nf.codeAct, "code-act", "linear", "activation of the code layer: linear (as Hinton & Salakhutdinov), sigmoid, tanh or relu")
	fs.StringVar(&nf.outAct, "out-act", outAct, "output activation: sigmoid (for pixels in [0, 1]) or linear")
	fs.BoolVar(&nf.tied, "tied", false, "tie the weights: every decoder weight is the transpose of its encoder weight")
	fs.BoolVar(&nf.overcomplete, "overcomplete", false, "allow a code as large as the input (no bottleneck; needs another regularizer)")
}

// config returns the autoencoder configuration the flags describe, or a
// usage error that names the flag at fault.
func (nf *netFlags) config() (autoencoder.Config, error) {
	sizes, err := autoencoder.ParseLayers(nf.layers)
	if err != nil {
		return autoencoder.Config{}, usagef("-layers %s: give whole numbers separated by commas, e.g. 784,256,32", brief(nf.layers))
	}
	cfg := autoencoder.Config{Layers: sizes, Activation: nf.act, CodeActivation: nf.codeAct, OutputActivation: nf.outAct, Tied: nf.tied, AllowOvercomplete: nf.overcomplete}
	if err := cfg.Validate(); err != nil {
		msg := strings.Replace(err.Error(), "allow an overcomplete code explicitly if you mean it", "-overcomplete allows it", 1)
		if strings.Contains(msg, "grow") {
			msg += " (-overcomplete allows it)"
		}
		return cfg, usageError{msg}
	}
	return cfg, nil
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
		return cfg, fmt.Errorf("-layers %s starts with %d, but the images in %s are %s: the first size must be %d", brief(nf.layers), cfg.Layers[0], shape.dir, shape.size(), d)
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
