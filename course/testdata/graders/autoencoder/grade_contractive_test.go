package autoencoder

import (
	"testing"

	"bottleneck/matrix"
)

// TestGradeContractive grades exercise contractive: Contractive adds
// λ·(1/n) Σₙ ‖J_f(xₙ)‖²_F, the squared Frobenius norm of the encoder's
// Jacobian J_f(x)ⱼᵢ = ∂hⱼ/∂xᵢ averaged over the batch (Rifai et al.,
// 2011), to the objective, and its gradient to the encoder's parameters,
// both through the code and directly through W. The penalty is checked
// twice: against the Jacobian found numerically, by central differences
// of the encoder x ↦ σ(x·W₁ + b₁) written here (which assumes nothing
// about its form), and against the chain rule's Jacobian hⱼ(1 − hⱼ)·Wᵢⱼ
// summed entry by entry, whose central differences check the gradient.
// Two penalties at once (λ = 0.2 and 0.3) must act as one of 0.5: a
// penalty that overwrites the code's delta or W's gradient instead of
// adding to it loses the other's part.
func TestGradeContractive(t *testing.T) {
	rng := gradeRand(110)
	net := newGradeNet(t, rng, 4, 3)
	x := gradeMatrix(rng, 5, 4, 0, 1)
	n := float64(x.Rows())
	jacobian := func() float64 { // Σₙ Σⱼ Σᵢ (hₙⱼ(1 − hₙⱼ)·Wᵢⱼ)²
		h := net.encode(x)
		sum := 0.0
		for r := 0; r < h.Rows(); r++ {
			for j := 0; j < h.Cols(); j++ {
				d := h.At(r, j) * (1 - h.At(r, j))
				for i := 0; i < net.w1.Rows(); i++ {
					sum += d * net.w1.At(i, j) * d * net.w1.At(i, j)
				}
			}
		}
		return sum
	}
	if numeric, exact := gradeNumericJacobian(net, x), jacobian(); !gradeClose(numeric, exact, 1e-7) {
		t.Fatalf("the grader's own two Jacobians disagree: %v numerically, %v by the chain rule", numeric, exact)
	}

	const what = "the contractive penalty λ = 0.5 on a 4-3-4 autoencoder, a batch of 5"
	without := net.ae.Objective(x, nil)
	with := net.ae.Objective(x, []Regularizer{&Contractive{Lambda: 0.5}})
	if got, want := with-without, 0.5*gradeNumericJacobian(net, x)/n; !gradeClose(got, want, 1e-7) {
		t.Errorf("%s adds %v to the objective, want λ·(1/n) Σₙ ‖J_f(xₙ)‖²_F = %v, the Jacobian found numerically", what, got, want)
		return
	}
	if !gradePenalty(t, what, net, x, []Regularizer{&Contractive{Lambda: 0.5}}, func() float64 { return 0.5 * jacobian() / n }) {
		return
	}
	gradePenalty(t, "contractive penalties λ = 0.2 and λ = 0.3 together on a 4-3-4 autoencoder",
		net, x, []Regularizer{&Contractive{Lambda: 0.2}, &Contractive{Lambda: 0.3}}, func() float64 { return 0.5 * jacobian() / n })
}

// gradeNumericJacobian returns Σₙ ‖J_f(xₙ)‖²_F with every entry ∂hⱼ/∂xᵢ
// of the encoder's Jacobian found by central differences,
// (h(x + εeᵢ) − h(x − εeᵢ))/2ε. With ε = 1e-5 the error of each entry is
// of order ε² times the third derivative, far below the 1e-7 the grader
// allows.
func gradeNumericJacobian(net *gradeNet, x *matrix.Dense) float64 {
	const eps = 1e-5
	sum := 0.0
	for r := 0; r < x.Rows(); r++ {
		row := matrix.New(1, x.Cols())
		copy(row.Row(0), x.Row(r))
		for i := 0; i < x.Cols(); i++ {
			v := row.At(0, i)
			row.Set(0, i, v+eps)
			up := net.encode(row)
			row.Set(0, i, v-eps)
			down := net.encode(row)
			row.Set(0, i, v)
			for j := 0; j < up.Cols(); j++ {
				d := (up.At(0, j) - down.At(0, j)) / (2 * eps)
				sum += d * d
			}
		}
	}
	return sum
}
