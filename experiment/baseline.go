package experiment

import "bottleneck/matrix"

// MeanImageSSE returns the test error of the trivial reconstruction that
// draws the mean training image whatever the input: Σ over the pixels of
// (x − x̄)², averaged over the rows of test. It is what a model must beat
// to have learned anything about the individual images: 52.9 per image
// on MNIST's test images, with the mean of its 60,000 training images.
// train, test: n×pixels.
func MeanImageSSE(train, test *matrix.Dense) float64 {
	mean := matrix.New(1, train.Cols())
	mean.AddColSums(train)
	mean.Scale(1/float64(train.Rows()), mean)
	sum := 0.0
	for i := 0; i < test.Rows(); i++ {
		for j, v := range test.Row(i) {
			d := v - mean.At(0, j)
			sum += d * d
		}
	}
	return sum / float64(max(test.Rows(), 1))
}
