package pca

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// TestFitLinearAutoencoderIsMomentumDescent: the weights FitLinearAutoencoder
// reports after each step are those of heavy-ball momentum worked out here
// by hand, from its own starting weights, with the exact gradient of
// LinearAutoencoderGradient:
//
//	v ← β·v − η·∇L,   W ← W + v,   v starting at 0.
func TestFitLinearAutoencoderIsMomentumDescent(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	const d, k, steps = 6, 2, 4
	g := randomNormal(rng, 20, d)
	cov := matrix.New(d, d)
	cov.MulTransA(g, g)
	cov.Scale(1.0/20, cov) // the covariance of 20 Gaussian samples (not centred; any Σ ⪰ 0 will do)
	cfg := DescentConfig{K: k, WeightDecay: 0.3, LearningRate: 0.05, Momentum: 0.7, Steps: steps, InitStd: 0.5}

	var seen [][2]*matrix.Dense // the weights at steps 0, 1, …, steps
	_, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), func(step int, ae *LinearAutoencoder, _ float64) error {
		seen = append(seen, [2]*matrix.Dense{ae.Encoder.Clone(), ae.Decoder.Clone()})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != steps+1 {
		t.Fatalf("progress called %d times, want %d", len(seen), steps+1)
	}

	w1, w2 := seen[0][0].Clone(), seen[0][1].Clone()
	v1, v2 := matrix.New(d, k), matrix.New(k, d)
	g1, g2 := matrix.New(d, k), matrix.New(k, d)
	for step := 1; step <= steps; step++ {
		LinearAutoencoderGradient(cov, w1, w2, cfg.WeightDecay, g1, g2)
		for _, p := range []struct{ w, v, g *matrix.Dense }{{w1, v1, g1}, {w2, v2, g2}} {
			for i := 0; i < p.w.Rows(); i++ {
				for j := 0; j < p.w.Cols(); j++ {
					v := cfg.Momentum*p.v.At(i, j) - cfg.LearningRate*p.g.At(i, j)
					p.v.Set(i, j, v)
					p.w.Set(i, j, p.w.At(i, j)+v)
				}
			}
		}
		// 1e-14: the descent and this loop do the same arithmetic; only the
		// order inside a product could differ with a SIMD kernel.
		if !matrix.EqualApprox(seen[step][0], w1, 1e-14) || !matrix.EqualApprox(seen[step][1], w2, 1e-14) {
			t.Fatalf("step %d: weights\n%v%v\nwant, by hand,\n%v%v", step, seen[step][0], seen[step][1], w1, w2)
		}
	}
}
