package autoencoder

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

func randData(rng *rand.Rand, n, d int) *matrix.Dense {
	x := matrix.New(n, d)
	for i := 0; i < n; i++ {
		row := x.Row(i)
		for j := range row {
			row[j] = rng.Float64()
		}
	}
	return x
}

// TestAutoencoderGradients checks every parameter of small autoencoders —
// untied and tied, each hidden activation, each output activation, squared
// error and (for the sigmoid output) cross-entropy, with and without weight
// decay, one and two hidden layers — against central differences of the
// training objective.
func TestAutoencoderGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(28, 2))
	var cfgs []Config
	for _, layers := range [][]int{{6, 3}, {7, 5, 2}} {
		for _, act := range nn.ActivationNames {
			for k, out := range []string{"sigmoid", "linear"} {
				code := []string{"linear", act}[k] // both a linear code and one like the hidden layers
				for _, loss := range []Loss{SquaredError, CrossEntropy} {
					for _, tied := range []bool{false, true} {
						c := Config{Layers: layers, Activation: act, CodeActivation: code, OutputActivation: out, Tied: tied, Loss: loss}
						if c.Validate() == nil { // cross-entropy needs the sigmoid output
							cfgs = append(cfgs, c)
						}
					}
				}
			}
		}
	}
	for _, cfg := range cfgs {
		for _, lambda := range []float64{0, 0.3} {
			name := fmt.Sprintf("%s %s/%s→%s %v tied=%v λ=%g", cfg.Shape(), cfg.Activation, cfg.CodeActivation, cfg.OutputActivation, cfg.Loss, cfg.Tied, lambda)
			ae, err := New(cfg, rng)
			if err != nil {
				t.Fatal(err)
			}
			randomizeBiases(ae, rng)
			var regs []Regularizer
			if lambda > 0 {
				regs = []Regularizer{WeightDecay{Lambda: lambda}}
			}
			x := randData(rng, 5, cfg.Layers[0])
			checkObjective(t, name, ae, func() float64 { return ae.Objective(x, regs) })
			if want := 2 * (len(cfg.Layers) - 1) * 2; !cfg.Tied && len(ae.Params()) != want {
				t.Errorf("%s: %d parameters, want %d", name, len(ae.Params()), want)
			}
		}
	}
	if len(cfgs) != 2*4*(2+1)*2 { // 2 shapes, 4 activations, sse on both outputs and bce on sigmoid, tied or not
		t.Errorf("checked %d configurations, want 96", len(cfgs))
	}
}

// gradientErrors runs f once to leave the analytic gradients in the
// parameters of ae, then checks every parameter against central
// differences of f, and returns the results. f computes the objective
// from the current parameters and may overwrite the gradients, so they are
// copied first.
func gradientErrors(ae *Autoencoder, f func() float64) []nn.GradCheckResult {
	f()
	var saved []nn.Param // every analytic gradient, before any check calls f again
	for _, p := range ae.Params() {
		saved = append(saved, nn.Param{Name: p.Name, Value: p.Value, Grad: p.Grad.Clone()})
	}
	var results []nn.GradCheckResult
	for _, p := range saved {
		results = append(results, nn.CheckGradient(f, p, nn.GradCheckStep, 3))
	}
	return results
}

// checkObjective fails the test for every parameter of ae whose gradient
// of f does not pass the check.
func checkObjective(t *testing.T, name string, ae *Autoencoder, f func() float64) {
	t.Helper()
	for _, r := range gradientErrors(ae, f) {
		if !r.Pass(nn.GradCheckTolerance) {
			t.Errorf("%s: %s relative error %.3g; worst %+v", name, r.Name, r.RelErr, r.Worst)
		}
	}
}

// randomizeBiases gives every bias of ae small random values, so that
// their gradients matter in a check.
func randomizeBiases(ae *Autoencoder, rng *rand.Rand) {
	for _, p := range ae.Params() {
		if p.Value.Rows() == 1 {
			p.Value.Apply(func(float64) float64 { return 0.2 * (rng.Float64() - 0.5) }, p.Value)
		}
	}
}
