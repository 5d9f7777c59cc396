package experiment

import (
	"errors"
	"image"
	"math"

	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/pca"
	"bottleneck/picture"
)

// CompareFigures are the pictures of a compare run, as the compare command
// saves them.
type CompareFigures struct {
	// Directions is compare.png: first line the principal components,
	// second the exact decoder's rows, third its right singular vectors,
	// fourth the mini-batch decoder's rows (if there was mini-batch
	// training); at most 16 of each.
	Directions image.Image
	// DescentAngles is descent_angles.svg: the largest and median
	// principal angle over the steps of the exact descent.
	DescentAngles *plot.Chart
	// MiniBatchAngles is the same over the epochs of mini-batch training,
	// with the exact descent's final largest angle for reference; nil
	// without mini-batch training.
	MiniBatchAngles *plot.Chart
}

// errNoAngles is DrawCompare's error for an exact descent whose decoder
// never spanned a dimension: there is no angle to draw.
var errNoAngles = errors.New("no principal angles measured during the exact descent: the decoder stayed zero")

// DrawCompare draws the figures of the compare run r. Angles are drawn on
// a log axis, floored at 1e-4 degrees, so that an angle of 0 can be drawn.
func DrawCompare(r *CompareResult) (*CompareFigures, error) {
	pic, err := directionsPicture(r.Top, r.ExactDecoder, r.MiniBatchDecoder, r.ImageRows, r.ImageCols)
	if err != nil {
		return nil, err
	}
	exact := r.DescentAngles
	if len(exact.MaxDeg) == 0 {
		return nil, errNoAngles
	}
	figs := &CompareFigures{Directions: pic}
	figs.DescentAngles = &plot.Chart{
		Title:  "Exact descent: principal angles to PCA",
		XLabel: "full-batch gradient step", YLabel: "angle (degrees)", LogY: true,
		Series: []plot.Series{
			{Name: "largest", X: exact.At, Y: floorAt(exact.MaxDeg, 1e-4)},
			{Name: "median", X: exact.At, Y: floorAt(exact.MedianDeg, 1e-4)},
		},
	}
	mb := r.MiniBatchAngles
	if len(mb.At) == 0 {
		return figs, nil
	}
	last, end := exact.MaxDeg[len(exact.MaxDeg)-1], mb.At[len(mb.At)-1]
	figs.MiniBatchAngles = &plot.Chart{
		Title:  "Mini-batch training: principal angles to PCA",
		XLabel: "epoch", YLabel: "angle (degrees)", LogY: true,
		Series: []plot.Series{
			{Name: "largest", X: mb.At, Y: floorAt(mb.MaxDeg, 1e-4)},
			{Name: "median", X: mb.At, Y: floorAt(mb.MedianDeg, 1e-4)},
			{Name: "exact descent, largest", X: []float64{0, end}, Y: floorAt([]float64{last, last}, 1e-4)},
		},
	}
	return figs, nil
}

// directionsPicture draws the principal components, the exact decoder's
// rows, its singular vectors and (if not nil) the mini-batch decoder's
// rows, line above line, at most 16 of each, as images of rows×cols
// pixels. A direction's sign is arbitrary, so each tile is flipped to agree
// with the component above it.
func directionsPicture(top, exact, minibatch *matrix.Dense, rows, cols int) (image.Image, error) {
	n := min(16, top.Rows())
	sv, _, err := pca.SingularDirections(exact)
	if err != nil {
		return nil, err
	}
	lines := []*matrix.Dense{top, exact, sv}
	if minibatch != nil {
		lines = append(lines, minibatch)
	}
	tiles := matrix.New(n*len(lines), top.Cols())
	for l, m := range lines {
		for i := 0; i < n; i++ {
			row := tiles.Row(l*n + i)
			copy(row, m.Row(i))
			dot := 0.0
			for j, v := range row {
				dot += v * top.At(i, j)
			}
			if dot < 0 {
				for j := range row {
					row[j] = -row[j]
				}
			}
		}
	}
	opt := picture.GridOptions{TileRows: rows, TileCols: cols, Columns: n, Scale: 2, PerTileRange: true}
	return picture.Grid(tiles, opt), nil
}

// floorAt returns a copy of y with every value raised to at least lo, so
// that an angle of exactly 0 can be drawn on a log axis.
func floorAt(y []float64, lo float64) []float64 {
	out := make([]float64, len(y))
	for i, v := range y {
		out[i] = math.Max(v, lo)
	}
	return out
}
