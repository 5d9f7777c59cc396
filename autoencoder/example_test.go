package autoencoder_test

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// An autoencoder with a 2-number bottleneck learns to reconstruct
// 8-dimensional inputs that really have only two degrees of freedom.
func Example() {
	rng := rand.New(rand.NewPCG(1, 2))
	// 256 inputs x = a·u + b·v for two fixed patterns u, v: correlated
	// features, which is what the lecture says an autoencoder needs.
	u := []float64{1, 1, 1, 1, 0, 0, 0, 0}
	v := []float64{0, 0, 1, 1, 1, 1, 0, 0}
	x := matrix.New(256, 8)
	for i := 0; i < 256; i++ {
		a, b := rng.Float64(), rng.Float64()
		for j := range u {
			x.Set(i, j, 0.5*(a*u[j]+b*v[j]))
		}
	}

	ae, err := autoencoder.New(autoencoder.Config{
		Layers: []int{8, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear",
	}, rng)
	if err != nil {
		panic(err)
	}
	before := ae.SSEPerImage(x)
	_, err = autoencoder.Train(ae, x, x, autoencoder.TrainConfig{
		Epochs: 200, BatchSize: 32, Optimizer: nn.NewAdam(0.01), Rng: rng,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ae)
	fmt.Println("codes:", ae.Encode(x).Cols(), "numbers per image")
	fmt.Println("error fell more than 1000-fold:", ae.SSEPerImage(x) < before/1000)
	// Output:
	// 8-2-8 (code linear, output linear)
	// codes: 2 numbers per image
	// error fell more than 1000-fold: true
}
