package autoencoder

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
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
		{"empty", func(c *Config) { c.Layers = nil }, "need at least two layer sizes", nil},
		{"one size", func(c *Config) { c.Layers = []int{784} }, "need at least two layer sizes", nil},
		{"zero size", func(c *Config) { c.Layers = []int{784, 0} }, "layer size number 2 is 0", nil},
		{"negative size", func(c *Config) { c.Layers = []int{-3, 2} }, "layer size number 1 is -3", nil},
		{"code equals input", func(c *Config) { c.Layers = []int{10, 10} }, "code size 10 is not smaller than input size 10", nil},
		{"overcomplete", func(c *Config) { c.Layers = []int{10, 20, 40} }, "code size 40 is not smaller", nil},
		{"wider than the code", func(c *Config) { c.Layers = []int{784, 32, 64} }, "grow from 32 to 64", nil},
		{"overcomplete allowed", func(c *Config) { c.Layers = []int{10, 40}; c.AllowOvercomplete = true }, "", nil},
		{"bad activation", func(c *Config) { c.Activation = "softmax" }, `unknown hidden activation "softmax"`, nil},
		{"bad output", func(c *Config) { c.OutputActivation = "relu" }, `unknown output activation "relu"`, nil},
		{"no code activation", func(c *Config) { c.CodeActivation = "" }, `unknown code activation ""`, nil},
		{"bce", func(c *Config) { c.Loss = CrossEntropy }, "", nil},
		{"bce on a linear output", func(c *Config) { c.Loss = CrossEntropy; c.OutputActivation = "linear" }, "loss bce needs outputs in (0, 1)", ErrLossOutput},
		{"unknown loss", func(c *Config) { c.Loss = 2 }, "unknown loss Loss(2)", ErrUnknownLoss},
		{"L1", func(c *Config) { c.L1 = 0.1 }, "", nil},
		{"contractive", func(c *Config) { c.Layers = []int{784, 256}; c.CodeActivation = "sigmoid"; c.Contractive = 0.1 }, "", nil},
		{"contractive, deep encoder", func(c *Config) { c.CodeActivation = "sigmoid"; c.Contractive = 0.1 }, "not 784-256-32 with a sigmoid code", ErrContractiveEncoder},
		{"contractive, linear code", func(c *Config) { c.Layers = []int{784, 256}; c.Contractive = 0.1 }, "not 784-256 with a linear code", ErrContractiveEncoder},
		{"contractive negative", func(c *Config) { c.Contractive = -1 }, "contractive is -1", ErrPenaltyWeight},
		{"contractive NaN", func(c *Config) { c.Contractive = math.NaN() }, "contractive is NaN", ErrNotFinite},
		{"L1 negative", func(c *Config) { c.L1 = -0.1 }, "l1 is -0.1; it must not be negative", ErrPenaltyWeight},
		{"L1 NaN", func(c *Config) { c.L1 = math.NaN() }, "l1 is NaN", ErrNotFinite},
		{"L1 infinite", func(c *Config) { c.L1 = math.Inf(1) }, "l1 is +Inf", ErrNotFinite},
		{"KL", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, 3 }, "", nil},
		{"KL on a linear code", func(c *Config) { c.Sparsity, c.SparsityWeight = 0.05, 3 }, "needs a sigmoid code", ErrSparsityCode},
		{"KL, ρ = 1", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 1, 3 }, "ρ = 1 is outside (0, 1)", ErrSparsityTarget},
		{"KL, no ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.SparsityWeight = 3 }, "ρ = 0 is outside (0, 1)", ErrSparsityTarget},
		{"KL, negative ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = -0.05, 3 }, "sparsity is -0.05", ErrPenaltyWeight},
		{"KL, NaN ρ", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = math.NaN(), 3 }, "sparsity is NaN", ErrNotFinite},
		{"KL, no β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity = 0.05 }, "has no weight β", ErrPenaltyWeight},
		{"KL, negative β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, -3 }, "sparsity_weight is -3", ErrPenaltyWeight},
		{"KL, infinite β", func(c *Config) { c.CodeActivation = "sigmoid"; c.Sparsity, c.SparsityWeight = 0.05, math.Inf(-1) }, "sparsity_weight is -Inf", ErrNotFinite},
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
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: error %v does not wrap %v", tt.name, err, tt.is)
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
