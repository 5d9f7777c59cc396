package nn

import (
	"fmt"

	"bottleneck/matrix"
)

// Linear is a fully connected layer, Y = X·W + b.
//
// In the lecture's drawing every input node is joined to every output node,
// and a bias node holding the constant 1 feeds each output too. Here W
// (in×out) holds the weights of the joins and b (1×out) the weights from the
// bias node: [X 1]·[W; b] = X·W + b (docs/autoencoder.md, "The bias node").
type Linear struct {
	W, B   *matrix.Dense // W: in×out, b: 1×out
	DW, DB *matrix.Dense // gradients, same shapes

	x     *matrix.Dense // the last input, kept for Backward
	y, dx batchBuffer
}

// NewLinear returns an in×out linear layer with zero weights and biases. Set
// the weights with an initialiser such as GlorotUniform before training.
func NewLinear(in, out int) *Linear {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("nn: NewLinear: sizes must be positive, got %d×%d", in, out))
	}
	return &Linear{
		W: matrix.New(in, out), B: matrix.New(1, out),
		DW: matrix.New(in, out), DB: matrix.New(1, out),
	}
}

// Forward returns Y = X·W + b (docs/autoencoder.md, equations (F1) and
// (F3)). x: n×in, Y: n×out.
func (l *Linear) Forward(x *matrix.Dense) *matrix.Dense {
	l.x = x
	y := l.y.get(x.Rows(), l.W.Cols())
	// exercise linear-forward (2 points): Y = X·W + b into y (n×out), then return y; go doc ./matrix lists the operations (docs/autoencoder.md, 09:20)
	y.Mul(x, l.W)       // n×out = n×in · in×out
	y.AddRowVector(l.B) // + b on every row
	return y
	// end exercise linear-forward
}

// Backward adds dW = Xᵀ·dY and db = Σₙ dYₙ into the gradients and returns
// dX = dY·Wᵀ (docs/autoencoder.md, equations (B1)–(B3)).
func (l *Linear) Backward(dy *matrix.Dense) *matrix.Dense {
	l.BackwardParams(dy)
	dx := l.dx.get(dy.Rows(), l.W.Rows())
	// exercise linear-backward (continued): dX = dY·Wᵀ into dx (n×in), then return dx: (B3)
	dx.MulTransB(dy, l.W) // n×in = n×out · (in×out)ᵀ
	return dx
	// end exercise linear-backward
}

// BackwardParams is Backward without dX: (B1) and (B2). The first layer of a network needs
// no gradient with respect to its input, the data, and skipping it saves a
// third of that layer's backward pass.
func (l *Linear) BackwardParams(dy *matrix.Dense) {
	// exercise linear-backward (3 points): add dW = Xᵀ·dY to l.DW and db = Σₙ dYₙ to l.DB, X being l.x (docs/autoencoder.md, (B1) and (B2))
	l.DW.AddMulTransA(l.x, dy) // in×out += (n×in)ᵀ · n×out
	l.DB.AddColSums(dy)        // 1×out
	// end exercise linear-backward
}

// Params returns W and b with their gradients.
func (l *Linear) Params() []Param {
	return []Param{{Name: "W", Value: l.W, Grad: l.DW}, {Name: "b", Value: l.B, Grad: l.DB}}
}
