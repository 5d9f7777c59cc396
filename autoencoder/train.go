package autoencoder

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TrainConfig says how to train.
type TrainConfig struct {
	Epochs    int          // passes over the training set
	BatchSize int          // images per mini-batch
	Optimizer nn.Optimizer // e.g. nn.NewAdam(0.001)
	// Regularizers are added to the reconstruction loss after the
	// penalties the autoencoder's Config names (ae.Penalties): weight
	// decay, say. None for the plain undercomplete autoencoder.
	Regularizers []Regularizer
	// Rng shuffles the training set before every epoch.
	Rng *rand.Rand
	// NoiseRng draws the corruption of every batch when ae.Config.Noise
	// is on, fresh noise for every batch; it is needed then and unused
	// otherwise. Seed it from the run's seed, as Rng, and a rerun draws
	// the same noise: a source of its own keeps the order of the batches
	// the same with and without noise.
	NoiseRng *rand.Rand
	// Progress, if not nil, is called after every batch and at the end of
	// every epoch. The package prints nothing itself. If Progress returns
	// an error, training stops there and Train returns it (wrapped), which
	// is how a program stops training on Ctrl-C.
	Progress func(Progress) error
}

// Progress reports how training goes.
type Progress struct {
	Epoch, Epochs   int // Epoch counts from 1
	Batch, Batches  int // Batch counts from 1
	EpochDone       bool
	TrainLoss       float64 // mean per-image objective so far this epoch: the loss + penalties
	TrainSSE        float64 // mean per-image Σ(x − x̂)² so far this epoch
	HeldOutSSE      float64 // per-image Σ(x − x̂)² on the held-out set, when EpochDone
	Elapsed         time.Duration
	ImagesPerSecond float64
}

// History is the record of a training run, one entry per epoch.
type History struct {
	TrainLoss  []float64 // mean per-image objective over the epoch's batches
	TrainSSE   []float64 // mean per-image Σ(x − x̂)² over the epoch's batches
	HeldOutSSE []float64 // per-image Σ(x − x̂)² on the held-out set after the epoch
}

// ErrDiverged is wrapped by the error Train returns when the loss or a
// gradient stops being a finite number.
var ErrDiverged = errors.New("training diverged")

// Train fits ae to the rows of train by mini-batch gradient descent on the
// per-image objective: the batch's mean of the loss that ae.Config names —
// ½‖x − x̂‖² (docs/autoencoder.md, (L2)) or the cross-entropy — plus the
// penalties of ae.Config and cfg.Regularizers. After each epoch it
// measures the squared reconstruction error on heldOut (which may have no
// rows).
//
// A denoising autoencoder (ae.Config.Noise on) is given a fresh corrupted
// copy of each batch, drawn from cfg.NoiseRng, and its output is compared
// with the clean batch; TrainSSE is then the error of the reconstructions
// of corrupted images, HeldOutSSE that of clean ones.
//
// Cross-entropy needs targets in [0, 1]: Train returns an error wrapping
// ErrDataRange, before any step, if a training value lies outside.
//
// If the loss or a gradient becomes NaN or infinite, Train stops before
// applying that step, so ae keeps the weights of the last step, and returns
// an error wrapping ErrDiverged that names the epoch and batch. The check
// looks at the loss and the gradients, not at the weights the optimizer
// writes: an optimizer whose own settings are NaN or infinite (a learning
// rate of +Inf, say) can spoil the weights in its step, and that is caught
// only at the next batch's loss, after the good weights are gone. Give
// finite settings; the bottleneck command refuses any other.
func Train(ae *Autoencoder, train, heldOut *matrix.Dense, cfg TrainConfig) (History, error) {
	var hist History
	in := ae.InputSize() // 784 for MNIST; d, on every page, is the code size
	if train.Cols() != in || heldOut.Cols() != in {
		return hist, fmt.Errorf("autoencoder: Train: data has %d and %d columns, the network %d inputs", train.Cols(), heldOut.Cols(), in)
	}
	n := train.Rows()
	if n == 0 {
		return hist, errors.New("autoencoder: Train: no training images")
	}
	if cfg.Epochs < 0 || cfg.BatchSize <= 0 || cfg.Optimizer == nil || cfg.Rng == nil {
		return hist, fmt.Errorf("autoencoder: Train: need epochs ≥ 0, batch size > 0, an optimizer and a random source (got %d epochs, batch %d)", cfg.Epochs, cfg.BatchSize)
	}
	noise := ae.Config.Noise
	if noise.On() && cfg.NoiseRng == nil {
		return hist, fmt.Errorf("autoencoder: Train: noise %s needs a random source, TrainConfig.NoiseRng", noise)
	}
	if ae.Config.Loss == CrossEntropy {
		if err := checkUnitRange(train); err != nil {
			return hist, err
		}
	}
	bs := min(cfg.BatchSize, n)
	batches := (n + bs - 1) / bs
	params := ae.Params()
	regs := append(ae.Penalties(), cfg.Regularizers...)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	batchBuf := matrix.New(bs, in) // the shuffled rows of one batch
	gradBuf := matrix.New(bs, in)  // ∂J/∂x̂
	var noisyBuf *matrix.Dense     // the corrupted batch
	if noise.On() {
		noisyBuf = matrix.New(bs, in)
	}
	start := time.Now()

	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		cfg.Rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		var lossSum, sseSum float64
		for b := 0; b < batches; b++ {
			i0, i1 := b*bs, min((b+1)*bs, n)
			x := batchBuf.SliceRows(0, i1-i0)
			grad := gradBuf.SliceRows(0, i1-i0)
			for r, idx := range order[i0:i1] {
				copy(x.Row(r), train.Row(idx))
			}

			input := x
			if noise.On() {
				input = noisyBuf.SliceRows(0, i1-i0)
				noise.Corrupt(input, x, cfg.NoiseRng)
			}
			loss, sse := ae.step(input, x, grad, regs)
			if bad := !isFinite(loss) || !gradientsFinite(params); bad {
				return hist, fmt.Errorf("autoencoder: %w at epoch %d, batch %d of %d (loss %v): try a smaller learning rate", ErrDiverged, epoch, b+1, batches, loss)
			}
			cfg.Optimizer.Step(params)

			lossSum += loss * float64(i1-i0)
			sseSum += sse
			if cfg.Progress != nil {
				el := time.Since(start)
				err := cfg.Progress(Progress{
					Epoch: epoch, Epochs: cfg.Epochs, Batch: b + 1, Batches: batches,
					TrainLoss: lossSum / float64(i1), TrainSSE: sseSum / float64(i1),
					Elapsed: el, ImagesPerSecond: float64((epoch-1)*n+i1) / el.Seconds(),
				})
				if err != nil {
					return hist, fmt.Errorf("autoencoder: training stopped at epoch %d, batch %d: %w", epoch, b+1, err)
				}
			}
		}
		for _, p := range params {
			if !matrixFinite(p.Value) {
				return hist, fmt.Errorf("autoencoder: %w at the end of epoch %d: %s is not finite: try a smaller learning rate", ErrDiverged, epoch, p.Name)
			}
		}
		hist.TrainLoss = append(hist.TrainLoss, lossSum/float64(n))
		hist.TrainSSE = append(hist.TrainSSE, sseSum/float64(n))
		heldOutSSE := math.NaN()
		if heldOut.Rows() > 0 {
			heldOutSSE = ae.SSEPerImage(heldOut)
			if !isFinite(heldOutSSE) {
				return hist, fmt.Errorf("autoencoder: %w at the end of epoch %d: the error on the held-out images is %v: try a smaller learning rate", ErrDiverged, epoch, heldOutSSE)
			}
		}
		hist.HeldOutSSE = append(hist.HeldOutSSE, heldOutSSE)
		if cfg.Progress != nil {
			el := time.Since(start)
			err := cfg.Progress(Progress{
				Epoch: epoch, Epochs: cfg.Epochs, Batch: batches, Batches: batches, EpochDone: true,
				TrainLoss: hist.TrainLoss[epoch-1], TrainSSE: hist.TrainSSE[epoch-1], HeldOutSSE: heldOutSSE,
				Elapsed: el, ImagesPerSecond: float64(epoch*n) / el.Seconds(),
			})
			if err != nil {
				return hist, fmt.Errorf("autoencoder: training stopped after epoch %d: %w", epoch, err)
			}
		}
	}
	return hist, nil
}

// step runs one batch forward and backward, leaving the gradient of the
// per-image objective J = (1/n)·L(X, X̂) + Ω in the parameters. The encoder
// is given input, the loss compares the output with clean (the same matrix
// unless the autoencoder is denoising); grad is a buffer for the loss's
// delta. step returns J and the batch's summed squared error
// Σₙ‖xₙ − x̂ₙ‖², whatever the loss. input, clean, grad: n×in.
func (ae *Autoencoder) step(input, clean, grad *matrix.Dense, regs []Regularizer) (loss, sse float64) {
	// exercise training-step (3 points): ZeroGrad; b.forward; the loss and its delta into grad; each regularizer's Penalty and AddGradient; b.backward (docs/assignments.md)
	nn.ZeroGrad(ae.params)
	b := ae.batch
	b.forward(input, clean) // 1. forward through every layer
	top := b.NumLayers() - 1
	xhat := b.Reconstruction()
	switch ae.Config.Loss { // 2. the loss (1/n)·L(X, X̂) and its delta
	case CrossEntropy:
		// Fused with the output sigmoid: the delta (x̂ − x)/n is that of
		// its input, the logits, the output of the layer below it.
		loss = nn.MeanSigmoidCrossEntropy(b.Output(top-1), clean, grad)
		sse = sumSquaredError(xhat, clean)
	default:
		loss = nn.MeanHalfSquaredError(xhat, clean, grad) // delta (x̂ − x)/n
		sse = 2 * loss * float64(clean.Rows())
	}
	for _, r := range regs { // 3. the penalties Ω and their gradients
		loss += r.Penalty(b)
		r.AddGradient(b)
	}
	if ae.Config.Loss == CrossEntropy { // 4. backward
		if d := &b.deltas[top]; d.used { // a penalty on x̂ itself
			grad.Add(grad, b.layers[top].Backward(d.view))
		}
		b.backward(top-1, grad)
	} else {
		b.backward(top, grad)
	}
	return loss, sse
	// end exercise training-step
}

// sumSquaredError returns Σ (x − x̂)² over every element of the batch.
func sumSquaredError(xhat, x *matrix.Dense) float64 {
	return 2 * nn.HalfSquaredError(xhat, x, nil)
}

// Objective returns the per-image training objective on x — the mean of
// the loss plus the penalties of ae.Config and regs — and leaves its
// gradient in the parameters. It is one training step without the update,
// for gradient checks and for students who want to see the numbers. It
// gives the encoder the clean x even when ae.Config names a noise: it is
// ObjectiveCorrupted(x, x, regs).
func (ae *Autoencoder) Objective(x *matrix.Dense, regs []Regularizer) float64 {
	return ae.ObjectiveCorrupted(x, x, regs)
}

// ObjectiveCorrupted is Objective for a denoising autoencoder: the encoder
// is given corrupted (x̃, say from Noise.Corrupt), the loss compares the
// reconstruction with clean (x). corrupted and clean: n×in.
func (ae *Autoencoder) ObjectiveCorrupted(corrupted, clean *matrix.Dense, regs []Regularizer) float64 {
	ae.checkInput("Objective", clean, ae.InputSize())
	if cr, cc := corrupted.Dims(); cr != clean.Rows() || cc != clean.Cols() {
		panic(fmt.Sprintf("autoencoder: ObjectiveCorrupted: corrupted input %d×%d, clean %d×%d", cr, cc, clean.Rows(), clean.Cols()))
	}
	grad := matrix.New(clean.Rows(), clean.Cols())
	loss, _ := ae.step(corrupted, clean, grad, append(ae.Penalties(), regs...))
	return loss
}

// checkUnitRange returns an error wrapping ErrDataRange if a value of x
// lies outside [0, 1] (or is NaN).
func checkUnitRange(x *matrix.Dense) error {
	for i := 0; i < x.Rows(); i++ {
		for j, v := range x.Row(i) {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("autoencoder: Train: %w: value %v at row %d, column %d; cross-entropy needs targets in [0, 1]", ErrDataRange, v, i, j)
			}
		}
	}
	return nil
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func gradientsFinite(params []nn.Param) bool {
	for _, p := range params {
		if !matrixFinite(p.Grad) {
			return false
		}
	}
	return true
}

// matrixFinite reports whether every element of m is finite.
func matrixFinite(m *matrix.Dense) bool {
	return m.AllFinite()
}
