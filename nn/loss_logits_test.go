package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// TestSigmoidCrossEntropyGradients checks the fused gradient σ(Z) − T of
// both forms against central differences in the logits, for targets that
// are binary and for targets anywhere in [0, 1].
func TestSigmoidCrossEntropyGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	binary := func(float64) float64 { return float64(rng.IntN(2)) }
	tests := []struct {
		name   string
		loss   LossFunc
		target func(float64) float64
	}{
		{"SigmoidCrossEntropy, targets in [0, 1]", SigmoidCrossEntropy, func(float64) float64 { return rng.Float64() }},
		{"SigmoidCrossEntropy, binary targets", SigmoidCrossEntropy, binary},
		{"MeanSigmoidCrossEntropy, targets in [0, 1]", MeanSigmoidCrossEntropy, func(float64) float64 { return rng.Float64() }},
		{"MeanSigmoidCrossEntropy, binary targets", MeanSigmoidCrossEntropy, binary},
	}
	for _, tt := range tests {
		logits := randMatrix(rng, 5, 7, -4, 4)
		target := matrix.New(5, 7)
		target.Apply(tt.target, target)
		grad := matrix.New(5, 7)
		tt.loss(logits, target, grad)
		r := CheckGradient(func() float64 { return tt.loss(logits, target, nil) }, Param{Name: "logits", Value: logits, Grad: grad}, GradCheckStep, 3)
		assertPass(t, tt.name, []GradCheckResult{r})
	}
}

// TestSigmoidCrossEntropyMatchesUnfused: the fused loss of the logits is the
// cross-entropy of their sigmoids, and its gradient is what the unfused
// gradient becomes after the sigmoid's backward pass.
func TestSigmoidCrossEntropyMatchesUnfused(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	logits := randMatrix(rng, 4, 6, -5, 5)
	target := randMatrix(rng, 4, 6, 0, 1)
	s := &Sigmoid{}
	pred := s.Forward(logits)
	dPred := matrix.New(4, 6)
	want := BinaryCrossEntropy(pred, target, dPred)
	wantGrad := s.Backward(dPred)

	grad := matrix.New(4, 6)
	got := SigmoidCrossEntropy(logits, target, grad)
	// Both sum 24 terms of order 1 computed two ways (ln σ(z) against
	// max(z,0) − z·t + ln(1+e^−|z|)): they agree to rounding, ~1e-15 each.
	if !(math.Abs(got-want) <= 1e-12*math.Abs(want)) {
		t.Errorf("fused loss %.17g, unfused %.17g", got, want)
	}
	if !matrix.EqualApprox(grad, wantGrad, 1e-12) {
		t.Errorf("fused gradient\n%v\nunfused through the sigmoid\n%v", grad, wantGrad)
	}
}

// TestSigmoidCrossEntropySaturated: where σ(z) rounds to exactly 0 or 1 the
// fused loss stays finite and exact (|z| for a wrong sign, 0 for the right
// one), and the gradient is ±1, the whole error.
func TestSigmoidCrossEntropySaturated(t *testing.T) {
	tests := []struct {
		z, t, loss, grad float64
	}{
		{800, 0, 800, 1},   // confidently wrong: loss z, gradient σ(z) − 0 = 1
		{-800, 1, 800, -1}, // confidently wrong the other way
		{800, 1, 0, 0},     // confidently right: ln(1 + e^−800) underflows to 0
		{0, 1, math.Ln2, -0.5},
	}
	for _, tt := range tests {
		z := matrix.NewFromSlice(1, 1, []float64{tt.z})
		target := matrix.NewFromSlice(1, 1, []float64{tt.t})
		grad := matrix.New(1, 1)
		loss := SigmoidCrossEntropy(z, target, grad)
		if !(math.Abs(loss-tt.loss) <= 1e-15*max(1, tt.loss)) || grad.At(0, 0) != tt.grad {
			t.Errorf("z=%g t=%g: loss %v, gradient %v; want %v, %v", tt.z, tt.t, loss, grad.At(0, 0), tt.loss, tt.grad)
		}
	}
}
