package autoencoder

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"bottleneck/internal/quote"
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
	// Loss is the reconstruction loss: SquaredError (the lecture's, the
	// zero value) or CrossEntropy, which needs the sigmoid output.
	Loss Loss `json:"loss"`
	// Tied makes every decoder weight the transpose of its encoder weight,
	// W′ = Wᵀ: one shared parameter.
	Tied bool `json:"tied"`
	// L1 is the weight λ ≥ 0 of the L1 penalty on the code, CodeL1; 0
	// for none.
	L1 float64 `json:"l1"`
	// Sparsity is the target mean activation ρ in (0, 1) of the KL
	// sparsity penalty, KLSparsity, and SparsityWeight its weight β > 0;
	// both 0 for none. It needs a sigmoid code, whose units lie in (0, 1).
	Sparsity       float64 `json:"sparsity"`
	SparsityWeight float64 `json:"sparsity_weight"`
	// Contractive is the weight λ ≥ 0 of the contractive penalty,
	// Contractive; 0 for none. It needs an encoder of one sigmoid layer
	// (Layers of two sizes, a sigmoid code).
	Contractive float64 `json:"contractive"`
	// Noise corrupts the input during training, making a denoising
	// autoencoder; the zero value is NoNoise.
	Noise Noise `json:"noise"`
	// AllowOvercomplete permits a code as large as the input or larger
	// with no penalty and no noise. An undercomplete autoencoder (the
	// lecture's) regularizes by its small code; an overcomplete one needs
	// another regularizer, or it learns to copy its input.
	AllowOvercomplete bool `json:"allow_overcomplete"`
	// Preprocess is what is done to the pixels before the network sees
	// them, in training and after: NoPreprocess ("", what a model file
	// written before this field means) or PreprocessBinarize. Encode and
	// Reconstruct do not apply it; Prepare does, and every program that
	// feeds the model new images should call it first.
	Preprocess string `json:"preprocess,omitempty"`
	// ShuffledPixels records that the net was trained on images whose
	// pixels each had their values shuffled across the images (the
	// experiment of the lecture's 07:51). That shuffle mixes a whole data
	// set, so no program can apply it to new images: such a model is not
	// one of the images as they are, and the programs that read it say so.
	ShuffledPixels bool `json:"shuffled_pixels,omitempty"`
}

// MaxLayers is the largest number of layer sizes a Config may have, the
// input and the code included: far deeper than any autoencoder trained on
// MNIST (Hinton & Salakhutdinov's has five), small enough that no
// configuration makes a network of absurd depth.
const MaxLayers = 1000

// Validate reports what is wrong with c, or nil. Its errors are
// *ConfigError, naming the field at fault and wrapping a sentinel.
//
// The sizes on the way to the code may grow, as in Hinton and
// Salakhutdinov's 784-1000-500-250-30, as long as the code is smaller than
// the input: that is the bottleneck. A code as large as the input or
// larger is accepted only when something else keeps the autoencoder from
// copying its input — a penalty on the code (L1, Sparsity, Contractive),
// Noise — or when AllowOvercomplete says the copy is wanted (to show it,
// say). Weight decay, given to Train, does not count: it shrinks the
// weights but does not stop an overcomplete net from copying.
func (c Config) Validate() error {
	_, err := c.check()
	return err
}

// activations are the activations of a network, parsed once from the
// names in its Config: New builds the layers from them.
type activations struct {
	hidden, code, output nn.ActivationKind
}

// check is Validate, and returns the activations it parsed as well.
func (c Config) check() (activations, error) {
	var acts activations
	if len(c.Layers) < 2 {
		return acts, &ConfigError{Field: "layers", Err: ErrLayers, Detail: fmt.Sprintf("need at least two layer sizes (input and code), got %d", len(c.Layers))}
	}
	if len(c.Layers) > MaxLayers {
		return acts, &ConfigError{Field: "layers", Err: ErrLayers, Detail: fmt.Sprintf("%d layer sizes, more than the %d allowed", len(c.Layers), MaxLayers)}
	}
	for i, n := range c.Layers {
		if n <= 0 {
			return acts, &ConfigError{Field: "layers", Err: ErrLayers, Detail: fmt.Sprintf("layer size number %d is %d; sizes must be positive", i+1, n)}
		}
		// 1<<24 inputs already means a weight matrix of 2⁴⁸ bytes or more.
		if n > 1<<24 {
			return acts, &ConfigError{Field: "layers", Err: ErrLayers, Detail: fmt.Sprintf("layer size number %d is %d, too large", i+1, n)}
		}
	}
	names := []struct {
		field, what, name string
		kind              *nn.ActivationKind
	}{
		{"activation", "hidden", c.Activation, &acts.hidden},
		{"code_activation", "code", c.CodeActivation, &acts.code},
	}
	for _, a := range names {
		k, err := nn.ParseActivation(a.name)
		if err != nil {
			return acts, &ConfigError{Field: a.field, Err: ErrActivation, Detail: fmt.Sprintf("unknown %s activation %q (want %s)", a.what, quote.Brief(a.name), strings.Join(nn.ActivationNames, ", "))}
		}
		*a.kind = k
	}
	acts.output, _ = nn.ParseActivation(c.OutputActivation)
	if acts.output != nn.SigmoidKind && acts.output != nn.LinearKind {
		return acts, &ConfigError{Field: "output_activation", Err: ErrActivation, Detail: fmt.Sprintf("unknown output activation %q (want sigmoid or linear)", quote.Brief(c.OutputActivation))}
	}
	return acts, c.checkRest(acts)
}

// checkRest checks what check has not: the loss, the penalties, the noise
// and the bottleneck.
func (c Config) checkRest(acts activations) error {
	if !c.Loss.valid() {
		return &ConfigError{Field: "loss", Err: ErrUnknownLoss, Detail: fmt.Sprintf("unknown loss %v (want sse or bce)", c.Loss)}
	}
	if c.Loss == CrossEntropy && acts.output != nn.SigmoidKind {
		return &ConfigError{Field: "loss", Err: ErrLossOutput, Detail: fmt.Sprintf("loss bce needs outputs in (0, 1), the range of a sigmoid output, not %s", c.OutputActivation)}
	}
	if err := c.validatePenalties(acts.code); err != nil {
		return err
	}
	if err := c.Noise.validate(); err != nil {
		return err
	}
	if c.Preprocess != NoPreprocess && c.Preprocess != PreprocessBinarize {
		return &ConfigError{Field: "preprocess", Err: ErrPreprocess, Detail: fmt.Sprintf("unknown preprocessing %q (want %q or none)", quote.Brief(c.Preprocess), PreprocessBinarize)}
	}
	in, code := c.Layers[0], c.Layers[len(c.Layers)-1]
	if code >= in && !c.AllowOvercomplete && !c.regularizesCode() {
		return &ConfigError{Field: "layers", Err: ErrOvercomplete, Detail: fmt.Sprintf("code size %d is not smaller than input size %d: an autoencoder needs a bottleneck, or else a penalty on the code (l1, sparsity, contractive) or noise to keep it from copying its input (allow an overcomplete code explicitly if you mean it)", code, in)}
	}
	return nil
}

// regularizesCode reports whether c names a penalty on the code or noise:
// what lets an overcomplete autoencoder learn something other than a copy.
func (c Config) regularizesCode() bool {
	return c.L1 > 0 || c.SparsityWeight > 0 || c.Contractive > 0 || c.Noise.On()
}

// MaxPenaltyWeight is the largest weight of a penalty on the code (L1,
// KL sparsity, contractive) that Validate accepts, the bound of the weight
// decay's too: the loss per image is at most 784, so a weight of a million
// leaves it no say.
const MaxPenaltyWeight = 1e6

// validatePenalties checks the weights and targets of the penalties.
func (c Config) validatePenalties(code nn.ActivationKind) error {
	weights := []struct {
		field, name string
		v           float64
	}{
		{"l1", "the L1 weight λ", c.L1},
		{"sparsity", "the sparsity target ρ", c.Sparsity},
		{"sparsity_weight", "the sparsity weight β", c.SparsityWeight},
		{"contractive", "the contractive weight λ", c.Contractive},
	}
	for _, w := range weights {
		switch {
		case math.IsNaN(w.v) || math.IsInf(w.v, 0):
			return &ConfigError{Field: w.field, Err: ErrNotFinite, Detail: w.name + " must be a finite number"}
		case w.v < 0:
			return &ConfigError{Field: w.field, Err: ErrPenaltyWeight, Detail: w.name + " must not be negative"}
		case w.v > MaxPenaltyWeight:
			return &ConfigError{Field: w.field, Err: ErrPenaltyWeight, Detail: fmt.Sprintf("%s must be at most %g: far below that the penalty alone decides every weight", w.name, float64(MaxPenaltyWeight))}
		}
	}
	if c.Contractive > 0 && (len(c.Layers) != 2 || code != nn.SigmoidKind) {
		return &ConfigError{Field: "contractive", Err: ErrContractiveEncoder, Detail: fmt.Sprintf("the contractive penalty is computed for an encoder of one sigmoid layer (e.g. layers 784,256 with a sigmoid code), not %s with a %s code", c.encoderShape(), c.CodeActivation)}
	}
	if c.Sparsity == 0 && c.SparsityWeight == 0 {
		return nil
	}
	switch {
	case !(c.Sparsity > 0 && c.Sparsity < 1):
		return &ConfigError{Field: "sparsity", Err: ErrSparsityTarget, Detail: fmt.Sprintf("sparsity target ρ = %v is outside (0, 1); a mean activation such as 0.05 is needed", c.Sparsity)}
	case c.SparsityWeight == 0:
		return &ConfigError{Field: "sparsity", Err: ErrPenaltyWeight, Detail: fmt.Sprintf("sparsity target ρ = %v has no weight β (sparsity weight 0); give one above 0, such as 3", c.Sparsity)}
	case code != nn.SigmoidKind:
		return &ConfigError{Field: "sparsity", Err: ErrSparsityCode, Detail: fmt.Sprintf("the KL sparsity penalty needs a sigmoid code, whose units lie in (0, 1), not a %s one", c.CodeActivation)}
	}
	return nil
}

// encoderShape returns the encoder's sizes joined by dashes, "784-256-32".
func (c Config) encoderShape() string {
	var parts []string
	for _, n := range c.Layers {
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, "-")
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

// ParseLayers parses a comma-separated list of layer sizes such as
// "784,256,32".
func ParseLayers(s string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("autoencoder: layer sizes %q: %q is not a whole number", quote.Brief(s), quote.Brief(f))
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
