package autoencoder

import (
	"fmt"
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
	}{
		{"valid", func(c *Config) {}, ""},
		{"empty", func(c *Config) { c.Layers = nil }, "need at least two layer sizes"},
		{"one size", func(c *Config) { c.Layers = []int{784} }, "need at least two layer sizes"},
		{"zero size", func(c *Config) { c.Layers = []int{784, 0} }, "layer size number 2 is 0"},
		{"negative size", func(c *Config) { c.Layers = []int{-3, 2} }, "layer size number 1 is -3"},
		{"code equals input", func(c *Config) { c.Layers = []int{10, 10} }, "code size 10 is not smaller than input size 10"},
		{"overcomplete", func(c *Config) { c.Layers = []int{10, 20, 40} }, "code size 40 is not smaller"},
		{"wider than the code", func(c *Config) { c.Layers = []int{784, 32, 64} }, "grow from 32 to 64"},
		{"overcomplete allowed", func(c *Config) { c.Layers = []int{10, 40}; c.AllowOvercomplete = true }, ""},
		{"bad activation", func(c *Config) { c.Activation = "softmax" }, `unknown hidden activation "softmax"`},
		{"bad output", func(c *Config) { c.OutputActivation = "relu" }, `unknown output activation "relu"`},
		{"no code activation", func(c *Config) { c.CodeActivation = "" }, `unknown code activation ""`},
		{"bce", func(c *Config) { c.Loss = CrossEntropy }, ""},
		{"bce on a linear output", func(c *Config) { c.Loss = CrossEntropy; c.OutputActivation = "linear" }, "loss bce needs outputs in (0, 1)"},
		{"unknown loss", func(c *Config) { c.Loss = 2 }, "unknown loss Loss(2)"},
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
