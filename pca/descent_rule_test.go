package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// TestDescentRuleByHand checks FitLinearAutoencoder's update against the
// heavy-ball rule of its doc comment (Polyak 1964),
//
//	v ← β·v − η·∇L,   W ← W + v   (for W₁ and W₂ alike, v starting at 0)
//
// taking the first three steps by hand from the initial weights, with the
// gradient of LinearAutoencoderGradient (checked against central
// differences elsewhere). It also checks what progress sees: steps 0 to
// Steps, each with the loss at the weights of that step.
func TestDescentRuleByHand(t *testing.T) {
	const d, k, steps = 5, 2, 3
	cov := matrix.New(d, d)
	g := randomNormal(rand.New(rand.NewPCG(53, 54)), 2*d, d)
	cov.MulTransA(g, g)
	cov.Scale(1/float64(2*d), cov)
	cfg := DescentConfig{K: k, WeightDecay: 0.3, LearningRate: 0.05, Momentum: 0.7, Steps: steps, InitStd: 0.5}

	var seen []*LinearAutoencoder
	var losses []float64
	got, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(55, 56)), func(step int, ae *LinearAutoencoder, loss float64) error {
		if step != len(seen) {
			t.Errorf("progress called with step %d, want %d", step, len(seen))
		}
		seen = append(seen, &LinearAutoencoder{Encoder: ae.Encoder.Clone(), Decoder: ae.Decoder.Clone()})
		losses = append(losses, loss)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != steps+1 {
		t.Fatalf("progress called %d times, want %d (steps 0 to %d)", len(seen), steps+1, steps)
	}
	w1, w2 := seen[0].Encoder.Clone(), seen[0].Decoder.Clone()
	v1, v2 := matrix.New(d, k), matrix.New(k, d)
	g1, g2 := matrix.New(d, k), matrix.New(k, d)
	for s := 1; s <= steps; s++ {
		LinearAutoencoderGradient(cov, w1, w2, cfg.WeightDecay, g1, g2)
		for _, u := range []struct{ v, g, w *matrix.Dense }{{v1, g1, w1}, {v2, g2, w2}} {
			for i := 0; i < u.v.Rows(); i++ {
				for j := 0; j < u.v.Cols(); j++ {
					vij := cfg.Momentum*u.v.At(i, j) - cfg.LearningRate*u.g.At(i, j)
					u.v.Set(i, j, vij)
					u.w.Set(i, j, u.w.At(i, j)+vij)
				}
			}
		}
		// 1e-13: three steps of sums of a few products.
		if !matrix.EqualApprox(seen[s].Encoder, w1, 1e-13) || !matrix.EqualApprox(seen[s].Decoder, w2, 1e-13) {
			t.Errorf("step %d: weights differ from the heavy-ball rule by hand", s)
		}
		if want := LinearAutoencoderLoss(cov, w1, w2, cfg.WeightDecay); !(math.Abs(losses[s]-want) <= 1e-13*want) {
			t.Errorf("step %d: progress saw loss %.15g, the loss at those weights is %.15g", s, losses[s], want)
		}
	}
	if !matrix.EqualApprox(got.Encoder, w1, 1e-13) || !matrix.EqualApprox(got.Decoder, w2, 1e-13) {
		t.Error("the returned weights are not those of the last step")
	}
}

// TestDescentInitialWeights: the weights start as N(0, InitStd²) draws,
// encoder first, so that Steps = 0 returns them; over 2·d·k = 2,000 draws
// the sample variance is within 10% of InitStd² (its relative spread is
// √(2/2000) ≈ 3%).
func TestDescentInitialWeights(t *testing.T) {
	const d, k, std = 50, 20, 0.3
	cfg := DescentConfig{K: k, WeightDecay: 0, LearningRate: 0.1, Momentum: 0, Steps: 0, InitStd: std}
	ae, err := FitLinearAutoencoder(identity(d), cfg, rand.New(rand.NewPCG(57, 58)), nil)
	if err != nil {
		t.Fatal(err)
	}
	sq := 0.0
	for _, w := range []*matrix.Dense{ae.Encoder, ae.Decoder} {
		n := w.Norm()
		sq += n * n
	}
	if v := sq / (2 * d * k); !(math.Abs(v-std*std) <= 0.1*std*std) {
		t.Errorf("initial weights have mean square %.4g, want InitStd² = %.4g", v, std*std)
	}
	// The same seed draws the encoder first, then the decoder.
	rng := rand.New(rand.NewPCG(57, 58))
	if first := std * rng.NormFloat64(); ae.Encoder.At(0, 0) != first {
		t.Errorf("Encoder(0, 0) = %v, want the first draw %v", ae.Encoder.At(0, 0), first)
	}
}

// TestSafeLearningRateValues: η = 1/(2σ₁² + λ), with a negative σ₁²
// (rounding) counted as 0, and 1 when both are zero.
func TestSafeLearningRateValues(t *testing.T) {
	for _, tt := range []struct{ sigma1Sq, lambda, want float64 }{
		{4, 0, 1.0 / 8},
		{4, 1, 1.0 / 9},
		{0.5, 100, 1.0 / 101},
		{0, 2, 1.0 / 2},
		{-1e-17, 0, 1},
		{0, 0, 1},
	} {
		if got := SafeLearningRate(tt.sigma1Sq, tt.lambda); !(math.Abs(got-tt.want) <= 1e-16*tt.want) {
			t.Errorf("SafeLearningRate(%v, %v) = %v, want %v", tt.sigma1Sq, tt.lambda, got, tt.want)
		}
	}
}
