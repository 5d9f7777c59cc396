package autoencoder

import (
	"fmt"

	"bottleneck/matrix"
)

// Loss names the reconstruction loss L(X, X̂) that training minimises.
//
// The rule for choosing it: real-valued inputs call for a linear output and
// squared error; binary inputs, or inputs in [0, 1] read as the
// probability of a pixel being on, call for a sigmoid output and
// cross-entropy.
//
// Whatever the loss, the error that training and evaluation report is the
// squared error Σ(x − x̂)² per image, so that runs with either loss compare.
type Loss int

const (
	// SquaredError is the lecture's loss ½ Σₙ ‖xₙ − x̂ₙ‖², whose delta
	// with respect to x̂ is X̂ − X, one row per image. A training step
	// minimises the loss divided by the batch's n images, and so uses the
	// delta (X̂ − X)/n (nn.MeanHalfSquaredError). It is the zero value: a
	// Config that names no loss uses it, as every model written before the
	// choice existed did.
	SquaredError Loss = iota
	// CrossEntropy is the binary cross-entropy
	// −Σₙ Σᵢ [xᵢ ln x̂ᵢ + (1 − xᵢ) ln(1 − x̂ᵢ)] of a sigmoid output, for
	// targets in [0, 1]. Fused with the output sigmoid x̂ = σ(z), its delta
	// with respect to the logits z is X̂ − X, the same as squared error's
	// with respect to x̂ (nn.SigmoidCrossEntropy derives it); a training
	// step, on the loss divided by n, uses (X̂ − X)/n
	// (nn.MeanSigmoidCrossEntropy).
	CrossEntropy
)

// lossNames are the names ParseLoss accepts and String returns, indexed
// by Loss.
var lossNames = []string{SquaredError: "sse", CrossEntropy: "bce"}

// LossNames lists the names ParseLoss accepts, in the order of the Loss
// constants.
func LossNames() []string { return append([]string(nil), lossNames...) }

// String returns the loss's name: "sse" or "bce".
func (l Loss) String() string {
	if l < 0 || int(l) >= len(lossNames) {
		return fmt.Sprintf("Loss(%d)", int(l))
	}
	return lossNames[l]
}

// valid reports whether l is one of the Loss constants.
func (l Loss) valid() bool { return l >= 0 && int(l) < len(lossNames) }

// ParseLoss returns the loss named s: "sse" (half squared error) or "bce"
// (binary cross-entropy). Any other name gives an error wrapping
// ErrUnknownLoss.
func ParseLoss(s string) (Loss, error) {
	for l, name := range lossNames {
		if s == name {
			return Loss(l), nil
		}
	}
	return 0, fmt.Errorf("autoencoder: loss %q: %w (want sse or bce)", s, ErrUnknownLoss)
}

// MarshalText writes the loss's name, so that a Config's JSON reads
// "loss":"bce".
func (l Loss) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, fmt.Errorf("autoencoder: %v: %w", l, ErrUnknownLoss)
	}
	return []byte(l.String()), nil
}

// UnmarshalText parses a loss's name as ParseLoss does.
func (l *Loss) UnmarshalText(text []byte) error {
	v, err := ParseLoss(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Binarize returns a copy of x with every value of at least 0.5 set to 1
// and every other value set to 0: pixels in [0, 1] turned into the on/off
// values that cross-entropy models best. (No MNIST pixel k/255 is exactly
// 0.5: 127/255 becomes 0 and 128/255 becomes 1.)
func Binarize(x *matrix.Dense) *matrix.Dense {
	b := matrix.New(x.Dims())
	b.Apply(func(v float64) float64 {
		if v >= 0.5 {
			return 1
		}
		return 0
	}, x)
	return b
}
