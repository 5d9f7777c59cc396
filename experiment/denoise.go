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

// DenoisingPicture draws the denoising grid of a trained run with noise:
// DenoisingRows for the first 10 test images (fewer if there are fewer),
// binarized if the run binarized them, as three lines of 10 tiles —
// corrupted, reconstructed, clean. The corruption is drawn as Train draws
// the corrupted test images (the run's seed, stream 2), so the first line
// holds the very images CorruptedTestSSEPerImage measured first. It
// returns nil for a run without noise.
func (r *TrainResult) DenoisingPicture(test *mnist.Dataset) image.Image {
	if !r.Noise.On() {
		return nil
	}
	k := min(10, test.Len())
	images := test.Images.SliceRows(0, k)
	if r.Binarize {
		images = autoencoder.Binarize(images)
	}
	rows := DenoisingRows(r.Model, images, k, r.Noise, rand.New(rand.NewPCG(r.Seed, 2)))
	return picture.Grid(rows, picture.GridOptions{TileRows: test.Rows, TileCols: test.Cols, Columns: k, Scale: 2})
}
