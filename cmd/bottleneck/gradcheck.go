package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"bottleneck/experiment"
	"bottleneck/nn"
)

const gradcheckHelp = `
Check the gradients of a small random autoencoder numerically. For every
parameter, each entry θ is moved to θ+h and θ−h, the change of the objective
gives the numerical gradient (J(θ+h) − J(θ−h)) / 2h, and that is compared
with the gradient backpropagation computed. The relative error
‖g_num − g_ana‖ / (‖g_num‖ + ‖g_ana‖) is about 1e-9 when backpropagation is
right, and near 1 when it is wrong.

The network takes train's flags: the objective J checked is the one training
that network would minimise, its loss (-loss), penalties (-weight-decay,
-l1, -sparsity, -contractive) and noise (-noise, drawn once) included.`

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
	cfg, err := nf.config(fs)
	if err != nil {
		return err
	}
	g, err := experiment.NewGradCheck(experiment.GradCheckSettings{Config: cfg, N: *n, Step: *h, Tolerance: *tol, WeightDecay: *wd, Seed: *seed, Binarize: nf.binarize})
	if err != nil {
		return flagError(fs, cfg, err)
	}

	fmt.Fprintf(stdout, "gradient check of %s%s on %d random inputs, objective %.6g per input, h = %g, pass below %g\n\n", g.Model, nf.variant(cfg), *n, g.Loss, *h, *tol)
	fmt.Fprintf(stdout, "%-22s %-9s %-12s %s\n", "parameter", "shape", "rel. error", "result")
	failed, vanished := 0, 0
	for i := range g.Len() {
		if ctx.Err() != nil {
			return interrupted
		}
		c := g.Check(i)
		verdict := "PASS"
		if !c.Pass {
			verdict = "FAIL"
			failed++
			if c.GradNorm < 100*g.Resolution {
				vanished++
			}
		}
		fmt.Fprintf(stdout, "%-22s %-9s %-12.3e %s\n", c.Name, fmt.Sprintf("%d×%d", c.Rows, c.Cols), c.RelErr, verdict)
		if !c.Pass {
			w := c.Worst
			fmt.Fprintf(stdout, "    worst entry (%d, %d): numerical %.6g, analytic %.6g\n", w.Row, w.Col, w.Numerical, w.Analytic)
		}
	}
	if failed > 0 {
		hints := checkHints(*h, *tol, *wd)
		if vanished > 0 {
			hints += fmt.Sprintf(" (%d of them have gradients below %.0e, finer than central differences resolve at this loss and step: the gradient vanishes on its way through the layers)", vanished, 100*g.Resolution)
		}
		return fmt.Errorf("%d of %d parameters failed the gradient check%s", failed, g.Len(), hints)
	}
	fmt.Fprintf(stdout, "\nall %d parameters pass\n", g.Len())
	return nil
}

// checkHints names the settings that can make a right gradient fail the
// check, so that a failure is not blamed on backpropagation alone: a step
// far from the customary one (the differences' own error grows as h² above
// it and as rounding/h below), a tolerance stricter than rounding allows, a
// weight decay whose penalty swamps the other terms in rounding.
func checkHints(h, tol, wd float64) string {
	var hints []string
	if h > 10*nn.GradCheckStep || h < nn.GradCheckStep/10 {
		hints = append(hints, fmt.Sprintf("-step %g is far from the customary %g, where central differences are most exact", h, nn.GradCheckStep))
	}
	if tol < nn.GradCheckTolerance/100 {
		hints = append(hints, fmt.Sprintf("-tol %g is stricter than float64 rounding allows (a right gradient gives about 1e-9)", tol))
	}
	if wd > 100 {
		hints = append(hints, fmt.Sprintf("-weight-decay %g makes the loss so large that its rounding swamps the small gradients", wd))
	}
	if len(hints) == 0 {
		return ""
	}
	return " (" + strings.Join(hints, "; ") + ")"
}
