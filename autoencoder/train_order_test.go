package autoencoder

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"bottleneck/nn"
)

// TestTrainVisitsEveryImageOncePerEpochShuffled: TrainConfig.Rng shuffles
// the training set before every epoch. With batches of one image and a
// learning rate of 0, the objective of each batch can be read off the
// running mean Progress reports, and told apart image by image: every
// image must come exactly once per epoch, and the order must change from
// epoch to epoch (for 12 images two shuffles agree with probability
// 1/12!, about 2e-9).
func TestTrainVisitsEveryImageOncePerEpochShuffled(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	ae, err := New(Config{Layers: []int{6, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	x := randData(rng, n, 6)
	_, xhat := plainForward(ae, x)
	perImage := make([]float64, n) // ½‖x − x̂‖² of each image
	for i := range perImage {
		perImage[i] = plainSSE(x.SliceRows(i, i+1), xhat.SliceRows(i, i+1)) / 2
	}
	var orders [][]int
	var order []int
	prev := 0.0
	_, err = Train(ae, x, x.SliceRows(0, 0), TrainConfig{
		Epochs: 3, BatchSize: 1, Optimizer: &nn.SGD{LearningRate: 0}, Rng: rng,
		Progress: func(p Progress) error {
			if p.EpochDone {
				orders = append(orders, order)
				order, prev = nil, 0
				return nil
			}
			batch := p.TrainLoss*float64(p.Batch) - prev*float64(p.Batch-1) // this image's objective
			prev = p.TrainLoss
			best := 0
			for i, v := range perImage {
				if math.Abs(v-batch) < math.Abs(perImage[best]-batch) {
					best = i
				}
			}
			// 1e-9 relative: the running mean is undone by a subtraction.
			if !(math.Abs(perImage[best]-batch) <= 1e-9*batch) {
				t.Errorf("epoch %d batch %d: objective %.15g matches no image", p.Epoch, p.Batch, batch)
			}
			order = append(order, best)
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for e, o := range orders {
		sorted := slices.Clone(o)
		slices.Sort(sorted)
		for i, v := range sorted {
			if v != i {
				t.Errorf("epoch %d visited the images %v, not each of the %d once", e+1, o, n)
				break
			}
		}
	}
	if slices.Equal(orders[0], orders[1]) || slices.Equal(orders[1], orders[2]) {
		t.Errorf("the order of the images did not change between epochs: %v", orders)
	}
}
