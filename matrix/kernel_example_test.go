package matrix_test

import (
	"errors"
	"fmt"

	"bottleneck/matrix"
)

// SetKernel("reference") puts every product on MulRef's triple loop: the
// textbook path, slow but easy to step through. The same numbers come out
// as with the fast kernels, to within rounding.
func ExampleSetKernel() {
	fast := matrix.Kernel()
	if err := matrix.SetKernel("reference"); err != nil {
		fmt.Println(err)
		return
	}
	defer matrix.SetKernel(fast) // back to the fast kernel afterwards

	a := matrix.NewFromSlice(2, 3, []float64{1, 2, 3, 4, 5, 6})
	b := matrix.NewFromSlice(3, 1, []float64{1, 0, -1})
	c := matrix.New(2, 1)
	c.Mul(a, b)
	fmt.Println(matrix.Kernel())
	fmt.Print(c)

	err := matrix.SetKernel("avx1024")
	fmt.Println(errors.Is(err, matrix.ErrUnknownKernel), matrix.Kernel())
	// Output:
	// reference
	// [-2]
	// [-2]
	// true reference
}
