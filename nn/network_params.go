package nn

import "bottleneck/matrix"

// This file holds a shortcut for training. The first layer of a network
// that reads the data needs no gradient with respect to its input, and
// leaving it out saves one of the three products of that layer's backward
// pass. Backward gives the same parameter gradients, and is the one to read.

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
