package nn

import (
	"math"

	"bottleneck/matrix"
)

// Sigmoid is the logistic activation layer, y = σ(x) = 1/(1+e⁻ˣ), applied
// element by element. Its derivative is σ′(x) = y(1−y), computed from the
// output kept by Forward.
type Sigmoid struct {
	out   *matrix.Dense
	y, dx batchBuffer
	fast  sigmoidRows // the fast path of Forward (sigmoid_rows.go)
}

// Forward returns σ(x) element-wise (docs/autoencoder.md, equations (F2)
// and (F4)).
func (s *Sigmoid) Forward(x *matrix.Dense) *matrix.Dense {
	y := s.y.get(x.Rows(), x.Cols())
	if textbook() {
		y.Apply(sigmoid, x)
	} else {
		s.fast.forward(y, x) // the same σ a row at a time: SIMD where built in, on every core
	}
	s.out = y
	return y
}

// Backward returns dX = dY ⊙ y(1−y) (docs/autoencoder.md, equations (D2)
// and (D3)).
func (s *Sigmoid) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := s.dx.get(dy.Rows(), dy.Cols())
	for i := 0; i < dy.Rows(); i++ {
		dxi, dyi, yi := dx.Row(i), dy.Row(i), s.out.Row(i)
		for j, y := range yi {
			// exercise activation-derivatives (3 points): dX = dY times the sigmoid's derivative, written with its output y (docs/autoencoder.md)
			dxi[j] = dyi[j] * y * (1 - y)
			// end exercise activation-derivatives
		}
	}
	return dx
}

// Params returns nil: an activation has no parameters.
func (s *Sigmoid) Params() []Param { return nil }

// sigmoid computes 1/(1+e⁻ˣ) without overflow for large negative x.
func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Tanh is the hyperbolic tangent activation layer, y = tanh(x), with
// derivative 1 − y².
type Tanh struct {
	out   *matrix.Dense
	y, dx batchBuffer
}

// Forward returns tanh(x) element-wise.
func (t *Tanh) Forward(x *matrix.Dense) *matrix.Dense {
	y := t.y.get(x.Rows(), x.Cols())
	y.Apply(math.Tanh, x)
	t.out = y
	return y
}

// Backward returns dX = dY ⊙ (1 − y²).
func (t *Tanh) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := t.dx.get(dy.Rows(), dy.Cols())
	for i := 0; i < dy.Rows(); i++ {
		dxi, dyi, yi := dx.Row(i), dy.Row(i), t.out.Row(i)
		for j, y := range yi {
			// exercise activation-derivatives (continued): the same for tanh, whose derivative is a function of its output y too
			dxi[j] = dyi[j] * (1 - y*y)
			// end exercise activation-derivatives
		}
	}
	return dx
}

// Params returns nil: an activation has no parameters.
func (t *Tanh) Params() []Param { return nil }

// ReLU is the rectified linear activation layer, y = max(0, x), with
// derivative 1 where x > 0 and 0 elsewhere (0 at x = 0 itself, by
// convention).
type ReLU struct {
	out   *matrix.Dense
	y, dx batchBuffer
}

// Forward returns max(0, x) element-wise.
func (r *ReLU) Forward(x *matrix.Dense) *matrix.Dense {
	y := r.y.get(x.Rows(), x.Cols())
	y.Apply(relu, x)
	r.out = y
	return y
}

// Backward returns dX = dY where y > 0, and 0 elsewhere.
func (r *ReLU) Backward(dy *matrix.Dense) *matrix.Dense {
	dx := r.dx.get(dy.Rows(), dy.Cols())
	for i := 0; i < dy.Rows(); i++ {
		dxi, dyi, yi := dx.Row(i), dy.Row(i), r.out.Row(i)
		for j, y := range yi {
			// exercise activation-derivatives (continued): the same for ReLU (at 0 itself its derivative is taken as 0)
			if y > 0 {
				dxi[j] = dyi[j]
			} else {
				dxi[j] = 0
			}
			// end exercise activation-derivatives
		}
	}
	return dx
}

// Params returns nil: an activation has no parameters.
func (r *ReLU) Params() []Param { return nil }

func relu(x float64) float64 { return max(x, 0) }

// Identity is the linear activation y = x: the layer a linear autoencoder
// uses, and the code layer of Hinton and Salakhutdinov's deep autoencoder.
type Identity struct{}

// Forward returns x itself.
func (Identity) Forward(x *matrix.Dense) *matrix.Dense { return x }

// Backward returns dY itself.
func (Identity) Backward(dy *matrix.Dense) *matrix.Dense { return dy }

// Params returns nil: an activation has no parameters.
func (Identity) Params() []Param { return nil }

// NewActivation returns the activation layer with the given name: "sigmoid",
// "tanh", "relu", or "linear" (the identity). It is ParseActivation
// followed by New.
func NewActivation(name string) (Layer, error) {
	k, err := ParseActivation(name)
	if err != nil {
		return nil, err
	}
	return k.New(), nil
}
