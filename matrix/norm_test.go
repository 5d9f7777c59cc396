package matrix

import (
	"math"
	"testing"
)

// TestNormAgainstPlainSum checks Norm against √(Σ m(i, j)²) written out,
// where that plain sum is safe, and its promise that very large and very
// small entries neither overflow nor underflow, where it is not.
func TestNormAgainstPlainSum(t *testing.T) {
	plain := func(values []float64) float64 {
		s := 0.0
		for _, v := range values {
			s += v * v
		}
		return math.Sqrt(s)
	}
	tests := []struct {
		name   string
		values []float64
		want   float64
	}{
		// 3-4-5 and 1-2-2-4 (1+4+4+16 = 25) triangles.
		{"3, 4", []float64{3, 4}, 5},
		{"growing", []float64{1, -2, 2, 4}, 5},
		{"shrinking", []float64{4, 2, -2, 1}, 5},
		{"zeros among", []float64{0, 3, 0, 0, -4, 0}, 5},
		{"all zero", []float64{0, 0, 0}, 0},
		{"mixed", []float64{0.1, -7, 3.5, 0.25, 12, -0.5}, plain([]float64{0.1, -7, 3.5, 0.25, 12, -0.5})},
		// (3e200)² overflows float64 (max 1.8e308); the norm 5e200 does not.
		{"huge", []float64{3e200, -4e200}, 5e200},
		// (3e-200)² underflows to 0; the norm 5e-200 does not.
		{"tiny", []float64{3e-200, 4e-200}, 5e-200},
	}
	for _, tt := range tests {
		m := NewFromSlice(1, len(tt.values), tt.values)
		// 1e-15: a few roundings of numbers of size 1 relative to the result.
		if got := m.Norm(); !(math.Abs(got-tt.want) <= 1e-15*tt.want) {
			t.Errorf("%s: Norm = %.17g, want %.17g", tt.name, got, tt.want)
		}
		// The same elements as a column, and as a strided view.
		col := NewFromSlice(len(tt.values), 1, tt.values)
		view := stridedView(len(tt.values), 1, 2, 1e300, tt.values...)
		if a, b, c := m.Norm(), col.Norm(), view.Norm(); a != b || a != c {
			t.Errorf("%s: Norm of row %g, column %g, strided column %g", tt.name, a, b, c)
		}
	}
}

// TestEqualApproxRule checks the rule of the doc comment,
// |a−b| ≤ tol·max(1, |a|, |b|), on both sides of its boundary, and that NaN
// equals nothing, not even NaN.
func TestEqualApproxRule(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		a, b float64
		tol  float64
		want bool
	}{
		{"equal", 2, 2, 0, true},
		{"absolute near zero", 0, 1e-10, 1e-9, true},
		{"absolute near zero, too far", 0, 2e-9, 1e-9, false},
		{"exactly on the bound", 0, 0.5, 0.5, true},
		{"relative for large values", 1e6, 1e6 + 0.5, 1e-6, true}, // 0.5 ≤ 1e-6·1e6
		{"relative, too far", 1e6, 1e6 + 0.5, 1e-7, false},        // 0.5 > 1e-7·1e6
		{"NaN and NaN", nan, nan, 1, false},
		{"NaN and a number", nan, 1, 1e300, false},
		{"a number and NaN", 1, nan, 1e300, false},
		{"NaN tolerance", 1, 1, nan, false},
	}
	for _, tt := range tests {
		a := NewFromSlice(1, 2, []float64{5, tt.a})
		b := NewFromSlice(1, 2, []float64{5, tt.b})
		if got := EqualApprox(a, b, tt.tol); got != tt.want {
			t.Errorf("%s: EqualApprox(%v, %v, %v) = %v, want %v", tt.name, tt.a, tt.b, tt.tol, got, tt.want)
		}
	}
	if EqualApprox(New(2, 3), New(3, 2), 1) || EqualApprox(New(1, 2), New(1, 3), 1) {
		t.Error("matrices of different shapes compare equal")
	}
	if !EqualApprox(New(0, 3), New(0, 3), 0) {
		t.Error("two empty 0×3 matrices differ")
	}
}
