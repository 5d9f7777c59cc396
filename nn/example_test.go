package nn_test

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// The three stages of backpropagation on a one-layer network, followed by
// the numerical check of the weight gradient.
func Example() {
	rng := rand.New(rand.NewPCG(1, 2))
	layer := nn.NewLinear(3, 2)
	nn.GlorotUniform(layer.W, rng)
	net := &nn.Network{Layers: []nn.Layer{layer, &nn.Sigmoid{}}}

	x := matrix.NewFromSlice(2, 3, []float64{0, 1, 0.5, 1, 0, 0.25})
	target := matrix.NewFromSlice(2, 2, []float64{1, 0, 0, 1})
	grad := matrix.New(2, 2)

	params := net.Params()
	nn.ZeroGrad(params)
	pred := net.Forward(x)                          // 1. forward
	loss := nn.HalfSquaredError(pred, target, grad) // 2. output delta
	net.Backward(grad)                              // 3. backward
	fmt.Printf("loss %.4f\n", loss)

	f := func() float64 { return nn.HalfSquaredError(net.Forward(x), target, nil) }
	r := nn.CheckGradient(f, params[0], nn.GradCheckStep, 1)
	fmt.Println(r.Name, "passes:", r.Pass(nn.GradCheckTolerance))
	// Output:
	// loss 0.5239
	// layer 0 W passes: true
}

// CheckGradient on a hand-made function: f(w) = w₀² + 3w₁, whose gradient
// is (2w₀, 3).
func ExampleCheckGradient() {
	w := matrix.NewFromSlice(1, 2, []float64{1.5, -2})
	g := matrix.NewFromSlice(1, 2, []float64{3, 3})
	f := func() float64 { return w.At(0, 0)*w.At(0, 0) + 3*w.At(0, 1) }
	r := nn.CheckGradient(f, nn.Param{Name: "w", Value: w, Grad: g}, nn.GradCheckStep, 1)
	fmt.Printf("%s: relative error below 1e-9: %v\n", r.Name, r.RelErr < 1e-9)
	// Output: w: relative error below 1e-9: true
}
