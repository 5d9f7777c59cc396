package autoencoder

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The numbers the package reports have stated scales: the training
// objective is per image, ½‖x − x̂‖² averaged over the batch, plus weight
// decay's (λ/2)·Σ‖W‖² added once; SSEPerImage (test_sse_per_image) is
// Σ(x − x̂)² per image, not halved. A loss off by ½, by 1/n or by n−1, or a
// penalty on the wrong scale, passes a gradient check as long as its
// gradient is off by the same factor. These tests compare each number with
// an independent computation: plainForward (plain_forward_test.go) and
// loops.

// scaleConfigs are small networks of every kind the scale tests use.
var scaleConfigs = []Config{
	{Layers: []int{6, 4, 2}, Activation: "tanh", CodeActivation: "linear", OutputActivation: "sigmoid"},
	{Layers: []int{6, 4, 2}, Activation: "relu", CodeActivation: "tanh", OutputActivation: "linear", Tied: true},
	{Layers: []int{5, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"},
}

// TestObjectiveIsPerImage: Objective(x) is (1/n)·Σₙ ½‖xₙ − x̂ₙ‖² plus
// (λ/2)·Σ‖W‖² over the weight matrices (not the biases, a tied W once),
// and does not change when every image appears twice in the batch.
func TestObjectiveIsPerImage(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, cfg := range scaleConfigs {
		ae, err := New(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ae.Params() {
			if p.Value.Rows() == 1 { // non-zero biases, which weight decay must leave out
				p.Value.Apply(func(float64) float64 { return 3 * (rng.Float64() - 0.5) }, p.Value)
			}
		}
		for _, n := range []int{1, 7} {
			x := randData(rng, n, cfg.Layers[0])
			_, xhat := plainForward(ae, x)
			reconstruction := plainSSE(x, xhat) / 2 / float64(n)
			for _, lambda := range []float64{0, 0.3} {
				want := reconstruction + lambda/2*plainWeightSquares(ae)
				var regs []Regularizer
				if lambda > 0 {
					regs = []Regularizer{WeightDecay{Lambda: lambda}}
				}
				got := ae.Objective(x, regs)
				// 1e-12 relative: the same sums in another order.
				if !(math.Abs(got-want) <= 1e-12*want) {
					t.Errorf("%s, %d images, λ = %g: Objective = %.15g, want (1/n)·Σ½‖x − x̂‖² + (λ/2)·Σ‖W‖² = %.15g", ae, n, lambda, got, want)
				}
				twice := matrix.New(2*n, cfg.Layers[0])
				twice.SliceRows(0, n).Copy(x)
				twice.SliceRows(n, 2*n).Copy(x)
				if again := ae.Objective(twice, regs); !(math.Abs(again-got) <= 1e-12*got) {
					t.Errorf("%s, λ = %g: Objective of the batch twice over = %.15g, of the batch %.15g; a per-image objective is the same", ae, lambda, again, got)
				}
			}
		}
	}
}

// TestSSEPerImageScale: SSEPerImage is (1/n)·Σₙ Σⱼ (xₙⱼ − x̂ₙⱼ)², not
// halved, also when x is longer than the chunk SSEPerImage works through
// at a time (500 rows), and 0 for no rows.
func TestSSEPerImageScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	ae, err := New(scaleConfigs[0], rng)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 500, 501, 1001} {
		x := randData(rng, n, 6)
		_, xhat := plainForward(ae, x)
		want := plainSSE(x, xhat) / float64(n)
		if got := ae.SSEPerImage(x); !(math.Abs(got-want) <= 1e-12*want) {
			t.Errorf("%d images: SSEPerImage = %.15g, want (1/n)·Σ‖x − x̂‖² = %.15g", n, got, want)
		}
	}
	if got := ae.SSEPerImage(matrix.New(0, 6)); got != 0 {
		t.Errorf("no images: SSEPerImage = %g, want 0", got)
	}
}

// TestTrainReportsPerImageNumbers trains with a learning rate of 0, so the
// weights never move and every number Train reports can be computed
// independently: History.TrainLoss is the per-image objective over the
// whole training set (weight decay included), TrainSSE and HeldOutSSE the
// per-image SSE of the training and held-out sets. The 10 training images
// in batches of 4 make a short last batch, which must count for 2 images,
// not 4. Progress reports the running mean over the images seen so far.
func TestTrainReportsPerImageNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	ae, err := New(scaleConfigs[0], rng)
	if err != nil {
		t.Fatal(err)
	}
	train, heldOut := randData(rng, 10, 6), randData(rng, 3, 6)
	const lambda = 0.2
	_, xhat := plainForward(ae, train)
	wantLoss := plainSSE(train, xhat)/2/10 + lambda/2*plainWeightSquares(ae)
	wantSSE := plainSSE(train, xhat) / 10
	_, hhat := plainForward(ae, heldOut)
	wantHeldOut := plainSSE(heldOut, hhat) / 3

	var reports []Progress
	hist, err := Train(ae, train, heldOut, TrainConfig{
		Epochs: 2, BatchSize: 4, Optimizer: &nn.SGD{LearningRate: 0}, Rng: rng,
		Regularizers: []Regularizer{WeightDecay{Lambda: lambda}},
		Progress:     func(p Progress) error { reports = append(reports, p); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-12*want }
	for e := 0; e < 2; e++ {
		if !near(hist.TrainLoss[e], wantLoss) || !near(hist.TrainSSE[e], wantSSE) || !near(hist.HeldOutSSE[e], wantHeldOut) {
			t.Errorf("epoch %d: TrainLoss %.15g, TrainSSE %.15g, HeldOutSSE %.15g; want %.15g, %.15g, %.15g",
				e+1, hist.TrainLoss[e], hist.TrainSSE[e], hist.HeldOutSSE[e], wantLoss, wantSSE, wantHeldOut)
		}
	}
	// Three batches (4, 4, 2 images) and the end of each epoch.
	if len(reports) != 8 {
		t.Fatalf("Progress called %d times, want 8", len(reports))
	}
	for _, p := range reports {
		if p.Batches != 3 || p.Epochs != 2 {
			t.Errorf("Progress %+v: want 3 batches, 2 epochs", p)
		}
		if p.EpochDone {
			if p.TrainLoss != hist.TrainLoss[p.Epoch-1] || p.TrainSSE != hist.TrainSSE[p.Epoch-1] || p.HeldOutSSE != hist.HeldOutSSE[p.Epoch-1] {
				t.Errorf("end of epoch %d: Progress %+v differs from History", p.Epoch, p)
			}
			continue
		}
		// The running mean over the images so far lies between the
		// smallest and the largest image's objective.
		lo, hi := perImageRange(ae, train, lambda)
		if !(p.TrainLoss >= lo*(1-1e-12) && p.TrainLoss <= hi*(1+1e-12)) {
			t.Errorf("epoch %d batch %d: running TrainLoss %.15g outside the per-image range [%.15g, %.15g]", p.Epoch, p.Batch, p.TrainLoss, lo, hi)
		}
		if p.Batch == 3 && (!near(p.TrainLoss, wantLoss) || !near(p.TrainSSE, wantSSE)) {
			t.Errorf("epoch %d, last batch: running TrainLoss %.15g, TrainSSE %.15g; want the epoch's %.15g, %.15g", p.Epoch, p.TrainLoss, p.TrainSSE, wantLoss, wantSSE)
		}
	}

	// Ten copies of one image: every image has the same objective, so the
	// running mean must equal it after every batch, whatever the shuffle.
	same := matrix.New(10, 6)
	for i := 0; i < 10; i++ {
		same.SliceRows(i, i+1).Copy(train.SliceRows(0, 1))
	}
	one, _ := perImageRange(ae, same, lambda)
	oneSSE := 2 * (one - lambda/2*plainWeightSquares(ae))
	_, err = Train(ae, same, same.SliceRows(0, 0), TrainConfig{
		Epochs: 1, BatchSize: 4, Optimizer: &nn.SGD{LearningRate: 0}, Rng: rng,
		Regularizers: []Regularizer{WeightDecay{Lambda: lambda}},
		Progress: func(p Progress) error {
			if !near(p.TrainLoss, one) || !near(p.TrainSSE, oneSSE) {
				t.Errorf("one image ten times, batch %d (done %v): running TrainLoss %.15g, TrainSSE %.15g; want %.15g, %.15g", p.Batch, p.EpochDone, p.TrainLoss, p.TrainSSE, one, oneSSE)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// perImageRange returns the smallest and the largest per-image objective
// ½‖x − x̂‖² + (λ/2)·Σ‖W‖² over the rows of x.
func perImageRange(ae *Autoencoder, x *matrix.Dense, lambda float64) (lo, hi float64) {
	_, xhat := plainForward(ae, x)
	penalty := lambda / 2 * plainWeightSquares(ae)
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := 0; i < x.Rows(); i++ {
		v := plainSSE(x.SliceRows(i, i+1), xhat.SliceRows(i, i+1))/2 + penalty
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}
