package autoencoder

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// BenchmarkPenaltyStep784x256 times one forward and backward step (no
// update) of a 784-256-784 sigmoid autoencoder on a batch of 128, with
// each penalty and with denoising, to show what each adds per step. Compare
// the sub-benchmarks with "plain" as ratios in one run.
func BenchmarkPenaltyStep784x256(b *testing.B) {
	variants := []struct {
		name   string
		change func(c *Config)
	}{
		{"plain", func(c *Config) {}},
		{"bce", func(c *Config) { c.Loss = CrossEntropy }},
		{"l1", func(c *Config) { c.L1 = 0.1 }},
		{"kl", func(c *Config) { c.Sparsity, c.SparsityWeight = 0.05, 3 }},
		{"contractive", func(c *Config) { c.Contractive = 0.1 }},
		{"mask", func(c *Config) { c.Noise = Noise{Masking, 0.3} }},
	}
	for _, v := range variants {
		rng := rand.New(rand.NewPCG(1, 1))
		cfg := Config{Layers: []int{784, 256}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}
		v.change(&cfg)
		ae, err := New(cfg, rng)
		if err != nil {
			b.Fatal(err)
		}
		x := randData(rng, 128, 784)
		input, grad := x.Clone(), matrix.New(128, 784)
		regs := ae.Penalties()
		ae.step(input, x, grad, regs) // makes the buffers: allocs/op shows the steady state
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if cfg.Noise.On() { // the corruption of a batch is part of a denoising step
					cfg.Noise.Corrupt(input, x, rng)
				}
				ae.step(input, x, grad, regs)
			}
		})
	}
}
