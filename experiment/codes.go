package experiment

import (
	"context"
	"errors"
	"fmt"
	"io"

	"bottleneck/autoencoder"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/pca"
)

// CodeMap is the picture of a two-number code (Hinton & Salakhutdinov
// 2006, Fig. 3): every test image drawn as a point at its code (h₁, h₂),
// coloured by its digit, beside the same images at their coordinates
// along the first two principal components of the training images. Where
// the autoencoder's digits form separate clusters and PCA's overlap, the
// nonlinear code has kept more of what tells the digits apart.
type CodeMap struct {
	Codes  *matrix.Dense // n×2: the autoencoder's code of every test image
	PCs    *matrix.Dense // n×2: its coordinates along the first two principal components
	Labels []uint8       // n: its digit
}

// ErrCodeNotTwo is wrapped by the error NewCodeMap returns for an
// autoencoder whose code does not have exactly two numbers.
var ErrCodeNotTwo = errors.New("experiment: a code map needs a code of two numbers")

// NewCodeMap encodes the test images with ae, whose code must have two
// numbers, and projects them on the first two principal components of
// trainImages (N×in), which it fits. It returns an error wrapping
// ErrCodeNotTwo for any other code size, wrapping ErrData if ae
// does not take images of the test set's size, and ctx's error if ctx is
// cancelled first.
func NewCodeMap(ctx context.Context, ae *autoencoder.Autoencoder, trainImages *matrix.Dense, test *mnist.Dataset) (*CodeMap, error) {
	if ae.CodeSize() != 2 {
		return nil, fmt.Errorf("%w: this model's code has %d", ErrCodeNotTwo, ae.CodeSize())
	}
	d := test.Images.Cols()
	if ae.InputSize() != d || trainImages.Cols() != d {
		return nil, fmt.Errorf("experiment: NewCodeMap: %w: the model takes %d inputs, the training images have %d pixels and the test images %d", ErrData, ae.InputSize(), trainImages.Cols(), d)
	}
	codes, err := Codes(ctx, ae, test.Images, "test")
	if err != nil {
		return nil, err
	}
	p, err := pca.FitContext(ctx, trainImages)
	if err != nil {
		return nil, err
	}
	pcs, err := p.Project(test.Images, 2)
	if err != nil {
		return nil, err
	}
	return &CodeMap{Codes: codes, PCs: pcs, Labels: test.Labels}, nil
}

// CodeMap draws the code map of a trained run whose code has two numbers:
// NewCodeMap on the run's model, the training images it was trained on
// (the first TrainN) and the test images, both binarized and shuffled if
// the run binarized or shuffled them.
func (r *TrainResult) CodeMap(ctx context.Context, train, test *mnist.Dataset) (*CodeMap, error) {
	if r.TrainN > train.Len() {
		return nil, fmt.Errorf("experiment: TrainResult.CodeMap: %w: the run trained on %d images, the training set holds %d", ErrData, r.TrainN, train.Len())
	}
	test = &mnist.Dataset{Images: r.testImages(test), Labels: test.Labels, Rows: test.Rows, Cols: test.Cols}
	return NewCodeMap(ctx, r.Model, r.trainImages(train), test)
}

// WriteSVG draws the map as an SVG document: the principal components on
// the left, the code on the right, each digit's name written at the median
// of its points. The same map always gives the same bytes.
func (m *CodeMap) WriteSVG(w io.Writer) error {
	fig, err := m.Figure()
	if err != nil {
		return err
	}
	return fig.WriteSVG(w)
}

// Figure returns the picture WriteSVG draws, for a page that shows it
// inline (report.html).
func (m *CodeMap) Figure() (*plot.Scatter, error) {
	n := len(m.Labels)
	if m.Codes.Rows() != n || m.PCs.Rows() != n || m.Codes.Cols() != 2 || m.PCs.Cols() != 2 {
		return nil, fmt.Errorf("experiment: CodeMap: %d labels, codes %d×%d, principal components %d×%d; want n labels and n×2 each",
			n, m.Codes.Rows(), m.Codes.Cols(), m.PCs.Rows(), m.PCs.Cols())
	}
	class := make([]int, n)
	for i, l := range m.Labels {
		class[i] = int(l)
	}
	digits := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	fig := &plot.Scatter{
		Title:   fmt.Sprintf("%d test images placed by two numbers each, coloured by digit", n),
		Classes: digits,
		Panels: []plot.ScatterPanel{
			{Title: "PCA: first two principal components", XLabel: "component 1", YLabel: "component 2",
				X: column(m.PCs, 0), Y: column(m.PCs, 1), Class: class},
			{Title: "autoencoder: its two-number code", XLabel: "code h₁", YLabel: "code h₂",
				X: column(m.Codes, 0), Y: column(m.Codes, 1), Class: class},
		},
		MarkMedians: true,
	}
	return fig, nil
}

// column returns a copy of column j of a.
func column(a *matrix.Dense, j int) []float64 {
	out := make([]float64, a.Rows())
	for i := range out {
		out[i] = a.At(i, j)
	}
	return out
}
