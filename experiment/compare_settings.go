package experiment

import (
	"fmt"
	"math"
)

// CompareSettings are the settings of a compare run: a linear autoencoder
// with a code of K numbers, trained exactly (full-batch descent on the
// covariance) and, if Epochs > 0, by mini-batch backpropagation with
// Adam, both with weight decay λ on both weight matrices.
type CompareSettings struct {
	K           int     // code size, 1 ≤ K < d, and the number of components compared
	WeightDecay float64 // λ per image: adds (λ/2)(‖W₁‖² + ‖W₁′‖²) to the loss; 0 ≤ λ ≤ MaxWeightDecay

	// The exact descent (pca.FitLinearAutoencoder).
	Steps         int     // full-batch steps, ≥ 0
	DescentLRAuto bool    // use pca.SafeLearningRate(σ₁², λ), stable for every λ and momentum
	DescentLR     float64 // the learning rate when not DescentLRAuto, > 0
	Momentum      float64 // heavy-ball momentum, in [0, 1)

	// Backpropagation on mini-batches, as the lecture trains; the batches
	// and Adam are our choice.
	Epochs       int     // 0 skips it
	Batch        int     // images per mini-batch, ≥ 1
	LearningRate float64 // Adam's step size α, > 0

	Seed uint64 // the initial weights of both and the shuffling; the same seed gives the same run
}

// Validate reports the first setting of s that cannot work, as a
// *SettingError named as in CompareResult's JSON, or nil. It leaves K to
// Compare, which checks it against the pixels of an image.
func (s CompareSettings) Validate() error {
	switch {
	case !(s.WeightDecay >= 0) || math.IsInf(s.WeightDecay, 0):
		return outOfRange("weight_decay", "must be zero or a positive number")
	case s.WeightDecay > MaxWeightDecay:
		return outOfRange("weight_decay", fmt.Sprintf("at most %g; every direction is switched off once λ ≥ σ₁² (about 5.1 for MNIST)", float64(MaxWeightDecay)))
	case s.Steps < 0:
		return outOfRange("exact_descent_steps", "must be zero or more")
	case !s.DescentLRAuto && (!(s.DescentLR > 0) || math.IsInf(s.DescentLR, 0)):
		return outOfRange("exact_descent_learning_rate", "the learning rate must be a positive number, or auto")
	case !(s.Momentum >= 0 && s.Momentum < 1):
		return outOfRange("exact_descent_momentum", "must be in [0, 1)")
	case s.Epochs < 0:
		return outOfRange("minibatch_epochs", "must be zero or more")
	case s.Batch < 1:
		return outOfRange("minibatch_batch", "need at least one image per batch")
	}
	return checkLearningRate("minibatch_learning_rate", s.LearningRate)
}
