package autoencoder_test

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// The other half of the lecture's assumption (07:51): "For uncorrelated data
// (input features are independent), then compression and subsequent
// reconstruction would be difficult." The same 8-2-8 network and training as
// Example, on 8 independent features of the same scale, cannot do much
// better than drawing the mean input every time: a 2-number code holds at
// most about 2 of the 8 independent directions, so most of the error stays.
func Example_uncorrelated() {
	rng := rand.New(rand.NewPCG(1, 2))
	x := matrix.New(256, 8)
	for i := 0; i < 256; i++ {
		for j := 0; j < 8; j++ {
			x.Set(i, j, 0.5*rng.Float64()) // each feature drawn on its own
		}
	}
	// The error of the best constant guess, the mean input: Σⱼ of each
	// feature's variance, per image.
	meanErr := 0.0
	for j := 0; j < 8; j++ {
		mu, sq := 0.0, 0.0
		for i := 0; i < 256; i++ {
			mu += x.At(i, j) / 256
		}
		for i := 0; i < 256; i++ {
			sq += (x.At(i, j) - mu) * (x.At(i, j) - mu) / 256
		}
		meanErr += sq
	}

	ae, err := autoencoder.New(autoencoder.Config{
		Layers: []int{8, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear",
	}, rng)
	if err != nil {
		panic(err)
	}
	_, err = autoencoder.Train(ae, x, x, autoencoder.TrainConfig{
		Epochs: 200, BatchSize: 32, Optimizer: nn.NewAdam(0.01), Rng: rng,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ae)
	// With 8 equal independent features the best 2-number code leaves 6/8
	// of the mean input's error; in 256 samples two directions happen to be
	// a little wider than the rest, so a little less. Example, on correlated
	// inputs, leaves less than 1/1000 of its starting error.
	fmt.Printf("error / the mean input's error: %.2f\n", ae.SSEPerImage(x)/meanErr)
	// Output:
	// 8-2-8 (code linear, output linear)
	// error / the mean input's error: 0.70
}
