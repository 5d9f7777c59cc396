package experiment

import (
	"context"
	"sync"
	"testing"

	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
)

// realMNIST is the real MNIST, read once from the copy built into the
// module and shared by the tests that need it.
var realMNIST struct {
	once        sync.Once
	train, test *mnist.Dataset
	err         error
}

// embeddedMNIST returns both splits of the embedded MNIST.
func embeddedMNIST(t *testing.T) (train, test *mnist.Dataset) {
	t.Helper()
	r := &realMNIST
	r.once.Do(func() {
		src := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}
		r.train, r.test, r.err = src.Load(context.Background())
	})
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.train, r.test
}

// firstImages returns a data set of the first n images of d (sharing its
// storage).
func firstImages(d *mnist.Dataset, n int) *mnist.Dataset {
	return &mnist.Dataset{Images: d.Images.SliceRows(0, n), Labels: d.Labels[:n], Rows: d.Rows, Cols: d.Cols}
}

// sseRef returns the mean over the rows of Σⱼ (xⱼ − yⱼ)², written out
// plainly, for checking the numbers a run reports.
func sseRef(x, y *matrix.Dense) float64 {
	sum := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j := 0; j < x.Cols(); j++ {
			d := x.At(i, j) - y.At(i, j)
			sum += d * d
		}
	}
	return sum / float64(x.Rows())
}
