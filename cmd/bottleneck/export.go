package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"bottleneck/autoencoder"
	"bottleneck/internal/npy"
	"bottleneck/internal/quote"
)

const exportHelp = `
Write a trained autoencoder's weights as NumPy's .npz (a zip of .npy
arrays, read by numpy.load), for use outside this program. A layer computes
y = act(x·W + b) on a row x; the arrays, all float64:

  W1, b1, W2, b2, …   the encoder's weights (in×out) and biases (out), from
                      the input inwards, as the docs name them
  …, W2p, b2p, W1p, b1p  the decoder's, W2′ … W1′ in the docs (p for ′);
                      a tied model's W1p is W1 transposed, written out

and what the network does besides, so that nothing need be guessed:

  order        the weight names in the order an input meets them
  activations  the activation after each of them (relu, sigmoid, tanh,
               linear), in the same order
  layers       the layer sizes from the input to the code (int64)
  preprocess   what is done to the pixels (in [0, 1]) first: "" nothing,
               "binarize" each pixel set to 1 if at least 0.5, else 0

docs/numpy.md has ten lines of Python that load the file, reconstruct
the test images and print the same test error as train.`

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", exportHelp, stdout)
	model := fs.String("model", "", "model file written by bottleneck train (e.g. out/train/autoencoder.model)")
	out := fs.String("out", "weights.npz", ".npz file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *model == "" {
		return usagef("-model is required: give the file that bottleneck train wrote, e.g. -model out/train/autoencoder.model")
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	if sameFile(*out, *model) {
		return usagef("-out %s is the model itself: writing the arrays there would destroy it; name another file", *out)
	}
	ae, err := loadModel(*model)
	if err != nil {
		return err
	}
	noteShuffled(stderr, "export", ae)
	o := newOutputSet()
	defer o.discard()
	layers := ae.ExportLayers()
	if err := o.write(*out, func(w io.Writer) error { return writeNPZ(w, ae, layers) }); err != nil {
		return err
	}
	if err := o.commit(ctx, "", ""); err != nil {
		return err
	}
	var names []string
	for _, l := range layers {
		names = append(names, l.W, l.B)
	}
	fmt.Fprintf(stdout, "wrote %s, order, activations, layers and preprocess of %s to %s\n", strings.Join(names, ", "), ae.Config.Shape(), quote.Printable(*out))
	return nil
}

// writeNPZ writes the arrays export's help lists into w as a .npz archive.
func writeNPZ(w io.Writer, ae *autoencoder.Autoencoder, layers []autoencoder.ExportedLayer) error {
	z := npy.NewZipWriter(w)
	var order, acts []string
	for _, l := range layers {
		r, c := l.Weights.Dims()
		data := make([]float64, 0, r*c)
		for i := 0; i < r; i++ {
			data = append(data, l.Weights.Row(i)...)
		}
		if err := z.Add(l.W, func(w io.Writer) error { return npy.WriteFloat64(w, []int{r, c}, data) }); err != nil {
			return err
		}
		if err := z.Add(l.B, func(w io.Writer) error { return npy.WriteFloat64(w, []int{len(l.Bias)}, l.Bias) }); err != nil {
			return err
		}
		order, acts = append(order, l.W), append(acts, l.Activation)
	}
	sizes := make([]int64, len(ae.Config.Layers))
	for i, n := range ae.Config.Layers {
		sizes[i] = int64(n)
	}
	for _, a := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"order", func(w io.Writer) error { return npy.WriteStrings(w, []int{len(order)}, order) }},
		{"activations", func(w io.Writer) error { return npy.WriteStrings(w, []int{len(acts)}, acts) }},
		{"layers", func(w io.Writer) error { return npy.WriteInt64(w, []int{len(sizes)}, sizes) }},
		{"preprocess", func(w io.Writer) error { return npy.WriteStrings(w, nil, []string{ae.Config.Preprocess}) }},
	} {
		if err := z.Add(a.name, a.write); err != nil {
			return err
		}
	}
	return z.Close()
}
