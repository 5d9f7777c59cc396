package pca

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

func TestPrincipalAngles(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	q := randomOrthogonal(t, rng, 10)
	first4 := q.SliceRows(0, 4)
	next3 := q.SliceRows(4, 7)
	// The same span written with another basis: random combinations.
	mix := matrix.New(4, 10)
	mix.Mul(randomNormal(rng, 4, 4), first4)
	// Two lines in the plane at 30° to each other.
	theta := math.Pi / 6
	line1 := matrix.NewFromSlice(1, 3, []float64{1, 0, 0})
	line2 := matrix.NewFromSlice(1, 3, []float64{math.Cos(theta), math.Sin(theta), 0})
	// A plane and a line in it (p ≠ q): one angle, 0.
	plane := matrix.NewFromSlice(2, 3, []float64{1, 0, 0, 0, 1, 0})
	lineIn := matrix.NewFromSlice(1, 3, []float64{3, -4, 0})
	// Two planes in R⁴ with known angles: span(e₀, e₁) and
	// span(cos α e₀ + sin α e₂, cos β e₁ + sin β e₃) have angles α and β.
	alpha, beta := 0.1, 1.2
	planeA := matrix.NewFromSlice(2, 4, []float64{1, 0, 0, 0, 0, 1, 0, 0})
	planeB := matrix.NewFromSlice(2, 4, []float64{math.Cos(alpha), 0, math.Sin(alpha), 0, 0, math.Cos(beta), 0, math.Sin(beta)})
	tests := []struct {
		name string
		a, b *matrix.Dense
		want []float64
	}{
		{"itself", first4, first4, []float64{0, 0, 0, 0}},
		{"same span, other basis", first4, mix, []float64{0, 0, 0, 0}},
		{"orthogonal", first4, next3, []float64{math.Pi / 2, math.Pi / 2, math.Pi / 2}},
		{"lines at 30°", line1, line2, []float64{theta}},
		{"line in a plane", plane, lineIn, []float64{0}},
		{"planes at α and β", planeA, planeB, []float64{alpha, beta}},
	}
	for _, tt := range tests {
		got, err := PrincipalAngles(tt.a, tt.b)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(got) != len(tt.want) {
			t.Fatalf("%s: %d angles, want %d", tt.name, len(got), len(tt.want))
		}
		for i := range got {
			// 1e-7 rad: angles come from acos, accurate to about √ε ≈ 1.5e-8.
			if !(math.Abs(got[i]-tt.want[i]) <= 1e-7) { // written so that NaN fails
				t.Errorf("%s: angles %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
}

// TestPrincipalAnglesDependentRows: dependent rows span fewer dimensions,
// and there are only as many angles as the smaller span has.
func TestPrincipalAnglesDependentRows(t *testing.T) {
	// Both rows are multiples of (1, 2, 3): a line, at angle acos(1/√14) to e₀.
	line := matrix.NewFromSlice(2, 3, []float64{1, 2, 3, 2, 4, 6})
	e0 := matrix.NewFromSlice(1, 3, []float64{1, 0, 0})
	got, err := PrincipalAngles(line, e0)
	if err != nil {
		t.Fatal(err)
	}
	if want := math.Acos(1 / math.Sqrt(14)); len(got) != 1 || !(math.Abs(got[0]-want) <= 1e-12) {
		t.Errorf("angles %v, want [%v]", got, want)
	}
	// A plane written with three rows against itself written with two.
	plane3 := matrix.NewFromSlice(3, 3, []float64{1, 0, 0, 0, 1, 0, 1, 1, 0})
	plane2 := matrix.NewFromSlice(2, 3, []float64{1, 1, 0, 1, -1, 0})
	got, err = PrincipalAngles(plane3, plane2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !(got[1] <= 1e-7) {
		t.Errorf("plane against itself: angles %v, want two zeros", got)
	}
}

func TestPrincipalAnglesErrors(t *testing.T) {
	ok := matrix.NewFromSlice(1, 3, []float64{1, 0, 0})
	if _, err := PrincipalAngles(matrix.New(2, 3), ok); err == nil || !strings.Contains(err.Error(), "is zero") {
		t.Errorf("zero matrix: err = %v", err)
	}
	nan := matrix.NewFromSlice(1, 3, []float64{1, math.NaN(), 0})
	if _, err := PrincipalAngles(ok, nan); err == nil {
		t.Error("NaN: no error")
	}
	if msg := panics(func() { PrincipalAngles(ok, matrix.New(1, 4)) }); !strings.HasPrefix(msg, "pca: PrincipalAngles:") {
		t.Errorf("different d: panic %q", msg)
	}
}

func TestOrthonormalizeDependent(t *testing.T) {
	dependent := matrix.NewFromSlice(2, 3, []float64{1, 2, 3, 2, 4, 6})
	if _, err := Orthonormalize(dependent); err == nil || !strings.Contains(err.Error(), "combination of the rows before it") {
		t.Errorf("dependent rows: err = %v", err)
	}
}

// TestSubspaceDistance: 0 for the same span, 1 for orthogonal spans, and the
// mean of sin² of the principal angles in between.
func TestSubspaceDistance(t *testing.T) {
	alpha, beta := 0.1, 1.2
	planeA := matrix.NewFromSlice(2, 4, []float64{1, 0, 0, 0, 0, 1, 0, 0})
	planeB := matrix.NewFromSlice(2, 4, []float64{math.Cos(alpha), 0, math.Sin(alpha), 0, 0, math.Cos(beta), 0, math.Sin(beta)})
	planeC := matrix.NewFromSlice(2, 4, []float64{0, 0, 1, 0, 0, 0, 0, 2})
	scaled := matrix.NewFromSlice(2, 4, []float64{2, 2, 0, 0, 0, -3, 0, 0})
	tests := []struct {
		name string
		u, w *matrix.Dense
		want float64
	}{
		{"same", planeA, scaled, 0},
		{"orthogonal", planeA, planeC, 1},
		{"angles α, β", planeA, planeB, (math.Pow(math.Sin(alpha), 2) + math.Pow(math.Sin(beta), 2)) / 2},
		// w spans only e₀ (twice): half of span(e₀, e₁) is missed.
		{"w of lower rank", planeA, matrix.NewFromSlice(2, 4, []float64{1, 0, 0, 0, -2, 0, 0, 0}), 0.5},
	}
	for _, tt := range tests {
		got, err := SubspaceDistance(tt.u, tt.w)
		if err != nil || !(math.Abs(got-tt.want) <= 1e-14) {
			t.Errorf("%s: SubspaceDistance = %.17g, %v; want %.17g", tt.name, got, err, tt.want)
		}
	}
}

// TestAxisAlignment: 0 when the learned directions are the reference ones
// (in any order, sign and length), and 1 − cos²45° = 1/2 for a 45° rotation
// within the plane.
func TestAxisAlignment(t *testing.T) {
	u := matrix.NewFromSlice(2, 3, []float64{1, 0, 0, 0, 1, 0})
	permuted := matrix.NewFromSlice(2, 3, []float64{0, -5, 0, 2, 0, 0})
	h := 1 / math.Sqrt2
	rotated := matrix.NewFromSlice(2, 3, []float64{h, h, 0, -h, h, 0})
	tests := []struct {
		name string
		w    *matrix.Dense
		want float64
	}{
		{"permuted and scaled", permuted, 0},
		{"rotated 45°", rotated, 0.5}, // maxⱼ cos²(uᵢ, wⱼ) = 1/2 for both uᵢ
	}
	for _, tt := range tests {
		got, err := AxisAlignment(u, tt.w)
		if err != nil || !(math.Abs(got-tt.want) <= 1e-15) {
			t.Errorf("%s: AxisAlignment = %.17g, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := AxisAlignment(u, matrix.New(1, 3)); err == nil {
		t.Error("zero learned direction: no error")
	}
}
