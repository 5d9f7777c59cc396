package pca

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestDivergenceCaughtWithinFewSteps: a rate far too large blows the loss
// up by dozens of orders of magnitude within three steps, still finite;
// that is divergence, caught by its growth, not a descent that needs more
// steps. (bottleneck compare -k 3 -steps 3 -epochs 0 -descent-lr 100 once
// wrote its outputs and advised more steps.)
func TestDivergenceCaughtWithinFewSteps(t *testing.T) {
	sigma2 := []float64{5, 3.7, 3.2, 1, 0.5, 0.2}
	cov, _ := knownCovariance(t, sigma2)
	cfg := DescentConfig{K: 3, LearningRate: 100, Steps: 3, InitStd: 0.01}
	_, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), nil)
	var de *DivergedError
	if !errors.As(err, &de) {
		t.Fatalf("rate 100 for 3 steps: err = %v, want a *DivergedError", err)
	}
	halfTrace := 0.5 * (5 + 3.7 + 3.2 + 1 + 0.5 + 0.2) // the loss at zero weights
	if de.Step < 1 || de.Step > 3 || math.IsInf(de.Loss, 0) || math.IsNaN(de.Loss) || !(de.Loss > DivergenceGrowth*de.Start) ||
		!(math.Abs(de.Start-halfTrace) <= 0.01) {
		t.Errorf("got %#v, want a finite loss past %g × the start ½ tr Σ = %g within 3 steps", de, DivergenceGrowth, halfTrace)
	}
	if want := fmt.Sprintf("loss grew from %.4g to", de.Start); !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not say %q", err, want)
	}
}

// TestConvergingDescentStaysFarBelowTheGrowthLimit measures how far above
// its start the loss of a descent that converges rises — heavy-ball
// momentum overshoots at rates near the edge of stability — and checks it
// stays far below DivergenceGrowth, so that the limit flags no such run.
func TestConvergingDescentStaysFarBelowTheGrowthLimit(t *testing.T) {
	sigma2 := []float64{4, 2, 1, 0.3, 0.2, 0.1}
	cov, _ := knownCovariance(t, sigma2)
	worst := 0.0
	converged := 0
	for _, beta := range []float64{0, 0.5, 0.9, 0.99} {
		for _, lambda := range []float64{0, 0.5, 40} {
			// The edge of stability at the initial weights, 2(1+β)/(σ₁² + λ)
			// (SafeLearningRate's doc comment), and below it.
			edge := 2 * (1 + beta) / (sigma2[0] + lambda)
			for _, f := range []float64{0.2, 0.5, 0.9, 0.99} {
				cfg := DescentConfig{K: 3, WeightDecay: lambda, LearningRate: f * edge, Momentum: beta, Steps: 400, InitStd: 0.1}
				top, start := 0.0, 0.0
				_, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(2, 3)), func(step int, _ *LinearAutoencoder, loss float64) error {
					if step == 0 {
						start = math.Max(loss, 0.5*trace(cov))
					}
					top = math.Max(top, loss/start)
					return nil
				})
				if err != nil {
					continue // diverged for real: the quartic loss's curvature grows with the weights
				}
				converged++
				worst = math.Max(worst, top)
			}
		}
	}
	t.Logf("%d converging descents; the loss rose at most %.3g times its start", converged, worst)
	if converged < 20 || !(worst < DivergenceGrowth/1000) {
		t.Errorf("%d converging descents, the loss rose up to %.3g times its start; want many, and far below %g", converged, worst, DivergenceGrowth)
	}
}

// TestNoDivergenceOnZeroData: data with no variance and no weight decay
// give a loss of 0 at every step, which has not grown: the growth test
// must accept a loss equal to its limit, not only below it.
func TestNoDivergenceOnZeroData(t *testing.T) {
	cov := knownCovarianceZero(4)
	cfg := DescentConfig{K: 2, LearningRate: 0.1, Steps: 5, InitStd: 0.01}
	if _, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), nil); err != nil {
		t.Errorf("zero covariance, λ = 0: %v", err)
	}
}

// knownCovarianceZero returns the d×d zero matrix.
func knownCovarianceZero(d int) *matrix.Dense { return matrix.New(d, d) }
