package matrix

import "testing"

// stridedView returns a rows×cols view whose rows are pad elements apart
// more than their width, holding values row after row; the gaps hold gap,
// so that an operation that reads or writes them shows.
func stridedView(rows, cols, pad int, gap float64, values ...float64) *Dense {
	if len(values) != rows*cols {
		panic("stridedView: wrong number of values")
	}
	stride := cols + pad
	data := make([]float64, rows*stride)
	for i := range data {
		data[i] = gap
	}
	for i := 0; i < rows; i++ {
		copy(data[i*stride:i*stride+cols], values[i*cols:(i+1)*cols])
	}
	return &Dense{rows: rows, cols: cols, stride: stride, data: data}
}

// gapsHold reports whether every element of m's storage outside its rows
// still holds gap.
func gapsHold(m *Dense, gap float64) bool {
	for i, v := range m.data {
		if i%m.stride >= m.cols && v != gap {
			return false
		}
	}
	return true
}

// TestElementwiseByHand checks each element-wise operation on 2×3 matrices
// whose results are worked out by hand in the table, once on fresh
// matrices and once on strided views (whose gaps must stay untouched).
func TestElementwiseByHand(t *testing.T) {
	a := []float64{1, 2, 3, 4, 5, 6}
	b := []float64{0.5, -1, 2, 0, 3, -2}
	tests := []struct {
		name string
		op   func(m, a, b *Dense)
		want []float64
	}{
		// a + b, a − b, b − a: element by element.
		{"Add", func(m, a, b *Dense) { m.Add(a, b) }, []float64{1.5, 1, 5, 4, 8, 4}},
		{"Sub", func(m, a, b *Dense) { m.Sub(a, b) }, []float64{0.5, 3, 1, 4, 2, 8}},
		{"Sub reversed", func(m, a, b *Dense) { m.Sub(b, a) }, []float64{-0.5, -3, -1, -4, -2, -8}},
		// 2·a.
		{"Scale", func(m, a, b *Dense) { m.Scale(2, a) }, []float64{2, 4, 6, 8, 10, 12}},
		// a ⊙ b.
		{"MulElem", func(m, a, b *Dense) { m.MulElem(a, b) }, []float64{0.5, -2, 6, 0, 15, -12}},
		// m starts as a copy of a; AddScaled adds −2·b to it: a − 2b.
		{"AddScaled", func(m, a, b *Dense) { m.Copy(a); m.AddScaled(-2, b) }, []float64{0, 4, -1, 4, -1, 10}},
		// Apply(x ↦ x² − 1) to a.
		{"Apply", func(m, a, b *Dense) { m.Apply(func(x float64) float64 { return x*x - 1 }, a) }, []float64{0, 3, 8, 15, 24, 35}},
	}
	for _, tt := range tests {
		for _, strided := range []bool{false, true} {
			var ma, mb, m *Dense
			if strided {
				ma, mb = stridedView(2, 3, 2, 99, a...), stridedView(2, 3, 1, 99, b...)
				m = stridedView(2, 3, 3, 77, 9, 9, 9, 9, 9, 9)
			} else {
				ma, mb = NewFromSlice(2, 3, append([]float64(nil), a...)), NewFromSlice(2, 3, append([]float64(nil), b...))
				m = NewFromSlice(2, 3, []float64{9, 9, 9, 9, 9, 9})
			}
			tt.op(m, ma, mb)
			want := NewFromSlice(2, 3, tt.want)
			if !EqualApprox(m, want, 0) {
				t.Errorf("%s (strided %v) = %v, want %v", tt.name, strided, m, want)
			}
			if strided && !gapsHold(m, 77) {
				t.Errorf("%s wrote into the gaps of a strided destination", tt.name)
			}
		}
	}
}

// TestElementwiseInPlace: the doc comments allow m to be a or b for Add,
// Sub and MulElem, and m to be a for Scale and Apply.
func TestElementwiseInPlace(t *testing.T) {
	fresh := func() (*Dense, *Dense) {
		return NewFromSlice(1, 3, []float64{1, 2, 3}), NewFromSlice(1, 3, []float64{4, 5, 6})
	}
	tests := []struct {
		name string
		op   func(a, b *Dense) *Dense // returns the matrix that was written
		want []float64
	}{
		{"Add into a", func(a, b *Dense) *Dense { a.Add(a, b); return a }, []float64{5, 7, 9}},
		{"Add into b", func(a, b *Dense) *Dense { b.Add(a, b); return b }, []float64{5, 7, 9}},
		{"Sub into a", func(a, b *Dense) *Dense { a.Sub(a, b); return a }, []float64{-3, -3, -3}},
		{"Sub into b", func(a, b *Dense) *Dense { b.Sub(a, b); return b }, []float64{-3, -3, -3}},
		{"MulElem into b", func(a, b *Dense) *Dense { b.MulElem(a, b); return b }, []float64{4, 10, 18}},
		{"Scale into a", func(a, b *Dense) *Dense { a.Scale(-1, a); return a }, []float64{-1, -2, -3}},
		{"Apply into a", func(a, b *Dense) *Dense { a.Apply(func(x float64) float64 { return 10 * x }, a); return a }, []float64{10, 20, 30}},
		{"Add a to itself", func(a, b *Dense) *Dense { a.Add(a, a); return a }, []float64{2, 4, 6}},
	}
	for _, tt := range tests {
		a, b := fresh()
		got := tt.op(a, b)
		if want := NewFromSlice(1, 3, tt.want); !EqualApprox(got, want, 0) {
			t.Errorf("%s = %v, want %v", tt.name, got, want)
		}
	}
}

// TestBiasHelpers: AddRowVector adds b to every row, the first and the last
// included; AddColSums adds (not assigns) the column sums, as a bias
// gradient accumulated over two batches must.
func TestBiasHelpers(t *testing.T) {
	for _, strided := range []bool{false, true} {
		x := NewFromSlice(3, 2, []float64{1, 2, 3, 4, 5, 6})
		if strided {
			x = stridedView(3, 2, 2, 55, 1, 2, 3, 4, 5, 6)
		}
		x.AddRowVector(NewFromSlice(1, 2, []float64{10, -1}))
		if want := NewFromSlice(3, 2, []float64{11, 1, 13, 3, 15, 5}); !EqualApprox(x, want, 0) {
			t.Errorf("strided %v: AddRowVector = %v, want %v", strided, x, want)
		}
		if strided && !gapsHold(x, 55) {
			t.Error("AddRowVector wrote into the gaps of a strided matrix")
		}

		db := NewFromSlice(1, 2, []float64{100, 200})
		db.AddColSums(x) // + (11+13+15, 1+3+5) = + (39, 9)
		db.AddColSums(x) // twice: a second batch
		if want := NewFromSlice(1, 2, []float64{178, 218}); !EqualApprox(db, want, 0) {
			t.Errorf("strided %v: AddColSums twice = %v, want %v", strided, db, want)
		}
	}
}

// TestSumEveryRow: Sum adds every element, first and last row included,
// and is 0 for a matrix with no elements.
func TestSumEveryRow(t *testing.T) {
	tests := []struct {
		name string
		m    *Dense
		want float64
	}{
		{"3×2", NewFromSlice(3, 2, []float64{1, 2, 3, 4, 5, 6}), 21},
		{"one row", NewFromSlice(1, 3, []float64{1, -2, 4}), 3},
		{"one column", NewFromSlice(3, 1, []float64{1, 10, 100}), 111},
		{"strided", stridedView(2, 2, 3, 1000, 1, 2, 3, 4), 10},
		{"0×3", New(0, 3), 0},
		{"3×0", New(3, 0), 0},
		{"zero value", &Dense{}, 0},
	}
	for _, tt := range tests {
		if got := tt.m.Sum(); got != tt.want {
			t.Errorf("%s: Sum = %g, want %g", tt.name, got, tt.want)
		}
	}
}
