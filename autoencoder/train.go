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
	// Regularizers are added to the reconstruction loss; none for the
	// plain undercomplete autoencoder.
	Regularizers []Regularizer
	// Rng shuffles the training set before every epoch.
	Rng *rand.Rand
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
	TrainLoss       float64 // mean per-image objective so far this epoch: ½‖x − x̂‖² + penalties
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
// per-image objective: the batch's mean of ½‖x − x̂‖² (docs/autoencoder.md,
// (L2)) plus the regularizers. After each epoch it measures the
// reconstruction error on heldOut (which may have no rows).
//
// If the loss or a gradient becomes NaN or infinite, Train stops before
// applying that step, so ae keeps the last good weights, and returns an
// error wrapping ErrDiverged that names the epoch and batch.
func Train(ae *Autoencoder, train, heldOut *matrix.Dense, cfg TrainConfig) (History, error) {
	var hist History
	d := ae.InputSize()
	if train.Cols() != d || heldOut.Cols() != d {
		return hist, fmt.Errorf("autoencoder: Train: data has %d and %d columns, the network %d inputs", train.Cols(), heldOut.Cols(), d)
	}
	n := train.Rows()
	if n == 0 {
		return hist, errors.New("autoencoder: Train: no training images")
	}
	if cfg.Epochs < 0 || cfg.BatchSize <= 0 || cfg.Optimizer == nil || cfg.Rng == nil {
		return hist, fmt.Errorf("autoencoder: Train: need epochs ≥ 0, batch size > 0, an optimizer and a random source (got %d epochs, batch %d)", cfg.Epochs, cfg.BatchSize)
	}
	bs := min(cfg.BatchSize, n)
	batches := (n + bs - 1) / bs
	params := ae.Params()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	batchBuf := matrix.New(bs, d) // the shuffled rows of one batch
	gradBuf := matrix.New(bs, d)  // ∂J/∂x̂
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

			loss, sse := ae.step(x, grad, cfg.Regularizers)
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
// per-image objective in the parameters. It returns the objective and the
// batch's summed squared error Σₙ‖xₙ − x̂ₙ‖².
func (ae *Autoencoder) step(x, grad *matrix.Dense, regs []Regularizer) (loss, sse float64) {
	// exercise training-step (3 points): ZeroGrad, forward, delta (x̂ − x)/n into grad, backward, regularizers; return the objective and Σ‖x − x̂‖² (L2)
	nn.ZeroGrad(ae.params)
	xhat := ae.forward(x)                                // 1. forward
	loss = nn.MeanHalfSquaredError(xhat, x, grad)        // 2. output delta, (x̂ − x)/n
	ae.Encoder.BackwardParams(ae.Decoder.Backward(grad)) // 3. backward
	sse = 2 * loss * float64(x.Rows())
	for _, r := range regs {
		loss += r.Penalty(ae)
		r.AddGradient(ae)
	}
	return loss, sse
	// end exercise training-step
}

// Objective returns the per-image training objective on x — the mean of
// ½‖x − x̂‖² plus the regularizers — and leaves its gradient in the
// parameters. It is one training step without the update, for gradient
// checks and for students who want to see the numbers.
func (ae *Autoencoder) Objective(x *matrix.Dense, regs []Regularizer) float64 {
	ae.checkInput("Objective", x, ae.InputSize())
	grad := matrix.New(x.Rows(), x.Cols())
	loss, _ := ae.step(x, grad, regs)
	return loss
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

// matrixFinite reports whether every element of m is finite. The sum of a
// matrix is finite exactly when its elements are (unless they are so large
// that the sum overflows, which diverged training also is).
func matrixFinite(m *matrix.Dense) bool {
	return isFinite(m.Sum())
}
