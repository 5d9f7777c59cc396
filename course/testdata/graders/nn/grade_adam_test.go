package nn

import (
	"fmt"
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradeAdam grades exercise adam: the update of Kingma and Ba (2015),
// Algorithm 1,
//
//	m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
//	m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),  θ ← θ − η·m̂/(√v̂ + ε),
//
// written here as loops in the paper's form, over three steps of two
// parameters. Step has two paths, and the exercise has a region in each:
// the textbook loop, taken after matrix.SetKernel("reference"), and the
// folded form of adam_fast.go, taken otherwise, which puts the two bias
// corrections into the step size and ε (Step's doc comment shows that it
// is the same update). Both are graded, each against the loops here, to
// rounding. The first step is also checked by hand: m̂₁ = g and v̂₁ = g², so
// θ moves by η·g/(|g| + ε), almost exactly η against the gradient's sign.
func TestGradeAdam(t *testing.T) {
	before := matrix.Kernel()
	t.Cleanup(func() { matrix.SetKernel(before) })
	for _, path := range []struct{ kernel, name string }{
		{"reference", "the textbook loop of Adam.Step"},
		{"portable", "the folded form, adamRowGo"},
	} {
		if err := matrix.SetKernel(path.kernel); err != nil {
			t.Fatal(err)
		}
		if !gradeAdamPath(t, path.name) {
			return
		}
	}
}

// gradeAdamPath grades the path of Adam.Step that the kernel in use
// chooses, called name in what it reports.
func gradeAdamPath(t *testing.T, name string) bool {
	t.Helper()
	theta, grad := gradeRows([][]float64{{1, -2}}), gradeRows([][]float64{{0.5, -3}})
	NewAdam(0.1).Step([]Param{{Name: "θ", Value: theta, Grad: grad}})
	// 1 − 0.1·0.5/(0.5 + 1e-8) and −2 + 0.1·3/(3 + 1e-8).
	want := [][]float64{{1 - 0.1*0.5/(0.5+1e-8), -2 + 0.1*3/(3+1e-8)}}
	if !gradeExpect(t, name+": the first step (η = 0.1) from θ = [1 −2] with gradient [0.5 −3]", theta, want, 1e-12) {
		return false
	}

	rng := gradeRand(70)
	// Not the usual constants, so that constants written into the code
	// show.
	const eta, b1, b2, eps = 0.01, 0.8, 0.95, 1e-6
	opt := &Adam{LearningRate: eta, Beta1: b1, Beta2: b2, Epsilon: eps}
	values := []*matrix.Dense{gradeMatrix(rng, 3, 2, -1, 1), gradeMatrix(rng, 1, 2, -1, 1)}
	var params []Param
	var wantTheta, m, v [][][]float64
	for i, val := range values {
		params = append(params, Param{Name: []string{"W", "b"}[i], Value: val, Grad: matrix.New(val.Dims())})
		wantTheta = append(wantTheta, gradeValues(val))
		m = append(m, gradeValues(matrix.New(val.Dims())))
		v = append(v, gradeValues(matrix.New(val.Dims())))
	}
	for step := 1; step <= 3; step++ {
		for i, p := range params {
			p.Grad.Copy(gradeMatrix(rng, p.Value.Rows(), p.Value.Cols(), -1, 1))
			for r := range wantTheta[i] {
				for j := range wantTheta[i][r] {
					g := p.Grad.At(r, j)
					m[i][r][j] = b1*m[i][r][j] + (1-b1)*g
					v[i][r][j] = b2*v[i][r][j] + (1-b2)*g*g
					mHat := m[i][r][j] / (1 - math.Pow(b1, float64(step)))
					vHat := v[i][r][j] / (1 - math.Pow(b2, float64(step)))
					wantTheta[i][r][j] -= eta * mHat / (math.Sqrt(vHat) + eps)
				}
			}
		}
		opt.Step(params)
		for i, p := range params {
			what := fmt.Sprintf("%s (η = 0.01, β₁ = 0.8, β₂ = 0.95, ε = 1e-6): parameter %s after step %d", name, p.Name, step)
			if !gradeExpect(t, what, p.Value, wantTheta[i], 1e-12) {
				return false
			}
		}
	}
	return true
}
