package probe

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The exercises of nn's losses: half-squared-error, binary-cross-entropy
// and sigmoid-cross-entropy. Each loss is called in its summed and its
// mean form, with a gradient buffer holding junk (to be set, not added
// to), with a nil one, twice in a row on one buffer, on a batch of one row
// and on a batch past any block size. The cross-entropies get predictions
// of exactly 0 and 1 (clamped) and logits of ±800 (where σ rounds to 0 or
// 1), and targets that are not only 0 and 1.

// lossSizes are the batch shapes.
var lossSizes = [][2]int{{4, 5}, {1, 7}, {70, 150}}

// lossCase is one batch: predictions (or logits), targets and two more of
// each for the second call on the same gradient buffer.
type lossCase struct {
	pred, target, pred2, target2, grad0 *matrix.Dense
}

// draw draws a batch; special puts special values into a prediction.
func drawLoss(rng *rand.Rand, rows, cols int, lo, hi float64, special []float64) lossCase {
	p := func() *matrix.Dense {
		m := uniform(rng, rows, cols, lo, hi)
		for i := 0; i < rows; i++ {
			for j := range m.Row(i) {
				if len(special) > 0 && rng.IntN(4) == 0 {
					m.Row(i)[j] = special[rng.IntN(len(special))]
				}
			}
		}
		return m
	}
	t := func() *matrix.Dense {
		m := uniform(rng, rows, cols, 0, 1)
		for i := 0; i < rows; i++ {
			for j := range m.Row(i) {
				if rng.IntN(2) == 0 {
					m.Row(i)[j] = float64(rng.IntN(2))
				}
			}
		}
		return m
	}
	c := lossCase{pred: p(), target: t()}
	c.pred2, c.target2 = p(), t()
	c.grad0 = junk(rng, rows, cols)
	return c
}

// A lossKind is one of the three exercises' losses: the function of nn in
// its summed and mean forms, and its value and gradient per element.
type lossKind struct {
	exercise  string
	sum, mean string
	fSum      nn.LossFunc
	fMean     nn.LossFunc
	lo, hi    float64
	special   []float64
	elem      func(p, t float64) (loss, grad float64) // per element, scale 1
}

var lossKinds = []lossKind{
	{"half-squared-error", "HalfSquaredError", "MeanHalfSquaredError", nn.HalfSquaredError, nn.MeanHalfSquaredError, -2, 2, nil,
		func(p, t float64) (float64, float64) { return (p - t) * (p - t) / 2, p - t }},
	{"binary-cross-entropy", "BinaryCrossEntropy", "MeanBinaryCrossEntropy", nn.BinaryCrossEntropy, nn.MeanBinaryCrossEntropy, 0.01, 0.99,
		[]float64{0, 1, 1e-15, 1 - 1e-15},
		func(p, t float64) (float64, float64) {
			const eps = 1e-12
			p = math.Min(math.Max(p, eps), 1-eps)
			return -(t*math.Log(p) + (1-t)*math.Log(1-p)), (p - t) / (p * (1 - p))
		}},
	{"sigmoid-cross-entropy", "SigmoidCrossEntropy", "MeanSigmoidCrossEntropy", nn.SigmoidCrossEntropy, nn.MeanSigmoidCrossEntropy, -6, 6,
		[]float64{800, -800, 40, -40, 0},
		sigmoidCrossEntropyElem},
}

func init() {
	for _, k := range lossKinds {
		register(exercise{name: k.exercise,
			run:  func(rng *rand.Rand, out *Recorder) { lossRun(k, rng, out) },
			want: func(rng *rand.Rand) []Check { return lossWant(k, rng) }})
	}
}

func lossLabel(f string, rows, cols int, what string) string {
	return fmt.Sprintf("%s on a %d×%d batch: %s", f, rows, cols, what)
}

func lossRun(k lossKind, rng *rand.Rand, out *Recorder) {
	for _, s := range lossSizes {
		c := drawLoss(rng, s[0], s[1], k.lo, k.hi, k.special)
		for _, form := range []struct {
			name string
			f    nn.LossFunc
		}{{k.sum, k.fSum}, {k.mean, k.fMean}} {
			grad := c.grad0.Clone()
			out.Put(lossLabel(form.name, s[0], s[1], "the loss"), form.f(c.pred, c.target, grad))
			out.PutMatrix(lossLabel(form.name, s[0], s[1], "the gradient (over junk in its buffer)"), grad)
			out.Put(lossLabel(form.name, s[0], s[1], "the loss of a second batch"), form.f(c.pred2, c.target2, grad))
			out.PutMatrix(lossLabel(form.name, s[0], s[1], "the gradient of a second batch, in the same buffer"), grad)
			out.Put(lossLabel(form.name, s[0], s[1], "the loss with a nil gradient"), form.f(c.pred, c.target, nil))
		}
	}
}

func lossWant(k lossKind, rng *rand.Rand) []Check {
	var checks []Check
	for _, s := range lossSizes {
		c := drawLoss(rng, s[0], s[1], k.lo, k.hi, k.special)
		for i, name := range []string{k.sum, k.mean} {
			scale := 1.0
			if i == 1 {
				scale = 1 / float64(s[0])
			}
			l1, g1 := lossLoops(k, c.pred, c.target, scale)
			l2, g2 := lossLoops(k, c.pred2, c.target2, scale)
			checks = append(checks,
				scalar(lossLabel(name, s[0], s[1], "the loss"), l1, 1e-12),
				dense(lossLabel(name, s[0], s[1], "the gradient (over junk in its buffer)"), g1, 1e-10),
				scalar(lossLabel(name, s[0], s[1], "the loss of a second batch"), l2, 1e-12),
				dense(lossLabel(name, s[0], s[1], "the gradient of a second batch, in the same buffer"), g2, 1e-10),
				scalar(lossLabel(name, s[0], s[1], "the loss with a nil gradient"), l1, 1e-12))
		}
	}
	return checks
}

// lossLoops returns scale times the loss summed over every element, and
// its gradient.
func lossLoops(k lossKind, pred, target *matrix.Dense, scale float64) (float64, *matrix.Dense) {
	grad := matrix.New(pred.Dims())
	sum := 0.0
	for i := 0; i < pred.Rows(); i++ {
		for j, p := range pred.Row(i) {
			l, g := k.elem(p, target.At(i, j))
			sum += l
			grad.Row(i)[j] = scale * g
		}
	}
	return scale * sum, grad
}
