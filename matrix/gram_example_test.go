package matrix_test

import (
	"fmt"

	"bottleneck/matrix"
)

// Gram computes aᵀ·a, here for three samples of two features: the (not yet
// centred or scaled) covariance that PCA starts from.
func ExampleDense_Gram() {
	a := matrix.NewFromSlice(3, 2, []float64{
		1, 2,
		3, 4,
		5, 6,
	})
	g := matrix.New(2, 2)
	g.Gram(a)
	fmt.Print(g)
	// Output:
	// [35 44]
	// [44 56]
}

// Kernel names the matrix-product kernel this build uses: "avx2" on an amd64
// CPU with AVX2 and FMA, "neon" on arm64, "portable" elsewhere. The output depends on the machine, so it is not checked.
func ExampleKernel() {
	fmt.Println(matrix.Kernel())
}
