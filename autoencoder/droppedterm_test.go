package autoencoder

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The gradient checks of this package would be worth little if they could
// not fail. The penalties below are deliberately wrong: each is a correct
// penalty whose gradient misses one term, the kind of slip a derivation
// makes. TestDroppedTermIsCaught shows the check catches each one in the
// parameters the term feeds, and only there.

// contractiveCodeTermOnly is the contractive penalty without the direct
// term 2λWᵢⱼΣₙ(hₙⱼ(1 − hₙⱼ))²/n: as if Ω depended on W only through h.
type contractiveCodeTermOnly struct{ *Contractive }

func (p contractiveCodeTermOnly) AddGradient(b *Batch) { p.addCodeDelta(b) }

// contractiveDirectTermOnly is the contractive penalty without the delta
// of the code: as if h did not depend on W.
type contractiveDirectTermOnly struct{ *Contractive }

func (p contractiveDirectTermOnly) AddGradient(b *Batch) { p.addWeightGradient(b) }

// klFirstTermOnly is the KL sparsity penalty whose delta keeps −ρ/ρ̂ⱼ and
// drops (1 − ρ)/(1 − ρ̂ⱼ), the derivative of the divergence's second term.
type klFirstTermOnly struct{ KLSparsity }

func (p klFirstTermOnly) AddGradient(b *Batch) {
	dh := b.CodeDelta()
	for j := 0; j < dh.Cols(); j++ {
		g := p.Beta / float64(b.Rows()) * (-p.Rho / meanActivation(b, j))
		for i := 0; i < dh.Rows(); i++ {
			dh.Row(i)[j] += g
		}
	}
}

// TestDroppedTermIsCaught checks a one-layer sigmoid autoencoder 8-5-8 with
// each penalty, right and wrong. With the right gradient every parameter
// passes; with a term dropped, the parameters that term reaches fail by
// orders of magnitude (relative error above 1e-3, the tolerance being
// 1e-6), and the decoder's, which no penalty touches, still pass.
func TestDroppedTermIsCaught(t *testing.T) {
	tests := []struct {
		name  string
		right Regularizer
		wrong Regularizer
		fails []string // the parameters the dropped term reaches
	}{
		{"contractive without its direct term", &Contractive{Lambda: 1}, contractiveCodeTermOnly{&Contractive{Lambda: 1}}, []string{"W1"}},
		{"contractive without its code term", &Contractive{Lambda: 1}, contractiveDirectTermOnly{&Contractive{Lambda: 1}}, []string{"W1", "b1"}},
		{"KL without (1 − ρ)/(1 − ρ̂)", KLSparsity{Rho: 0.05, Beta: 3}, klFirstTermOnly{KLSparsity{Rho: 0.05, Beta: 3}}, []string{"W1", "b1"}},
	}
	for _, tt := range tests {
		for _, wrong := range []bool{false, true} {
			rng := rand.New(rand.NewPCG(70, 70)) // the same net and data, right or wrong
			ae, err := New(Config{Layers: []int{8, 5}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}, rng)
			if err != nil {
				t.Fatal(err)
			}
			randomizeBiases(ae, rng)
			x := randData(rng, 6, 8)
			reg := tt.right
			if wrong {
				reg = tt.wrong
			}
			results := gradientErrors(ae, func() float64 { return ae.Objective(x, []Regularizer{reg}) })
			for _, r := range results {
				shouldFail := wrong && slices.Contains(tt.fails, r.Name)
				switch {
				case shouldFail && r.RelErr < 1e-3:
					t.Errorf("%s: %s passes with relative error %.3g: the check missed the dropped term", tt.name, r.Name, r.RelErr)
				case !shouldFail && !r.Pass(nn.GradCheckTolerance):
					t.Errorf("%s (wrong=%v): %s fails with relative error %.3g", tt.name, wrong, r.Name, r.RelErr)
				}
				if shouldFail {
					t.Logf("%s: %s relative error %.3g", tt.name, r.Name, r.RelErr)
				}
			}
		}
	}
}

// TestEveryPenaltyAtOnce checks the gradient of the objective with every
// loss and every penalty the package has, together: cross-entropy or
// squared error, L1 and KL on the code, the contractive penalty, weight
// decay and a corrupted input, tied and untied, on an overcomplete code
// (which the penalties make valid).
func TestEveryPenaltyAtOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 71))
	for _, loss := range []Loss{SquaredError, CrossEntropy} {
		for _, tied := range []bool{false, true} {
			for _, noise := range []Noise{{Masking, 0.3}, {Gaussian, 0.2}, {SaltPepper, 0.1}} {
				cfg := Config{Layers: []int{6, 9}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid",
					Loss: loss, Tied: tied, L1: 0.2, Sparsity: 0.1, SparsityWeight: 0.5, Contractive: 0.4, Noise: noise}
				ae, err := New(cfg, rng)
				if err != nil {
					t.Fatal(err)
				}
				if len(ae.Penalties()) != 3 {
					t.Fatalf("%d penalties from the config, want 3", len(ae.Penalties()))
				}
				randomizeBiases(ae, rng)
				x := randData(rng, 7, 6)
				xt := matrix.New(7, 6)
				noise.Corrupt(xt, x, rng)
				regs := []Regularizer{WeightDecay{Lambda: 0.1}}
				name := fmt.Sprintf("all penalties, %v, %v, tied=%v", loss, noise, tied)
				checkObjective(t, name, ae, func() float64 { return ae.ObjectiveCorrupted(xt, x, regs) })
			}
		}
	}
}
