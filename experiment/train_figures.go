package experiment

import (
	"image"
	"math"

	"bottleneck/autoencoder"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/picture"
)

// ReconstructionsPicture draws the first 20 rows of images (fewer if
// there are fewer) above their reconstructions by ae, ten to a line.
// images: n×(rows·cols), n ≥ 1.
func ReconstructionsPicture(ae *autoencoder.Autoencoder, images *matrix.Dense, rows, cols int) image.Image {
	originals := images.SliceRows(0, min(20, images.Rows()))
	opt := picture.GridOptions{TileRows: rows, TileCols: cols, Columns: 10, Scale: 2}
	return picture.Pairs(originals, ae.Reconstruct(originals), opt)
}

// FiltersPicture draws the first layer's weights of ae, one tile per hidden
// unit (the first 100): column j of W₁ (in×hidden) holds the weights into
// unit j, the filter it applies to the image, drawn as a rows×cols image
// scaled from its own minimum (black) to its maximum (white).
func FiltersPicture(ae *autoencoder.Autoencoder, rows, cols int) image.Image {
	w := ae.FirstLayer().W
	filters := matrix.New(w.Cols(), w.Rows()) // Wᵀ: a filter per row
	filters.Transpose(w)
	filters = filters.SliceRows(0, min(filters.Rows(), 100))
	opt := picture.GridOptions{TileRows: rows, TileCols: cols, Columns: 10, Scale: 2, PerTileRange: true}
	return picture.Grid(filters, opt)
}

// LossChart draws training and test error per epoch, both as Σ(x − x̂)² per
// image so that the two lines are comparable. The training error is the
// mean over the epoch's batches, measured while the weights still moved;
// the test error is measured after the epoch, and left out when there was
// none (NaN).
func LossChart(h autoencoder.History) *plot.Chart {
	epochs := make([]float64, len(h.TrainSSE))
	for i := range epochs {
		epochs[i] = float64(i + 1)
	}
	c := &plot.Chart{
		Title:  "Reconstruction error per epoch",
		XLabel: "epoch", YLabel: "Σ(x − x̂)² per image",
		Series: []plot.Series{{Name: "training (in epoch)", X: epochs, Y: h.TrainSSE, Points: true}},
	}
	if len(h.HeldOutSSE) > 0 && !math.IsNaN(h.HeldOutSSE[0]) {
		c.Series = append(c.Series, plot.Series{Name: "test (after epoch)", X: epochs, Y: h.HeldOutSSE, Points: true})
	}
	return c
}
