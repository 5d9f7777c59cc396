package matrix

import (
	"strings"
	"testing"
)

// TestZeroSizeAndOneRowShapes: the zero value is a 0×0 matrix, and shapes
// with no rows, no columns or a single row work like any other.
func TestZeroSizeAndOneRowShapes(t *testing.T) {
	var zero Dense
	if r, c := zero.Dims(); r != 0 || c != 0 || zero.Norm() != 0 || zero.String() != "" {
		t.Errorf("zero value: %d×%d, norm %g, string %q; want an empty 0×0 matrix", r, c, zero.Norm(), zero.String())
	}
	for _, s := range [][2]int{{0, 0}, {0, 4}, {4, 0}, {1, 1}, {1, 5}} {
		m := New(s[0], s[1])
		if r, c := m.Dims(); r != s[0] || c != s[1] || m.Stride() != s[1] {
			t.Errorf("New(%d, %d): %d×%d with stride %d", s[0], s[1], r, c, m.Stride())
		}
		m.Fill(2)
		if got, want := m.Sum(), 2*float64(s[0]*s[1]); got != want {
			t.Errorf("New(%d, %d) filled with 2 sums to %g, want %g", s[0], s[1], got, want)
		}
		c := m.Clone()
		if !EqualApprox(c, m, 0) {
			t.Errorf("Clone of %d×%d differs", s[0], s[1])
		}
		tr := New(s[1], s[0])
		tr.Transpose(m)
		if tr.Sum() != m.Sum() {
			t.Errorf("Transpose of %d×%d lost elements", s[0], s[1])
		}
		empty := m.SliceRows(s[0], s[0])
		if r, c := empty.Dims(); r != 0 || c != s[1] {
			t.Errorf("SliceRows(%d, %d) of %d×%d is %d×%d, want 0×%d", s[0], s[0], s[0], s[1], r, c, s[1])
		}
	}
	// A product with an empty inner dimension is a sum of no terms: zero,
	// whatever the destination held.
	c := NewFromSlice(2, 2, []float64{7, 7, 7, 7})
	c.Mul(New(2, 0), New(0, 2))
	if want := New(2, 2); !EqualApprox(c, want, 0) {
		t.Errorf("2×0 · 0×2 = %v, want zeros", c)
	}
	for _, f := range []func(){func() { New(-1, 2) }, func() { New(2, -1) }, func() { NewFromSlice(-1, 0, nil) }} {
		if msg := panics(f); !strings.Contains(msg, "negative dimension") {
			t.Errorf("negative dimension: panic %q", msg)
		}
	}
}

// TestStorageIsShared checks the sharing the doc comments promise:
// NewFromSlice uses its slice, Row and SliceRows are views.
func TestStorageIsShared(t *testing.T) {
	data := []float64{1, 2, 3, 4, 5, 6}
	m := NewFromSlice(3, 2, data)
	data[3] = 40
	if m.At(1, 1) != 40 {
		t.Error("NewFromSlice copied its slice")
	}
	m.Row(2)[0] = 50
	if data[4] != 50 {
		t.Error("Row does not share the matrix's storage")
	}
	if row := m.Row(1); len(row) != 2 || row[0] != 3 || row[1] != 40 {
		t.Errorf("Row(1) = %v, want [3 40]", row)
	}
	v := m.SliceRows(1, 3)
	if r, c := v.Dims(); r != 2 || c != 2 || v.At(0, 0) != 3 || v.At(1, 0) != 50 {
		t.Errorf("SliceRows(1, 3) = %v, want rows 1 and 2", v)
	}
	v.Set(1, 1, 60)
	if m.At(2, 1) != 60 {
		t.Error("SliceRows does not share the matrix's storage")
	}
	last := m.SliceRows(2, 3) // a one-row view at the end
	if last.Rows() != 1 || last.At(0, 0) != 50 || last.At(0, 1) != 60 {
		t.Errorf("SliceRows(2, 3) = %v, want [50 60]", last)
	}
}

// TestCloneAndCopyOfStridedViews: Clone of a view has no extra stride and
// holds exactly the view's elements, for every number of rows (a flat copy
// of the storage would pick up the gaps); Copy into a view leaves its gaps
// alone.
func TestCloneAndCopyOfStridedViews(t *testing.T) {
	for rows := 1; rows <= 4; rows++ {
		values := make([]float64, rows*3)
		for i := range values {
			values[i] = float64(i + 1)
		}
		v := stridedView(rows, 3, 2, -1, values...)
		c := v.Clone()
		if c.Stride() != 3 {
			t.Errorf("%d rows: Clone has stride %d, want 3", rows, c.Stride())
		}
		if want := NewFromSlice(rows, 3, values); !EqualApprox(c, want, 0) {
			t.Errorf("%d rows: Clone of a strided view = %v, want %v", rows, c, want)
		}
		c.Set(0, 0, 100)
		if v.At(0, 0) != 1 {
			t.Errorf("%d rows: Clone shares storage with its source", rows)
		}

		dst := stridedView(rows, 3, 1, -7, make([]float64, rows*3)...)
		dst.Copy(NewFromSlice(rows, 3, values))
		if want := NewFromSlice(rows, 3, values); !EqualApprox(dst, want, 0) || !gapsHold(dst, -7) {
			t.Errorf("%d rows: Copy into a strided view = %v (gaps kept: %v)", rows, dst, gapsHold(dst, -7))
		}
		dst.Zero()
		if dst.Sum() != 0 || !gapsHold(dst, -7) {
			t.Errorf("%d rows: Zero of a strided view: sum %g, gaps kept %v", rows, dst.Sum(), gapsHold(dst, -7))
		}
	}
	if msg := panics(func() { New(2, 3).Copy(New(3, 2)) }); !strings.HasPrefix(msg, "matrix: Copy: shape mismatch 2×3 and 3×2") {
		t.Errorf("Copy of another shape: panic %q", msg)
	}
}

// TestTransposeByHand: (aᵀ)(j, i) = a(i, j) for a non-square matrix and a
// strided one, and a transpose into its own storage panics.
func TestTransposeByHand(t *testing.T) {
	for _, a := range []*Dense{
		NewFromSlice(2, 3, []float64{1, 2, 3, 4, 5, 6}),
		stridedView(2, 3, 2, 9, 1, 2, 3, 4, 5, 6),
	} {
		at := New(3, 2)
		at.Transpose(a)
		if want := NewFromSlice(3, 2, []float64{1, 4, 2, 5, 3, 6}); !EqualApprox(at, want, 0) {
			t.Errorf("Transpose = %v, want %v", at, want)
		}
	}
	sq := New(3, 3)
	if msg := panics(func() { sq.Transpose(sq) }); !strings.HasPrefix(msg, "matrix: Transpose: destination 3×3 shares storage") {
		t.Errorf("Transpose in place: panic %q", msg)
	}
}

func TestStringFormat(t *testing.T) {
	m := NewFromSlice(2, 2, []float64{1, -0.5, 1e-9, 3})
	if got, want := m.String(), "[1 -0.5]\n[1e-09 3]\n"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// TestSliceRowsOfAStridedView: a view of a view keeps the parent's stride,
// so its rows are the parent's rows, not the storage read as if packed.
func TestSliceRowsOfAStridedView(t *testing.T) {
	v := stridedView(4, 2, 3, -1, 1, 2, 3, 4, 5, 6, 7, 8)
	s := v.SliceRows(1, 3)
	if s.Stride() != v.Stride() {
		t.Errorf("view of a view has stride %d, want %d", s.Stride(), v.Stride())
	}
	if want := NewFromSlice(2, 2, []float64{3, 4, 5, 6}); !EqualApprox(s, want, 0) {
		t.Errorf("SliceRows(1, 3) of a strided view = %v, want %v", s, want)
	}
}

// TestFillSets: Fill sets every element to v whatever it held, and leaves
// the gaps of a strided view alone.
func TestFillSets(t *testing.T) {
	m := NewFromSlice(2, 2, []float64{1, -2, 3, 4})
	m.Fill(0.5)
	if want := NewFromSlice(2, 2, []float64{0.5, 0.5, 0.5, 0.5}); !EqualApprox(m, want, 0) {
		t.Errorf("Fill(0.5) = %v, want all 0.5", m)
	}
	v := stridedView(2, 2, 1, 9, 1, 2, 3, 4)
	v.Fill(-1)
	if v.Sum() != -4 || !gapsHold(v, 9) {
		t.Errorf("Fill(−1) of a strided view: sum %g, gaps kept %v", v.Sum(), gapsHold(v, 9))
	}
}
