package experiment

import (
	"math"
	"sort"

	"bottleneck/matrix"
	"bottleneck/pca"
)

// Directions describes how a decoder's rows (k×784) relate to the top k
// principal components. Its live dimensions are the right singular vectors
// whose squared singular value is at least pca.LiveS2; the angles and the
// subspace distance are over those (against as many top components), and
// are null in JSON when there are none. Angles are in degrees; errors are
// per image, Σ over the pixels of (x − x̂)².
type Directions struct {
	TrainSSEPerImage   float64   `json:"train_sse_per_image"`
	TestSSEPerImage    float64   `json:"test_sse_per_image"`
	LiveDims           int       `json:"live_dims"`
	PrincipalAnglesDeg []float64 `json:"principal_angles_deg"` // ascending
	MaxAngleDeg        *float64  `json:"max_principal_angle_deg"`
	MedianAngleDeg     *float64  `json:"median_principal_angle_deg"`
	SubspaceDistance   *float64  `json:"subspace_distance"` // Bao et al.: 0 when the spans agree
	AxisAlignment      *float64  `json:"axis_alignment"`    // over the raw rows, Bao et al.; null unless all k are live
	RowCos2            []float64 `json:"decoder_row_cos2"`  // decoder row i with component i
	SVDCos2            []float64 `json:"decoder_svd_cos2"`  // singular vector i with component i; live directions only
	S2                 []float64 `json:"decoder_s2"`        // squared singular values, descending
}

// DescribeDecoder compares the rows of decoder (k×784) with the top k
// principal components (k×784): the principal angles over its live
// dimensions, the measures of Bao et al., the cos² of each row and of each
// live right singular vector with the component of the same rank, and the
// squared singular values. The errors are left for the caller to fill in.
func DescribeDecoder(decoder, top *matrix.Dense) (Directions, error) {
	var r Directions
	dirs, s, err := pca.SingularDirections(decoder)
	if err != nil {
		return r, err
	}
	live := pca.LiveDims(s)
	r.LiveDims = live
	if live > 0 {
		angles, err := pca.PrincipalAngles(dirs.SliceRows(0, live), top.SliceRows(0, live))
		if err != nil {
			return r, err
		}
		for _, a := range angles {
			r.PrincipalAnglesDeg = append(r.PrincipalAnglesDeg, degrees(a))
		}
		maxAngle, medianAngle := r.PrincipalAnglesDeg[live-1], degrees(median(angles))
		r.MaxAngleDeg, r.MedianAngleDeg = &maxAngle, &medianAngle
		dist, err := pca.SubspaceDistance(top.SliceRows(0, live), dirs.SliceRows(0, live))
		if err != nil {
			return r, err
		}
		r.SubspaceDistance = &dist
	}
	if live == top.Rows() {
		align, err := pca.AxisAlignment(top, decoder)
		if err != nil {
			return r, err
		}
		r.AxisAlignment = &align
	}
	r.RowCos2 = pca.PairCos2(decoder, top)
	for _, v := range s {
		r.S2 = append(r.S2, v*v)
	}
	if live > 0 {
		r.SVDCos2 = pca.PairCos2(dirs.SliceRows(0, live), top.SliceRows(0, live))
	}
	return r, nil
}

// degrees converts an angle in radians to degrees.
func degrees(rad float64) float64 { return rad * 180 / math.Pi }

// median returns the median of x (which it does not modify).
func median(x []float64) float64 {
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	n := len(y)
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}
