package probe

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// Exercise activation-derivatives: the Backward of Sigmoid, Tanh and
// ReLU, on both kernels (the sigmoid's Forward has a fast path), each
// layer called three times: twice on one input with different deltas
// (the dX buffer reused), then on a new input of another batch size. The
// inputs hold exact zeros (where ReLU's derivative is 0, by convention),
// saturating values (±40, where σ is 1 or almost 0) and a batch past any
// block size.

// activationSizes are the batch shapes: a small one with special values
// and a large one.
var activationSizes = [][2]int{{4, 6}, {70, 150}}

type activationCase struct {
	xs, dys []*matrix.Dense // two inputs; three deltas (the first input gets two)
}

func drawActivation(rng *rand.Rand, rows, cols int) activationCase {
	c := activationCase{}
	for k := 0; k < 2; k++ {
		r := rows
		if k == 1 {
			r = max(1, rows/2)
		}
		x := uniform(rng, r, cols, -3, 3)
		for i := 0; i < r; i++ {
			for j := range x.Row(i) {
				switch rng.IntN(8) {
				case 0:
					x.Row(i)[j] = 0
				case 1:
					x.Row(i)[j] = 40 * float64(2*rng.IntN(2)-1)
				}
			}
		}
		c.xs = append(c.xs, x)
	}
	for _, x := range []*matrix.Dense{c.xs[0], c.xs[0], c.xs[1]} {
		c.dys = append(c.dys, uniform(rng, x.Rows(), x.Cols(), -2, 2))
	}
	return c
}

// activationKinds names the layers and gives f(x) and f′ written through y.
var activationKinds = []struct {
	name  string
	layer func() nn.Layer
	f     func(float64) float64
	df    func(y float64) float64
}{
	{"Sigmoid", func() nn.Layer { return &nn.Sigmoid{} }, sigma, func(y float64) float64 { return y * (1 - y) }},
	{"Tanh", func() nn.Layer { return &nn.Tanh{} }, math.Tanh, func(y float64) float64 { return 1 - y*y }},
	{"ReLU", func() nn.Layer { return &nn.ReLU{} }, func(x float64) float64 { return max(x, 0) }, func(y float64) float64 {
		if y > 0 {
			return 1
		}
		return 0
	}},
}

func activationLabel(kind, kernel string, call int, x *matrix.Dense) string {
	what := [3]string{"on input 1", "on input 1 again, another delta", "on input 2"}[call]
	return fmt.Sprintf("%s.Backward (kernel %s) %s, a %d×%d batch: dX", kind, kernel, what, x.Rows(), x.Cols())
}

func init() {
	register(exercise{name: "activation-derivatives", run: activationRun, want: activationWant})
}

func activationRun(rng *rand.Rand, out *Recorder) {
	for _, k := range kernels {
		withKernel(k, func() {
			for _, a := range activationKinds {
				for _, s := range activationSizes {
					c := drawActivation(rng, s[0], s[1])
					l := a.layer()
					for call, dy := range c.dys {
						x := c.xs[min(call/2, 1)]
						if call != 1 {
							l.Forward(x)
						}
						out.PutMatrix(activationLabel(a.name, k, call, x), l.Backward(dy))
					}
				}
			}
		})
	}
}

func activationWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, k := range kernels {
		for _, a := range activationKinds {
			for _, s := range activationSizes {
				c := drawActivation(rng, s[0], s[1])
				for call, dy := range c.dys {
					x := c.xs[min(call/2, 1)]
					y := mapped(x, a.f)
					want := zipped(dy, y, func(d, y float64) float64 { return d * a.df(y) })
					checks = append(checks, dense(activationLabel(a.name, k, call, x), want, 1e-9))
				}
			}
		}
	}
	return checks
}
