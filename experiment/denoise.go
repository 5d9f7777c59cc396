package experiment

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
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
