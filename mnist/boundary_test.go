package mnist

import (
	"bytes"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestLabelBoundary: 9 is the largest label a reader and a writer accept,
// 10 the smallest they refuse.
func TestLabelBoundary(t *testing.T) {
	all := []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	var buf bytes.Buffer
	if err := WriteLabels(&buf, all); err != nil {
		t.Fatalf("WriteLabels of the ten digits: %v", err)
	}
	got, err := ReadLabels(&buf)
	if err != nil || !bytes.Equal(got, all) {
		t.Fatalf("ReadLabels of the ten digits: %v, %v", got, err)
	}
	for _, bad := range []uint8{10, 11, 255} {
		_, err := ReadLabels(bytes.NewReader(idxBytes(labelsMagic, []uint32{2}, []byte{9, bad})))
		if want := "is not a digit 0–9"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadLabels with label %d: error %v, want one saying %q", bad, err, want)
		}
		if err := WriteLabels(&buf, []uint8{9, bad}); err == nil {
			t.Errorf("WriteLabels with label %d: no error", bad)
		}
	}
}

// TestDataSizeBoundary: a header may announce exactly MaxDataBytes of data
// (the stream is then read, and found short); one more byte is refused
// before anything is read.
func TestDataSizeBoundary(t *testing.T) {
	_, err := ReadLabels(bytes.NewReader(idxBytes(labelsMagic, []uint32{MaxDataBytes}, []byte{1, 2})))
	if want := "truncated"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%d labels announced: error %v, want one saying %q", MaxDataBytes, err, want)
	}
	_, err = ReadLabels(bytes.NewReader(idxBytes(labelsMagic, []uint32{MaxDataBytes + 1}, []byte{1, 2})))
	if want := "announce more than"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%d labels announced: error %v, want one saying %q", MaxDataBytes+1, err, want)
	}
}

// TestOneRowAndOneColumnImages: images of one row or one column read the
// same in either order, and a 1×1 image is its own permutation.
func TestOneRowAndOneColumnImages(t *testing.T) {
	for _, s := range [][2]int{{1, 1}, {1, 5}, {5, 1}} {
		p := ColumnMajorPermutation(s[0], s[1])
		for i, j := range p {
			if i != j {
				t.Errorf("%d×%d: permutation %v, want the identity", s[0], s[1], p)
				break
			}
		}
		x := matrix.NewFromSlice(2, s[0]*s[1], make([]float64, 2*s[0]*s[1]))
		for i := 0; i < x.Rows(); i++ {
			for j := range x.Row(i) {
				x.Set(i, j, float64(10*i+j))
			}
		}
		if got := ColumnMajor(x, s[0], s[1]); !matrix.EqualApprox(got, x, 0) {
			t.Errorf("%d×%d: ColumnMajor changed the images: %v", s[0], s[1], got)
		}
		if got := RowMajor(x, s[0], s[1]); !matrix.EqualApprox(got, x, 0) {
			t.Errorf("%d×%d: RowMajor changed the images: %v", s[0], s[1], got)
		}
	}
	// No images at all is fine: the result has no rows either.
	if got := ColumnMajor(matrix.New(0, 6), 2, 3); got.Rows() != 0 || got.Cols() != 6 {
		t.Errorf("ColumnMajor of no images: %d×%d", got.Rows(), got.Cols())
	}
	for _, s := range [][2]int{{0, 3}, {3, 0}, {-1, 2}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ColumnMajorPermutation(%d, %d) did not panic", s[0], s[1])
				}
			}()
			ColumnMajorPermutation(s[0], s[1])
		}()
	}
}

// TestColumnMajorIsTheTranspose: column concatenation of a rows×cols image
// lists its transpose row by row, for square and non-square images alike.
func TestColumnMajorIsTheTranspose(t *testing.T) {
	for _, s := range [][2]int{{3, 3}, {2, 5}, {5, 2}, {28, 28}} {
		rows, cols := s[0], s[1]
		img := matrix.New(rows, cols)
		for r := 0; r < rows; r++ {
			for c := 0; c < cols; c++ {
				img.Set(r, c, float64(100*r+c))
			}
		}
		tr := matrix.New(cols, rows)
		tr.Transpose(img)
		flat := matrix.New(1, rows*cols)
		want := matrix.New(1, rows*cols)
		for r := 0; r < rows; r++ {
			copy(flat.Row(0)[r*cols:], img.Row(r))
		}
		for c := 0; c < cols; c++ {
			copy(want.Row(0)[c*rows:], tr.Row(c))
		}
		if got := ColumnMajor(flat, rows, cols); !matrix.EqualApprox(got, want, 0) {
			t.Errorf("%d×%d: ColumnMajor is not the transpose read row by row", rows, cols)
		}
		if back := RowMajor(want, rows, cols); !matrix.EqualApprox(back, flat, 0) {
			t.Errorf("%d×%d: RowMajor does not undo it", rows, cols)
		}
	}
}

// TestLoadRefusesSplitsOfDifferentSizes: the two splits must have images
// of the same size, differing in one side being enough to refuse them.
func TestLoadRefusesSplitsOfDifferentSizes(t *testing.T) {
	for _, s := range [][2]uint32{{28, 14}, {14, 28}} {
		dir := t.TempDir()
		writeSmallMNIST(t, dir, 3, 2)
		writeTestFile(t, dir, TestImages.RawName(), idxBytes(imagesMagic, []uint32{2, s[0], s[1]}, testImages(2, int(s[0]), int(s[1]))))
		_, _, err := Load(dir)
		if want := "training images are 28×28 but test images are"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("test images of %d×%d: error %v, want one saying %q", s[0], s[1], err, want)
		}
	}
}
