package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
)

// trainProgress returns the progress function of a training run: a bar on
// a terminal stderr while an epoch runs, a line on log when it ends, and
// ctx's error to stop the run on Ctrl-C. objective says whether to print
// the objective, the loss and penalties the optimizer minimises.
func trainProgress(ctx context.Context, log, stderr io.Writer, objective bool) func(autoencoder.Progress) error {
	var bar *progressBar
	if isTerminal(stderr) {
		bar = &progressBar{w: stderr}
	}
	return func(p autoencoder.Progress) error {
		if !p.EpochDone {
			if bar != nil {
				bar.draw(p.Batch, p.Batches, fmt.Sprintf("epoch %d/%d  train error %.3f  %.0f images/s", p.Epoch, p.Epochs, p.TrainSSE, p.ImagesPerSecond))
			}
			return ctx.Err()
		}
		if bar != nil {
			bar.clear()
		}
		fmt.Fprintf(log, "epoch %2d/%d  train error %.4f  test error %.4f", p.Epoch, p.Epochs, p.TrainSSE, p.HeldOutSSE)
		if objective {
			fmt.Fprintf(log, "  objective %.4g", p.TrainLoss)
		}
		fmt.Fprintf(log, "  %5.1fs\n", p.Elapsed.Seconds())
		return ctx.Err()
	}
}

// codeNote describes the code units' mean activations over the test
// images: their smallest, median and largest (only the two ends for a code
// of two units, whose median would be one of them) and, for a sigmoid
// code, whose units lie in (0, 1), the share of activations near 0 — the
// sparsity — and the Jacobian's norm. A linear or ReLU code's share below
// 0.05 would count negative values or says little, so it is left out.
func codeNote(cfg autoencoder.Config, c experiment.CodeStats) string {
	s := fmt.Sprintf("code units' mean activation min %.3f, median %.3f, max %.3f", c.MeanActivationMin, c.MeanActivationMedian, c.MeanActivationMax)
	if cfg.Layers[len(cfg.Layers)-1] < 3 {
		s = fmt.Sprintf("code units' mean activation min %.3f, max %.3f", c.MeanActivationMin, c.MeanActivationMax)
	}
	if cfg.CodeActivation == "sigmoid" {
		s += fmt.Sprintf("; %.1f%% of activations below %g", 100*c.FractionNearZero, experiment.NearZero)
	}
	return s + jacobianNote(c.Jacobian)
}

// jacobianNote returns "; mean ‖J_f(x)‖²_F 1.234" for an encoder whose
// Jacobian was measured, "" for none.
func jacobianNote(j *float64) string {
	if j == nil {
		return ""
	}
	return fmt.Sprintf("; mean ‖J_f(x)‖²_F %.3f", *j)
}

// plural returns "1 epoch", "2 epochs" and so on.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// penaltyFlags names the flags of the penalties s has on, "-l1 or
// -weight-decay" say, or "" when none is.
func penaltyFlags(s experiment.TrainSettings) string {
	var names []string
	for _, p := range []struct {
		name string
		on   bool
	}{{"-weight-decay", s.WeightDecay > 0}, {"-l1", s.Config.L1 > 0}, {"-sparsity-weight", s.Config.SparsityWeight > 0}, {"-contractive", s.Config.Contractive > 0}} {
		if p.on {
			names = append(names, p.name)
		}
	}
	return strings.Join(names, " or ")
}
