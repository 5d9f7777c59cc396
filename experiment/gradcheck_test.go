package experiment

import (
	"errors"
	"math"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// checkSettings are the settings of the command's default check.
func checkSettings() GradCheckSettings {
	return GradCheckSettings{
		Config: autoencoder.Config{Layers: []int{6, 4, 2}, Activation: "sigmoid", CodeActivation: "linear", OutputActivation: "sigmoid"},
		N:      5, Step: nn.GradCheckStep, Tolerance: nn.GradCheckTolerance, Seed: 1,
	}
}

// TestGradCheckPasses: backpropagation's gradient passes the check for
// every parameter of small networks of each kind, and the check reports
// each parameter once, with its shape.
func TestGradCheckPasses(t *testing.T) {
	for _, change := range []func(*GradCheckSettings){
		func(*GradCheckSettings) {},
		func(s *GradCheckSettings) {
			s.Config.Layers, s.Config.Activation, s.Config.Tied, s.WeightDecay = []int{9, 6, 3}, "relu", true, 0.2
		},
		func(s *GradCheckSettings) { s.Config.Activation, s.Config.OutputActivation = "tanh", "linear" },
	} {
		s := checkSettings()
		change(&s)
		g, err := NewGradCheck(s)
		if err != nil {
			t.Fatal(err)
		}
		checks := g.CheckAll()
		if len(checks) != len(g.Model.Params()) {
			t.Fatalf("%s: %d checks for %d parameters", g.Model, len(checks), len(g.Model.Params()))
		}
		for i, c := range checks {
			p := g.Model.Params()[i]
			rows, cols := p.Value.Dims()
			if !c.Pass || !(c.RelErr < s.Tolerance) || c.Name != p.Name || c.Rows != rows || c.Cols != cols {
				t.Errorf("%s: %+v for %s %d×%d", g.Model, c, p.Name, rows, cols)
			}
		}
		if !(g.Loss > 0) || math.IsInf(g.Loss, 0) {
			t.Errorf("%s: loss %v", g.Model, g.Loss)
		}
	}
}

// TestGradCheckFailsAWrongGradient: a gradient made wrong in one entry
// fails, and the worst entry found is that one.
func TestGradCheckFailsAWrongGradient(t *testing.T) {
	g, err := NewGradCheck(checkSettings())
	if err != nil {
		t.Fatal(err)
	}
	g.analytic[0].Grad.Set(2, 1, g.analytic[0].Grad.At(2, 1)+1)
	c := g.Check(0)
	if c.Pass || c.Worst.Row != 2 || c.Worst.Col != 1 {
		t.Errorf("a gradient off by 1 in (2, 1): %+v", c)
	}
}

// TestGradCheckSettingsErrors: each bad setting is named as in the
// command's JSON, with its sentinel.
func TestGradCheckSettingsErrors(t *testing.T) {
	for _, tt := range []struct {
		change func(*GradCheckSettings)
		field  string
		want   error
	}{
		{func(s *GradCheckSettings) { s.N = 0 }, "n", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.N = 10001 }, "n", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.Step = 0 }, "step", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.Step = math.NaN() }, "step", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.Tolerance = 1 }, "tolerance", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.WeightDecay = math.Inf(1) }, "weight_decay", ErrOutOfRange},
		{func(s *GradCheckSettings) { s.Config.Layers = []int{784, 256, 32} }, "layers", ErrTooSlow},
		// 120-60-30 has 2·(7200+60+1800+30) = 18180 parameters: 4·P²,
		// 1.3e9, is below the bound of 1e11, 4·P²·N for N = 10000 above it.
		{func(s *GradCheckSettings) { s.Config.Layers, s.N = []int{120, 60, 30}, 10000 }, "n", ErrTooSlow},
	} {
		s := checkSettings()
		tt.change(&s)
		_, err := NewGradCheck(s)
		var se *SettingError
		if !errors.As(err, &se) || se.Field != tt.field || !errors.Is(err, tt.want) {
			t.Errorf("%+v: error %v, want a SettingError for %q wrapping %v", s, err, tt.field, tt.want)
		}
	}
}

// TestGradCheckOfEveryVariant: the objective with each loss, penalty and
// noise passes the check, so the command's gradcheck checks what train
// would minimise.
func TestGradCheckOfEveryVariant(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(*GradCheckSettings)
	}{
		{"bce", func(s *GradCheckSettings) { s.Config.Loss = autoencoder.CrossEntropy }},
		{"bce binarized", func(s *GradCheckSettings) { s.Config.Loss, s.Binarize = autoencoder.CrossEntropy, true }},
		{"l1", func(s *GradCheckSettings) { s.Config.L1 = 0.1 }},
		{"sparsity", func(s *GradCheckSettings) {
			s.Config.CodeActivation, s.Config.Sparsity, s.Config.SparsityWeight = "sigmoid", 0.05, 3
		}},
		{"contractive", func(s *GradCheckSettings) {
			s.Config.Layers, s.Config.CodeActivation, s.Config.Contractive = []int{6, 3}, "sigmoid", 0.5
		}},
		{"mask", func(s *GradCheckSettings) { s.Config.Noise = autoencoder.Noise{Kind: autoencoder.Masking, Level: 0.3} }},
		{"gauss", func(s *GradCheckSettings) { s.Config.Noise = autoencoder.Noise{Kind: autoencoder.Gaussian, Level: 0.2} }},
		{"overcomplete, salt and pepper", func(s *GradCheckSettings) {
			s.Config.Layers, s.Config.Noise = []int{6, 8}, autoencoder.Noise{Kind: autoencoder.SaltPepper, Level: 0.1}
		}},
	} {
		s := checkSettings()
		tt.change(&s)
		g, err := NewGradCheck(s)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, c := range g.CheckAll() {
			if !c.Pass {
				t.Errorf("%s: %+v", tt.name, c)
			}
		}
		// The noise is in the objective: the encoder is given x̃ ≠ x.
		if s.Config.Noise.On() && matrix.EqualApprox(g.Corrupted, g.Inputs, 0) {
			t.Errorf("%s: the inputs were not corrupted", tt.name)
		}
	}
}

// TestGradCheckSeesVanishedGradients: in a stack of twenty sigmoid layers
// the gradients of the lowest layers vanish below what central differences
// resolve (Resolution), and those are the ones that fail: the check tells
// a vanished gradient from a wrong one.
func TestGradCheckSeesVanishedGradients(t *testing.T) {
	s := checkSettings()
	s.Config.Layers = []int{3}
	for range 20 {
		s.Config.Layers = append(s.Config.Layers, 2)
	}
	g, err := NewGradCheck(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := 2.2e-16 * math.Abs(g.Loss) / s.Step; g.Resolution != want {
		t.Errorf("resolution %v, want 2.2e-16·|J|/h = %v", g.Resolution, want)
	}
	failed, vanished := 0, 0
	for i, c := range g.CheckAll() {
		if c.GradNorm != g.analytic[i].Grad.Norm() {
			t.Errorf("%s: GradNorm %v, ‖g_ana‖ %v", c.Name, c.GradNorm, g.analytic[i].Grad.Norm())
		}
		if !c.Pass {
			failed++
			if c.GradNorm < 100*g.Resolution {
				vanished++
			}
		}
	}
	if failed == 0 || vanished == 0 {
		t.Errorf("%d parameters failed, %d of them with a vanished gradient; want some of each", failed, vanished)
	}
}
