package autoencoder

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"bottleneck/nn"
)

// Config describes an autoencoder.
type Config struct {
	// Layers are the layer sizes from the input to the code, e.g.
	// {784, 256, 32}: the encoder maps 784 → 256 → 32 and the decoder
	// mirrors it, 32 → 256 → 784. With more than two sizes this is the
	// lecture's stacked autoencoder.
	Layers []int `json:"layers"`
	// Activation is the activation of the hidden layers other than the
	// code: "sigmoid", "tanh", "relu" or "linear".
	Activation string `json:"activation"`
	// CodeActivation is the activation of the code layer, the bottleneck:
	// any of the above. Hinton and Salakhutdinov (2006) use "linear" code
	// units with logistic hidden units, which lets the code use its whole
	// range; a ReLU code loses every unit that goes dead.
	CodeActivation string `json:"code_activation"`
	// OutputActivation is the activation of the reconstruction: "sigmoid"
	// for pixels in [0, 1], or "linear".
	OutputActivation string `json:"output_activation"`
	// Tied makes every decoder weight the transpose of its encoder weight,
	// W′ = Wᵀ: one shared parameter.
	Tied bool `json:"tied"`
	// AllowOvercomplete permits a code as large as the input or larger.
	// An undercomplete autoencoder (the lecture's) regularizes by its
	// small code; an overcomplete one needs another regularizer.
	AllowOvercomplete bool `json:"allow_overcomplete"`
}

// MaxLayers is the largest number of layer sizes a Config may have, the
// input and the code included: far deeper than any autoencoder trained on
// MNIST (Hinton & Salakhutdinov's has five), small enough that no
// configuration makes a network of absurd depth.
const MaxLayers = 1000

// Validate reports what is wrong with c, or nil.
func (c Config) Validate() error {
	if len(c.Layers) < 2 {
		return fmt.Errorf("autoencoder: need at least two layer sizes (input and code), got %d", len(c.Layers))
	}
	if len(c.Layers) > MaxLayers {
		return fmt.Errorf("autoencoder: %d layer sizes, more than the %d allowed", len(c.Layers), MaxLayers)
	}
	for i, n := range c.Layers {
		if n <= 0 {
			return fmt.Errorf("autoencoder: layer size number %d is %d; sizes must be positive", i+1, n)
		}
		// 1<<24 inputs already means a weight matrix of 2⁴⁸ bytes or more.
		if n > 1<<24 {
			return fmt.Errorf("autoencoder: layer size number %d is %d, too large", i+1, n)
		}
	}
	in, code := c.Layers[0], c.Layers[len(c.Layers)-1]
	if code >= in && !c.AllowOvercomplete {
		return fmt.Errorf("autoencoder: code size %d is not smaller than input size %d: an undercomplete autoencoder needs a bottleneck (allow an overcomplete code explicitly if you mean it)", code, in)
	}
	for i := 1; i < len(c.Layers) && !c.AllowOvercomplete; i++ {
		if c.Layers[i] > c.Layers[i-1] {
			return fmt.Errorf("autoencoder: layer sizes grow from %d to %d on the way to the code, so the bottleneck would be %d, not the code: give sizes that shrink towards the code", c.Layers[i-1], c.Layers[i], c.Layers[i-1])
		}
	}
	if !slices.Contains(nn.ActivationNames, c.Activation) {
		return fmt.Errorf("autoencoder: unknown hidden activation %q (want %s)", brief(c.Activation), strings.Join(nn.ActivationNames, ", "))
	}
	if !slices.Contains(nn.ActivationNames, c.CodeActivation) {
		return fmt.Errorf("autoencoder: unknown code activation %q (want %s)", brief(c.CodeActivation), strings.Join(nn.ActivationNames, ", "))
	}
	if c.OutputActivation != "sigmoid" && c.OutputActivation != "linear" {
		return fmt.Errorf("autoencoder: unknown output activation %q (want sigmoid or linear)", brief(c.OutputActivation))
	}
	return nil
}

// Shape returns the sizes of all layers, encoder and decoder, joined by
// dashes: "784-256-32-256-784". A deep network is shortened to its first
// and last four sizes around the number of sizes left out, so that a
// message stays one readable line: "784-9-8-7-…(9 more)…-7-8-9-784".
func (c Config) Shape() string {
	var parts []string
	for _, n := range c.Layers {
		parts = append(parts, strconv.Itoa(n))
	}
	for i := len(c.Layers) - 2; i >= 0; i-- {
		parts = append(parts, strconv.Itoa(c.Layers[i]))
	}
	if len(parts) > 17 {
		return fmt.Sprintf("%s-…(%d more)…-%s", strings.Join(parts[:4], "-"), len(parts)-8, strings.Join(parts[len(parts)-4:], "-"))
	}
	return strings.Join(parts, "-")
}

// brief returns s, or its first 40 bytes and a note of its length if it is
// longer, for quoting a value in a message.
func brief(s string) string {
	if len(s) <= 60 {
		return s
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:n], len(s))
}

// ParseLayers parses a comma-separated list of layer sizes such as
// "784,256,32".
func ParseLayers(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("autoencoder: layer sizes %q: %q is not a whole number", brief(s), brief(f))
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
