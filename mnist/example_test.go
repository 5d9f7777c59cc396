package mnist_test

import (
	"bytes"
	"fmt"

	"bottleneck/mnist"
)

// A round trip through the IDX format: write two 2×3 images, read them back.
func Example() {
	pixels := []byte{
		0, 128, 255, // image 0, row 0
		10, 20, 30, // image 0, row 1
		1, 2, 3, // image 1, row 0
		4, 5, 6, // image 1, row 1
	}
	var file bytes.Buffer
	if err := mnist.WriteImages(&file, pixels, 2, 2, 3); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% x\n", file.Bytes()[:4])
	got, n, rows, cols, err := mnist.ReadImages(&file)
	fmt.Println(n, rows, cols, got[:6], err)
	// Output:
	// 00 00 08 03
	// 2 2 3 [0 128 255 10 20 30] <nil>
}

// The lecture flattens an image column by column. For a 2×3 image
//
//	a b c
//	d e f
//
// stored row by row as a b c d e f (indices 0–5), column concatenation
// reads a d b e c f.
func ExampleColumnMajorPermutation() {
	fmt.Println(mnist.ColumnMajorPermutation(2, 3))
	// Output: [0 3 1 4 2 5]
}

// A hostile header: one image of 28×28 announced, two bytes present.
func ExampleReadImages_truncated() {
	file := []byte{0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, 7, 7}
	_, _, _, _, err := mnist.ReadImages(bytes.NewReader(file))
	fmt.Println(err)
	// Output: mnist: truncated: the header announces 784 bytes of data, the stream holds 2
}
