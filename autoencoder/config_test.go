package autoencoder

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

func TestConfigValidate(t *testing.T) {
	ok := Config{Layers: []int{784, 256, 32}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}
	tests := []struct {
		name   string
		change func(c *Config)
		want   string // "" for valid
		is     error  // the sentinel the error wraps, if it has one
	}{
		{"valid", func(c *Config) {}, "", nil},
		{"empty", func(c *Config) { c.Layers = nil }, "need at least two layer sizes", ErrLayers},
		{"one size", func(c *Config) { c.Layers = []int{784} }, "need at least two layer sizes", ErrLayers},
		{"zero size", func(c *Config) { c.Layers = []int{784, 0} }, "layer size number 2 is 0", ErrLayers},
		{"negative size", func(c *Config) { c.Layers = []int{-3, 2} }, "layer size number 1 is -3", ErrLayers},
		{"code equals input", func(c *Config) { c.Layers = []int{10, 10} }, "code size 10 is not smaller than input size 10", ErrOvercomplete},
		{"overcomplete", func(c *Config) { c.Layers = []int{10, 20, 40} }, "code size 40 is not smaller", ErrOvercomplete},
		{"wider than the code", func(c *Config) { c.Layers = []int{784, 32, 64} }, "", nil},
		{"Hinton and Salakhutdinov", func(c *Config) { c.Layers = []int{784, 1000, 500, 250, 30} }, "", nil},
		{"too large", func(c *Config) { c.Layers = []int{784, 1 << 25, 30} }, "layer size number 2 is 33554432, too large", ErrLayers},
		{"overcomplete with L1", func(c *Config) { c.Layers = []int{10, 40}; c.L1 = 0.1 }, "", nil},
		{"overcomplete with KL", func(c *Config) {
			c.Layers = []int{10, 40}
			c.CodeActivation = "sigmoid"
			c.Sparsity, c.SparsityWeight = 0.05, 3
		}, "", nil},
		{"overcomplete contractive", func(c *Config) { c.Layers = []int{10, 40}; c.CodeActivation = "sigmoid"; c.Contractive = 0.1 }, "", nil},
		{"overcomplete denoising", func(c *Config) { c.Layers = []int{10, 20, 40}; c.Noise = Noise{Masking, 0.3} }, "", nil},
		{"code equals input with noise", func(c *Config) { c.Layers = []int{10, 10}; c.Noise = Noise{Gaussian, 0.1} }, "", nil},
		{"bad noise", func(c *Config) { c.Noise = Noise{SaltPepper, 1} }, "probability of saltpepper noise must lie in [0.001, 1)", ErrNoiseLevel},
		{"unknown noise kind", func(c *Config) { c.Noise = Noise{Kind: 9, Level: 0.1} }, "unknown noise kind 9", ErrNoiseKind},
		{"overcomplete allowed", func(c *Config) { c.Layers = []int{10, 40}; c.AllowOvercomplete = true }, "", nil},
		{"bad activation", func(c *Config) { c.Activation = "softmax" }, `unknown hidden activation "softmax"`, ErrActivation},
		{"bad output", func(c *Config) { c.OutputActivation = "relu" }, `unknown output activation "relu"`, ErrActivation},
		{"no code activation", func(c *Config) { c.CodeActivation = "" }, `unknown code activation ""`, ErrActivation},
		{"bce", func(c *Config) { c.Loss = CrossEntropy }, "", nil},
		{"bce on a linear output", func(c *Config) { c.Loss = CrossEntropy; c.OutputActivation = "linear" }, "loss bce needs outputs in (0, 1)", ErrLossOutput},
		{"unknown loss", func(c *Config) { c.Loss = 2 }, "unknown loss Loss(2)", ErrUnknownLoss},
		{"L1", func(c *Config) { c.L1 = 0.1 }, "", nil},
		{"contractive", func(c *Config) { c.Layers = []int{784, 256}; c.CodeActivation = "sigmoid"; c.Contractive = 0.1 }, "", nil},
		{"contractive, deep encoder", func(c *Config) { c.CodeActivation = "sigmoid"; c.Contractive = 0.1 }, "not 784-256-32 with a sigmoid code", ErrContractiveEncoder},
		{"contractive, linear code", func(c *Config) { c.Layers = []int{784, 256}; c.Contractive = 0.1 }, "not 784-256 with a linear code", ErrContractiveEncoder},
		{"contractive negative", func(c *Config) { c.Contractive = -1 }, "the contractive weight λ must not be negative", ErrPenaltyWeight},
		{"contractive NaN", func(c *Config) { c.Contractive = math.NaN() }, "the contractive weight λ must be a finite number", ErrNotFinite},
		{"L1 negative", func(c *Config) { c.L1 = -0.1 }, "the L1 weight λ must not be negative", ErrPenaltyWeight},
		{"L1 NaN", func(c *Config) { c.L1 = math.NaN() }, "the L1 weight λ must be a finite number", ErrNotFinite},
		{"L1 infinite", func(c *Config) { c.L1 = math.Inf(1) }, "the L1 weight λ must be a finite number", ErrNotFinite},
		{"L1 huge", func(c *Config) { c.L1 = 1e307 }, "the L1 weight λ must be at most 1e+06", ErrPenaltyWeight},
		{"KL", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, 3 }, "", nil},
		{"KL on a linear code", func(c *Config) { c.Sparsity, c.SparsityWeight = 0.05, 3 }, "needs a sigmoid code", ErrSparsityCode},
		{"KL, ρ = 1", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 1, 3 }, "ρ = 1 is outside (0, 1)", ErrSparsityTarget},
		{"KL, no ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.SparsityWeight = 3 }, "ρ = 0 is outside (0, 1)", ErrSparsityTarget},
		{"KL, negative ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = -0.05, 3 }, "the sparsity target ρ must not be negative", ErrPenaltyWeight},
		{"KL, NaN ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = math.NaN(), 3 }, "the sparsity target ρ must be a finite number", ErrNotFinite},
		{"KL, no β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity = 0.05 }, "has no weight β", ErrPenaltyWeight},
		{"KL, negative β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, -3 }, "the sparsity weight β must not be negative", ErrPenaltyWeight},
		{"KL, infinite β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, math.Inf(-1) }, "the sparsity weight β must be a finite number", ErrNotFinite},
	}
	for _, tt := range tests {
		c := ok
		c.Layers = append([]int(nil), ok.Layers...)
		tt.change(&c)
		err := c.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		case err != nil && !strings.HasPrefix(err.Error(), "autoencoder: "):
			t.Errorf("%s: error %q lacks the package prefix", tt.name, err)
		case tt.want != "" && !errors.Is(err, tt.is):
			t.Errorf("%s: error %v does not wrap %v", tt.name, err, tt.is)
		}
		var ce *ConfigError
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("%s: error %v is not a *ConfigError", tt.name, err)
		}
		if _, err2 := New(c, rand.New(rand.NewPCG(1, 1))); (err2 == nil) != (err == nil) {
			t.Errorf("%s: New and Validate disagree: %v vs %v", tt.name, err2, err)
		}
	}
}

func TestShapeAndParseLayers(t *testing.T) {
	sizes, err := ParseLayers("784, 1000,500,250,30")
	if err != nil {
		t.Fatal(err)
	}
	c := Config{Layers: sizes}
	if got, want := c.Shape(), "784-1000-500-250-30-250-500-1000-784"; got != want {
		t.Errorf("Shape = %s, want %s", got, want)
	}
	for _, bad := range []string{"", "784,,32", "784,x", "7.5,2"} {
		if _, err := ParseLayers(bad); err == nil {
			t.Errorf("ParseLayers(%q) accepted", bad)
		}
	}
}

// FuzzParseLayers: no input makes ParseLayers panic, and whatever it
// accepts prints back as the same list of numbers.
func FuzzParseLayers(f *testing.F) {
	for _, s := range []string{"784,256,32", "6, 4,2", "", ",", "784,,32", "-1,2", "99999999999999999999,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sizes, err := ParseLayers(s)
		if err != nil {
			return
		}
		again, err := ParseLayers(strings.Trim(strings.Join(strings.Fields(fmt.Sprint(sizes)), ","), "[]"))
		if err != nil || !slices.Equal(sizes, again) {
			t.Errorf("ParseLayers(%q) = %v, which does not parse back (%v, %v)", s, sizes, again, err)
		}
	})
}

// TestHintonNetworkTrains: Hinton and Salakhutdinov's 784-1000-500-250-30,
// whose first layer is wider than its input, builds and takes a training
// epoch (two batches of random images) without diverging.
func TestHintonNetworkTrains(t *testing.T) {
	rng := rand.New(rand.NewPCG(30, 30))
	ae, err := New(Config{Layers: []int{784, 1000, 500, 250, 30}, Activation: "sigmoid", CodeActivation: "linear", OutputActivation: "sigmoid"}, rng)
	if err != nil {
		t.Fatal(err)
	}
	if got := ae.String(); got != "784-1000-500-250-30-250-500-1000-784 (hidden sigmoid, code linear, output sigmoid)" {
		t.Errorf("String = %s", got)
	}
	x := randData(rng, 128, 784)
	before := ae.Params()[0].Value.Clone()
	hist, err := Train(ae, x, x.SliceRows(0, 32), TrainConfig{Epochs: 1, BatchSize: 64, Optimizer: nn.NewAdam(0.001), Rng: rng})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist.HeldOutSSE) != 1 || !isFinite(hist.HeldOutSSE[0]) || matrix.EqualApprox(before, ae.Params()[0].Value, 0) {
		t.Errorf("one epoch: history %+v; W1 changed: %v", hist, !matrix.EqualApprox(before, ae.Params()[0].Value, 0))
	}
	if c := ae.Encode(x.SliceRows(0, 3)); c.Cols() != 30 {
		t.Errorf("codes have %d numbers, want 30", c.Cols())
	}
}

// TestOvercompleteCopies shows the lecture's warning. On inputs with no
// structure at all (independent uniform values) an overcomplete linear
// autoencoder allowed to run without a penalty learns to copy: its error
// on fresh inputs falls near zero, though there was nothing to learn. The
// same net trained to denoise cannot copy, since a masked value of an
// independent input cannot be predicted from the others, and its error
// stays far above.
func TestOvercompleteCopies(t *testing.T) {
	rng := rand.New(rand.NewPCG(60, 60))
	train, test := randData(rng, 1000, 10), randData(rng, 200, 10)
	run := func(cfg Config) float64 {
		r := rand.New(rand.NewPCG(61, 61))
		ae, err := New(cfg, r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Train(ae, train, test, TrainConfig{Epochs: 60, BatchSize: 50, Optimizer: nn.NewAdam(0.01), Rng: r, NoiseRng: rand.New(rand.NewPCG(62, 62))}); err != nil {
			t.Fatal(err)
		}
		return ae.SSEPerImage(test)
	}
	base := Config{Layers: []int{10, 20}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}
	copying, denoising := base, base
	copying.AllowOvercomplete = true
	denoising.Noise = Noise{Masking, 0.3}
	variance := 10.0 / 12 // Σ over 10 values of Var(uniform[0, 1]) = 1/12: the error of predicting the mean
	c, d := run(copying), run(denoising)
	t.Logf("test error per image on independent inputs: copying %.4g, denoising %.4g (predicting the mean: %.4g)", c, d, variance)
	if !(c < variance/100) {
		t.Errorf("the overcomplete net without a penalty has error %.4g, want it to copy (below %.4g)", c, variance/100)
	}
	if !(d > variance/10) {
		t.Errorf("the denoising overcomplete net has error %.4g on clean inputs, want it above %.4g: did it copy?", d, variance/10)
	}
}
