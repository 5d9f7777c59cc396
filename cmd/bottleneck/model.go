package main

import (
	"errors"
	"fmt"
	"io/fs"

	"bottleneck/autoencoder"
)

// loadModel reads the model file that -model names. A file that is not
// there gets a message that says where train writes one.
func loadModel(path string) (*autoencoder.Autoencoder, error) {
	ae, err := autoencoder.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("-model %s: no such file; bottleneck train writes one (out/train/autoencoder.model by default)", path)
	}
	return ae, err
}
