package mnist

import (
	"slices"
	"testing"

	"bottleneck/matrix"
)

func TestColumnMajorPermutation(t *testing.T) {
	for _, tc := range []struct {
		rows, cols int
		want       []int
	}{
		// A 2×3 image stored row by row is a b c / d e f at indices 0 1 2 /
		// 3 4 5; column by column it reads a d b e c f.
		{2, 3, []int{0, 3, 1, 4, 2, 5}},
		{3, 2, []int{0, 2, 4, 1, 3, 5}},
		{1, 4, []int{0, 1, 2, 3}},
		{2, 2, []int{0, 2, 1, 3}},
	} {
		if got := ColumnMajorPermutation(tc.rows, tc.cols); !slices.Equal(got, tc.want) {
			t.Errorf("ColumnMajorPermutation(%d, %d) = %v, want %v", tc.rows, tc.cols, got, tc.want)
		}
	}
}

func TestColumnMajorAndBack(t *testing.T) {
	// Two 2×3 images, row by row: the second is the first plus 10.
	images := matrix.NewFromSlice(2, 6, []float64{
		1, 2, 3, 4, 5, 6,
		11, 12, 13, 14, 15, 16,
	})
	want := matrix.NewFromSlice(2, 6, []float64{
		1, 4, 2, 5, 3, 6,
		11, 14, 12, 15, 13, 16,
	})
	cm := ColumnMajor(images, 2, 3)
	if !matrix.EqualApprox(cm, want, 0) {
		t.Errorf("ColumnMajor =\n%vwant\n%v", cm, want)
	}
	back := RowMajor(cm, 2, 3)
	if !matrix.EqualApprox(back, images, 0) {
		t.Errorf("RowMajor(ColumnMajor(x)) =\n%vwant\n%v", back, images)
	}
	if images.At(0, 1) != 2 {
		t.Error("ColumnMajor changed its input")
	}
}

func TestColumnMajorPanicsOnWrongSize(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("ColumnMajor of 5-value rows as 2×3 images did not panic")
		}
	}()
	ColumnMajor(matrix.New(1, 5), 2, 3)
}
