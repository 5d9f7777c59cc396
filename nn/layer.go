package nn

import "bottleneck/matrix"

// Param is one trainable parameter: its value and the gradient of the loss
// with respect to it, two matrices of the same shape.
type Param struct {
	Name  string
	Value *matrix.Dense
	Grad  *matrix.Dense
}

// Layer is one stage of a network.
//
// Forward computes the layer's output for a batch x (n×in) and keeps what
// Backward will need. Backward receives dY = ∂L/∂Y (n×out) for the same
// batch, adds ∂L/∂θ into the gradient of every parameter θ, and returns
// dX = ∂L/∂X (n×in).
//
// The matrices a layer returns are its own buffers: they stay valid until
// the layer's next call, and the caller must not change them.
type Layer interface {
	Forward(x *matrix.Dense) *matrix.Dense
	Backward(dy *matrix.Dense) *matrix.Dense
	Params() []Param
}

// ZeroGrad sets the gradient of every parameter to zero. Call it before each
// backward pass, since Backward adds into the gradients.
func ZeroGrad(params []Param) {
	for _, p := range params {
		p.Grad.Zero()
	}
}

// batchBuffer is a matrix for a batch whose number of rows can change (the
// last batch of an epoch is often smaller). It keeps one allocation for the
// largest batch seen and hands out a view of its first n rows, so a
// training loop allocates nothing once the batch size has settled.
type batchBuffer struct {
	full, view *matrix.Dense
}

// get returns an n×cols matrix. Its contents are whatever was left in it.
func (b *batchBuffer) get(n, cols int) *matrix.Dense {
	if b.view != nil && b.view.Rows() == n && b.view.Cols() == cols {
		return b.view
	}
	if b.full == nil || b.full.Rows() < n || b.full.Cols() != cols {
		b.full = matrix.New(n, cols)
	}
	b.view = b.full.SliceRows(0, n)
	return b.view
}
