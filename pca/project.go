package pca

import (
	"fmt"

	"bottleneck/matrix"
)

// centre returns x − μ (n×in), a new matrix.
func (p *PCA) centre(x *matrix.Dense) *matrix.Dense {
	xc := x.Clone()
	for i := 0; i < xc.Rows(); i++ {
		axpy(-1, p.Mean, xc.Row(i))
	}
	return xc
}

// Project returns the codes of the samples x (n×in) on the first k
// components: codes = (x − μ)·Vₖᵀ (n×k), where Vₖ (k×in) holds the
// components as rows. Code j of a sample is its coordinate along component j.
func (p *PCA) Project(x *matrix.Dense, k int) (*matrix.Dense, error) {
	if err := p.checkK("Project", k); err != nil {
		return nil, err
	}
	if err := p.checkData("Project", x); err != nil {
		return nil, err
	}
	// exercise pca-project-reconstruct (3 points): codes = (x − μ)·Vₖᵀ (n×k), Vₖ the first k rows of p.Components; p.centre(x) is x − μ
	codes := matrix.New(x.Rows(), k)
	codes.MulTransB(p.centre(x), p.Components.SliceRows(0, k))
	return codes, nil
	// end exercise pca-project-reconstruct
}

// Reconstruct returns the samples that the codes (n×k) stand for:
// x̂ = codes·Vₖ + μ (n×in). It is the orthogonal projection of the original
// samples onto the affine subspace μ + span(Vₖ).
func (p *PCA) Reconstruct(codes *matrix.Dense) (*matrix.Dense, error) {
	k := codes.Cols()
	if err := p.checkK("Reconstruct", k); err != nil {
		return nil, err
	}
	// exercise pca-project-reconstruct (continued): x̂ = codes·Vₖ + μ (n×in)
	xhat := matrix.New(codes.Rows(), p.Dim())
	xhat.Mul(codes, p.Components.SliceRows(0, k))
	for i := 0; i < xhat.Rows(); i++ {
		axpy(1, p.Mean, xhat.Row(i))
	}
	return xhat, nil
	// end exercise pca-project-reconstruct
}

// ReconstructionError returns the mean over the samples x (n×in) of the sum
// of squared errors Σⱼ (xⱼ − x̂ⱼ)² when each is projected onto k components
// and reconstructed: the per-image SSE (not halved) that bottleneck prints
// as test_sse_per_image. PCA with k components is the linear autoencoder
// with W₁ = Vₖᵀ and W₁′ = Vₖ, so it uses that autoencoder's SSEPerImage,
// which works a block of rows at a time.
func (p *PCA) ReconstructionError(x *matrix.Dense, k int) (float64, error) {
	if err := p.checkK("ReconstructionError", k); err != nil {
		return 0, err
	}
	if err := p.checkData("ReconstructionError", x); err != nil {
		return 0, err
	}
	top := p.Components.SliceRows(0, k) // Vₖ: k×in
	ae := &LinearAutoencoder{Encoder: matrix.New(p.Dim(), k), Decoder: top}
	ae.Encoder.Transpose(top)
	return ae.SSEPerImage(x, p.Mean), nil
}

// ErrorCurve returns the per-image reconstruction error of x (n×in) for every
// k from 0 to kmax: curve[k] is what ReconstructionError(x, k) returns (for
// k = 0, the reconstruction is the mean). It projects once, using
// Pythagoras: the components are orthonormal, so
//
//	‖(x−μ) − x̂‖² = ‖x−μ‖² − Σ_{j<k} code_j²
//
// and each extra component takes its code's square off the error.
func (p *PCA) ErrorCurve(x *matrix.Dense, kmax int) ([]float64, error) {
	codes, err := p.Project(x, kmax)
	if err != nil {
		return nil, fmt.Errorf("pca: ErrorCurve: %w", err)
	}
	n := float64(x.Rows())
	curve := make([]float64, kmax+1)
	xc := p.centre(x)
	for i := 0; i < xc.Rows(); i++ {
		r := xc.Row(i)
		curve[0] += dot(r, r) / n
	}
	for k := 1; k <= kmax; k++ {
		sq := 0.0
		for i := 0; i < codes.Rows(); i++ {
			c := codes.At(i, k-1)
			sq += c * c
		}
		curve[k] = curve[k-1] - sq/n
	}
	return curve, nil
}
