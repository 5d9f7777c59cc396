package autoencoder

import (
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestGradeTrainingStep grades exercise training-step: a step zeroes the
// gradients, runs the batch forward, takes the loss and its output delta,
// adds every regularizer's penalty and gradient, and runs the deltas
// backward through decoder and encoder. Objective and ObjectiveCorrupted
// are one such step, so their values are compared with objectives computed
// here with loops, and the gradients they leave, over junk left in them
// before, with central differences of those. Two cases:
//
//   - squared error: (1/n)·½ Σₙ ‖x̂ₙ − xₙ‖² ((L2) in docs/autoencoder.md)
//     plus weight decay λ = 0.3;
//   - cross-entropy, −(1/n) Σ [x ln x̂ + (1 − x) ln(1 − x̂)], with a
//     corrupted input x̃ given to the encoder and the clean x to the loss
//     (a denoising step), plus two penalties that give deltas to layer
//     outputs: 0.2·(1/n) Σ |h| on the code (CodeL1) and 0.4·(1/2n) Σ x̂² on
//     the reconstruction (defined here), whose delta must pass through the
//     output sigmoid although the cross-entropy's delta starts below it.
//
// One epoch of Train on the batch, without an update, must report the same
// objective and Σₙ‖xₙ − x̂ₙ‖²/n, not halved, whatever the loss.
func TestGradeTrainingStep(t *testing.T) {
	rng := gradeRand(90)
	const n, in, code = 6, 5, 3

	net := newGradeNet(t, rng, in, code)
	x := gradeMatrix(rng, n, in, 0, 1)
	regs := []Regularizer{WeightDecay{Lambda: 0.3}}
	objective := func(input *matrix.Dense) float64 {
		return gradeSquares(net.reconstruct(input), x)/(2*n) + 0.3/2*gradeSumSquares(net.w1, net.w1p)
	}
	if !gradeStep(t, "a step of a 6×5 batch through a 5-3-5 sigmoid autoencoder, squared error, weight decay 0.3",
		net, x, x, regs, objective) {
		return
	}

	net = newGradeNetLoss(t, rng, in, code, CrossEntropy)
	x = gradeMatrix(rng, n, in, 0, 1)
	noisy := gradeMatrix(rng, n, in, 0, 1)
	regs = []Regularizer{CodeL1{Lambda: 0.2}, gradeOutputPenalty{Mu: 0.4}}
	objective = func(input *matrix.Dense) float64 {
		xhat := net.reconstruct(input)
		return gradeCrossEntropy(xhat, x)/n + 0.2*gradeSumAbs(net.encode(input))/n + 0.4*gradeSumSquares(xhat)/(2*n)
	}
	gradeStep(t, "a denoising step of a 6×5 batch through a 5-3-5 sigmoid autoencoder, cross-entropy, an L1 penalty on the code and one on x̂",
		net, noisy, x, regs, objective)
}

// gradeStep checks one step of net on the batch (the encoder given input,
// the loss comparing with clean) against objective, which gives the
// objective for a given input to the encoder, and one epoch of Train on
// clean without an update.
func gradeStep(t *testing.T, what string, net *gradeNet, input, clean *matrix.Dense, regs []Regularizer, objective func(input *matrix.Dense) float64) bool {
	t.Helper()
	for _, p := range net.ae.Params() {
		p.Grad.Fill(5) // junk from an earlier step
	}
	if got, want := net.ae.ObjectiveCorrupted(input, clean, regs), objective(input); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: the objective is %v, want %v = (1/n)·L(X, X̂) + the penalties", what, got, want)
		return false
	}
	for _, p := range net.ae.Params() {
		f := func() float64 { return objective(input) }
		if !gradeGradient(t, what+": the gradient of "+p.Name, f, p.Value, p.Grad) {
			return false
		}
	}

	n := float64(clean.Rows())
	hist, err := Train(net.ae, clean, matrix.New(0, clean.Cols()), TrainConfig{
		Epochs: 1, BatchSize: clean.Rows(), Optimizer: &nn.SGD{LearningRate: 0}, Regularizers: regs, Rng: gradeRand(91),
	})
	if err != nil {
		t.Errorf("%s: Train: %v", what, err)
		return false
	}
	if got, want := hist.TrainLoss[0], objective(clean); !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: Train on the clean batch reports the objective %v, want %v", what, got, want)
		return false
	}
	if got, want := hist.TrainSSE[0], gradeSquares(net.reconstruct(clean), clean)/n; !gradeClose(got, want, 1e-12) {
		t.Errorf("%s: Train reports Σ‖x − x̂‖² per image as %v, want %v (summed over the pixels, not halved)", what, got, want)
		return false
	}
	return true
}

// gradeOutputPenalty is Ω = μ·(1/2n) Σ x̂², a penalty on the
// reconstruction: its delta μ·x̂/n goes to the output of the last layer.
type gradeOutputPenalty struct{ Mu float64 }

func (p gradeOutputPenalty) Penalty(b *Batch) float64 {
	return p.Mu * gradeSumSquares(b.Reconstruction()) / (2 * float64(b.Rows()))
}

func (p gradeOutputPenalty) AddGradient(b *Batch) {
	b.Delta(b.NumLayers()-1).AddScaled(p.Mu/float64(b.Rows()), b.Reconstruction())
}
