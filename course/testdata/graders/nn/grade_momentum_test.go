package nn

import (
	"fmt"
	"testing"

	"bottleneck/matrix"
)

// TestGradeMomentum grades exercise sgd-momentum: Momentum.Step updates
// each parameter's velocity, v ← μ·v − η·∇θ, then moves the parameter by
// it, θ ← θ + v, keeping one velocity per parameter from step to step. The
// expected values are worked out by hand for one number over two steps, and
// by those two lines written as loops for two parameters over three steps.
func TestGradeMomentum(t *testing.T) {
	// θ₀ = 1, gradient 2 at both steps, η = 0.1, μ = 0.9:
	// v₁ = −0.2, θ₁ = 0.8; v₂ = 0.9·(−0.2) − 0.2 = −0.38, θ₂ = 0.42.
	theta, grad := gradeRows([][]float64{{1}}), gradeRows([][]float64{{2}})
	opt := &Momentum{LearningRate: 0.1, Mu: 0.9}
	for step, want := range []float64{0.8, 0.42} {
		opt.Step([]Param{{Name: "θ", Value: theta, Grad: grad}})
		if got := theta.At(0, 0); !gradeClose(got, want, 1e-12) {
			t.Errorf("Momentum (η = 0.1, μ = 0.9) from θ = 1 with gradient 2: after step %d θ = %v, want %v", step+1, got, want)
			return
		}
	}

	rng := gradeRand(60)
	const eta, mu = 0.05, 0.8
	values := []*matrix.Dense{gradeMatrix(rng, 3, 2, -1, 1), gradeMatrix(rng, 1, 2, -1, 1)}
	var params []Param
	var want, velocity [][][]float64
	for i, v := range values {
		params = append(params, Param{Name: []string{"W", "b"}[i], Value: v, Grad: matrix.New(v.Dims())})
		want = append(want, gradeValues(v))
		velocity = append(velocity, gradeValues(matrix.New(v.Dims())))
	}
	opt = &Momentum{LearningRate: eta, Mu: mu}
	for step := 1; step <= 3; step++ {
		for i, p := range params {
			p.Grad.Copy(gradeMatrix(rng, p.Value.Rows(), p.Value.Cols(), -1, 1))
			for r := range want[i] {
				for j := range want[i][r] {
					velocity[i][r][j] = mu*velocity[i][r][j] - eta*p.Grad.At(r, j)
					want[i][r][j] += velocity[i][r][j]
				}
			}
		}
		opt.Step(params)
		for i, p := range params {
			if !gradeExpect(t, "Momentum (η = 0.05, μ = 0.8), parameter "+p.Name+fmt.Sprintf(" after step %d", step), p.Value, want[i], 1e-12) {
				return
			}
		}
	}
}
