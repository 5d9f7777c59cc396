package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// quadratic is f(θ) = ½‖θ − c‖², whose gradient is θ − c and whose minimum
// is θ = c. Every optimizer must find it.
func quadratic(theta, grad, c *matrix.Dense) float64 {
	return HalfSquaredError(theta, c, grad)
}

func TestOptimizersMinimiseQuadratic(t *testing.T) {
	tests := []struct {
		name  string
		opt   Optimizer
		steps int
	}{
		{"SGD", &SGD{LearningRate: 0.1}, 300},
		{"Momentum", &Momentum{LearningRate: 0.05, Mu: 0.9}, 300},
		{"Adam", NewAdam(0.05), 1000},
	}
	for _, tt := range tests {
		theta := matrix.NewFromSlice(2, 2, []float64{3, -2, 0.5, 1})
		c := matrix.NewFromSlice(2, 2, []float64{-1, 1, 2, 0})
		grad := matrix.New(2, 2)
		params := []Param{{Name: "θ", Value: theta, Grad: grad}}
		for i := 0; i < tt.steps; i++ {
			quadratic(theta, grad, c)
			tt.opt.Step(params)
		}
		if !matrix.EqualApprox(theta, c, 1e-4) {
			t.Errorf("%s: after %d steps θ = %v, want %v", tt.name, tt.steps, theta, c)
		}
	}
}

func TestSGDStep(t *testing.T) {
	// θ = 1, g = 2, η = 0.25: θ − ηg = 0.5.
	theta := matrix.NewFromSlice(1, 1, []float64{1})
	grad := matrix.NewFromSlice(1, 1, []float64{2})
	(&SGD{LearningRate: 0.25}).Step([]Param{{Value: theta, Grad: grad}})
	if got := theta.At(0, 0); got != 0.5 {
		t.Errorf("θ = %g, want 0.5", got)
	}
}

func TestAdamFirstStep(t *testing.T) {
	// After bias correction Adam's first step is η·g/(|g|+ε) ≈ η·sign(g),
	// whatever the size of g (Kingma and Ba, section 2.1).
	theta := matrix.NewFromSlice(1, 3, []float64{0, 0, 0})
	grad := matrix.NewFromSlice(1, 3, []float64{1e-3, -5, 100})
	NewAdam(0.01).Step([]Param{{Value: theta, Grad: grad}})
	want := []float64{-0.01, 0.01, -0.01}
	for j, w := range want {
		if got := theta.At(0, j); !(math.Abs(got-w) <= 1e-7) { // written so that NaN fails
			t.Errorf("θ[%d] = %g, want %g", j, got, w)
		}
	}
}

func TestOptimizerPanicsOnChangedParams(t *testing.T) {
	a := Param{Value: matrix.New(2, 2), Grad: matrix.New(2, 2)}
	b := Param{Value: matrix.New(3, 1), Grad: matrix.New(3, 1)}
	opt := NewAdam(0.1)
	opt.Step([]Param{a})
	defer func() {
		if recover() == nil {
			t.Error("Adam.Step with a different parameter did not panic")
		}
	}()
	opt.Step([]Param{b})
}

func TestInitialisersScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	w := matrix.New(400, 200)
	GlorotUniform(w, rng)
	// Uniform on [−a, a] has variance a²/3 = 2/(in+out) = 2/600.
	if v := variance(w); !(math.Abs(v-2.0/600)/(2.0/600) <= 0.02) {
		t.Errorf("GlorotUniform variance %g, want %g within 2%%", v, 2.0/600)
	}
	HeNormal(w, rng)
	// He: variance 2/in = 2/400.
	if v := variance(w); !(math.Abs(v-2.0/400)/(2.0/400) <= 0.02) {
		t.Errorf("HeNormal variance %g, want %g within 2%%", v, 2.0/400)
	}
}

func variance(m *matrix.Dense) float64 {
	n := float64(m.Rows() * m.Cols())
	mean := m.Sum() / n
	s := 0.0
	for i := 0; i < m.Rows(); i++ {
		for _, v := range m.Row(i) {
			s += (v - mean) * (v - mean)
		}
	}
	return s / n
}

func TestNewActivationUnknown(t *testing.T) {
	if _, err := NewActivation("softmax"); err == nil || err.Error() != `nn: unknown activation "softmax" (want sigmoid, tanh, relu or linear)` {
		t.Errorf("NewActivation(\"softmax\") error = %v", err)
	}
}

func TestLossValues(t *testing.T) {
	pred := matrix.NewFromSlice(2, 2, []float64{1, 2, 3, 4})
	target := matrix.NewFromSlice(2, 2, []float64{0, 2, 1, 4})
	// ½(1² + 0 + 2² + 0) = 2.5 summed; 1.25 per row.
	if got := HalfSquaredError(pred, target, nil); got != 2.5 {
		t.Errorf("HalfSquaredError = %g, want 2.5", got)
	}
	if got := MeanHalfSquaredError(pred, target, nil); got != 1.25 {
		t.Errorf("MeanHalfSquaredError = %g, want 1.25", got)
	}
	// Cross-entropy of p = ½ against any t is ln 2 per element.
	half := matrix.NewFromSlice(1, 3, []float64{0.5, 0.5, 0.5})
	tgt := matrix.NewFromSlice(1, 3, []float64{0, 1, 0.3})
	if got := BinaryCrossEntropy(half, tgt, nil); !(math.Abs(got-3*math.Ln2) <= 1e-12) {
		t.Errorf("BinaryCrossEntropy = %g, want 3 ln 2", got)
	}
}
