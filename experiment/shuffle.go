package experiment

import (
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/mnist"
)

// ShufflePixels returns a copy of x (n×d, one image a row) in which every
// column — one pixel's values over the images — is put in a random order
// of its own, drawn from rng. Each pixel keeps its values, so its mean,
// its variance and its whole distribution stay as they were, and so does
// the mean image; what is lost is which values occurred together in one
// image: the correlation between pixels, which the lecture (at 07:51) says
// an autoencoder needs. x is left as it is.
func ShufflePixels(x *matrix.Dense, rng *rand.Rand) *matrix.Dense {
	n, d := x.Dims()
	y := x.Clone()
	for j := 0; j < d; j++ {
		// Fisher–Yates on column j: y(i, j) swaps with y(k, j), k ≤ i.
		for i := n - 1; i > 0; i-- {
			k := rng.IntN(i + 1)
			ri, rk := y.Row(i), y.Row(k)
			ri[j], rk[j] = rk[j], ri[j]
		}
	}
	return y
}

// shuffleStreams are the PCG streams of a run's seed that shuffle the
// pixels of its training and test images (0 to 2 draw the weights, the
// batches and the noise).
const (
	shuffleTrainStream = 3
	shuffleTestStream  = 4
)

// ShuffleSets returns train and test with each pixel's values shuffled
// across the images of each (ShufflePixels), from the streams of seed that
// Train uses: the PCA of what a run with TrainSettings.ShufflePixels and
// the same seed trains on (all the training images) and is tested on. The
// labels stay with their row, and no longer describe the image there.
func ShuffleSets(train, test *mnist.Dataset, seed uint64) (*mnist.Dataset, *mnist.Dataset) {
	shuffle := func(d *mnist.Dataset, stream uint64) *mnist.Dataset {
		return &mnist.Dataset{Images: ShufflePixels(d.Images, rand.New(rand.NewPCG(seed, stream))), Labels: d.Labels, Rows: d.Rows, Cols: d.Cols}
	}
	return shuffle(train, shuffleTrainStream), shuffle(test, shuffleTestStream)
}
