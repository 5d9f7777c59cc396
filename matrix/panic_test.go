package matrix

import (
	"strings"
	"testing"
)

// panics runs f and returns the message it panicked with, or "" if it did
// not panic.
func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}

func TestShapePanics(t *testing.T) {
	a, b := New(3, 4), New(5, 2)
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"Mul", func() { New(3, 2).Mul(a, b) }, "matrix: Mul: shape mismatch 3×4 · 5×2"},
		{"Mul destination", func() { New(2, 2).Mul(a, New(4, 2)) }, "matrix: Mul: destination 2×2 for a 3×4 · 4×2 product"},
		{"MulTransA", func() { New(4, 2).MulTransA(a, b) }, "matrix: MulTransA: shape mismatch 4×3 · 5×2"},
		{"MulTransB", func() { New(3, 5).MulTransB(a, New(5, 3)) }, "matrix: MulTransB: shape mismatch 3×4 · 3×5"},
		{"Mul alias", func() { c := New(4, 4); c.Mul(c, New(4, 4)) }, "matrix: Mul: destination 4×4 shares storage"},
		{"Add", func() { New(3, 4).Add(a, b) }, "matrix: Add: shape mismatch 3×4 and 5×2"},
		{"At", func() { a.At(3, 0) }, "matrix: At: index (3, 0) out of range for 3×4"},
		{"NewFromSlice", func() { NewFromSlice(2, 2, make([]float64, 3)) }, "matrix: NewFromSlice: 3 values for a 2×2 matrix"},
		{"SliceRows", func() { a.SliceRows(2, 4) }, "matrix: SliceRows: rows [2, 4) out of range for 3×4"},
		{"AddRowVector", func() { a.AddRowVector(New(1, 3)) }, "matrix: AddRowVector: shape mismatch 3×4 + row 1×3"},
		{"Transpose", func() { New(3, 4).Transpose(a) }, "matrix: Transpose: shape mismatch 3×4 = (3×4)ᵀ"},
	}
	for _, tt := range tests {
		got := panics(tt.f)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: panic %q, want prefix %q", tt.name, got, tt.want)
		}
	}
}
