package autoencoder

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// describeLayer names a layer by kind and shape, as the tables below
// write them: "Linear 10→6", "Tied 3→6", "tanh".
func describeLayer(l nn.Layer) string {
	switch l := l.(type) {
	case *nn.Linear:
		return fmt.Sprintf("Linear %d→%d", l.W.Rows(), l.W.Cols())
	case *nn.TiedLinear:
		return fmt.Sprintf("Tied %d→%d", l.Tied.W.Cols(), l.Tied.W.Rows())
	case *nn.Sigmoid:
		return "sigmoid"
	case *nn.Tanh:
		return "tanh"
	case *nn.ReLU:
		return "relu"
	case nn.Identity:
		return "linear"
	}
	return fmt.Sprintf("%T", l)
}

// architectureCases are configurations with the layers New must build for
// them, written out by hand from the Config doc comments: the encoder maps
// the input to the code through the sizes of Layers, with the hidden
// activation after every layer but the code's; the decoder mirrors it, with
// the hidden activation after every layer but the output's.
var architectureCases = []struct {
	cfg              Config
	encoder, decoder []string
	params           []string // Params, in order
	shape            string   // String()
}{
	{
		Config{Layers: []int{10, 6, 3}, Activation: "tanh", CodeActivation: "linear", OutputActivation: "sigmoid"},
		[]string{"Linear 10→6", "tanh", "Linear 6→3", "linear"},
		[]string{"Linear 3→6", "tanh", "Linear 6→10", "sigmoid"},
		[]string{"W1", "b1", "W2", "b2", "W2′", "b2′", "W1′", "b1′"},
		"10-6-3-6-10 (hidden tanh, code linear, output sigmoid)",
	},
	{
		Config{Layers: []int{10, 3}, Activation: "relu", CodeActivation: "sigmoid", OutputActivation: "linear"},
		[]string{"Linear 10→3", "sigmoid"},
		[]string{"Linear 3→10", "linear"},
		[]string{"W1", "b1", "W1′", "b1′"},
		"10-3-10 (code sigmoid, output linear)",
	},
	{
		Config{Layers: []int{12, 8, 5, 2}, Activation: "relu", CodeActivation: "tanh", OutputActivation: "sigmoid", Tied: true},
		[]string{"Linear 12→8", "relu", "Linear 8→5", "relu", "Linear 5→2", "tanh"},
		[]string{"Tied 2→5", "relu", "Tied 5→8", "relu", "Tied 8→12", "sigmoid"},
		[]string{"W1", "b1", "W2", "b2", "W3", "b3", "b3′", "b2′", "b1′"},
		"12-8-5-2-5-8-12 (hidden relu, code tanh, output sigmoid, tied)",
	},
	{
		Config{Layers: []int{9, 4}, Activation: "sigmoid", CodeActivation: "relu", OutputActivation: "sigmoid", Tied: true},
		[]string{"Linear 9→4", "relu"},
		[]string{"Tied 4→9", "sigmoid"},
		[]string{"W1", "b1", "b1′"},
		"9-4-9 (code relu, output sigmoid, tied)",
	},
}

// TestArchitectureFromConfig checks the layers New builds — their kinds,
// order and shapes, which activation sits where — the names and order of
// Params, and String.
func TestArchitectureFromConfig(t *testing.T) {
	for _, c := range architectureCases {
		ae, err := New(c.cfg, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		name := c.cfg.Shape()
		for _, side := range []struct {
			what string
			net  *nn.Network
			want []string
		}{{"encoder", ae.Encoder, c.encoder}, {"decoder", ae.Decoder, c.decoder}} {
			var got []string
			for _, l := range side.net.Layers {
				got = append(got, describeLayer(l))
			}
			if fmt.Sprint(got) != fmt.Sprint(side.want) {
				t.Errorf("%s: %s is %v, want %v", name, side.what, got, side.want)
			}
		}
		var names []string
		for _, p := range ae.Params() {
			names = append(names, p.Name)
		}
		if fmt.Sprint(names) != fmt.Sprint(c.params) {
			t.Errorf("%s: Params %v, want %v", name, names, c.params)
		}
		if got := ae.String(); got != c.shape {
			t.Errorf("String = %q, want %q", got, c.shape)
		}
		if ae.InputSize() != c.cfg.Layers[0] || ae.CodeSize() != c.cfg.Layers[len(c.cfg.Layers)-1] || ae.FirstLayer() != ae.Encoder.Layers[0] {
			t.Errorf("%s: InputSize %d, CodeSize %d", name, ae.InputSize(), ae.CodeSize())
		}
	}
}

// TestTiedWeightsAreShared: in a tied network each decoder layer uses the
// very W of its mirror encoder layer, so that a change to the encoder's W
// (by an optimizer step, say) changes the decoder at once; W appears once
// among Params and Weights, and its gradient collects both uses.
func TestTiedWeightsAreShared(t *testing.T) {
	cfg := Config{Layers: []int{12, 8, 5, 2}, Activation: "tanh", CodeActivation: "tanh", OutputActivation: "sigmoid", Tied: true}
	rng := rand.New(rand.NewPCG(3, 4))
	ae, err := New(cfg, rng)
	if err != nil {
		t.Fatal(err)
	}
	var enc []*nn.Linear
	for _, l := range ae.Encoder.Layers {
		if lin, ok := l.(*nn.Linear); ok {
			enc = append(enc, lin)
		}
	}
	var dec []*nn.TiedLinear
	for _, l := range ae.Decoder.Layers {
		if tl, ok := l.(*nn.TiedLinear); ok {
			dec = append(dec, tl)
		}
	}
	for i, tl := range dec { // decoder layer i mirrors encoder layer L−1−i
		if mirror := enc[len(enc)-1-i]; tl.Tied != mirror || tl.Tied.W != mirror.W || tl.Tied.DW != mirror.DW {
			t.Errorf("decoder layer %d is not tied to the W and dW of encoder layer %d", i, len(enc)-1-i)
		}
	}
	weights := ae.Weights()
	if len(weights) != len(enc) {
		t.Errorf("%d weight matrices among Weights, want %d (one per encoder layer)", len(weights), len(enc))
	}
	for i, w := range weights {
		if w.Value != enc[i].W {
			t.Errorf("weight %d (%s) is not encoder layer %d's W", i, w.Name, i)
		}
	}

	// Take an SGD step of the training objective, then compare the network
	// with plainForward, which builds every decoder weight as the
	// transpose of the encoder's current W: a decoder that kept a copy of
	// the old W would differ.
	x := randData(rng, 6, 12)
	ae.Objective(x, nil)
	(&nn.SGD{LearningRate: 0.5}).Step(ae.Params())
	_, want := plainForward(ae, x)
	if got := ae.Reconstruct(x); !matrix.EqualApprox(got, want, 1e-13) {
		t.Errorf("after a step, the tied decoder does not use the encoder's new weights:\n%v\nwant\n%v", got, want)
	}
}

// TestNetworkComputesThePlainForward compares Encode and Reconstruct with
// plainForward for every configuration above and every activation in every
// place, on random weights and biases: which activation sits where, the
// order of the layers and the tied transposes all show in the numbers.
func TestNetworkComputesThePlainForward(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var cfgs []Config
	for _, c := range architectureCases {
		cfgs = append(cfgs, c.cfg)
	}
	for i, hidden := range nn.ActivationNames {
		code := nn.ActivationNames[(i+1)%len(nn.ActivationNames)]
		for _, out := range []string{"sigmoid", "linear"} {
			cfgs = append(cfgs, Config{Layers: []int{7, 5, 3}, Activation: hidden, CodeActivation: code, OutputActivation: out, Tied: out == "linear"})
		}
	}
	for _, cfg := range cfgs {
		ae, err := New(cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ae.Params() { // biases start at zero; give them values
			if p.Value.Rows() == 1 {
				p.Value.Apply(func(float64) float64 { return rng.Float64() - 0.5 }, p.Value)
			}
		}
		x := randData(rng, 4, cfg.Layers[0])
		x.Scale(3, x) // inputs in [0, 3], so that every activation leaves its linear range
		wantCode, wantX := plainForward(ae, x)
		// 1e-13: sums of a dozen products, in another order than the loops'.
		if got := ae.Encode(x); !matrix.EqualApprox(got, wantCode, 1e-13) {
			t.Errorf("%s: Encode differs from the plain forward pass:\n%v\nwant\n%v", ae, got, wantCode)
		}
		if got := ae.Reconstruct(x); !matrix.EqualApprox(got, wantX, 1e-13) {
			t.Errorf("%s: Reconstruct differs from the plain forward pass:\n%v\nwant\n%v", ae, got, wantX)
		}
	}
}

// TestOutputRange: with a sigmoid output every reconstruction lies in
// [0, 1], and a sigmoid or tanh code in [0, 1] or [−1, 1], however large
// the input; a linear output is not bounded.
func TestOutputRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x := randData(rng, 20, 10)
	x.Scale(1000, x)
	for _, c := range []struct {
		cfg            Config
		codeLo, codeHi float64
		outLo, outHi   float64
	}{
		{Config{Layers: []int{10, 4}, Activation: "relu", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}, 0, 1, 0, 1},
		{Config{Layers: []int{10, 6, 4}, Activation: "relu", CodeActivation: "tanh", OutputActivation: "sigmoid"}, -1, 1, 0, 1},
		{Config{Layers: []int{10, 4}, Activation: "relu", CodeActivation: "relu", OutputActivation: "linear"}, 0, math.Inf(1), math.Inf(-1), math.Inf(1)},
	} {
		ae, err := New(c.cfg, rng)
		if err != nil {
			t.Fatal(err)
		}
		code, xhat := ae.Encode(x), ae.Reconstruct(x)
		for _, m := range []struct {
			what   string
			m      *matrix.Dense
			lo, hi float64
		}{{"code", code, c.codeLo, c.codeHi}, {"reconstruction", xhat, c.outLo, c.outHi}} {
			for i := 0; i < m.m.Rows(); i++ {
				for j, v := range m.m.Row(i) {
					if !(v >= m.lo && v <= m.hi) {
						t.Fatalf("%s: %s (%d, %d) = %g, outside [%g, %g]", ae, m.what, i, j, v, m.lo, m.hi)
					}
				}
			}
		}
		if c.cfg.OutputActivation == "linear" && xhat.Norm() < 1000 {
			t.Errorf("%s: a linear output on inputs of size 1000 stays small (norm %g)", ae, xhat.Norm())
		}
	}
}

// TestInitialisation checks the doc comment of New: weights drawn Glorot
// uniform, or He normal for layers followed by a ReLU, and zero biases.
// Glorot's U(−a, a), a = √(6/(in+out)), has variance 2/(in+out) and no
// value beyond a; He's N(0, 2/in) has variance 2/in. The layers are large
// enough (≥ 20,000 weights) that the sample variance is within a few
// percent of the true one (its relative spread is √(2/N) < 1%), while the
// two rules differ here by a factor of 1.5 or more.
func TestInitialisation(t *testing.T) {
	cfg := Config{Layers: []int{400, 200, 100}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}
	ae, err := New(cfg, rand.New(rand.NewPCG(9, 10)))
	if err != nil {
		t.Fatal(err)
	}
	// Layer by layer: the activation that follows it decides the rule.
	rules := map[string]string{"W1": "He", "W2": "Glorot", "W2′": "He", "W1′": "Glorot"}
	for _, p := range ae.Params() {
		in, out := p.Value.Dims()
		if p.Value.Rows() == 1 && p.Name[0] == 'b' {
			if p.Value.Norm() != 0 {
				t.Errorf("bias %s does not start at zero", p.Name)
			}
			continue
		}
		n := float64(in * out)
		mean, sq, biggest := 0.0, 0.0, 0.0
		for i := 0; i < in; i++ {
			for _, v := range p.Value.Row(i) {
				mean += v / n
				sq += v * v / n
				biggest = math.Max(biggest, math.Abs(v))
			}
		}
		variance := sq - mean*mean
		a := math.Sqrt(6 / float64(in+out))
		switch rules[p.Name] {
		case "He":
			if want := 2 / float64(in); !(math.Abs(variance-want) <= 0.05*want) {
				t.Errorf("%s (%d×%d, before a ReLU): variance %.4g, want He's 2/in = %.4g", p.Name, in, out, variance, want)
			}
		case "Glorot":
			if want := 2 / float64(in+out); !(math.Abs(variance-want) <= 0.05*want) || biggest > a {
				t.Errorf("%s (%d×%d): variance %.4g and largest |w| %.4g, want Glorot's 2/(in+out) = %.4g and at most %.4g", p.Name, in, out, variance, biggest, want, a)
			}
		default:
			t.Errorf("unexpected parameter %s", p.Name)
		}
	}
}
