package nn

import (
	"fmt"

	"bottleneck/matrix"
)

// Network is a sequence of layers applied one after the other.
type Network struct {
	Layers []Layer
}

// Forward runs x (n×in) through every layer and returns the output.
func (net *Network) Forward(x *matrix.Dense) *matrix.Dense {
	for _, l := range net.Layers {
		x = l.Forward(x)
	}
	return x
}

// Backward runs dY back through the layers in reverse order, adding into
// every parameter gradient, and returns dX, the gradient with respect to the
// network's input.
func (net *Network) Backward(dy *matrix.Dense) *matrix.Dense {
	for i := len(net.Layers) - 1; i >= 0; i-- {
		dy = net.Layers[i].Backward(dy)
	}
	return dy
}

// Params returns the parameters of every layer, named by their layer's
// position, e.g. "layer 0 W".
func (net *Network) Params() []Param {
	var ps []Param
	for i, l := range net.Layers {
		for _, p := range l.Params() {
			p.Name = fmt.Sprintf("layer %d %s", i, p.Name)
			ps = append(ps, p)
		}
	}
	return ps
}
