package pca_test

import (
	"fmt"
	"math"

	"bottleneck/matrix"
	"bottleneck/pca"
)

// Five points close to the line y = x: the first component points along it
// and keeps almost all the variance; one code per point reconstructs them
// up to the small distance off the line.
func Example() {
	x := matrix.NewFromSlice(5, 2, []float64{
		1, 1.1,
		2, 1.9,
		3, 3.0,
		4, 4.1,
		5, 4.9,
	})
	p, err := pca.Fit(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	ratio, _ := p.ExplainedVarianceRatio()
	fmt.Printf("mean %.2f\n", p.Mean)
	fmt.Printf("variances %.4f, explained %.4f\n", p.Variances, ratio)
	fmt.Printf("first component %.4f\n", p.Components.Row(0))
	codes, _ := p.Project(x, 1) // 5×1: one code per point
	row := matrix.New(1, 5)
	row.Transpose(codes)
	fmt.Printf("codes %.3f\n", row.Row(0))
	e, _ := p.ReconstructionError(x, 1)
	fmt.Printf("per-point squared error with k = 1: %.4f\n", e)
	// Output:
	// mean [3.00 3.00]
	// variances [3.9243 0.0037], explained [0.9991 0.0009]
	// first component [0.7136 0.7006]
	// codes [-2.758 -1.484 0.000 1.484 2.758]
	// per-point squared error with k = 1: 0.0037
}

// The principal angles between two planes in R³ that share a line: 0 for the
// shared line, then the angle between the planes.
func ExamplePrincipalAngles() {
	xy := matrix.NewFromSlice(2, 3, []float64{
		1, 0, 0,
		0, 1, 0,
	})
	tilted := matrix.NewFromSlice(2, 3, []float64{
		1, 0, 0,
		0, 1, 1, // 45° out of the xy-plane
	})
	angles, err := pca.PrincipalAngles(xy, tilted)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range angles {
		fmt.Printf("%.1f° ", a*180/math.Pi)
	}
	fmt.Println()
	// Output: 0.0° 45.0°
}

// The singular value decomposition of a 2×2 matrix: a = u·diag(s)·vᵀ.
func ExampleSVD() {
	a := matrix.NewFromSlice(2, 2, []float64{
		3, 0,
		4, 5,
	})
	u, s, v, err := pca.SVD(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("s² = %.4f (the eigenvalues of aᵀa, 45 and 5)\n", []float64{s[0] * s[0], s[1] * s[1]})
	for j := 0; j < 2; j++ {
		fmt.Printf("u column %d (%.4f, %.4f), v column %d (%.4f, %.4f)\n", j, u.At(0, j), u.At(1, j), j, v.At(0, j), v.At(1, j))
	}
	// Output:
	// s² = [45.0000 5.0000] (the eigenvalues of aᵀa, 45 and 5)
	// u column 0 (0.3162, 0.9487), v column 0 (0.7071, 0.7071)
	// u column 1 (0.9487, -0.3162), v column 1 (0.7071, -0.7071)
}

// A decoder of three rows, one of which weight decay has switched off: it
// spans a plane, tilted 30° from the plane of the first two components.
func ExampleLiveAngles() {
	top := matrix.NewFromSlice(3, 3, []float64{ // the components e₀, e₁, e₂
		1, 0, 0,
		0, 1, 0,
		0, 0, 1,
	})
	c, s := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	decoder := matrix.NewFromSlice(3, 3, []float64{
		2, 0, 0,
		0, c, s,
		0, 0, 1e-5, // s² = 1e-10, below LiveS2
	})
	angles, live, err := pca.LiveAngles(decoder, top)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d live directions, angles", live)
	for _, a := range angles {
		fmt.Printf(" %.1f°", a*180/math.Pi)
	}
	fmt.Println()
	fmt.Printf("cos² of each row with its component: %.2f\n", pca.PairCos2(decoder, top))
	// Output:
	// 2 live directions, angles 0.0° 30.0°
	// cos² of each row with its component: [1.00 0.75 1.00]
}
