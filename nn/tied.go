package nn

import "bottleneck/matrix"

// TiedLinear is a linear layer that reuses the transpose of another layer's
// weights, Y = X·Wᵀ + b′: a decoder layer of a tied autoencoder, whose W₁′
// is the encoder's W₁ᵀ (tying is this project's option; in the lecture W₁′
// is a matrix of its own).
//
// W belongs to the layer it is tied to (in×out there, so this layer maps out
// to in). Backward adds its contribution into that layer's DW, which then
// holds the sum of both contributions, as the chain rule requires for a
// parameter used twice. Params returns only b′, so an optimizer updates W
// once.
type TiedLinear struct {
	Tied  *Linear       // the layer whose W is shared
	B, DB *matrix.Dense // own bias b′: 1×in of Tied
	x     *matrix.Dense
	y, dx batchBuffer
}

// NewTiedLinear returns a layer computing X·Wᵀ + b′ with W shared with
// tied and a zero bias.
func NewTiedLinear(tied *Linear) *TiedLinear {
	in, _ := tied.W.Dims()
	return &TiedLinear{
		Tied: tied,
		B:    matrix.New(1, in), DB: matrix.New(1, in),
	}
}

// Forward returns Y = X·Wᵀ + b′. x: n×out, Y: n×in (in×out being W's shape).
func (l *TiedLinear) Forward(x *matrix.Dense) *matrix.Dense {
	l.x = x
	w := l.Tied.W
	y := l.y.get(x.Rows(), w.Rows())
	y.MulTransB(x, w) // n×in = n×out · (in×out)ᵀ
	y.AddRowVector(l.B)
	return y
}

// Backward adds dW += dYᵀ·X into the tied layer's gradient, db′ = Σₙ dYₙ,
// and returns dX = dY·W.
func (l *TiedLinear) Backward(dy *matrix.Dense) *matrix.Dense {
	w := l.Tied.W
	// exercise tied-gradient (3 points): add dYᵀ·X to l.Tied.DW (the encoder's part is in it), Σₙ dYₙ to l.DB; return dX = dY·W in l.dx.get(n, out)
	l.Tied.DW.AddMulTransA(dy, l.x) // in×out += (n×in)ᵀ · n×out
	l.DB.AddColSums(dy)
	dx := l.dx.get(dy.Rows(), w.Cols())
	dx.Mul(dy, w) // n×out = n×in · in×out
	return dx
	// end exercise tied-gradient
}

// Params returns the bias b′ only; W is a parameter of the tied layer.
func (l *TiedLinear) Params() []Param {
	return []Param{{Name: "b", Value: l.B, Grad: l.DB}}
}
