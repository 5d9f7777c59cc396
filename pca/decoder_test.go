package pca

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestSingularDirections: the rows (0, 2, 0) and (1, 0, 0) stretch e₁ by 2
// and e₀ by 1, so the directions are ±e₁ then ±e₀; and in general the
// directions are orthonormal and w stretches direction i by sᵢ.
func TestSingularDirections(t *testing.T) {
	w := matrix.NewFromSlice(2, 3, []float64{0, 2, 0, 1, 0, 0})
	dirs, s, err := SingularDirections(w)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || !(math.Abs(s[0]-2) <= 1e-15) || !(math.Abs(s[1]-1) <= 1e-15) {
		t.Errorf("s = %v, want [2 1]", s)
	}
	if r, c := dirs.Dims(); r != 2 || c != 3 || !(math.Abs(math.Abs(dirs.At(0, 1))-1) <= 1e-15) || !(math.Abs(math.Abs(dirs.At(1, 0))-1) <= 1e-15) {
		t.Errorf("directions %v, want ±e₁ and ±e₀", dirs)
	}

	rng := rand.New(rand.NewPCG(3, 4))
	w = randomNormal(rng, 4, 9)
	dirs, s, err = SingularDirections(w)
	if err != nil {
		t.Fatal(err)
	}
	if off := maxOffIdentity(dirs); !(off <= 1e-12) {
		t.Errorf("directions are %.3g from orthonormal", off)
	}
	stretched := matrix.New(4, 4)
	stretched.MulTransB(w, dirs) // column i: w·vᵢ, of length sᵢ
	for i := range s {
		norm := 0.0
		for r := 0; r < 4; r++ {
			norm += stretched.At(r, i) * stretched.At(r, i)
		}
		if !(math.Abs(math.Sqrt(norm)-s[i]) <= 1e-12*s[0]) || (i > 0 && s[i] > s[i-1]) {
			t.Errorf("‖w·v%d‖ = %v, s = %v (want equal, s descending)", i, math.Sqrt(norm), s)
		}
	}
	if _, _, err := SingularDirections(matrix.NewFromSlice(1, 2, []float64{math.Inf(1), 0})); err == nil {
		t.Error("Inf: no error")
	}
}

func TestLiveDims(t *testing.T) {
	tests := []struct {
		name string
		s    []float64
		want int
	}{
		{"none", nil, 0},
		{"all live", []float64{2, 1}, 2},
		// 0.01² = 1e-4 = LiveS2 is live; 0.0099² = 9.8e-5 is not.
		{"at the threshold", []float64{1, 0.01, 0.0099}, 2},
		{"all off", []float64{0.005, 0}, 0},
		{"NaN counts as off", []float64{1, math.NaN()}, 1},
	}
	for _, tt := range tests {
		if got := LiveDims(tt.s); got != tt.want {
			t.Errorf("%s: LiveDims(%v) = %d, want %d", tt.name, tt.s, got, tt.want)
		}
	}
}

// TestLiveAngles: a decoder whose third row is switched off spans two
// dimensions, and the angles are measured over those two only.
func TestLiveAngles(t *testing.T) {
	top := matrix.NewFromSlice(3, 4, []float64{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0})
	alpha := 0.3
	tests := []struct {
		name     string
		decoder  *matrix.Dense
		wantLive int
		want     []float64
	}{
		// Rows mixing e₀ and e₁ (any invertible mix spans the same plane),
		// and a third row far below LiveS2 along e₃.
		{"mixed plane, one off", matrix.NewFromSlice(3, 4, []float64{2, 1, 0, 0, 1, -1, 0, 0, 0, 0, 0, 1e-4}), 2, []float64{0, 0}},
		// e₁ turned by α towards e₃: angles 0 (e₀) and α.
		{"tilted", matrix.NewFromSlice(3, 4, []float64{3, 0, 0, 0, 0, 2 * math.Cos(alpha), 0, 2 * math.Sin(alpha), 0, 0, 0, 0}), 2, []float64{0, alpha}},
		{"all live", matrix.NewFromSlice(3, 4, []float64{0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0}), 3, []float64{0, 0, 0}},
		{"switched off", matrix.New(3, 4), 0, nil},
	}
	for _, tt := range tests {
		angles, live, err := LiveAngles(tt.decoder, top)
		if err != nil || live != tt.wantLive || len(angles) != len(tt.want) {
			t.Errorf("%s: angles %v, live %d, err %v; want %v and %d", tt.name, angles, live, err, tt.want, tt.wantLive)
			continue
		}
		for i := range angles {
			if !(math.Abs(angles[i]-tt.want[i]) <= 1e-7) { // acos loses half the digits near 0 (PrincipalAngles)
				t.Errorf("%s: angles %v, want %v", tt.name, angles, tt.want)
			}
		}
	}
	if msg := panics(func() { LiveAngles(matrix.New(3, 4), top.SliceRows(0, 2)) }); !strings.HasPrefix(msg, "pca: LiveAngles:") {
		t.Errorf("top with fewer rows: panic %q", msg)
	}
	if _, _, err := LiveAngles(matrix.NewFromSlice(1, 4, []float64{math.NaN(), 0, 0, 0}), top); err == nil {
		t.Error("NaN decoder: no error")
	}
}

func TestPairCos2(t *testing.T) {
	h := 1 / math.Sqrt2
	u := matrix.NewFromSlice(4, 2, []float64{1, 0, 1, 0, 1, 0, 0, 1})
	w := matrix.NewFromSlice(4, 2, []float64{-3, 0, 0, 2, h, h, 0, 0})
	want := []float64{1, 0, 0.5, 0} // parallel (opposite sign), orthogonal, 45°, zero row
	got := PairCos2(u, w)
	for i := range want {
		if !(math.Abs(got[i]-want[i]) <= 1e-15) {
			t.Errorf("PairCos2 = %v, want %v", got, want)
			break
		}
	}
	if msg := panics(func() { PairCos2(u, w.SliceRows(0, 3)) }); !strings.HasPrefix(msg, "pca: PairCos2:") {
		t.Errorf("different shapes: panic %q", msg)
	}
}

// TestCos2AgreesWithPairCos2: the two are one measure, so on rows with no
// zero the diagonal of Cos2 is PairCos2, bit for bit.
func TestCos2AgreesWithPairCos2(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	u, w := randomNormal(rng, 5, 7), randomNormal(rng, 5, 7)
	all, err := Cos2(u, w)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range PairCos2(u, w) {
		if all.At(i, i) != c || !(c >= 0 && c <= 1) {
			t.Errorf("row %d: Cos2 %v, PairCos2 %v", i, all.At(i, i), c)
		}
	}
}

func TestRegularizedS2(t *testing.T) {
	tests := []struct {
		sigma2, lambda, want float64
	}{
		{5, 0, 1},          // no weight decay: the decoder passes the component whole
		{5, 0.5, 0.9},      // 1 − 0.5/5
		{0.5, 0.5, 0},      // σ² = λ: switched off
		{0.1, 0.5, 0},      // σ² < λ: switched off, not negative
		{0, 0, 0},          // no variance: nothing to pass
		{-1e-17, 0.5, 0},   // a variance rounded below zero
		{math.NaN(), 0, 0}, // NaN gives no direction
	}
	for _, tt := range tests {
		if got := RegularizedS2(tt.sigma2, tt.lambda); !(math.Abs(got-tt.want) <= 1e-15) {
			t.Errorf("RegularizedS2(%v, %v) = %v, want %v", tt.sigma2, tt.lambda, got, tt.want)
		}
	}
}
