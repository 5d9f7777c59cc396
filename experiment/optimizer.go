package experiment

import (
	"fmt"
	"strings"

	"bottleneck/internal/quote"
	"bottleneck/nn"
)

// OptimizerNames lists the names NewOptimizer accepts.
var OptimizerNames = []string{"sgd", "momentum", "adam"}

// NewOptimizer returns the optimizer with the given name and learning
// rate: "sgd" (plain gradient descent, step −η·g), "momentum" (with
// μ = 0.9) or "adam" (Kingma and Ba's defaults besides α). The learning
// rate is the optimizer's own step size: η for sgd and momentum, α for
// adam. Another name gives a *SettingError for "optimizer" wrapping
// ErrUnknownOptimizer.
func NewOptimizer(name string, learningRate float64) (nn.Optimizer, error) {
	switch name {
	case "sgd":
		return &nn.SGD{LearningRate: learningRate}, nil
	case "momentum":
		return &nn.Momentum{LearningRate: learningRate, Mu: 0.9}, nil
	case "adam":
		return nn.NewAdam(learningRate), nil
	}
	return nil, &SettingError{Field: "optimizer", Err: ErrUnknownOptimizer,
		Detail: fmt.Sprintf("unknown optimizer %q (want %s)", quote.Brief(name), strings.Join(OptimizerNames, ", "))}
}
