package pca

import (
	"fmt"

	"bottleneck/matrix"
)

// LinearAutoencoder is the autoencoder of the lecture with identity
// activations and a code of k numbers, in the row-vector convention of the
// project: a centred sample x (1×in) has the code h = x·Encoder (1×k) and the
// reconstruction x̂ = h·Decoder (1×in). The rows of Decoder are directions in
// pixel space, the same layout as PCA.Components.
//
// The biases are left out because they are solved exactly: for any weights
// the best decoder bias puts the mean back (x̂ = μ + (x−μ)·W₁·W₁′), and the
// encoder bias is then redundant. So training on the centred data without
// biases is training the autoencoder with biases (docs/pca.md).
type LinearAutoencoder struct {
	Encoder *matrix.Dense // W₁: in×k
	Decoder *matrix.Dense // W₁′: k×in
}

// Reconstruct returns the reconstructions μ + (x − μ)·W₁·W₁′ of the samples
// x (n×in), mean being the training mean (length in).
func (ae *LinearAutoencoder) Reconstruct(x *matrix.Dense, mean []float64) *matrix.Dense {
	d, k := ae.Encoder.Dims()
	if x.Cols() != d || len(mean) != d {
		panic(fmt.Sprintf("pca: LinearAutoencoder.Reconstruct: data %d×%d and mean %d for an encoder %d×%d", x.Rows(), x.Cols(), len(mean), d, k))
	}
	xc := x.Clone()
	for i := 0; i < xc.Rows(); i++ {
		axpy(-1, mean, xc.Row(i))
	}
	codes := matrix.New(x.Rows(), k)
	codes.Mul(xc, ae.Encoder)
	out := matrix.New(x.Rows(), d)
	out.Mul(codes, ae.Decoder)
	for i := 0; i < out.Rows(); i++ {
		axpy(1, mean, out.Row(i))
	}
	return out
}

// SSEPerImage returns the mean over the samples x (n×in) of Σⱼ (xⱼ − x̂ⱼ)²,
// x̂ being Reconstruct's μ + (x − μ)·W₁·W₁′, mean being μ (length in): the
// per-image error (not halved) that bottleneck prints. It works through x
// a block of rows at a time, so it never holds a reconstruction of the
// whole data set.
func (ae *LinearAutoencoder) SSEPerImage(x *matrix.Dense, mean []float64) float64 {
	d, k := ae.Encoder.Dims()
	n := x.Rows()
	if x.Cols() != d || len(mean) != d {
		panic(fmt.Sprintf("pca: LinearAutoencoder.SSEPerImage: data %d×%d and mean %d for an encoder %d×%d", n, x.Cols(), len(mean), d, k))
	}
	xc := matrix.New(min(n, fitBlockRows), d)    // centred block
	codes := matrix.New(min(n, fitBlockRows), k) // its codes
	xhat := matrix.New(min(n, fitBlockRows), d)  // its centred reconstruction
	sse := 0.0
	for i0 := 0; i0 < n; i0 += fitBlockRows {
		rows := min(fitBlockRows, n-i0)
		c, h, r := xc.SliceRows(0, rows), codes.SliceRows(0, rows), xhat.SliceRows(0, rows)
		for i := 0; i < rows; i++ {
			row := c.Row(i)
			for j, v := range x.Row(i0 + i) {
				row[j] = v - mean[j]
			}
		}
		h.Mul(c, ae.Encoder)
		r.Mul(h, ae.Decoder)
		r.Sub(c, r) // (x − μ) − (x̂ − μ) = x − x̂
		for i := 0; i < rows; i++ {
			sse += dot(r.Row(i), r.Row(i))
		}
	}
	return sse / float64(max(n, 1))
}
