package classify_test

import (
	"math/rand/v2"
	"testing"

	"bottleneck/classify"
	"bottleneck/nn"
)

// countingOptimizer is plain SGD that counts its steps.
type countingOptimizer struct {
	nn.SGD
	steps int
}

// Step counts the step and takes it.
func (o *countingOptimizer) Step(params []nn.Param) {
	o.steps++
	o.SGD.Step(params)
}

// TestTrainHonoursEpochs: Train makes exactly Epochs passes over the
// training set, each of ⌈n/batch⌉ optimizer steps (the last batch may be
// short; a batch larger than the set is the whole set), and with 0 epochs
// it leaves the weights at their zero start. A loop that ran one epoch
// fewer, or ignored the setting, would train a different model than the
// one the user asked for without any sign of it.
func TestTrainHonoursEpochs(t *testing.T) {
	const n = 10
	for _, c := range []struct {
		epochs, batch, wantSteps int
	}{
		{0, 4, 0},
		{1, 4, 3}, // batches of 4, 4, 2
		{3, 4, 9},
		{2, 5, 4},  // batches of 5, 5
		{5, 10, 5}, // one batch per epoch
		{2, 64, 2}, // a batch larger than the set is the whole set
	} {
		x, labels := blobs(rand.New(rand.NewPCG(7, 7)), n, 3, 3)
		opt := &countingOptimizer{SGD: nn.SGD{LearningRate: 0.1}}
		cfg := classify.Config{Classes: 3, Epochs: c.epochs, BatchSize: c.batch, Optimizer: opt, Rng: rand.New(rand.NewPCG(1, 1))}
		m, err := classify.Train(x, labels, cfg)
		if err != nil {
			t.Fatalf("epochs %d, batch %d: %v", c.epochs, c.batch, err)
		}
		if opt.steps != c.wantSteps {
			t.Errorf("epochs %d, batch %d over %d samples: %d optimizer steps, want %d", c.epochs, c.batch, n, opt.steps, c.wantSteps)
		}
		if c.epochs == 0 {
			if w := m.Layer.W.Norm(); w != 0 {
				t.Errorf("epochs 0: ‖W‖ = %v, want 0, the zero start", w)
			}
		}
	}
}
