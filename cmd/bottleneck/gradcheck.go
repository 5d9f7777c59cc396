package main

import (
	"context"
	"fmt"
	"io"

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
	failed := 0
	for i := range g.Len() {
		if ctx.Err() != nil {
			return interrupted
		}
		c := g.Check(i)
		verdict := "PASS"
		if !c.Pass {
			verdict = "FAIL"
			failed++
		}
		fmt.Fprintf(stdout, "%-22s %-9s %-12.3e %s\n", c.Name, fmt.Sprintf("%d×%d", c.Rows, c.Cols), c.RelErr, verdict)
		if !c.Pass {
			w := c.Worst
			fmt.Fprintf(stdout, "    worst entry (%d, %d): numerical %.6g, analytic %.6g\n", w.Row, w.Col, w.Numerical, w.Analytic)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d parameters failed the gradient check", failed, g.Len())
	}
	fmt.Fprintf(stdout, "\nall %d parameters pass\n", g.Len())
	return nil
}
