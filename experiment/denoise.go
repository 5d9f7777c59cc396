package experiment

import (
	"fmt"
	"image"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/picture"
)

// DenoisingRows returns what a denoising grid shows, for the first k rows
// of images (n×in, k ≤ n): the k images corrupted by noise (drawn from
// rng), the autoencoder's reconstructions of those corrupted images, and
// the clean images, stacked into one 3k×in matrix in that order. Drawn as
// a grid of k columns, it is three lines of k tiles: corrupted,
// reconstructed, clean. A denoising autoencoder's middle line looks like
// the last; one that copies its input gives back the first.
func DenoisingRows(ae *autoencoder.Autoencoder, images *matrix.Dense, k int, noise autoencoder.Noise, rng *rand.Rand) *matrix.Dense {
	n, in := images.Dims()
	if k < 1 || k > n || in != ae.InputSize() {
		panic(fmt.Sprintf("experiment: DenoisingRows: %d of %d×%d images for a model of %d inputs", k, n, in, ae.InputSize()))
	}
	clean := images.SliceRows(0, k)
	rows := matrix.New(3*k, in)
	corrupted := rows.SliceRows(0, k)
	noise.Corrupt(corrupted, clean, rng)
	rows.SliceRows(k, 2*k).Copy(ae.Reconstruct(corrupted))
	rows.SliceRows(2*k, 3*k).Copy(clean)
	return rows
}

// DenoisingPicture draws the denoising grid of a trained run: DenoisingRows
// for the first 10 test images (fewer if there are fewer), binarized and
// shuffled if the run binarized or shuffled them, as three lines of 10 tiles — corrupted,
// reconstructed, clean. A run with noise is shown its own noise; any other
// run MaskTest, the masking its MaskedTestSSEPerImage was measured with,
// so that every run's grid shows what it makes of a damaged digit (a net
// that copies its input gives the holes back). The corruption is drawn as
// Train draws it for those errors (the run's seed, stream 2), so the first
// line holds the very images they measured first.
func (r *TrainResult) DenoisingPicture(test *mnist.Dataset) image.Image {
	noise := r.Noise
	if !noise.On() {
		noise = MaskTest
	}
	k := min(10, test.Len())
	images := r.testImages(test).SliceRows(0, k)
	rows := DenoisingRows(r.Model, images, k, noise, rand.New(rand.NewPCG(r.Seed, 2)))
	return picture.Grid(rows, picture.GridOptions{TileRows: test.Rows, TileCols: test.Cols, Columns: k, Scale: 2})
}
