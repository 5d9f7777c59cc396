package autoencoder

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// BenchmarkTrainingStep784x256x32 times one training step of the default
// MNIST autoencoder, 784-256-32-256-784 with ReLU and a sigmoid output, on a
// batch of 128: forward, loss, backward and the Adam update. The GFLOP/s
// counts the matrix products only (see trainingFLOPs in cmd/bottleneck).
func BenchmarkTrainingStep784x256x32(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	ae, err := New(Config{Layers: []int{784, 256, 32}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		b.Fatal(err)
	}
	x := randData(rng, 128, 784)
	grad := matrix.New(128, 784)
	opt := nn.NewAdam(0.001)
	// One step before timing makes the buffers and Adam's state, so that
	// allocs/op shows the steady state: zero.
	ae.step(x, x, grad, nil)
	opt.Step(ae.Params())
	b.Run("step", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ae.step(x, x, grad, nil)
			opt.Step(ae.Params())
		}
		// Products per step: 2 for the first layer, 3 for the other three,
		// each 2·128·in·out flops.
		flops := 2.0 * 128 * (2*784*256 + 3*256*32 + 3*32*256 + 3*256*784)
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	})
	b.Run("adam", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			opt.Step(ae.Params())
		}
	})
}
