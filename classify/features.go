package classify

import (
	"fmt"
	"math"

	"bottleneck/matrix"
)

// Scaling centres and rescales features before the classifier sees them:
// x′ = (x − μ)/s, with μ the mean of each feature over the training set and
// s one number for all features, the root of their mean variance.
//
// Centring keeps the bias from having to absorb the features' means. The
// one common scale makes a learning rate mean the same for codes, whose
// units may lie anywhere, as for pixels in [0, 1], while keeping the
// features' relative sizes; scaling each feature by its own deviation
// instead would blow up a pixel that is on in a handful of training images.
type Scaling struct {
	Mean  []float64 // μ, one per feature
	Scale float64   // 1/s
}

// NewScaling measures the scaling of the rows of x (n×in). It returns an
// error if x has no rows or holds a value that is not finite.
func NewScaling(x *matrix.Dense) (Scaling, error) {
	n, d := x.Dims()
	if n == 0 {
		return Scaling{}, fmt.Errorf("classify: no training rows to measure the features on")
	}
	mean := make([]float64, d)
	for i := 0; i < n; i++ {
		for j, v := range x.Row(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Scaling{}, fmt.Errorf("classify: feature %d of row %d is %v", j, i, v)
			}
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	variance := 0.0 // Σ over features and rows of (x − μ)², then the mean
	for i := 0; i < n; i++ {
		for j, v := range x.Row(i) {
			variance += (v - mean[j]) * (v - mean[j])
		}
	}
	variance /= float64(n * d)
	scale := 1.0
	if variance > 0 { // features that never change stay 0 after centring
		scale = 1 / math.Sqrt(variance)
	}
	return Scaling{Mean: mean, Scale: scale}, nil
}

// Apply sets dst = (x − μ)/s. dst and x: n×in; dst may be x.
func (s Scaling) Apply(dst, x *matrix.Dense) {
	if dr, dc := dst.Dims(); dr != x.Rows() || dc != x.Cols() || dc != len(s.Mean) {
		panic(fmt.Sprintf("classify: Scaling.Apply: destination %d×%d, input %d×%d, %d means", dr, dc, x.Rows(), x.Cols(), len(s.Mean)))
	}
	for i := 0; i < x.Rows(); i++ {
		d := dst.Row(i)
		for j, v := range x.Row(i) {
			d[j] = (v - s.Mean[j]) * s.Scale
		}
	}
}
