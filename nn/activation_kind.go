package nn

import "fmt"

// ActivationKind is one of the activations of this package, parsed from
// its name once by ParseActivation: a program that builds several layers
// of one kind, or chooses a weight initialisation by it, compares kinds,
// not strings. The zero value is no activation at all.
type ActivationKind int

// The activation kinds, in the order of ActivationNames.
const (
	SigmoidKind ActivationKind = iota + 1 // Sigmoid, "sigmoid"
	TanhKind                              // Tanh, "tanh"
	ReLUKind                              // ReLU, "relu"
	LinearKind                            // Identity, "linear"
)

// ActivationNames lists the names ParseActivation and NewActivation accept
// ("identity" is accepted too, as another name of "linear").
var ActivationNames = []string{"sigmoid", "tanh", "relu", "linear"}

// ParseActivation returns the kind of the activation named name:
// "sigmoid", "tanh", "relu", or "linear" (the identity, also "identity").
func ParseActivation(name string) (ActivationKind, error) {
	switch name {
	case "sigmoid":
		return SigmoidKind, nil
	case "tanh":
		return TanhKind, nil
	case "relu":
		return ReLUKind, nil
	case "linear", "identity":
		return LinearKind, nil
	}
	return 0, fmt.Errorf("nn: unknown activation %q (want sigmoid, tanh, relu or linear)", name)
}

// New returns a new activation layer of kind k. It panics for a kind that
// ParseActivation does not return.
func (k ActivationKind) New() Layer {
	switch k {
	case SigmoidKind:
		return &Sigmoid{}
	case TanhKind:
		return &Tanh{}
	case ReLUKind:
		return &ReLU{}
	case LinearKind:
		return Identity{}
	}
	panic(fmt.Sprintf("nn: ActivationKind(%d).New: no such activation", int(k)))
}

// String returns the kind's name, as ActivationNames spells it.
func (k ActivationKind) String() string {
	if k < SigmoidKind || k > LinearKind {
		return fmt.Sprintf("ActivationKind(%d)", int(k))
	}
	return ActivationNames[k-1]
}
