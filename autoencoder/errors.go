package autoencoder

import (
	"errors"
	"strings"
)

// ConfigError is the error Config.Validate returns: the field at fault,
// named as in the Config's JSON (a program can map it to its own flag), and
// a sentinel saying what is wrong, for errors.Is.
type ConfigError struct {
	Field  string // e.g. "loss", "sparsity"
	Err    error  // one of the Err… sentinels of this package
	Detail string // one sentence for a person
}

// Error returns the sentence, prefixed with the package name.
func (e *ConfigError) Error() string { return "autoencoder: " + e.Detail }

// Unwrap returns the sentinel.
func (e *ConfigError) Unwrap() error { return e.Err }

// The sentinel errors of this package, for errors.Is.
var (
	// ErrLayers: too few layer sizes, or a size that is not positive or
	// too large.
	ErrLayers = errors.New("bad layer sizes")
	// ErrActivation: an unknown activation.
	ErrActivation = errors.New("unknown activation")
	// ErrOvercomplete: a code at least as large as the input, with no
	// penalty, no noise and no explicit permission.
	ErrOvercomplete = errors.New("no bottleneck")
	// ErrUnknownLoss: a loss that is neither "sse" nor "bce".
	ErrUnknownLoss = errors.New("unknown loss")
	// ErrLossOutput: cross-entropy on an output whose values are not all
	// in (0, 1).
	ErrLossOutput = errors.New("loss does not fit the output activation")
	// ErrNotFinite: a number that is NaN or infinite.
	ErrNotFinite = errors.New("not a finite number")
	// ErrPenaltyWeight: a penalty weight that is negative, or missing
	// where a penalty needs one.
	ErrPenaltyWeight = errors.New("bad penalty weight")
	// ErrSparsityTarget: a sparsity target ρ outside (0, 1).
	ErrSparsityTarget = errors.New("sparsity target outside (0, 1)")
	// ErrSparsityCode: KL sparsity on a code whose units are not in (0, 1).
	ErrSparsityCode = errors.New("sparsity needs a sigmoid code")
	// ErrContractiveEncoder: the contractive penalty on an encoder other
	// than one sigmoid layer.
	ErrContractiveEncoder = errors.New("contractive penalty needs an encoder of one sigmoid layer")
	// ErrNoiseSyntax: a noise that is not written kind:level.
	ErrNoiseSyntax = errors.New("malformed noise")
	// ErrNoiseKind: a noise kind other than mask, gauss and saltpepper.
	ErrNoiseKind = errors.New("unknown noise kind")
	// ErrNoiseLevel: a noise level outside its range.
	ErrNoiseLevel = errors.New("noise level out of range")
	// ErrDataRange: data outside [0, 1] given to a cross-entropy loss.
	ErrDataRange = errors.New("data outside [0, 1]")
	// ErrPreprocess: a preprocessing other than none and "binarize".
	ErrPreprocess = errors.New("unknown preprocessing")
)

// withoutPrefix returns err with the package's "autoencoder: " prefix
// dropped from its text, for a message that already has it, and err itself
// still reachable by errors.Is and errors.As.
func withoutPrefix(err error) error { return prefixless{err} }

type prefixless struct{ err error }

func (p prefixless) Error() string { return strings.TrimPrefix(p.err.Error(), "autoencoder: ") }
func (p prefixless) Unwrap() error { return p.err }
