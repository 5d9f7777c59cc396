package pca

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradePrincipalAngles grades exercise principal-angles:
// PrincipalAngles returns the principal angles between the spans of the
// rows of a and b, in radians and ascending: with orthonormal bases Q₁ and
// Q₂ of the two spans, the singular values of Q₁·Q₂ᵀ are their cosines
// (Björck and Golub, 1973; docs/pca.md, "Same subspace, not the same
// basis"). The subspaces are built with known angles: in R⁵, span{e₁, e₂}
// against span{cos α·e₁ + sin α·e₃, cos β·e₂ + sin β·e₄} has the angles α
// and β. The same subspaces are then turned by a random rotation (angles do
// not change) and given bases that are not orthonormal (neither does the
// span).
func TestGradePrincipalAngles(t *testing.T) {
	const alpha, beta = 0.3, 1.1
	a := gradeRows([][]float64{{1, 0, 0, 0, 0}, {0, 1, 0, 0, 0}})
	b := gradeRows([][]float64{
		{math.Cos(alpha), 0, math.Sin(alpha), 0, 0},
		{0, math.Cos(beta), 0, math.Sin(beta), 0},
	})
	if !gradeAngles(t, "span{e₁, e₂} and span{cos 0.3·e₁ + sin 0.3·e₃, cos 1.1·e₂ + sin 1.1·e₄}", a, b, []float64{alpha, beta}) {
		return
	}
	orth := gradeRows([][]float64{{0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}})
	if !gradeAngles(t, "span{e₁, e₂} and span{e₃, e₄}", a, orth, []float64{math.Pi / 2, math.Pi / 2}) {
		return
	}
	line := gradeRows([][]float64{{math.Cos(beta), 0, 0, 0, math.Sin(beta)}})
	if !gradeAngles(t, "span{e₁, e₂} and the line through cos 1.1·e₁ + sin 1.1·e₅", a, line, []float64{beta}) {
		return
	}

	rng := gradeRand(130)
	q := gradeRotation(rng, 5)
	mix := gradeRows([][]float64{{2, 1}, {-1, 3}}) // an invertible 2×2: same span, other basis
	turned := func(m *matrix.Dense) *matrix.Dense { return gradeTimes(m, q) }
	if !gradeAngles(t, "the first two subspaces turned by a random rotation, with bases [2 1; −1 3]·rows", gradeTimes(mix, turned(a)), gradeTimes(mix, turned(b)), []float64{alpha, beta}) {
		return
	}
}

// gradeAngles reports through t, and returns false, unless the principal
// angles between the spans of the rows of a and b are want, to within
// 1e-9 rad.
func gradeAngles(t *testing.T, what string, a, b *matrix.Dense, want []float64) bool {
	t.Helper()
	got, err := PrincipalAngles(a, b)
	if err != nil {
		t.Errorf("PrincipalAngles of %s: %v", what, err)
		return false
	}
	if len(got) != len(want) {
		t.Errorf("PrincipalAngles of %s: %d angles %v, want %d: %v", what, len(got), got, len(want), want)
		return false
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("PrincipalAngles of %s: %v, want %v radians, ascending", what, got, want)
			return false
		}
	}
	return true
}
