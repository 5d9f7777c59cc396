package probe

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The exercises of nn's linear layers: linear-forward, linear-backward and
// tied-gradient. Each runs on both paths of package matrix (the textbook
// loops of SetKernel("reference") and the blocked portable kernel), on a
// small layer and on one larger than any block of the kernels, and calls
// the layer several times so that a result left in a reused buffer, or
// added where it should be set, shows.

// layerSize is a layer's in and out and the batch sizes it is called with.
type layerSize struct {
	in, out int
	batches []int
}

// layerSizes: a small layer called three times (twice at one batch size,
// then a smaller batch), one batch of a single row, and a layer past the
// kernels' blocks.
var layerSizes = []layerSize{{4, 3, []int{5, 5, 2}}, {6, 2, []int{1}}, {150, 90, []int{70, 70}}}

// linearCase is the inputs of one layer: its weights, and per call an
// input and a delta.
type linearCase struct {
	size     layerSize
	w, b     *matrix.Dense
	dw0, db0 *matrix.Dense // junk in the gradients before the first call
	xs, dys  []*matrix.Dense
}

func drawLinear(rng *rand.Rand, s layerSize) linearCase {
	c := linearCase{size: s, w: uniform(rng, s.in, s.out, -1, 1), b: uniform(rng, 1, s.out, -1, 1),
		dw0: junk(rng, s.in, s.out), db0: junk(rng, 1, s.out)}
	for _, n := range s.batches {
		c.xs = append(c.xs, uniform(rng, n, s.in, -2, 2))
		c.dys = append(c.dys, uniform(rng, n, s.out, -1, 1))
	}
	return c
}

func linearLabel(op, kernel string, c linearCase, call int) string {
	return fmt.Sprintf("%s (kernel %s), a %d→%d layer, call %d of %d, a batch of %d", op, kernel, c.size.in, c.size.out,
		call+1, len(c.xs), c.xs[call].Rows())
}

func init() {
	register(exercise{name: "linear-forward", run: linearForwardRun, want: linearForwardWant})
	register(exercise{name: "linear-backward", run: linearBackwardRun, want: linearBackwardWant})
	register(exercise{name: "tied-gradient", run: tiedRun, want: tiedWant})
}

func linearForwardRun(rng *rand.Rand, out *Recorder) {
	for _, k := range kernels {
		withKernel(k, func() {
			for _, s := range layerSizes {
				c := drawLinear(rng, s)
				l := nn.NewLinear(s.in, s.out)
				l.W.Copy(c.w)
				l.B.Copy(c.b)
				for i, x := range c.xs {
					out.PutMatrix(linearLabel("Linear.Forward", k, c, i), l.Forward(x))
				}
			}
		})
	}
}

func linearForwardWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, k := range kernels {
		for _, s := range layerSizes {
			c := drawLinear(rng, s)
			for i, x := range c.xs {
				checks = append(checks, dense(linearLabel("Linear.Forward", k, c, i), plusRow(mulLoops(x, c.w, false, false), c.b), 1e-12))
			}
		}
	}
	return checks
}

// linearBackwardRun calls Forward and then Backward for each batch, the
// gradients holding junk before the first: Backward must add to them and
// set dX.
func linearBackwardRun(rng *rand.Rand, out *Recorder) {
	for _, k := range kernels {
		withKernel(k, func() {
			for _, s := range layerSizes {
				c := drawLinear(rng, s)
				l := nn.NewLinear(s.in, s.out)
				l.W.Copy(c.w)
				l.B.Copy(c.b)
				l.DW.Copy(c.dw0)
				l.DB.Copy(c.db0)
				for i, x := range c.xs {
					l.Forward(x)
					dx := l.Backward(c.dys[i])
					out.PutMatrix(linearLabel("Linear.Backward: dX", k, c, i), dx)
					out.PutMatrix(linearLabel("Linear.Backward: dW (added to the junk in it before the first call)", k, c, i), l.DW)
					out.PutMatrix(linearLabel("Linear.Backward: db (added to the junk in it before the first call)", k, c, i), l.DB)
				}
			}
		})
	}
}

func linearBackwardWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, k := range kernels {
		for _, s := range layerSizes {
			c := drawLinear(rng, s)
			dw, db := c.dw0, c.db0
			for i, x := range c.xs {
				dy := c.dys[i]
				dw = plus(dw, mulLoops(x, dy, true, false))
				db = plus(db, colSums(dy))
				checks = append(checks,
					dense(linearLabel("Linear.Backward: dX", k, c, i), mulLoops(dy, c.w, false, true), 1e-12),
					dense(linearLabel("Linear.Backward: dW (added to the junk in it before the first call)", k, c, i), dw, 1e-12),
					dense(linearLabel("Linear.Backward: db (added to the junk in it before the first call)", k, c, i), db, 1e-12))
			}
		}
	}
	return checks
}

// tiedRun runs a TiedLinear decoder layer over an encoder layer of the
// drawn size: the decoder maps out to in, its W being the encoder's in×out.
func tiedRun(rng *rand.Rand, out *Recorder) {
	for _, k := range kernels {
		withKernel(k, func() {
			for _, s := range layerSizes {
				c := drawTied(rng, s)
				enc := nn.NewLinear(s.in, s.out)
				enc.W.Copy(c.w)
				enc.DW.Copy(c.dw0)
				l := nn.NewTiedLinear(enc)
				l.B.Copy(c.b)
				l.DB.Copy(c.db0)
				for i, x := range c.xs {
					l.Forward(x)
					dx := l.Backward(c.dys[i])
					out.PutMatrix(linearLabel("TiedLinear.Backward: dX", k, c.linearCase, i), dx)
					out.PutMatrix(linearLabel("TiedLinear.Backward: the encoder's dW (added to the junk in it)", k, c.linearCase, i), enc.DW)
					out.PutMatrix(linearLabel("TiedLinear.Backward: db′ (added to the junk in it)", k, c.linearCase, i), l.DB)
				}
			}
		})
	}
}

// tiedCase is a linearCase for the tied layer: inputs n×out, deltas n×in,
// a bias 1×in.
type tiedCase struct{ linearCase }

func drawTied(rng *rand.Rand, s layerSize) tiedCase {
	c := linearCase{size: s, w: uniform(rng, s.in, s.out, -1, 1), b: uniform(rng, 1, s.in, -1, 1),
		dw0: junk(rng, s.in, s.out), db0: junk(rng, 1, s.in)}
	for _, n := range s.batches {
		c.xs = append(c.xs, uniform(rng, n, s.out, -2, 2))
		c.dys = append(c.dys, uniform(rng, n, s.in, -1, 1))
	}
	return tiedCase{c}
}

func tiedWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, k := range kernels {
		for _, s := range layerSizes {
			c := drawTied(rng, s)
			dw, db := c.dw0, c.db0
			for i, x := range c.xs {
				dy := c.dys[i]
				dw = plus(dw, mulLoops(dy, x, true, false)) // in×out += (n×in)ᵀ·(n×out)
				db = plus(db, colSums(dy))
				checks = append(checks,
					dense(linearLabel("TiedLinear.Backward: dX", k, c.linearCase, i), mulLoops(dy, c.w, false, false), 1e-12),
					dense(linearLabel("TiedLinear.Backward: the encoder's dW (added to the junk in it)", k, c.linearCase, i), dw, 1e-12),
					dense(linearLabel("TiedLinear.Backward: db′ (added to the junk in it)", k, c.linearCase, i), db, 1e-12))
			}
		}
	}
	return checks
}
