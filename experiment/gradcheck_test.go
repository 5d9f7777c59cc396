package experiment

import (
	"errors"
	"math"
	"testing"

	"bottleneck/autoencoder"
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
