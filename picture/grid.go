package picture

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"bottleneck/matrix"
)

// GridOptions says how Grid and Pairs lay out their tiles.
type GridOptions struct {
	TileRows, TileCols int  // size of one tile in values: 28, 28 for MNIST; each row of the matrix holds TileRows·TileCols values, row by row
	Columns            int  // tiles per line of the picture
	Scale              int  // every value becomes a Scale×Scale block of pixels
	PerTileRange       bool // rescale each tile from its own min..max to black..white (for weight filters); otherwise values are in [0, 1] and clamped
}

// Colours of the picture: the gaps between tiles and the border around them
// are light grey, so that black tile backgrounds stand out as separate
// squares.
const (
	backgroundGrey = 0xdc
	gapPixels      = 2 // gap between tiles, in units of Scale
)

// Grid draws one tile per row of images, Columns tiles to a line, with a
// light-grey gap between the tiles and around them. Value 0 is black and 1
// is white, so MNIST digits are white on black. images: n×(TileRows·TileCols)
// with n ≥ 1. Grid panics if the options do not fit the matrix.
func Grid(images *matrix.Dense, opt GridOptions) image.Image {
	checkGrid("Grid", images, opt)
	n := images.Rows()
	cols := min(opt.Columns, n)
	lines := (n + cols - 1) / cols
	gap := gapPixels * opt.Scale
	tileW, tileH := opt.TileCols*opt.Scale, opt.TileRows*opt.Scale
	img := newBackground(gap+cols*(tileW+gap), gap+lines*(tileH+gap))
	for k := 0; k < n; k++ {
		x := gap + (k%cols)*(tileW+gap)
		y := gap + (k/cols)*(tileH+gap)
		drawTile(img, x, y, images.Row(k), opt)
	}
	return img
}

// Pairs draws each row of top above the same row of bottom: originals above
// their reconstructions. Each line of the picture holds Columns pairs; a
// wider gap separates one line of pairs from the next. top, bottom:
// n×(TileRows·TileCols) with n ≥ 1. Pairs panics if the shapes differ or do
// not fit the options.
func Pairs(top, bottom *matrix.Dense, opt GridOptions) image.Image {
	checkGrid("Pairs", top, opt)
	if tr, tc := top.Dims(); bottom.Rows() != tr || bottom.Cols() != tc {
		panic(fmt.Sprintf("picture: Pairs: top is %d×%d but bottom is %d×%d", tr, tc, bottom.Rows(), bottom.Cols()))
	}
	n := top.Rows()
	cols := min(opt.Columns, n)
	lines := (n + cols - 1) / cols
	gap := gapPixels * opt.Scale
	tileW, tileH := opt.TileCols*opt.Scale, opt.TileRows*opt.Scale
	pairH := 2*tileH + gap // two tiles and the gap between them
	lineGap := 3 * gap     // between one line of pairs and the next
	img := newBackground(gap+cols*(tileW+gap), 2*gap+lines*pairH+(lines-1)*lineGap)
	for k := 0; k < n; k++ {
		x := gap + (k%cols)*(tileW+gap)
		y := gap + (k/cols)*(pairH+lineGap)
		drawTile(img, x, y, top.Row(k), opt)
		drawTile(img, x, y+tileH+gap, bottom.Row(k), opt)
	}
	return img
}

// checkGrid panics unless opt is usable and every row of m is one tile.
func checkGrid(op string, m *matrix.Dense, opt GridOptions) {
	if opt.TileRows < 1 || opt.TileCols < 1 || opt.Columns < 1 || opt.Scale < 1 {
		panic(fmt.Sprintf("picture: %s: TileRows %d, TileCols %d, Columns %d and Scale %d must all be at least 1", op, opt.TileRows, opt.TileCols, opt.Columns, opt.Scale))
	}
	if m.Rows() < 1 || m.Cols() != opt.TileRows*opt.TileCols {
		panic(fmt.Sprintf("picture: %s: a %d×%d matrix is not rows of %d×%d tiles", op, m.Rows(), m.Cols(), opt.TileRows, opt.TileCols))
	}
}

// newBackground returns a w×h grey picture filled with the background.
func newBackground(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = backgroundGrey
	}
	return img
}

// drawTile draws the values of one tile (row by row) with its top-left
// corner at (x0, y0), each value as a Scale×Scale block.
func drawTile(img *image.Gray, x0, y0 int, values []float64, opt GridOptions) {
	lo, hi := 0.0, 1.0
	if opt.PerTileRange {
		lo, hi = valueRange(values)
	}
	for r := 0; r < opt.TileRows; r++ {
		for c := 0; c < opt.TileCols; c++ {
			g := color.Gray{Y: greyLevel(values[r*opt.TileCols+c], lo, hi)}
			for dy := 0; dy < opt.Scale; dy++ {
				for dx := 0; dx < opt.Scale; dx++ {
					img.SetGray(x0+c*opt.Scale+dx, y0+r*opt.Scale+dy, g)
				}
			}
		}
	}
}

// valueRange returns the smallest and largest finite value.
func valueRange(values []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

// greyLevel maps v from lo..hi to 0..255, clamping values outside. NaN is
// drawn black; a tile whose values are all equal is drawn mid-grey.
func greyLevel(v, lo, hi float64) uint8 {
	if math.IsNaN(v) {
		return 0
	}
	if !(hi > lo) {
		return 128
	}
	t := (v - lo) / (hi - lo)
	t = min(max(t, 0), 1)
	return uint8(math.Round(t * 255))
}
