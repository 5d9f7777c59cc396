package autoencoder_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
	"bottleneck/nn"
)

// TestPixelOrderDoesNotMatter shows that a fully connected autoencoder does
// not care how an image is flattened. The lecture flattens an M×N image by
// column concatenation; the MNIST files store it row by row. Train one
// network on row-major images and a second on the same images in column
// order, whose first layer's weight rows and last layer's weight columns
// and biases are the same permutation of the first network's: the two
// see the same numbers, only stored in another order, and so reach the same
// loss. (Only the order of additions inside the products differs, so the
// losses agree to rounding, not bit for bit.)
func TestPixelOrderDoesNotMatter(t *testing.T) {
	rowMajor := pixelOrderData(t)
	colMajor := mnist.ColumnMajor(rowMajor, 28, 28)
	p := mnist.ColumnMajorPermutation(28, 28) // colMajor[i] = rowMajor[p[i]]

	cfg := autoencoder.Config{Layers: []int{784, 32, 8}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid"}
	aeRow, _ := autoencoder.New(cfg, rand.New(rand.NewPCG(1, 2)))
	aeCol, _ := autoencoder.New(cfg, rand.New(rand.NewPCG(1, 2)))
	// The first layer's rows and the last layer's columns follow the pixels.
	w1Row, w1Col := aeRow.FirstLayer().W, aeCol.FirstLayer().W
	last := len(aeRow.Decoder.Layers) - 2
	outRow, outCol := aeRow.Decoder.Layers[last].(*nn.Linear), aeCol.Decoder.Layers[last].(*nn.Linear)
	for i, j := range p {
		copy(w1Col.Row(i), w1Row.Row(j))
		outCol.B.Set(0, i, outRow.B.At(0, j))
		for r := 0; r < outRow.W.Rows(); r++ {
			outCol.W.Set(r, i, outRow.W.At(r, j))
		}
	}

	train := func(ae *autoencoder.Autoencoder, x *matrix.Dense) autoencoder.History {
		h, err := autoencoder.Train(ae, x, x.SliceRows(0, 200), autoencoder.TrainConfig{
			Epochs: 2, BatchSize: 50, Optimizer: nn.NewAdam(0.003), Rng: rand.New(rand.NewPCG(3, 4)),
		})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	hRow, hCol := train(aeRow, rowMajor), train(aeCol, colMajor)
	for e := range hRow.TrainLoss {
		a, b := hRow.TrainLoss[e], hCol.TrainLoss[e]
		// 1e-9 relative: rounding in sums of 784 terms is about 1e-13, and
		// two epochs of Adam amplify it by far less than 10⁴.
		if !(math.Abs(a-b) <= 1e-9*a) { // written so that NaN fails
			t.Errorf("epoch %d: loss %.15g row-major, %.15g column-major", e+1, a, b)
		}
		if a, b := hRow.HeldOutSSE[e], hCol.HeldOutSSE[e]; !(math.Abs(a-b) <= 1e-9*a) {
			t.Errorf("epoch %d: held-out error %.15g row-major, %.15g column-major", e+1, a, b)
		}
	}
	// Training must have done something, or the comparison proves nothing.
	if !(hRow.TrainLoss[1] < hRow.TrainLoss[0]) {
		t.Errorf("loss did not fall: %v", hRow.TrainLoss)
	}
}

// pixelOrderData returns the first 1000 MNIST training images, read from the
// copy embedded in the module.
func pixelOrderData(t *testing.T) *matrix.Dense {
	src := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}
	train, err := src.LoadTrain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return train.Images.SliceRows(0, 1000)
}
