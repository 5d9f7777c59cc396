package picture_test

import (
	"fmt"

	"bottleneck/matrix"
	"bottleneck/picture"
)

// Two 2×2 images, drawn side by side at twice their size: each tile is
// 4×4 pixels, with gaps of 2·2 = 4 pixels between and around the tiles,
// so the picture is 4 + 2·(4 + 4) = 20 pixels wide and 4 + 4 + 4 = 12
// high.
func ExampleGrid() {
	images := matrix.NewFromSlice(2, 4, []float64{
		0, 1, 1, 0, // a diagonal
		1, 1, 1, 1, // all white
	})
	img := picture.Grid(images, picture.GridOptions{TileRows: 2, TileCols: 2, Columns: 2, Scale: 2})
	fmt.Println(img.Bounds().Dx(), "×", img.Bounds().Dy())
	// Output:
	// 20 × 12
}
