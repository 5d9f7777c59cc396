package nn

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// randMatrix returns an r×c matrix of uniform values in [lo, hi).
func randMatrix(rng *rand.Rand, r, c int, lo, hi float64) *matrix.Dense {
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		row := m.Row(i)
		for j := range row {
			row[j] = lo + (hi-lo)*rng.Float64()
		}
	}
	return m
}

// checkLayer checks the gradients of a layer with respect to every
// parameter and to its input. The scalar function is f(x) = Σ R ⊙ layer(x)
// for a fixed random R, so that ∂f/∂Y = R is the dY given to Backward. It
// returns the results, input first.
func checkLayer(t *testing.T, layer Layer, x *matrix.Dense, rng *rand.Rand) []GradCheckResult {
	t.Helper()
	y := layer.Forward(x)
	r := randMatrix(rng, y.Rows(), y.Cols(), -1, 1)
	f := func() float64 {
		out := layer.Forward(x)
		s := 0.0
		for i := 0; i < out.Rows(); i++ {
			for j, v := range out.Row(i) {
				s += v * r.At(i, j)
			}
		}
		return s
	}
	params := layer.Params()
	ZeroGrad(params)
	layer.Forward(x)
	dx := layer.Backward(r).Clone()
	results := []GradCheckResult{CheckGradient(f, Param{Name: "x", Value: x, Grad: dx}, GradCheckStep, 3)}
	for _, p := range params {
		results = append(results, CheckGradient(f, p, GradCheckStep, 3))
	}
	return results
}

// assertPass fails the test for every result that does not pass, and logs
// every parameter's relative error, one line each, so that
// `go test -v ./nn -run Gradient` shows the numbers the check compares
// with GradCheckTolerance.
func assertPass(t *testing.T, what string, results []GradCheckResult) {
	t.Helper()
	for _, r := range results {
		t.Logf("%s: %s: relative error %.3g", what, r.Name, r.RelErr)
		if !r.Pass(GradCheckTolerance) {
			t.Errorf("%s: gradient of %s: relative error %.3g ≥ %g; worst entries %+v", what, r.Name, r.RelErr, GradCheckTolerance, r.Worst)
		}
	}
}

func TestLayerGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	newLinear := func(in, out int) Layer {
		l := NewLinear(in, out)
		GlorotUniform(l.W, rng)
		l.B.Apply(func(float64) float64 { return rng.Float64() - 0.5 }, l.B)
		return l
	}
	tests := []struct {
		name   string
		layer  Layer
		in     int
		n      int
		lo, hi float64
	}{
		{"Linear 5→3", newLinear(5, 3), 5, 4, -1, 1},
		{"Linear 1→1", newLinear(1, 1), 1, 1, -1, 1},
		{"Linear 7→9", newLinear(7, 9), 7, 6, -1, 1},
		{"TiedLinear 3→5", NewTiedLinear(newLinear(5, 3).(*Linear)), 3, 4, -1, 1},
		{"Sigmoid", &Sigmoid{}, 6, 5, -3, 3},
		{"Tanh", &Tanh{}, 6, 5, -2, 2},
		{"ReLU", &ReLU{}, 6, 5, -1, 1},
		{"Identity", Identity{}, 6, 5, -1, 1},
	}
	for _, tt := range tests {
		x := randMatrix(rng, tt.n, tt.in, tt.lo, tt.hi)
		assertPass(t, tt.name, checkLayer(t, tt.layer, x, rng))
	}
}

// TestTiedLinearSharesGradient checks the tied weight through both of its
// uses: f = Σ R ⊙ dec(enc(x)), where dec uses encᵀ. The check perturbs the
// one shared W, so it sees both contributions at once.
func TestTiedLinearSharesGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	enc := NewLinear(6, 3)
	GlorotUniform(enc.W, rng)
	net := &Network{Layers: []Layer{enc, &Tanh{}, NewTiedLinear(enc)}}
	x := randMatrix(rng, 4, 6, -1, 1)
	assertPass(t, "tied network", checkLayer(t, networkLayer{net}, x, rng))
}

// networkLayer lets checkLayer treat a whole network as one layer.
type networkLayer struct{ net *Network }

func (n networkLayer) Forward(x *matrix.Dense) *matrix.Dense   { return n.net.Forward(x) }
func (n networkLayer) Backward(dy *matrix.Dense) *matrix.Dense { return n.net.Backward(dy) }
func (n networkLayer) Params() []Param {
	// A tied W appears once: Params of TiedLinear leaves it out.
	return n.net.Params()
}

func TestNetworkGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, act := range ActivationNames {
		var layers []Layer
		sizes := []int{8, 5, 3, 5, 8}
		for i := 0; i+1 < len(sizes); i++ {
			l := NewLinear(sizes[i], sizes[i+1])
			GlorotUniform(l.W, rng)
			l.B.Apply(func(float64) float64 { return rng.Float64() - 0.5 }, l.B)
			a, err := NewActivation(act)
			if err != nil {
				t.Fatal(err)
			}
			layers = append(layers, l, a)
		}
		net := &Network{Layers: layers}
		x := randMatrix(rng, 4, 8, -1, 1)
		assertPass(t, "network with "+act, checkLayer(t, networkLayer{net}, x, rng))
	}
}

// TestBackwardParamsMatchesBackward: skipping dX of the first layer must
// not change any parameter gradient.
func TestBackwardParamsMatchesBackward(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	l1, l2 := NewLinear(5, 4), NewLinear(4, 3)
	GlorotUniform(l1.W, rng)
	GlorotUniform(l2.W, rng)
	net := &Network{Layers: []Layer{l1, &Sigmoid{}, l2}}
	x := randMatrix(rng, 6, 5, -1, 1)
	dy := randMatrix(rng, 6, 3, -1, 1)
	params := net.Params()

	ZeroGrad(params)
	net.Forward(x)
	net.Backward(dy)
	var want []*matrix.Dense
	for _, p := range params {
		want = append(want, p.Grad.Clone())
	}
	ZeroGrad(params)
	net.Forward(x)
	net.BackwardParams(dy)
	for i, p := range params {
		if !matrix.EqualApprox(p.Grad, want[i], 0) {
			t.Errorf("%s: BackwardParams gradient differs from Backward", p.Name)
		}
	}
}

func TestLossGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	tests := []struct {
		name string
		loss LossFunc
	}{
		{"HalfSquaredError", HalfSquaredError},
		{"MeanHalfSquaredError", MeanHalfSquaredError},
		{"BinaryCrossEntropy", BinaryCrossEntropy},
		{"MeanBinaryCrossEntropy", MeanBinaryCrossEntropy},
	}
	for _, tt := range tests {
		// Predictions inside (0.05, 0.95), where cross-entropy is smooth.
		pred := randMatrix(rng, 5, 7, 0.05, 0.95)
		target := randMatrix(rng, 5, 7, 0, 1)
		grad := matrix.New(5, 7)
		tt.loss(pred, target, grad)
		r := CheckGradient(func() float64 { return tt.loss(pred, target, nil) }, Param{Name: "prediction", Value: pred, Grad: grad}, GradCheckStep, 3)
		assertPass(t, tt.name, []GradCheckResult{r})
	}
}

// flippedLinear is a deliberately wrong layer: its backward pass returns
// −dX. It exists to prove that the gradient check can fail.
type flippedLinear struct{ *Linear }

func (l flippedLinear) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := l.Linear.Backward(dy)
	dx.Scale(-1, dx)
	return dx
}

// forgetfulLinear is wrong in another way: it forgets the bias gradient.
type forgetfulLinear struct{ *Linear }

func (l forgetfulLinear) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := l.Linear.Backward(dy)
	l.DB.Zero()
	return dx
}

func TestGradCheckCatchesWrongBackward(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	l := NewLinear(4, 3)
	GlorotUniform(l.W, rng)
	x := randMatrix(rng, 5, 4, -1, 1)

	results := checkLayer(t, flippedLinear{l}, x, rng)
	t.Logf("sign-flipped dX: x: relative error %.3g", results[0].RelErr)
	if in := results[0]; in.Pass(GradCheckTolerance) {
		t.Errorf("a sign-flipped dX passed the check: relative error %g", in.RelErr)
	} else if in.RelErr < 0.99 {
		// −g against g: ‖2g‖ / (‖g‖+‖g‖) = 1 exactly, up to rounding.
		t.Errorf("sign-flipped dX: relative error %g, want 1", in.RelErr)
	}

	results = checkLayer(t, forgetfulLinear{l}, x, rng)
	t.Logf("forgotten bias gradient: b: relative error %.3g", results[2].RelErr)
	if b := results[2]; b.Name != "b" || b.Pass(GradCheckTolerance) {
		t.Errorf("a missing bias gradient passed the check: %s relative error %g", b.Name, b.RelErr)
	}
}

func TestCheckGradientRestoresValues(t *testing.T) {
	w := matrix.NewFromSlice(1, 3, []float64{0.1, 0.2, 0.3})
	g := matrix.NewFromSlice(1, 3, []float64{0.2, 0.4, 0.6})
	before := w.Clone()
	f := func() float64 { // f = Σ w², so ∂f/∂w = 2w
		s := 0.0
		for _, v := range w.Row(0) {
			s += v * v
		}
		return s
	}
	r := CheckGradient(f, Param{Name: "w", Value: w, Grad: g}, GradCheckStep, 2)
	t.Logf("f = Σ w²: w: relative error %.3g", r.RelErr)
	if !matrix.EqualApprox(w, before, 0) {
		t.Errorf("values changed by the check: %v, want %v", w, before)
	}
	if !r.Pass(GradCheckTolerance) || len(r.Worst) != 2 {
		t.Errorf("result %+v, want a pass with 2 worst entries", r)
	}
}
