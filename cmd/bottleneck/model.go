package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"bottleneck/autoencoder"
)

// loadModel reads the model file that -model names. A file that is not
// there gets a message that says where train writes one; a file that is
// not a model, or a damaged one, says what -model wants.
func loadModel(path string) (*autoencoder.Autoencoder, error) {
	ae, err := autoencoder.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("-model %s: no such file; bottleneck train writes one (out/train/autoencoder.model by default)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%w; -model takes the autoencoder.model file that bottleneck train writes", err)
	}
	return ae, nil
}

// noteShuffled warns on w, for the command name, when the model was
// trained on pixels shuffled across the images (train -shuffle-pixels):
// the images this command feeds it are MNIST's as they are, which it was
// not trained on, and its errors and codes are not train's.
func noteShuffled(w io.Writer, name string, ae *autoencoder.Autoencoder) {
	if ae.Config.ShuffledPixels {
		fmt.Fprintf(w, "bottleneck %s: warning: this model was trained with each pixel's values shuffled across the images (train -shuffle-pixels), which no program can do to new images: on MNIST as it is, its errors and codes are not those train reported\n", name)
	}
}
