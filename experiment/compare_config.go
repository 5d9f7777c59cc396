package experiment

import (
	"fmt"
	"io"
	"math"
)

// CompareConfig sets the compare experiment: a linear autoencoder with a
// code of K numbers, trained exactly (full-batch descent on the
// covariance) and, if Epochs > 0, by mini-batch backpropagation with Adam,
// both with weight decay λ on both weight matrices. Check says which
// settings cannot work.
type CompareConfig struct {
	K           int     // code size, 1 ≤ K < d, and the number of components compared
	WeightDecay float64 // λ per image: adds (λ/2)(‖W₁‖² + ‖W₁′‖²) to the loss; 0 ≤ λ ≤ MaxWeightDecay

	// The exact descent (pca.FitLinearAutoencoder).
	Steps         int     // full-batch steps, ≥ 0
	DescentLRAuto bool    // use pca.SafeLearningRate(σ₁², λ), stable for every λ and momentum
	DescentLR     float64 // the learning rate when not DescentLRAuto, > 0
	Momentum      float64 // heavy-ball momentum, in [0, 1)

	// Mini-batch backpropagation, as the lecture trains.
	Epochs int     // 0 skips it
	Batch  int     // images per mini-batch, ≥ 1
	LR     float64 // Adam's learning rate, > 0

	Seed uint64    // for the initial weights of both and the shuffling
	Log  io.Writer // a line as each stage ends and after each epoch; nil for none
}

// MaxWeightDecay is the largest weight decay Compare accepts. The variance
// of 784 pixels in [0, 1] is at most 784/4 = 196, so far below this every
// direction is already switched off; far above it the loss (λ/2)‖W‖²
// overflows.
const MaxWeightDecay = 1e6

// Check returns a *ConfigError for the first setting of c that cannot
// work, leaving K, which depends on the size of the images, to Compare.
func (c CompareConfig) Check() error {
	bad := func(field string, value any, reason string) error {
		return &ConfigError{Field: field, Value: fmt.Sprint(value), Reason: reason}
	}
	switch {
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return bad("WeightDecay", c.WeightDecay, "must be zero or a positive number")
	case c.WeightDecay > MaxWeightDecay:
		return bad("WeightDecay", c.WeightDecay, fmt.Sprintf("at most %g; every direction is switched off once λ ≥ σ₁² (about 5.1 for MNIST)", float64(MaxWeightDecay)))
	case c.Steps < 0:
		return bad("Steps", c.Steps, "must be zero or more")
	case !c.DescentLRAuto && (!(c.DescentLR > 0) || math.IsInf(c.DescentLR, 0)):
		return bad("DescentLR", c.DescentLR, "the learning rate must be a positive number, or auto")
	case !(c.Momentum >= 0 && c.Momentum < 1):
		return bad("Momentum", c.Momentum, "must be in [0, 1)")
	case c.Epochs < 0:
		return bad("Epochs", c.Epochs, "must be zero or more")
	case c.Batch < 1:
		return bad("Batch", c.Batch, "need at least one image per batch")
	case !(c.LR > 0) || math.IsInf(c.LR, 0):
		return bad("LR", c.LR, "the learning rate must be a positive number")
	}
	return nil
}

// ConfigError is a setting of an experiment that cannot work: Field names
// it as the config struct does, Value is what it was, and Reason says what
// is wrong. A program that takes the setting from a flag can name the flag
// instead (errors.As).
type ConfigError struct {
	Field, Value, Reason string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("experiment: %s %s: %s", e.Field, e.Value, e.Reason)
}
