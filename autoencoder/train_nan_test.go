package autoencoder

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestTrainRefusesNaNData: a NaN or ±Inf in the training data makes the
// loss not a number; Train must stop with ErrDiverged before the step is
// applied, not train on (or silently skip) it.
func TestTrainRefusesNaNData(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		rng := rand.New(rand.NewPCG(17, 18))
		ae, err := New(Config{Layers: []int{6, 2}, Activation: "tanh", CodeActivation: "tanh", OutputActivation: "sigmoid"}, rng)
		if err != nil {
			t.Fatal(err)
		}
		before := make([]*matrix.Dense, 0)
		for _, p := range ae.Params() {
			before = append(before, p.Value.Clone())
		}
		x := randData(rng, 8, 6)
		x.Set(5, 2, v)
		// One batch of all 8 images: the bad one is in the first step.
		_, err = Train(ae, x, x.SliceRows(0, 0), TrainConfig{Epochs: 1, BatchSize: 8, Optimizer: nn.NewAdam(0.1), Rng: rng})
		if !errors.Is(err, ErrDiverged) {
			t.Errorf("data holding %v: error %v, want ErrDiverged", v, err)
		}
		for i, p := range ae.Params() {
			if !matrix.EqualApprox(p.Value, before[i], 0) {
				t.Errorf("data holding %v: %s changed by the step that diverged", v, p.Name)
			}
		}
		if obj := ae.Objective(x, nil); !math.IsNaN(obj) && !math.IsInf(obj, 0) {
			t.Errorf("data holding %v: Objective = %v, a number", v, obj)
		}
	}
}

// TestHeldOutSSEWithoutHeldOutData: with no held-out images there is no
// held-out error; History says so with NaN, not with a 0 that would read as
// a perfect reconstruction.
func TestHeldOutSSEWithoutHeldOutData(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	ae, err := New(Config{Layers: []int{6, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	x := randData(rng, 10, 6)
	hist, err := Train(ae, x, x.SliceRows(0, 0), TrainConfig{Epochs: 2, BatchSize: 5, Optimizer: &nn.SGD{LearningRate: 0.01}, Rng: rng})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.HeldOutSSE) != 2 || !math.IsNaN(hist.HeldOutSSE[0]) || !math.IsNaN(hist.HeldOutSSE[1]) {
		t.Errorf("HeldOutSSE = %v, want two NaN", hist.HeldOutSSE)
	}
}
