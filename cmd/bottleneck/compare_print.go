package main

import (
	"context"
	"fmt"
	"io"
	"math"

	"bottleneck/experiment"
	"bottleneck/pca"
)

// compareProgress returns the progress function of a compare run: a line
// to log as each stage ends and after each epoch of mini-batch training. It
// returns ctx's error, so that Ctrl-C stops the run at its next step or
// batch.
func compareProgress(ctx context.Context, log io.Writer) func(experiment.CompareProgress) error {
	return func(p experiment.CompareProgress) error {
		r := p.Result
		switch p.Stage {
		case experiment.PCAMeasured:
			fmt.Fprintf(log, "PCA of %d training images in %.1fs: k = %s, test error %.4f per image\n", r.TrainImages, r.PCASeconds, plural(r.K, "component"), r.PCATestSSE)
		case experiment.DescentDone:
			fmt.Fprintf(log, "exact descent: %s, in %.1fs\n", r.ExactSettings, r.ExactSeconds)
		case experiment.MiniBatchStart:
			fmt.Fprintf(log, "mini-batch backpropagation: %s\n", r.MiniBatchSettings)
		case experiment.EpochDone:
			e := p.Epoch
			if p.MaxAngleDeg == nil {
				fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  decoder switched off (every s² < %g)  %5.1fs\n",
					e.Epoch, e.Epochs, e.HeldOutSSE, pca.LiveS2, e.Elapsed.Seconds())
			} else {
				fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  largest angle %6.2f°  median %5.2f°  %5.1fs\n",
					e.Epoch, e.Epochs, e.HeldOutSSE, *p.MaxAngleDeg, *p.MedianAngleDeg, e.Elapsed.Seconds())
			}
		}
		return ctx.Err()
	}
}

// printComparison prints the table of errors and angles and the
// per-component alignment.
func printComparison(w io.Writer, s experiment.CompareResult, minibatch bool) {
	fmt.Fprintf(w, "\nreconstruction error, Σ over 784 pixels of (x − x̂)² per image; principal angles to the top %s\n", plural(s.K, "component"))
	fmt.Fprintf(w, "%-28s %10s %10s %10s %10s\n", "", "train", "test", "largest", "median")
	fmt.Fprintf(w, "%-28s %10.4f %10.4f\n", fmt.Sprintf("PCA, k = %d", s.K), s.PCATrainSSE, s.PCATestSSE)
	row := func(name string, d experiment.Directions) {
		if d.MaxAngleDeg == nil {
			fmt.Fprintf(w, "%-28s %10.4f %10.4f %10s %10s\n", name, d.TrainSSEPerImage, d.TestSSEPerImage, "none", "none")
			return
		}
		fmt.Fprintf(w, "%-28s %10.4f %10.4f %9.4f° %9.4f°\n", name, d.TrainSSEPerImage, d.TestSSEPerImage, *d.MaxAngleDeg, *d.MedianAngleDeg)
	}
	row("linear AE, exact descent", s.Exact)
	if minibatch {
		row("linear AE, mini-batch", s.MiniBatch)
	}
	gap := (s.Exact.TrainSSEPerImage - s.PCATrainSSE) / s.PCATrainSSE
	switch {
	case s.WeightDecay > 0:
		fmt.Fprintf(w, "exact descent's training error is %.2f%% above PCA's: weight decay shrinks the reconstruction (s² < 1), by design\n", 100*gap)
	case gap < 1e-3:
		fmt.Fprintf(w, "exact descent's training error is within %.4f%% of PCA's; it cannot go below it, PCA being the optimum (Baldi & Hornik)\n", 100*math.Max(gap, 0))
	default:
		fmt.Fprintf(w, "exact descent's training error is %.2f%% above PCA's (more -steps bring it closer; it cannot go below)\n", 100*gap)
	}
	if s.WeightDecay > 0 && s.TheoryLiveDims < s.K {
		stay := fmt.Sprintf("%d of the %d stay on", s.TheoryLiveDims, s.K)
		switch s.TheoryLiveDims {
		case 0:
			stay = fmt.Sprintf("none of the %d stays on", s.K)
		case 1:
			stay = fmt.Sprintf("1 of the %d stays on", s.K)
		}
		fmt.Fprintf(w, "weight decay λ = %g switches off every direction whose variance σ² is at most λ: in theory %s\n", s.WeightDecay, stay)
	}
	live := s.Exact.LiveDims
	switch {
	case live == 0:
		fmt.Fprintf(w, "the exact decoder is switched off: every squared singular value is below %g, it spans no dimension, so there are no principal angles\n", pca.LiveS2)
	case live < s.K:
		fmt.Fprintf(w, "the exact decoder spans only %s (s² ≥ %g); the angles are between them and the top %s\n",
			plural(live, "dimension"), pca.LiveS2, plural(live, "component"))
	}
	if live > 0 {
		fmt.Fprintf(w, "principal angles of the exact descent (degrees, ascending):")
		for _, a := range s.Exact.PrincipalAnglesDeg {
			fmt.Fprintf(w, " %.4f", a)
		}
		fmt.Fprintln(w)
	}
	measure := func(v *float64) string {
		if v == nil {
			return "none"
		}
		return fmt.Sprintf("%.3g", *v)
	}
	fmt.Fprintf(w, "subspace distance (Bao et al.): exact %s", measure(s.Exact.SubspaceDistance))
	if minibatch {
		fmt.Fprintf(w, ", mini-batch %s", measure(s.MiniBatch.SubspaceDistance))
	}
	fmt.Fprintf(w, "; axis alignment: exact %s", measure(s.Exact.AxisAlignment))
	if minibatch {
		fmt.Fprintf(w, ", mini-batch %s", measure(s.MiniBatch.AxisAlignment))
	}
	if s.Exact.LiveDims < s.K {
		fmt.Fprintln(w, " (0 = aligned; over the live dimensions; none: not defined)")
	} else {
		fmt.Fprintln(w, " (0 = aligned)")
	}

	fmt.Fprintf(w, "\nindividual directions of the exact decoder: cos² with principal component i")
	if live < s.K || (minibatch && s.MiniBatch.LiveDims < s.K) {
		fmt.Fprintf(w, " (— where the direction is switched off)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%3s %9s %10s %12s %9s", "i", "σ²", "row i", "singular i", "s²")
	if s.WeightDecay > 0 {
		fmt.Fprintf(w, " %14s %9s", "1 − λ/σ²", "s²/theory")
	}
	if minibatch {
		fmt.Fprintf(w, " %16s", "mini-batch sing.")
	}
	fmt.Fprintln(w)
	optional := func(values []float64, i int, width int, format string) string {
		if i < len(values) {
			return fmt.Sprintf(format, width, values[i])
		}
		return fmt.Sprintf("%*s", width, "—")
	}
	for i := 0; i < s.K; i++ {
		fmt.Fprintf(w, "%3d %9.4f %10.4f %s %9.6f", i+1, s.Variances[i], s.Exact.RowCos2[i], optional(s.Exact.SVDCos2, i, 12, "%*.6f"), s.Exact.S2[i])
		note := ""
		switch {
		case s.WeightDecay > 0 && s.TheoryS2[i] > 0:
			fmt.Fprintf(w, " %14.6f %9.5f", s.TheoryS2[i], s.Exact.S2[i]/s.TheoryS2[i])
		case s.WeightDecay > 0:
			fmt.Fprintf(w, " %14s %9s", "0", "—")
			if s.Exact.S2[i] >= pca.LiveS2 {
				note = "  σ² ≤ λ, not yet switched off (more -steps)"
			} else {
				note = "  σ² ≤ λ: switched off, as theory says"
			}
		}
		if minibatch {
			fmt.Fprintf(w, " %s", optional(s.MiniBatch.SVDCos2, i, 16, "%*.4f"))
		}
		fmt.Fprintln(w, note)
	}
	// The verdict holds only once the subspace has been found: a largest
	// angle under 1°, the criterion of the issue this experiment answers.
	if s.WeightDecay == 0 && s.MaxAngleDeg != nil && *s.MaxAngleDeg < 1 {
		fmt.Fprintln(w, "without weight decay the decoder is any invertible mix of the components: the subspace is right, the individual directions are not (try -weight-decay 0.5)")
	} else if s.WeightDecay == 0 {
		fmt.Fprintln(w, "the decoder has not found the components' subspace yet (largest angle above 1°): give the exact descent more -steps")
	}
}
