package main

import (
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
		return autoencoder.Config{}, usagef("-layers %s: give whole numbers separated by commas, e.g. 784,256,32", nf.layers)
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
