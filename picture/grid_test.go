package picture

import (
	"image"
	"math"
	"testing"

	"bottleneck/matrix"
)

// grey returns the grey level of img at (x, y).
func grey(img image.Image, x, y int) uint8 {
	return img.(*image.Gray).GrayAt(x, y).Y
}

func TestGridLayout(t *testing.T) {
	// Three 2×2 tiles, two to a line, at scale 1: the gap is 2 pixels, so
	// the picture is 2 + 2·(2+2) = 10 pixels wide and, with two lines, as
	// high.
	images := matrix.NewFromSlice(3, 4, []float64{
		0, 1, 0.5, 0,
		1, 1, 1, 1,
		0.25, 0, 0, 0,
	})
	img := Grid(images, GridOptions{TileRows: 2, TileCols: 2, Columns: 2, Scale: 1})
	if b := img.Bounds(); b.Dx() != 10 || b.Dy() != 10 {
		t.Fatalf("picture is %d×%d, want 10×10", b.Dx(), b.Dy())
	}
	for _, c := range []struct {
		x, y int
		want uint8
	}{
		{0, 0, backgroundGrey}, // the border
		{2, 2, 0},              // tile 0, value 0
		{3, 2, 255},            // tile 0, value 1
		{2, 3, 128},            // tile 0, value 0.5: 127.5 rounds to 128
		{4, 2, backgroundGrey}, // the gap between tiles 0 and 1
		{6, 2, 255},            // tile 1
		{2, 6, 64},             // tile 2, value 0.25: 63.75 rounds to 64
		{6, 6, backgroundGrey}, // the empty fourth cell
		{9, 9, backgroundGrey}, // the border
	} {
		if got := grey(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
}

func TestGridScaleAndClamp(t *testing.T) {
	// One 1×3 tile at scale 3: every value is a 3×3 block; values outside
	// [0, 1] are clamped and NaN is black.
	img := Grid(matrix.NewFromSlice(1, 3, []float64{1.5, -0.2, math.NaN()}), GridOptions{TileRows: 1, TileCols: 3, Columns: 8, Scale: 3})
	gap := 2 * 3
	if b := img.Bounds(); b.Dx() != gap+9+gap || b.Dy() != gap+3+gap {
		t.Fatalf("picture is %d×%d, want %d×%d", b.Dx(), b.Dy(), gap+9+gap, gap+3+gap)
	}
	for dy := 0; dy < 3; dy++ {
		for dx := 0; dx < 3; dx++ {
			if a, b, c := grey(img, gap+dx, gap+dy), grey(img, gap+3+dx, gap+dy), grey(img, gap+6+dx, gap+dy); a != 255 || b != 0 || c != 0 {
				t.Fatalf("block pixel (%d, %d): %d %d %d, want 255 0 0", dx, dy, a, b, c)
			}
		}
	}
}

func TestGridPerTileRange(t *testing.T) {
	// A weight filter from −1 to 3 is stretched to black..white; a constant
	// one is mid-grey.
	filters := matrix.NewFromSlice(2, 4, []float64{
		-1, 3, 0, 1,
		0.7, 0.7, 0.7, 0.7,
	})
	img := Grid(filters, GridOptions{TileRows: 2, TileCols: 2, Columns: 2, Scale: 1, PerTileRange: true})
	for _, c := range []struct {
		x, y int
		want uint8
	}{
		{2, 2, 0},   // −1, the minimum
		{3, 2, 255}, // 3, the maximum
		{2, 3, 64},  // 0 is a quarter of the way: 63.75
		{3, 3, 128}, // 1 is half way: 127.5
		{6, 2, 128}, // the constant filter
	} {
		if got := grey(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
}

func TestPairsLayout(t *testing.T) {
	// Two 1×1 tiles and their reconstructions, two pairs to a line: each
	// pair is 1 + 2 + 1 pixels high, plus a border of 2 above and below.
	top := matrix.NewFromSlice(2, 1, []float64{1, 0.5})
	bottom := matrix.NewFromSlice(2, 1, []float64{0, 0.25})
	img := Pairs(top, bottom, GridOptions{TileRows: 1, TileCols: 1, Columns: 2, Scale: 1})
	if b := img.Bounds(); b.Dx() != 8 || b.Dy() != 8 {
		t.Fatalf("picture is %d×%d, want 8×8", b.Dx(), b.Dy())
	}
	for _, c := range []struct {
		x, y int
		want uint8
	}{
		{2, 2, 255}, {2, 5, 0}, // first original above its reconstruction
		{5, 2, 128}, {5, 5, 64}, // second pair
		{2, 3, backgroundGrey}, // the gap inside a pair
	} {
		if got := grey(img, c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	// With one pair to a line, the lines are separated by a wider gap.
	img = Pairs(top, bottom, GridOptions{TileRows: 1, TileCols: 1, Columns: 1, Scale: 1})
	if got, want := img.Bounds().Dy(), 2+4+6+4+2; got != want {
		t.Errorf("two lines of pairs are %d pixels high, want %d", got, want)
	}
}

func TestDrawingPanicsOnMisuse(t *testing.T) {
	ok := GridOptions{TileRows: 2, TileCols: 2, Columns: 1, Scale: 1}
	for _, tc := range []struct {
		name string
		draw func()
		want string
	}{
		{"scale 0", func() { Grid(matrix.New(1, 4), GridOptions{TileRows: 2, TileCols: 2, Columns: 1}) },
			"picture: Grid: TileRows 2, TileCols 2, Columns 1 and Scale 0 must all be at least 1"},
		{"rows are not tiles", func() { Grid(matrix.New(1, 5), ok) },
			"picture: Grid: a 1×5 matrix is not rows of 2×2 tiles"},
		{"no rows", func() { Grid(matrix.New(0, 4), ok) },
			"picture: Grid: a 0×4 matrix is not rows of 2×2 tiles"},
		{"pairs differ", func() { Pairs(matrix.New(2, 4), matrix.New(1, 4), ok) },
			"picture: Pairs: top is 2×4 but bottom is 1×4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if got := recover(); got != tc.want {
					t.Errorf("panic %v, want %q", got, tc.want)
				}
			}()
			tc.draw()
		})
	}
}

// TestGreyLevelsOfExtremes: ±Inf are clamped to white and black, NaN is
// black, and a filter tile whose values are all NaN, or all equal, is drawn
// without dividing by zero.
func TestGreyLevelsOfExtremes(t *testing.T) {
	img := Grid(matrix.NewFromSlice(1, 4, []float64{math.Inf(1), math.Inf(-1), math.NaN(), 1}), GridOptions{TileRows: 1, TileCols: 4, Columns: 1, Scale: 1})
	for x, want := range []uint8{255, 0, 0, 255} {
		if got := img.(*image.Gray).GrayAt(2+x, 2).Y; got != want {
			t.Errorf("value %d: grey %d, want %d", x, got, want)
		}
	}
	tiles := matrix.NewFromSlice(2, 3, []float64{math.NaN(), math.NaN(), math.NaN(), 0.3, math.NaN(), 0.3})
	img = Grid(tiles, GridOptions{TileRows: 1, TileCols: 3, Columns: 2, Scale: 1, PerTileRange: true})
	for _, c := range []struct {
		x    int
		want uint8
	}{{2, 0}, {3, 0}, {4, 0}, {7, 128}, {8, 0}, {9, 128}} {
		if got := img.(*image.Gray).GrayAt(c.x, 2).Y; got != c.want {
			t.Errorf("pixel (%d, 2): grey %d, want %d", c.x, got, c.want)
		}
	}
}
