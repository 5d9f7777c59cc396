package mnist

import (
	"fmt"

	"bottleneck/matrix"
)

// ColumnMajorPermutation returns the lecture's "column concatenation" order
// of a rows×cols image as a permutation of the file's row-major order:
// p[i] is the row-major index of the pixel at column-major position i. The
// pixel in row r, column c sits at r·cols+c in the file and at c·rows+r
// after column concatenation.
func ColumnMajorPermutation(rows, cols int) []int {
	if rows < 1 || cols < 1 {
		panic(fmt.Sprintf("mnist: ColumnMajorPermutation: image size %d×%d", rows, cols))
	}
	p := make([]int, rows*cols)
	for c := 0; c < cols; c++ {
		for r := 0; r < rows; r++ {
			p[c*rows+r] = r*cols + c
		}
	}
	return p
}

// ColumnMajor returns a new matrix whose rows are the rows of images, each a
// rows×cols image stored row by row, re-ordered column by column (the
// lecture's column concatenation). images: n×(rows·cols); result the same.
func ColumnMajor(images *matrix.Dense, rows, cols int) *matrix.Dense {
	checkImageCols("ColumnMajor", images, rows, cols)
	p := ColumnMajorPermutation(rows, cols)
	out := matrix.New(images.Rows(), images.Cols())
	for k := 0; k < images.Rows(); k++ {
		src, dst := images.Row(k), out.Row(k)
		for i, j := range p {
			dst[i] = src[j]
		}
	}
	return out
}

// RowMajor undoes ColumnMajor: it returns a new matrix whose rows, each a
// rows×cols image stored column by column, are re-ordered row by row, the
// order Grid draws. images: n×(rows·cols); result the same.
func RowMajor(images *matrix.Dense, rows, cols int) *matrix.Dense {
	checkImageCols("RowMajor", images, rows, cols)
	p := ColumnMajorPermutation(rows, cols)
	out := matrix.New(images.Rows(), images.Cols())
	for k := 0; k < images.Rows(); k++ {
		src, dst := images.Row(k), out.Row(k)
		for i, j := range p {
			dst[j] = src[i]
		}
	}
	return out
}

// checkImageCols panics unless every row of images holds one rows×cols
// image.
func checkImageCols(op string, images *matrix.Dense, rows, cols int) {
	if rows < 1 || cols < 1 || images.Cols() != rows*cols {
		panic(fmt.Sprintf("mnist: %s: %d×%d images do not fit rows of a %d×%d matrix", op, rows, cols, images.Rows(), images.Cols()))
	}
}
