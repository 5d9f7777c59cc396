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

// BenchmarkContractiveCost784x256 times the contractive penalty's value and
// gradient on a batch of 128 codes of a 784-256 encoder beside one product
// of the forward pass, X·W (128×784 · 784×256), the unit its doc comment
// counts the cost in. Read the two as a ratio in one run.
func BenchmarkContractiveCost784x256(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	ae, err := New(Config{Layers: []int{784, 256}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Contractive: 0.1}, rng)
	if err != nil {
		b.Fatal(err)
	}
	x := randData(rng, 128, 784)
	batch := newBatch(ae)
	batch.forward(x, x)
	p := ae.Penalties()[0]
	b.Run("penalty", func(b *testing.B) {
		for b.Loop() {
			batch.deltas[batch.CodeLayer()].used = false
			p.Penalty(batch)
			p.AddGradient(batch)
		}
	})
	y := matrix.New(128, 256)
	b.Run("product", func(b *testing.B) {
		for b.Loop() {
			y.Mul(x, ae.FirstLayer().W)
		}
	})
}
