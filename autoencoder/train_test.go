package autoencoder

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// lowRankData returns n rows in [0, 1] that lie near a rank-r subspace of
// dimension d: correlated inputs, which is what an autoencoder can compress
// (the lecture's "Assumption" slide).
func lowRankData(rng *rand.Rand, n, d, r int) *matrix.Dense {
	basis := randData(rng, r, d)
	coef := randData(rng, n, r)
	x := matrix.New(n, d)
	x.Mul(coef, basis)
	x.Scale(1/float64(r), x)
	return x
}

func trainSmall(t *testing.T, seed uint64, epochs int) (*Autoencoder, History) {
	t.Helper()
	return trainSized(t, seed, epochs, 100, 64)
}

// trainSized trains a d-h-8 autoencoder on 500 rows of low-rank data in
// batches of 64, holding out 100 rows.
func trainSized(t *testing.T, seed uint64, epochs, d, h int) (*Autoencoder, History) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	x := lowRankData(rng, 600, d, 5)
	ae, err := New(Config{Layers: []int{d, h, 8}, Activation: "tanh", CodeActivation: "tanh", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := Train(ae, x.SliceRows(0, 500), x.SliceRows(500, 600), TrainConfig{
		Epochs: epochs, BatchSize: 64, Optimizer: nn.NewAdam(0.003), Rng: rng,
		Regularizers: []Regularizer{WeightDecay{Lambda: 1e-4}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ae, hist
}

func TestTrainingReducesError(t *testing.T) {
	_, hist := trainSmall(t, 1, 30)
	first, last := hist.HeldOutSSE[0], hist.HeldOutSSE[len(hist.HeldOutSSE)-1]
	if !(last < first/4) {
		t.Errorf("held-out error went from %.4g to %.4g; want at least a fourfold drop", first, last)
	}
	if len(hist.TrainLoss) != 30 || len(hist.TrainSSE) != 30 {
		t.Errorf("history has %d/%d entries, want 30", len(hist.TrainLoss), len(hist.TrainSSE))
	}
}

// TestTrainingIsReproducible: the same seed gives bit-identical weights and
// losses whatever GOMAXPROCS is. The network is wide enough (784 inputs,
// batches of 64) that products, activations and the Adam update are all
// shared among the cores when there are several.
func TestTrainingIsReproducible(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var runs []*Autoencoder
	var hists []History
	for _, procs := range []int{1, 2, 1} {
		runtime.GOMAXPROCS(procs)
		ae, h := trainSized(t, 42, 2, 784, 64)
		runs, hists = append(runs, ae), append(hists, h)
	}
	for k := 1; k < len(runs); k++ {
		for i, p := range runs[0].Params() {
			q := runs[k].Params()[i]
			if !matrix.EqualApprox(p.Value, q.Value, 0) {
				t.Errorf("run %d: %s differs from run 0", k, p.Name)
			}
		}
		for e := range hists[0].TrainLoss {
			if hists[0].TrainLoss[e] != hists[k].TrainLoss[e] || hists[0].HeldOutSSE[e] != hists[k].HeldOutSSE[e] {
				t.Errorf("run %d epoch %d: losses differ: %v vs %v", k, e+1, hists[0], hists[k])
			}
		}
	}
}

func TestDivergenceStopsWithError(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	x := lowRankData(rng, 200, 20, 3)
	x.Scale(1e160, x) // absurd data: the squared error overflows at once
	ae, _ := New(Config{Layers: []int{20, 4}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	before := ae.Params()[0].Value.Clone()
	_, err := Train(ae, x, x.SliceRows(0, 0), TrainConfig{Epochs: 2, BatchSize: 50, Optimizer: &nn.SGD{LearningRate: 0.1}, Rng: rng})
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("error %v, want ErrDiverged", err)
	}
	for _, want := range []string{"epoch 1", "batch 1 of 4", "smaller learning rate"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !matrix.EqualApprox(ae.Params()[0].Value, before, 0) {
		t.Error("the weights were changed by the step that diverged")
	}
}

func TestDivergenceWithLargeLearningRate(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x := lowRankData(rng, 256, 30, 3)
	ae, _ := New(Config{Layers: []int{30, 5}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	_, err := Train(ae, x, x, TrainConfig{Epochs: 50, BatchSize: 32, Optimizer: &nn.SGD{LearningRate: 100}, Rng: rng})
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("SGD with learning rate 100: error %v, want ErrDiverged", err)
	}
	for _, p := range ae.Params() {
		if !matrixFinite(p.Value) {
			t.Errorf("%s is not finite after the diverged run: the last good state was lost", p.Name)
		}
	}
}

// TestDivergenceOnHeldOutImages: weights that are finite but make the
// forward pass overflow on the held-out images (here held-out pixels of
// 1e300, where training saw ordinary ones) stop the run with ErrDiverged
// at the end of the epoch; the error was once NaN and reached summary.json.
func TestDivergenceOnHeldOutImages(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	x := lowRankData(rng, 64, 30, 3)
	huge := matrix.New(8, 30)
	huge.Apply(func(float64) float64 { return 1e300 }, huge)
	ae, _ := New(Config{Layers: []int{30, 5}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	_, err := Train(ae, x, huge, TrainConfig{Epochs: 2, BatchSize: 16, Optimizer: &nn.SGD{LearningRate: 0.01}, Rng: rng})
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "held-out images") || !strings.Contains(err.Error(), "epoch 1") {
		t.Fatalf("got %v; want ErrDiverged at the end of epoch 1 naming the held-out images", err)
	}
}

func TestEncodeDecodeReconstruct(t *testing.T) {
	ae, _ := trainSmall(t, 5, 1)
	rng := rand.New(rand.NewPCG(6, 6))
	x := randData(rng, 1234, 100) // more rows than one evaluation chunk
	codes := ae.Encode(x)
	if r, c := codes.Dims(); r != 1234 || c != 8 {
		t.Fatalf("codes are %d×%d, want 1234×8", r, c)
	}
	direct := ae.Reconstruct(x)
	viaCodes := ae.Decode(codes)
	if !matrix.EqualApprox(direct, viaCodes, 0) {
		t.Error("Decode(Encode(x)) differs from Reconstruct(x)")
	}
	sse := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j, v := range x.Row(i) {
			d := v - direct.At(i, j)
			sse += d * d
		}
	}
	if got, want := ae.SSEPerImage(x), sse/1234; !(math.Abs(got-want) <= 1e-9*want) {
		t.Errorf("SSEPerImage = %g, want %g", got, want)
	}
}

func TestProgressErrorStopsTraining(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	x := lowRankData(rng, 100, 10, 2)
	ae, _ := New(Config{Layers: []int{10, 3}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	stop := errors.New("stop here")
	calls := 0
	_, err := Train(ae, x, x, TrainConfig{Epochs: 5, BatchSize: 10, Optimizer: &nn.SGD{LearningRate: 0.01}, Rng: rng,
		Progress: func(p Progress) error {
			calls++
			if p.Epoch == 2 && p.Batch == 3 {
				return stop
			}
			return nil
		}})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "epoch 2, batch 3") {
		t.Errorf("error %v, want one wrapping the callback's, naming epoch 2, batch 3", err)
	}
	if calls != 14 { // 10 batches and the end of epoch 1, then 3 batches of epoch 2
		t.Errorf("Progress called %d times, want 14", calls)
	}
}
