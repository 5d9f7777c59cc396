package autoencoder_test

import (
	"errors"
	"fmt"

	"bottleneck/autoencoder"
)

// Noises are written kind:level; a malformed one says what is wrong with
// a sentinel error.
func ExampleParseNoise() {
	n, err := autoencoder.ParseNoise("mask:0.3")
	fmt.Println(n, n.Kind == autoencoder.Masking, n.Level, err)

	_, err = autoencoder.ParseNoise("mask:1.5")
	fmt.Println(errors.Is(err, autoencoder.ErrNoiseLevel))
	fmt.Println(err)
	// Output:
	// mask:0.3 true 0.3 <nil>
	// true
	// autoencoder: the probability of mask noise must lie in [0.001, 1)
}

// A code as large as the input is refused unless something keeps the
// autoencoder from copying its input: here, noise.
func ExampleConfig_Validate() {
	cfg := autoencoder.Config{Layers: []int{784, 1000}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}
	err := cfg.Validate()
	var ce *autoencoder.ConfigError
	fmt.Println(errors.Is(err, autoencoder.ErrOvercomplete), errors.As(err, &ce) && ce.Field == "layers")

	cfg.Noise = autoencoder.Noise{Kind: autoencoder.SaltPepper, Level: 0.1}
	fmt.Println(cfg.Validate())

	cfg.Sparsity, cfg.SparsityWeight = 0.05, 3 // UFLDL's sparse autoencoder, on top
	cfg.Loss = autoencoder.CrossEntropy
	fmt.Println(cfg.Validate())
	// Output:
	// true true
	// <nil>
	// <nil>
}
