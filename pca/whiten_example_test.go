package pca_test

import (
	"fmt"
	"math"

	"bottleneck/matrix"
	"bottleneck/pca"
)

// covariance returns (1/n)·Σᵢ (xᵢ−μ)ᵀ(xᵢ−μ) of the rows of x, as Fit
// computes it.
func covariance(x *matrix.Dense) *matrix.Dense {
	n, d := x.Dims()
	mean := matrix.New(1, d)
	mean.AddColSums(x)
	mean.Scale(1/float64(n), mean)
	c := matrix.New(d, d)
	for i := 0; i < n; i++ {
		for a := 0; a < d; a++ {
			for b := 0; b < d; b++ {
				c.Set(a, b, c.At(a, b)+(x.At(i, a)-mean.At(0, a))*(x.At(i, b)-mean.At(0, b))/float64(n))
			}
		}
	}
	return c
}

// rounded returns the entries of row i of m rounded to 4 decimals, with
// rounding errors that round to zero printed as 0, whatever their sign.
func rounded(m *matrix.Dense, i int) []float64 {
	r := make([]float64, m.Cols())
	for j, v := range m.Row(i) {
		r[j] = math.Round(v*1e4) / 1e4
		if r[j] == 0 {
			r[j] = 0 // not −0
		}
	}
	return r
}

// PCA whitening: the codes on both components, each divided by the
// standard deviation along its component, have the identity as their
// covariance: every direction carries the same variance, 1.
func ExamplePCA_WhitenPCA() {
	x := matrix.NewFromSlice(5, 2, []float64{1, 1.1, 2, 1.9, 3, 3.0, 4, 4.1, 5, 4.9})
	p, err := pca.Fit(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, err := p.WhitenPCA(x, 2, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := covariance(w)
	fmt.Println(rounded(c, 0), rounded(c, 1))
	// Output:
	// [1 0] [0 1]
}

// ZCA whitening: whitened as by WhitenPCA on all the components, then
// turned back to the original axes by the components V. The covariance is
// the identity again, and turning the result by Vᵀ gives the PCA-whitened
// codes back.
func ExamplePCA_WhitenZCA() {
	x := matrix.NewFromSlice(5, 2, []float64{1, 1.1, 2, 1.9, 3, 3.0, 4, 4.1, 5, 4.9})
	p, err := pca.Fit(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	z, err := p.WhitenZCA(x, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := covariance(z)
	fmt.Println(rounded(c, 0), rounded(c, 1))

	w, _ := p.WhitenPCA(x, 2, 0)
	vt := matrix.New(2, 2)
	vt.Transpose(p.Components)
	back := matrix.New(5, 2)
	back.Mul(z, vt) // z·Vᵀ: 5×2
	fmt.Println("z·Vᵀ equals the PCA-whitened codes:", matrix.EqualApprox(back, w, 1e-9))
	// Output:
	// [1 0] [0 1]
	// z·Vᵀ equals the PCA-whitened codes: true
}
