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
	for _, layers := range [][]int{{6, 3}, {7, 5, 2}} {
		for _, act := range nn.ActivationNames {
			for k, out := range []string{"sigmoid", "linear"} {
				code := []string{"linear", act}[k] // both a linear code and one like the hidden layers
				for _, loss := range []Loss{SquaredError, CrossEntropy} {
					if loss == CrossEntropy && out != "sigmoid" {
						continue
					}
					for _, tied := range []bool{false, true} {
						for _, lambda := range []float64{0, 0.3} {
							cfg := Config{Layers: layers, Activation: act, CodeActivation: code, OutputActivation: out, Tied: tied, Loss: loss}
							name := fmt.Sprintf("%s %v tied=%v λ=%g", cfg.Shape()+" "+act+"/"+code+"→"+out, loss, tied, lambda)
							ae, err := New(cfg, rng)
							if err != nil {
								t.Fatal(err)
							}
							for _, p := range ae.Params() { // non-zero biases, so their gradients matter
								if p.Value.Rows() == 1 {
									p.Value.Apply(func(float64) float64 { return 0.2 * (rng.Float64() - 0.5) }, p.Value)
								}
							}
							var regs []Regularizer
							if lambda > 0 {
								regs = []Regularizer{WeightDecay{Lambda: lambda}}
							}
							x := randData(rng, 5, layers[0])
							ae.Objective(x, regs) // analytic gradients into the params
							f := func() float64 {
								return ae.Objective(x, regs)
							}
							// Objective overwrites the gradients; keep the analytic ones.
							var saved []nn.Param
							for _, p := range ae.Params() {
								saved = append(saved, nn.Param{Name: p.Name, Value: p.Value, Grad: p.Grad.Clone()})
							}
							for _, p := range saved {
								r := nn.CheckGradient(f, p, nn.GradCheckStep, 3)
								if !r.Pass(nn.GradCheckTolerance) {
									t.Errorf("%s: %s relative error %.3g; worst %+v", name, r.Name, r.RelErr, r.Worst)
								}
							}
							if want := 2 * (len(layers) - 1) * 2; !tied && len(saved) != want {
								t.Errorf("%s: %d parameters, want %d", name, len(saved), want)
							}
						}
					}
				}
			}
		}
	}
}
