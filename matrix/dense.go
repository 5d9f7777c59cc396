package matrix

import "fmt"

// Dense is a dense matrix of float64, stored row-major with a stride:
// element (i, j) is data[i*stride+j]. The zero value is a 0×0 matrix.
type Dense struct {
	rows, cols int
	stride     int
	data       []float64
}

// New returns a rows×cols matrix of zeros.
func New(rows, cols int) *Dense {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("matrix: New: negative dimension %d×%d", rows, cols))
	}
	return &Dense{rows: rows, cols: cols, stride: cols, data: make([]float64, rows*cols)}
}

// NewFromSlice returns a rows×cols matrix that uses data as its storage,
// row after row. The slice is used, not copied: changing one changes the
// other. NewFromSlice panics if len(data) != rows*cols.
func NewFromSlice(rows, cols int, data []float64) *Dense {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("matrix: NewFromSlice: negative dimension %d×%d", rows, cols))
	}
	if len(data) != rows*cols {
		panic(fmt.Sprintf("matrix: NewFromSlice: %d values for a %d×%d matrix", len(data), rows, cols))
	}
	return &Dense{rows: rows, cols: cols, stride: cols, data: data}
}

// Dims returns the number of rows and columns.
func (m *Dense) Dims() (rows, cols int) { return m.rows, m.cols }

// Rows returns the number of rows.
func (m *Dense) Rows() int { return m.rows }

// Cols returns the number of columns.
func (m *Dense) Cols() int { return m.cols }

// Stride returns the distance in the storage between the starts of two
// consecutive rows. It equals Cols for a fresh matrix and can be larger for
// views.
func (m *Dense) Stride() int { return m.stride }

// At returns element (i, j).
func (m *Dense) At(i, j int) float64 {
	m.checkIndex("At", i, j)
	return m.data[i*m.stride+j]
}

// Set sets element (i, j) to v.
func (m *Dense) Set(i, j int, v float64) {
	m.checkIndex("Set", i, j)
	m.data[i*m.stride+j] = v
}

func (m *Dense) checkIndex(op string, i, j int) {
	if i < 0 || i >= m.rows || j < 0 || j >= m.cols {
		panic(fmt.Sprintf("matrix: %s: index (%d, %d) out of range for %d×%d", op, i, j, m.rows, m.cols))
	}
}

// Row returns row i as a slice of length Cols that shares the matrix's
// storage.
func (m *Dense) Row(i int) []float64 {
	if i < 0 || i >= m.rows {
		panic(fmt.Sprintf("matrix: Row: row %d out of range for %d×%d", i, m.rows, m.cols))
	}
	return m.data[i*m.stride : i*m.stride+m.cols : i*m.stride+m.cols]
}

// SliceRows returns a view of rows [i0, i1): an (i1−i0)×Cols matrix that
// shares m's storage. A mini-batch is such a view of the data set.
func (m *Dense) SliceRows(i0, i1 int) *Dense {
	if i0 < 0 || i1 < i0 || i1 > m.rows {
		panic(fmt.Sprintf("matrix: SliceRows: rows [%d, %d) out of range for %d×%d", i0, i1, m.rows, m.cols))
	}
	if i0 == i1 {
		return &Dense{rows: 0, cols: m.cols, stride: m.stride}
	}
	end := (i1-1)*m.stride + m.cols
	return &Dense{rows: i1 - i0, cols: m.cols, stride: m.stride, data: m.data[i0*m.stride : end]}
}

// Clone returns a new matrix with a copy of m's elements (and no extra
// stride).
func (m *Dense) Clone() *Dense {
	c := New(m.rows, m.cols)
	c.Copy(m)
	return c
}

// Copy sets m = a. The shapes must match.
func (m *Dense) Copy(a *Dense) {
	sameShape("Copy", m, a)
	if m.isContiguous() && a.isContiguous() {
		copy(m.data, a.data)
		return
	}
	for i := 0; i < m.rows; i++ {
		copy(m.Row(i), a.Row(i))
	}
}

// Zero sets every element of m to 0.
func (m *Dense) Zero() {
	for i := 0; i < m.rows; i++ {
		clear(m.Row(i))
	}
}

// Fill sets every element of m to v.
func (m *Dense) Fill(v float64) {
	for i := 0; i < m.rows; i++ {
		row := m.Row(i)
		for j := range row {
			row[j] = v
		}
	}
}

// Transpose sets m = aᵀ. m must be a.Cols×a.Rows and must not share storage
// with a.
func (m *Dense) Transpose(a *Dense) {
	if m.rows != a.cols || m.cols != a.rows {
		panic(fmt.Sprintf("matrix: Transpose: shape mismatch %d×%d = (%d×%d)ᵀ", m.rows, m.cols, a.rows, a.cols))
	}
	noAlias("Transpose", m, a)
	for i := 0; i < a.rows; i++ {
		for j, v := range a.Row(i) {
			m.data[j*m.stride+i] = v
		}
	}
}

func (m *Dense) isContiguous() bool { return m.stride == m.cols || m.rows <= 1 }

// String formats m one row per line, for examples and test failures.
func (m *Dense) String() string {
	s := ""
	for i := 0; i < m.rows; i++ {
		s += "["
		for j, v := range m.Row(i) {
			if j > 0 {
				s += " "
			}
			s += fmt.Sprintf("%g", v)
		}
		s += "]\n"
	}
	return s
}
