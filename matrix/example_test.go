package matrix_test

import (
	"fmt"

	"bottleneck/matrix"
)

// A linear layer's forward pass on a batch of two samples: Y = X·W + b.
func Example() {
	x := matrix.NewFromSlice(2, 3, []float64{
		1, 0, 2,
		0, 1, 1,
	})
	w := matrix.NewFromSlice(3, 2, []float64{
		1, -1,
		2, 0,
		0, 3,
	})
	b := matrix.NewFromSlice(1, 2, []float64{0.5, -0.5})
	y := matrix.New(2, 2)
	y.Mul(x, w)
	y.AddRowVector(b)
	fmt.Print(y)
	// Output:
	// [1.5 4.5]
	// [2.5 2.5]
}

// A mini-batch is a view of rows of the data set: no copy is made.
func ExampleDense_SliceRows() {
	data := matrix.NewFromSlice(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	batch := data.SliceRows(1, 3)
	batch.Set(0, 0, 30)
	fmt.Println(batch.Rows(), batch.Cols(), data.At(1, 0))
	// Output: 2 2 30
}
