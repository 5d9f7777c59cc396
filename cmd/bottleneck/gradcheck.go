package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

const gradcheckHelp = `
Check the gradients of a small random autoencoder numerically. For every
parameter, each entry θ is moved to θ+h and θ−h, the change of the loss gives
the numerical gradient (L(θ+h) − L(θ−h)) / 2h, and that is compared with the
gradient backpropagation computed. The relative error
‖g_num − g_ana‖ / (‖g_num‖ + ‖g_ana‖) is about 1e-9 when backpropagation is
right, and near 1 when it is wrong.`

func runGradcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var nf netFlags
	fs := newFlagSet("gradcheck", gradcheckHelp, stdout)
	nf.register(fs, "6,4,2", "sigmoid", "sigmoid")
	n := fs.Int("n", 5, "number of random input vectors in the batch")
	wd := fs.Float64("weight-decay", 0, "L2 weight decay λ to include in the loss")
	h := fs.Float64("step", nn.GradCheckStep, "step h of the central differences")
	tol := fs.Float64("tol", nn.GradCheckTolerance, "relative error below which a parameter passes")
	seed := fs.Uint64("seed", 1, "random seed for the weights and the inputs")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := nf.config()
	if err != nil {
		return err
	}
	switch {
	case *n < 1 || *n > 10000:
		return usagef("-n %d: give between 1 and 10000 input vectors", *n)
	case !(*h >= 1e-10) || *h > 0.1:
		// Below 1e-10 rounding, about 1e-16·|L|/h, swamps the difference.
		return usagef("-step %g: the step must be between 1e-10 and 0.1 (1e-5 is customary)", *h)
	case !(*tol > 0) || *tol >= 1:
		// The relative error is at most 1, so a tolerance of 1 passes
		// anything: a check that cannot fail.
		return usagef("-tol %g: must be above 0 and below 1 (the relative error is at most 1)", *tol)
	case !(*wd >= 0) || math.IsInf(*wd, 0):
		return usagef("-weight-decay %g: must be zero or a positive number", *wd)
	case *wd > maxWeightDecay:
		return usagef("-weight-decay %g: at most %g", *wd, float64(maxWeightDecay))
	}
	// The check runs the whole network forward twice per parameter entry:
	// about 2·P·(2·n·P) flops for P weights. 1e11 is a minute or so.
	weights := 0.0
	for i := 0; i+1 < len(cfg.Layers); i++ {
		weights += 2 * (float64(cfg.Layers[i])*float64(cfg.Layers[i+1]) + float64(cfg.Layers[i+1]))
	}
	if work := 4 * weights * weights * float64(*n); work > 1e11 {
		what := fmt.Sprintf("-layers %s with -n %d", brief(nf.layers), *n)
		if 4*weights*weights > 1e11 {
			what = "-layers " + brief(nf.layers)
		}
		return usagef("%s: %.0f weights, each moved twice with the whole network run on the %d inputs each time, would take too long; keep it small (e.g. -layers 6,4,2 -n 5)", what, weights, *n)
	}

	rng := rand.New(rand.NewPCG(*seed, 0))
	ae, err := autoencoder.New(cfg, rng)
	if err != nil {
		return usageError{err.Error()}
	}
	for _, p := range ae.Params() { // random biases, so that their gradients are not trivial
		if p.Value.Rows() == 1 {
			fillUniform(p.Value, -0.1, 0.1, rng)
		}
	}
	x := matrix.New(*n, cfg.Layers[0])
	fillUniform(x, 0, 1, rng)
	var regs []autoencoder.Regularizer
	if *wd > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: *wd})
	}

	loss := ae.Objective(x, regs) // backpropagation leaves the analytic gradients
	var analytic []nn.Param
	for _, p := range ae.Params() {
		analytic = append(analytic, nn.Param{Name: p.Name, Value: p.Value, Grad: p.Grad.Clone()})
	}
	f := func() float64 { return ae.Objective(x, regs) }

	fmt.Fprintf(stdout, "gradient check of %s on %d random inputs, loss %.6g per input, h = %g, pass below %g\n\n", ae, *n, loss, *h, *tol)
	fmt.Fprintf(stdout, "%-22s %-9s %-12s %s\n", "parameter", "shape", "rel. error", "result")
	failed := 0
	for _, p := range analytic {
		if ctx.Err() != nil {
			return interrupted
		}
		r := nn.CheckGradient(f, p, *h, 1)
		verdict := "PASS"
		if !r.Pass(*tol) {
			verdict = "FAIL"
			failed++
		}
		rows, cols := p.Value.Dims()
		fmt.Fprintf(stdout, "%-22s %-9s %-12.3e %s\n", p.Name, fmt.Sprintf("%d×%d", rows, cols), r.RelErr, verdict)
		if verdict == "FAIL" && len(r.Worst) > 0 {
			w := r.Worst[0]
			fmt.Fprintf(stdout, "    worst entry (%d, %d): numerical %.6g, analytic %.6g\n", w.Row, w.Col, w.Numerical, w.Analytic)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d parameters failed the gradient check", failed, len(analytic))
	}
	fmt.Fprintf(stdout, "\nall %d parameters pass\n", len(analytic))
	return nil
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
