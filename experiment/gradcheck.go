package experiment

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// GradCheckSettings are the settings of a gradient check: a small random
// network and a batch of random inputs. The network's Config may name any
// loss, penalty and noise: the check is of the objective that training
// that network would minimise.
type GradCheckSettings struct {
	Config      autoencoder.Config // the network, small: every weight is moved twice
	N           int                // random input vectors in the batch, 1 to 10,000
	Step        float64            // h of the central differences, 1e-10 to 0.1 (nn.GradCheckStep is customary)
	Tolerance   float64            // the relative error below which a parameter passes, in (0, 1)
	WeightDecay float64            // λ of the weight decay to include in the loss; 0 for none
	Seed        uint64             // the weights, the inputs and their corruption
	Binarize    bool               // turn the inputs into 0 or 1, as training with Binarize sees them
}

// maxGradCheckWork bounds the work of a check: it runs the whole network
// forward twice per weight, about 2·P·(2·N·P) flops for P weights, and
// 1e11 is a minute or so.
const maxGradCheckWork = 1e11

// Validate reports what is wrong with s, or nil, as TrainSettings.Validate
// does; a check that would take too long is a *SettingError wrapping
// ErrTooSlow.
func (s GradCheckSettings) Validate() error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	switch {
	case s.N < 1 || s.N > 10000:
		return outOfRange("n", "give between 1 and 10000 input vectors")
	case !(s.Step >= 1e-10) || s.Step > 0.1:
		// Below 1e-10 rounding, about 1e-16·|L|/h, swamps the difference.
		return outOfRange("step", "the step must be between 1e-10 and 0.1 (1e-5 is customary)")
	case !(s.Tolerance > 0) || s.Tolerance >= 1:
		// The relative error is at most 1, so a tolerance of 1 passes
		// anything: a check that cannot fail.
		return outOfRange("tolerance", "must be above 0 and below 1 (the relative error is at most 1)")
	}
	if err := checkWeightDecay(s.WeightDecay); err != nil {
		return err
	}
	weights := 0.0
	for i := 0; i+1 < len(s.Config.Layers); i++ {
		weights += 2 * (float64(s.Config.Layers[i])*float64(s.Config.Layers[i+1]) + float64(s.Config.Layers[i+1]))
	}
	if work := 4 * weights * weights * float64(s.N); work > maxGradCheckWork {
		field := "n"
		if 4*weights*weights > maxGradCheckWork {
			field = "layers"
		}
		return &SettingError{Field: field, Err: ErrTooSlow,
			Detail: fmt.Sprintf("%.0f weights, each moved twice with the whole network run on the %d inputs each time, would take too long; keep it small (e.g. layers 6,4,2 and 5 inputs)", weights, s.N)}
	}
	return nil
}

// GradCheck is a gradient check made ready: the network built with random
// weights and biases, the random inputs drawn, the loss and its gradient
// by backpropagation computed. Check then compares that gradient with
// central differences, one parameter at a time.
type GradCheck struct {
	Settings GradCheckSettings
	Model    *autoencoder.Autoencoder
	Inputs   *matrix.Dense // x: N×in, uniform in [0, 1) (0 or 1 with Binarize)
	// Corrupted is x̃, the inputs corrupted once by the Config's noise,
	// which the encoder is given while the loss compares the output with
	// x; it is Inputs when there is no noise. The noise is drawn once, so
	// that the objective is a function of the weights alone.
	Corrupted *matrix.Dense
	Loss      float64 // the per-input objective at the drawn weights
	// Resolution is the finest gradient central differences resolve at
	// this objective and step: the rounding of J(θ±h), about
	// 2.2e-16·|J|, divided by h. A right gradient much smaller than that
	// (one that vanished on its way through many layers) can fail the
	// check for want of precision, not because it is wrong.
	Resolution float64

	analytic []nn.Param // the parameters, with the gradient backpropagation left
	regs     []autoencoder.Regularizer
}

// ParamCheck is the outcome of checking one parameter.
type ParamCheck struct {
	Name       string
	Rows, Cols int
	RelErr     float64      // ‖g_num − g_ana‖ / (‖g_num‖ + ‖g_ana‖)
	GradNorm   float64      // ‖g_ana‖, the size of backpropagation's gradient
	Pass       bool         // RelErr below the tolerance
	Worst      nn.GradEntry // the entry where the two gradients differ most
}

// NewGradCheck builds the network s.Config describes with weights drawn
// from s.Seed and biases uniform in [−0.1, 0.1] (so that their gradients
// are not trivial), draws N inputs uniform in [0, 1) and their corruption,
// and computes the objective — the loss, the penalties of the Config and
// the weight decay — and its gradient by backpropagation.
func NewGradCheck(s GradCheckSettings) (*GradCheck, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0))
	ae, err := autoencoder.New(s.Config, rng)
	if err != nil {
		return nil, err
	}
	for _, p := range ae.Params() {
		if p.Value.Rows() == 1 {
			fillUniform(p.Value, -0.1, 0.1, rng)
		}
	}
	x := matrix.New(s.N, s.Config.Layers[0])
	fillUniform(x, 0, 1, rng)
	if s.Binarize {
		x = autoencoder.Binarize(x)
	}
	corrupted := x
	if s.Config.Noise.On() {
		corrupted = matrix.New(x.Rows(), x.Cols())
		s.Config.Noise.Corrupt(corrupted, x, rand.New(rand.NewPCG(s.Seed, 1)))
	}
	g := &GradCheck{Settings: s, Model: ae, Inputs: x, Corrupted: corrupted}
	if s.WeightDecay > 0 {
		g.regs = append(g.regs, autoencoder.WeightDecay{Lambda: s.WeightDecay})
	}
	g.Loss = g.objective() // backpropagation leaves the analytic gradients
	g.Resolution = 2.2e-16 * math.Abs(g.Loss) / s.Step
	for _, p := range ae.Params() {
		g.analytic = append(g.analytic, nn.Param{Name: p.Name, Value: p.Value, Grad: p.Grad.Clone()})
	}
	return g, nil
}

// objective returns the per-input objective of the inputs at the current
// weights, leaving its gradient in the parameters.
func (g *GradCheck) objective() float64 {
	return g.Model.ObjectiveCorrupted(g.Corrupted, g.Inputs, g.regs)
}

// Len returns the number of parameters to check.
func (g *GradCheck) Len() int { return len(g.analytic) }

// Check checks parameter i (in the order of Model.Params) against central
// differences.
func (g *GradCheck) Check(i int) ParamCheck {
	p := g.analytic[i]
	r := nn.CheckGradient(g.objective, p, g.Settings.Step, 1)
	c := ParamCheck{Name: p.Name, RelErr: r.RelErr, GradNorm: p.Grad.Norm(), Pass: r.Pass(g.Settings.Tolerance)}
	c.Rows, c.Cols = p.Value.Dims()
	if len(r.Worst) > 0 {
		c.Worst = r.Worst[0]
	}
	return c
}

// CheckAll checks every parameter and returns the outcomes, in order.
func (g *GradCheck) CheckAll() []ParamCheck {
	checks := make([]ParamCheck, g.Len())
	for i := range checks {
		checks[i] = g.Check(i)
	}
	return checks
}

// fillUniform fills m with values drawn uniformly from [lo, hi), row by row,
// so that the same seed gives the same numbers.
func fillUniform(m *matrix.Dense, lo, hi float64, rng *rand.Rand) {
	for i := 0; i < m.Rows(); i++ {
		row := m.Row(i)
		for j := range row {
			row[j] = lo + (hi-lo)*rng.Float64()
		}
	}
}
