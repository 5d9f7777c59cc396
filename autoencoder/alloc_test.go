package autoencoder

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestTrainingStepAllocatesNothing: once the buffers exist, a training step
// of the default MNIST network
// (forward, loss, backward, weight decay, Adam) allocates nothing, so the
// garbage collector stays out of the training loop.
func TestTrainingStepAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, tied := range []bool{false, true} {
		ae, err := New(Config{Layers: []int{784, 256, 32}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Tied: tied}, rng)
		if err != nil {
			t.Fatal(err)
		}
		x := randData(rng, 128, 784)
		grad := matrix.New(128, 784)
		opt := nn.NewAdam(0.001)
		regs := []Regularizer{WeightDecay{Lambda: 0.01}}
		step := func() {
			ae.step(x, x, grad, regs)
			opt.Step(ae.Params())
		}
		step() // the first step makes the buffers and the optimizer's state
		if allocs := testing.AllocsPerRun(5, step); allocs != 0 {
			t.Errorf("tied=%v: %v allocations per training step, want 0", tied, allocs)
		}
	}
}
