package autoencoder

import (
	"math"
	"testing"
)

// TestGradeKLSparsity grades exercise kl-sparsity: KLSparsity adds
// β Σⱼ KL(ρ ‖ ρ̂ⱼ), with KL(ρ ‖ ρ̂) = ρ ln(ρ/ρ̂) + (1 − ρ) ln((1 − ρ)/(1 − ρ̂))
// and ρ̂ⱼ the mean of code unit j over the batch (Ng's sparse autoencoder,
// the UFLDL tutorial), to the objective, and its gradient through the code
// to the encoder's parameters. The penalty is computed here with loops
// from the codes σ(X·W₁ + b₁), the gradient checked against central
// differences of that. Two penalties at once (ρ = 0.2, β = 2 and
// ρ = 0.05, β = 1) must add up: a penalty that overwrites the code's
// delta instead of adding to it loses the other's part.
func TestGradeKLSparsity(t *testing.T) {
	rng := gradeRand(100)
	net := newGradeNet(t, rng, 4, 3)
	x := gradeMatrix(rng, 8, 4, 0, 1)
	kl := func(rho float64) float64 { // Σⱼ KL(ρ ‖ ρ̂ⱼ)
		h := net.encode(x)
		sum := 0.0
		for j := 0; j < h.Cols(); j++ {
			mean := 0.0
			for i := 0; i < h.Rows(); i++ {
				mean += h.At(i, j)
			}
			mean /= float64(h.Rows())
			sum += rho*math.Log(rho/mean) + (1-rho)*math.Log((1-rho)/(1-mean))
		}
		return sum
	}
	if !gradePenalty(t, "KL sparsity ρ = 0.2, β = 3 on the 3 code units of a 4-3-4 autoencoder, a batch of 8",
		net, x, []Regularizer{KLSparsity{Rho: 0.2, Beta: 3}}, func() float64 { return 3 * kl(0.2) }) {
		return
	}
	gradePenalty(t, "KL sparsity ρ = 0.2, β = 2 and ρ = 0.05, β = 1 together on a 4-3-4 autoencoder",
		net, x, []Regularizer{KLSparsity{Rho: 0.2, Beta: 2}, KLSparsity{Rho: 0.05, Beta: 1}},
		func() float64 { return 2*kl(0.2) + kl(0.05) })
}
