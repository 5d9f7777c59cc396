package main

import (
	"errors"
	"fmt"
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
