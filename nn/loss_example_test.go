package nn_test

import (
	"fmt"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// A LossFunc lets a program choose its loss by name and use it without
// knowing which it is: here on one image of two pixels, x̂ = (0.8, 0.4)
// against x = (1, 0). Half the squared error is ½(0.2² + 0.4²) = 0.1 with
// gradient x̂ − x; the cross-entropy is −ln 0.8 − ln 0.6 ≈ 0.734 with
// gradient (x̂ − x)/(x̂(1 − x̂)).
func ExampleLossFunc() {
	losses := map[string]nn.LossFunc{
		"sse": nn.HalfSquaredError,
		"bce": nn.BinaryCrossEntropy,
	}
	pred := matrix.NewFromSlice(1, 2, []float64{0.8, 0.4})
	target := matrix.NewFromSlice(1, 2, []float64{1, 0})
	grad := matrix.New(1, 2)
	for _, name := range []string{"sse", "bce"} {
		loss := losses[name](pred, target, grad)
		fmt.Printf("%s: loss %.4f, gradient %.4f\n", name, loss, grad.Row(0))
	}
	// Output:
	// sse: loss 0.1000, gradient [-0.2000 0.4000]
	// bce: loss 0.7340, gradient [-1.2500 1.6667]
}
