package nn_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The lecture's input layer has M·N + 1 nodes (09:20): the 784 pixels and a
// bias node that always holds 1. Appending that 1 to every row of X and the
// bias node's weights b under W gives the same layer as nn.Linear's
// X·W + b (docs/autoencoder.md, "The bias node").
func ExampleLinear_biasNode() {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, in, d = 4, 784, 32
	l := nn.NewLinear(in, d)
	nn.GlorotUniform(l.W, rng)
	for j := 0; j < d; j++ {
		l.B.Set(0, j, rng.NormFloat64()) // biases that are not 0, or the test shows nothing
	}
	X := matrix.New(n, in)
	for i := 0; i < n; i++ {
		for j := 0; j < in; j++ {
			X.Set(i, j, rng.Float64())
		}
	}

	// The slide's network: [X 1] (n×785) times [W; b] (785×d).
	X1, Wb := matrix.New(n, in+1), matrix.New(in+1, d)
	for i := 0; i < n; i++ {
		copy(X1.Row(i), X.Row(i))
		X1.Set(i, in, 1) // the bias node
	}
	for k := 0; k < in; k++ {
		copy(Wb.Row(k), l.W.Row(k))
	}
	copy(Wb.Row(in), l.B.Row(0)) // the bias node's weights: b
	slide := matrix.New(n, d)
	slide.MulRef(X1, Wb)

	got := l.Forward(X) // X·W + b
	worst := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			worst = max(worst, math.Abs(got.At(i, j)-slide.At(i, j)))
		}
	}
	fmt.Printf("[X 1]: %d×%d, [W; b]: %d×%d, X·W + b: %d×%d\n", X1.Rows(), X1.Cols(), Wb.Rows(), Wb.Cols(), got.Rows(), got.Cols())
	// The two sum the same 785 products in another order: equal to rounding.
	fmt.Println("the same to 1e-12:", worst <= 1e-12)
	// Output:
	// [X 1]: 4×785, [W; b]: 785×32, X·W + b: 4×32
	// the same to 1e-12: true
}
