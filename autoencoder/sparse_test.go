package autoencoder

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// batchWithCode returns a Batch of ae whose code is h, for testing a
// penalty's value on a code chosen by hand.
func batchWithCode(t *testing.T, ae *Autoencoder, h *matrix.Dense) *Batch {
	t.Helper()
	x := matrix.New(h.Rows(), ae.InputSize())
	b := newBatch(ae)
	b.forward(x, x)
	b.outputs[b.CodeLayer()] = h
	return b
}

// TestSparsePenaltyValues compares the two sparsity penalties with values
// worked out by hand.
func TestSparsePenaltyValues(t *testing.T) {
	ae, err := New(Config{Layers: []int{4, 2}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	// Two images, two code units: ρ̂ = (0.2, 0.5).
	b := batchWithCode(t, ae, matrix.NewFromSlice(2, 2, []float64{0.1, 0.5, 0.3, 0.5}))
	tests := []struct {
		name string
		reg  Regularizer
		want float64
	}{
		// λ·(1/n)Σ|h| = 2·(0.1 + 0.5 + 0.3 + 0.5)/2
		{"L1", CodeL1{Lambda: 2}, 1.4},
		// KL(0.2‖0.2) = 0 for unit 1; unit 2: 0.2 ln(0.2/0.5) + 0.8 ln(0.8/0.5)
		{"KL, ρ = 0.2", KLSparsity{Rho: 0.2, Beta: 3}, 3 * (0.2*math.Log(0.4) + 0.8*math.Log(1.6))},
		// KL(0.5‖0.2) = 0.5 ln(0.5/0.2) + 0.5 ln(0.5/0.8); unit 2 is on target
		{"KL, ρ = 0.5", KLSparsity{Rho: 0.5, Beta: 1}, 0.5*math.Log(2.5) + 0.5*math.Log(0.625)},
		// A target met by every unit costs nothing.
		{"KL, met", KLSparsity{Rho: 0.5, Beta: 1}, 0},
	}
	for i, tt := range tests {
		if tt.name == "KL, met" {
			b = batchWithCode(t, ae, matrix.NewFromSlice(2, 2, []float64{0.3, 0.9, 0.7, 0.1}))
		}
		// The penalties sum a handful of terms: rounding leaves ~1e-16.
		if got := tt.reg.Penalty(b); !(math.Abs(got-tt.want) <= 1e-14) {
			t.Errorf("%d %s: penalty %.17g, want %.17g", i, tt.name, got, tt.want)
		}
	}
}

// TestSparsePenaltyGradients checks the L1 and KL penalties, alone, together
// and with weight decay, on the whole autoencoder, for both losses, one and
// two hidden layers, tied and untied.
func TestSparsePenaltyGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 12))
	type variant struct {
		name   string
		code   string
		change func(c *Config)
		wd     float64
	}
	variants := []variant{
		{"L1, linear code", "linear", func(c *Config) { c.L1 = 0.7 }, 0},
		{"L1, tanh code", "tanh", func(c *Config) { c.L1 = 0.7 }, 0},
		{"L1, sigmoid code", "sigmoid", func(c *Config) { c.L1 = 0.7 }, 0},
		{"KL", "sigmoid", func(c *Config) { c.Sparsity, c.SparsityWeight = 0.05, 3 }, 0},
		{"KL, ρ = 0.6", "sigmoid", func(c *Config) { c.Sparsity, c.SparsityWeight = 0.6, 0.5 }, 0},
		{"L1 and KL and weight decay", "sigmoid", func(c *Config) { c.L1, c.Sparsity, c.SparsityWeight = 0.4, 0.1, 2 }, 0.2},
	}
	for _, v := range variants {
		for _, layers := range [][]int{{6, 3}, {7, 5, 4}} {
			for _, loss := range []Loss{SquaredError, CrossEntropy} {
				for _, tied := range []bool{false, true} {
					cfg := Config{Layers: layers, Activation: "tanh", CodeActivation: v.code, OutputActivation: "sigmoid", Loss: loss, Tied: tied}
					v.change(&cfg)
					ae, err := New(cfg, rng)
					if err != nil {
						t.Fatal(err)
					}
					if len(ae.Penalties()) == 0 {
						t.Fatalf("%s: the config names no penalty", v.name)
					}
					randomizeBiases(ae, rng)
					var regs []Regularizer
					if v.wd > 0 {
						regs = append(regs, WeightDecay{Lambda: v.wd})
					}
					x := randData(rng, 6, layers[0])
					name := fmt.Sprintf("%s: %s %v tied=%v", v.name, cfg.Shape(), loss, tied)
					checkObjective(t, name, ae, func() float64 { return ae.Objective(x, regs) })
				}
			}
		}
	}
}

// TestSparsityPenaltiesMakeCodesSparse trains the same net on the same data
// without a penalty, with L1 and with KL sparsity, and compares the codes:
// KL brings the mean activation of the sigmoid code units near ρ, L1 the
// mean |h| far below the unpenalised one.
func TestSparsityPenaltiesMakeCodesSparse(t *testing.T) {
	data := lowRankData(rand.New(rand.NewPCG(21, 21)), 500, 30, 4)
	meanAbsCode := func(change func(c *Config)) float64 {
		cfg := Config{Layers: []int{30, 12}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}
		change(&cfg)
		rng := rand.New(rand.NewPCG(22, 22))
		ae, err := New(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Train(ae, data, data.SliceRows(0, 0), TrainConfig{Epochs: 60, BatchSize: 50, Optimizer: nn.NewAdam(0.01), Rng: rng}); err != nil {
			t.Fatal(err)
		}
		h := ae.Encode(data)
		return h.Sum() / float64(h.Rows()*h.Cols()) // sigmoid units are positive: the mean is the mean |h|
	}
	plain := meanAbsCode(func(*Config) {})
	kl := meanAbsCode(func(c *Config) { c.Sparsity, c.SparsityWeight = 0.05, 3 })
	l1 := meanAbsCode(func(c *Config) { c.L1 = 0.1 })
	t.Logf("mean code activation: plain %.3f, KL (ρ = 0.05) %.3f, L1 %.3f", plain, kl, l1)
	if !(math.Abs(kl-0.05) < 0.02) {
		t.Errorf("KL sparsity with ρ = 0.05: mean activation %.3f, want within 0.02 of ρ", kl)
	}
	if !(plain > 0.2 && l1 < plain/4) {
		t.Errorf("mean activation %.3f without a penalty, %.3f with L1: want the first above 0.2 and L1 four times lower", plain, l1)
	}
}
