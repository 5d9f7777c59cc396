package classify

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// Config says how to train softmax regression.
type Config struct {
	Classes   int          // k: labels lie in [0, k)
	Epochs    int          // passes over the training set
	BatchSize int          // samples per mini-batch
	Optimizer nn.Optimizer // e.g. nn.NewAdam(0.001)
	// WeightDecay λ ≥ 0 adds (λ/2)·‖W‖² to the per-sample loss; 0 for
	// none.
	WeightDecay float64
	// Rng shuffles the training set before every epoch.
	Rng *rand.Rand
}

// Model is a trained softmax regression: features are scaled, then
// z = x′·W + b gives one logit per class, and the largest wins.
type Model struct {
	Scaling Scaling
	Layer   *nn.Linear // W: in×k, b: 1×k
}

// ErrDiverged is wrapped by the error Train returns when the loss stops
// being a finite number.
var ErrDiverged = errors.New("classify: training diverged")

// Train fits softmax regression to the rows of x (n×in) and their labels by
// mini-batch gradient descent on the mean cross-entropy per sample
// (nn.MeanSoftmaxCrossEntropy) plus the weight decay. The weights start
// at zero: the loss is convex in W and b, so there is no symmetry to break,
// and the result depends only on the data, the order of the batches and
// the optimizer.
func Train(x *matrix.Dense, labels []int, cfg Config) (*Model, error) {
	n, d := x.Dims()
	if err := checkLabels(n, labels, cfg.Classes); err != nil {
		return nil, err
	}
	if cfg.Epochs < 0 || cfg.BatchSize <= 0 || cfg.Optimizer == nil || cfg.Rng == nil || !(cfg.WeightDecay >= 0) || math.IsInf(cfg.WeightDecay, 0) {
		return nil, fmt.Errorf("classify: Train: need epochs ≥ 0, batch size > 0, an optimizer, a random source and a finite weight decay ≥ 0 (got %d epochs, batch %d, λ = %v)", cfg.Epochs, cfg.BatchSize, cfg.WeightDecay)
	}
	scaling, err := NewScaling(x)
	if err != nil {
		return nil, err
	}
	m := &Model{Scaling: scaling, Layer: nn.NewLinear(d, cfg.Classes)}
	params := m.Layer.Params()
	bs := min(cfg.BatchSize, n)
	xBuf := matrix.New(bs, d)           // the scaled rows of one batch
	yBuf := matrix.New(bs, cfg.Classes) // their one-hot labels
	gradBuf := matrix.New(bs, cfg.Classes)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		cfg.Rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for i0 := 0; i0 < n; i0 += bs {
			i1 := min(i0+bs, n)
			xb, yb, grad := xBuf.SliceRows(0, i1-i0), yBuf.SliceRows(0, i1-i0), gradBuf.SliceRows(0, i1-i0)
			yb.Zero()
			for r, idx := range order[i0:i1] {
				copy(xb.Row(r), x.Row(idx))
				yb.Set(r, labels[idx], 1)
			}
			scaling.Apply(xb, xb)

			loss := m.objective(xb, yb, grad, cfg.WeightDecay)
			if math.IsNaN(loss) || math.IsInf(loss, 0) {
				return nil, fmt.Errorf("%w at epoch %d, batch %d (loss %v): try a smaller learning rate", ErrDiverged, epoch, i0/bs+1, loss)
			}
			cfg.Optimizer.Step(params)
		}
	}
	return m, nil
}

// objective returns the per-sample objective on a batch of scaled features
// x (n×in) with one-hot labels y (n×k) — the mean cross-entropy plus
// (λ/2)·‖W‖² — and leaves its gradient in the layer's DW and DB, using
// grad (n×k) for the delta of the logits.
func (m *Model) objective(x, y, grad *matrix.Dense, lambda float64) float64 {
	nn.ZeroGrad(m.Layer.Params())
	loss := nn.MeanSoftmaxCrossEntropy(m.Layer.Forward(x), y, grad) // delta (P − Y)/n
	m.Layer.BackwardParams(grad)
	if lambda > 0 {
		w := m.Layer.W.Norm()
		loss += lambda / 2 * w * w
		m.Layer.DW.AddScaled(lambda, m.Layer.W)
	}
	return loss
}

// checkLabels returns an error unless there are n labels, each in [0, k),
// and k ≥ 2.
func checkLabels(n int, labels []int, k int) error {
	if k < 2 {
		return fmt.Errorf("classify: need at least 2 classes, got %d", k)
	}
	if len(labels) != n {
		return fmt.Errorf("classify: %d rows but %d labels", n, len(labels))
	}
	for i, l := range labels {
		if l < 0 || l >= k {
			return fmt.Errorf("classify: label %d of row %d is outside [0, %d)", l, i, k)
		}
	}
	return nil
}

// predictChunk is the number of rows Predict scores at once.
const predictChunk = 500

// Predict returns the class with the largest logit for every row of x
// (n×in).
func (m *Model) Predict(x *matrix.Dense) []int {
	n, d := x.Dims()
	if d != m.Layer.W.Rows() {
		panic(fmt.Sprintf("classify: Predict: input is %d×%d, the model takes %d features", n, d, m.Layer.W.Rows()))
	}
	pred := make([]int, 0, n)
	buf := matrix.New(min(n, predictChunk), d)
	for i0 := 0; i0 < n; i0 += predictChunk {
		i1 := min(i0+predictChunk, n)
		xb := buf.SliceRows(0, i1-i0)
		m.Scaling.Apply(xb, x.SliceRows(i0, i1))
		z := m.Layer.Forward(xb)
		for r := 0; r < z.Rows(); r++ {
			best, row := 0, z.Row(r)
			for k, v := range row {
				if v > row[best] {
					best = k
				}
			}
			pred = append(pred, best)
		}
	}
	return pred
}

// Accuracy returns the fraction of the rows of x whose predicted class is
// their label. It returns an error if the labels do not fit x.
func (m *Model) Accuracy(x *matrix.Dense, labels []int) (float64, error) {
	if err := checkLabels(x.Rows(), labels, m.Layer.W.Cols()); err != nil {
		return 0, err
	}
	if x.Cols() != m.Layer.W.Rows() {
		return 0, fmt.Errorf("classify: %d features, the model was trained on %d", x.Cols(), m.Layer.W.Rows())
	}
	if x.Rows() == 0 {
		return 0, errors.New("classify: no rows to measure the accuracy on")
	}
	right := 0
	for i, p := range m.Predict(x) {
		if p == labels[i] {
			right++
		}
	}
	return float64(right) / float64(x.Rows()), nil
}

// SoftmaxRegression trains softmax regression on the training features
// and labels and returns its accuracy on the test ones: the measure
// bottleneck's classify command reports for codes, principal components
// and pixels alike.
func SoftmaxRegression(trainX *matrix.Dense, trainLabels []int, testX *matrix.Dense, testLabels []int, cfg Config) (float64, error) {
	if trainX.Cols() != testX.Cols() {
		return 0, fmt.Errorf("classify: %d training features but %d test features", trainX.Cols(), testX.Cols())
	}
	m, err := Train(trainX, trainLabels, cfg)
	if err != nil {
		return 0, err
	}
	return m.Accuracy(testX, testLabels)
}
