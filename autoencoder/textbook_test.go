package autoencoder

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// trainTextbookOrFast trains a 256-32-8 autoencoder with the default run's
// activations (ReLU hidden, linear code, sigmoid output), weight decay and
// Adam, for 2 epochs of 300 images in batches of 128, with the matrix kernel
// named kernel. The sizes are large enough for the fast path to use
// everything it has: blocked products shared among the cores, the sigmoid
// a row at a time on every core (128×256 elements), Adam's rows shared out.
func trainTextbookOrFast(t *testing.T, kernel string) (*Autoencoder, History) {
	t.Helper()
	old := matrix.Kernel()
	if err := matrix.SetKernel(kernel); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := matrix.SetKernel(old); err != nil {
			t.Fatal(err)
		}
	}()
	rng := rand.New(rand.NewPCG(10, 1))
	x := lowRankData(rng, 400, 256, 5)
	ae, err := New(Config{Layers: []int{256, 32, 8}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := Train(ae, x.SliceRows(0, 300), x.SliceRows(300, 400), TrainConfig{
		Epochs: 2, BatchSize: 128, Optimizer: nn.NewAdam(0.003), Rng: rng,
		Regularizers: []Regularizer{WeightDecay{Lambda: 1e-3}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ae, hist
}

// TestTextbookPathTrainsAlike: training on the textbook path —
// matrix.SetKernel("reference"): every product by MulRef's triple loop,
// Adam as Kingma and Ba write it, the sigmoid element by element, all on
// one goroutine — gives the weights and losses of the fast path to within
// textbookTol.
func TestTextbookPathTrainsAlike(t *testing.T) {
	fast, fastHist := trainTextbookOrFast(t, matrix.Kernel())
	ref, refHist := trainTextbookOrFast(t, "reference")
	// textbookTol: the two paths round differently (Adam's folded form;
	// in SIMD builds also fused multiply-adds and a polynomial exponential),
	// each by a few units in the last place, 1e-16 relative, and six steps
	// carry that forward. The largest difference measured was 1.1e-16 in
	// the portable and the AVX-512 build; Adam without its bias correction,
	// or with ε in the wrong place, is off by 1e-5 and more.
	const textbookTol = 1e-12
	for i, p := range fast.Params() {
		q := ref.Params()[i]
		if !matrix.EqualApprox(p.Value, q.Value, textbookTol) {
			t.Errorf("%s: fast and textbook paths differ by up to %g", p.Name, maxRelDiff(p.Value, q.Value))
		}
	}
	for e := range fastHist.TrainLoss {
		for _, pair := range [][2]float64{
			{fastHist.TrainLoss[e], refHist.TrainLoss[e]},
			{fastHist.TrainSSE[e], refHist.TrainSSE[e]},
			{fastHist.HeldOutSSE[e], refHist.HeldOutSSE[e]},
		} {
			if !(math.Abs(pair[0]-pair[1]) <= textbookTol*math.Abs(pair[1])) {
				t.Errorf("epoch %d: fast path %v, textbook path %v", e+1, fastHist, refHist)
			}
		}
	}
}

// maxRelDiff returns the largest |a−b|/max(1, |a|, |b|) over the elements,
// the measure of matrix.EqualApprox, for error messages.
func maxRelDiff(a, b *matrix.Dense) float64 {
	d := 0.0
	for i := 0; i < a.Rows(); i++ {
		for j := 0; j < a.Cols(); j++ {
			x, y := a.At(i, j), b.At(i, j)
			d = math.Max(d, math.Abs(x-y)/math.Max(1, math.Max(math.Abs(x), math.Abs(y))))
		}
	}
	return d
}
