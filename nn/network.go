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

// paramsOnly is a layer that can compute its parameter gradients without
// the gradient with respect to its input.
type paramsOnly interface {
	BackwardParams(dy *matrix.Dense)
}

// BackwardParams is Backward for a network whose input is data, not the
// output of another network: it fills the parameter gradients and skips the
// gradient with respect to the input where the first layer allows.
func (net *Network) BackwardParams(dy *matrix.Dense) {
	for i := len(net.Layers) - 1; i >= 1; i-- {
		dy = net.Layers[i].Backward(dy)
	}
	if len(net.Layers) == 0 {
		return
	}
	if p, ok := net.Layers[0].(paramsOnly); ok {
		p.BackwardParams(dy)
	} else {
		net.Layers[0].Backward(dy)
	}
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
