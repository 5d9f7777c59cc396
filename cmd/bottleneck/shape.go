package main

import (
	"fmt"

	"bottleneck/mnist"
)

// dataShape is what the headers of the images files say: how many images
// each split holds and how large they are. Commands read it before any
// pixel, so that data they cannot use is refused in one line, before time
// and memory go into reading it.
type dataShape struct {
	dir           string
	rows, cols    int
	trainN, testN int // 0 for a split not read
}

// pixels returns the number of pixels of one image, the size of a
// network's input.
func (s dataShape) pixels() int { return s.rows * s.cols }

// size describes one image: "28×28 = 784 pixels".
func (s dataShape) size() string {
	if s.pixels() == 1 {
		return "1×1 = 1 pixel"
	}
	return fmt.Sprintf("%d×%d = %d pixels", s.rows, s.cols, s.pixels())
}

// readDataShape reads the headers of the images files of the splits that
// loadMNIST, loadMNISTTrain or loadMNISTTest would read (from the same
// place), and checks that they hold images of one size.
func readDataShape(dataFlag string, train, test bool) (dataShape, error) {
	src, origin, err := dataSource(dataFlag)
	if err != nil {
		return dataShape{}, err
	}
	s := dataShape{dir: src.Name}
	var trainRows, trainCols int
	if train {
		if s.trainN, trainRows, trainCols, err = src.ReadImagesHeader(mnist.TrainImages); err != nil {
			return s, explainDataError(src, origin, err)
		}
		s.rows, s.cols = trainRows, trainCols
	}
	if test {
		if s.testN, s.rows, s.cols, err = src.ReadImagesHeader(mnist.TestImages); err != nil {
			return s, explainDataError(src, origin, err)
		}
	}
	if train && test && (s.rows != trainRows || s.cols != trainCols) {
		return s, fmt.Errorf("mnist: %s: training images are %d×%d but test images are %d×%d: the two splits must hold images of one size", src.Name, trainRows, trainCols, s.rows, s.cols)
	}
	return s, nil
}

// errTooSmall refuses images too small for an undercomplete autoencoder,
// whose code must be smaller than its input.
func (s dataShape) errTooSmall() error {
	return fmt.Errorf("the images in %s are %s: an undercomplete autoencoder needs a code smaller than its input, so at least 2 pixels", s.dir, s.size())
}

// maxPCAPixels is the largest image PCA is fitted on: its covariance is
// pixels×pixels, 128 MB for 64×64 images (and 5 MB for MNIST's 28×28).
const maxPCAPixels = 64 * 64

// checkPCA refuses images too large for PCA's covariance.
func (s dataShape) checkPCA() error {
	if s.pixels() > maxPCAPixels {
		return fmt.Errorf("the images in %s are %s: PCA needs a %d×%d covariance matrix; this program fits PCA on images of at most %d pixels (64×64)", s.dir, s.size(), s.pixels(), s.pixels(), maxPCAPixels)
	}
	return nil
}
