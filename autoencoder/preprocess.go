package autoencoder

import "bottleneck/matrix"

// The preprocessings a Config's Preprocess may name.
const (
	// NoPreprocess feeds the pixels as they are.
	NoPreprocess = ""
	// PreprocessBinarize turns every pixel into 0 or 1 (Binarize) first.
	PreprocessBinarize = "binarize"
)

// Prepare returns x as the network was trained to see it: x itself
// without preprocessing, Binarize(x) for PreprocessBinarize. x: n×in.
func (c Config) Prepare(x *matrix.Dense) *matrix.Dense {
	if c.Preprocess == PreprocessBinarize {
		return Binarize(x)
	}
	return x
}
