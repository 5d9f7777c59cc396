package experiment

import (
	"context"
	"fmt"
	"time"

	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/pca"
)

// FittedPCA is where the pca and compare experiments start: the training
// and test images, and the PCA fitted on the training images. FitPCA makes
// it; fit once, then run either experiment, or both, on it.
type FittedPCA struct {
	Train, Test *mnist.Dataset
	PCA         *pca.PCA
	Seconds     float64 // how long the fit took
}

// FitPCA fits PCA on the training images (pca.FitContext). It returns an
// error if the two splits hold images of different sizes, and one for which
// errors.Is(err, context.Canceled) holds if ctx is cancelled during the fit.
func FitPCA(ctx context.Context, train, test *mnist.Dataset) (*FittedPCA, error) {
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return nil, fmt.Errorf("experiment: FitPCA: training images are %d×%d but test images are %d×%d", train.Rows, train.Cols, test.Rows, test.Cols)
	}
	start := time.Now()
	p, err := pca.FitContext(ctx, train.Images)
	if err != nil {
		return nil, err
	}
	return &FittedPCA{Train: train, Test: test, PCA: p, Seconds: time.Since(start).Seconds()}, nil
}

// PCASettings choose how many components a pca run keeps: K of them, or,
// when Fraction is not 0, the fewest that keep that fraction of the
// variance (K must then be 0).
type PCASettings struct {
	K        int     // 1 ≤ K ≤ d, the pixels of an image
	Fraction float64 // in (0, 1], e.g. 0.95; 0 chooses by K
}

// Validate reports what is wrong with s, as a *SettingError named as in
// PCAResult's JSON, or nil. K is checked only for being positive here: PCA
// checks it against the pixels of an image.
func (s PCASettings) Validate() error {
	switch {
	case s.Fraction != 0 && s.K != 0:
		return outOfRange("k", fmt.Sprintf("k = %d and a fraction of the variance (%g) both given: choose k one way", s.K, s.Fraction))
	case s.Fraction != 0 && !(s.Fraction > 0 && s.Fraction <= 1):
		return outOfRange("variance_wanted", "the fraction of the variance must be in (0, 1], e.g. 0.95")
	case s.Fraction == 0 && s.K < 1:
		return outOfRange("k", "the number of components must be at least 1")
	}
	return nil
}

// CurveMaxK is the largest number of components at which PCAResult gives
// the test error: beyond the 331 components that keep 99% of MNIST's
// variance nothing changes visibly.
const CurveMaxK = 400

// HintonPCASSE is the test error of PCA with 30 components on MNIST that
// Hinton & Salakhutdinov (2006), Science 313:504, Fig. 2, report.
const HintonPCASSE = 13.87

// VarianceLevel is a fraction of the variance whose number of components
// the pca experiment reports, with the number published for the 60,000
// MNIST training images (0 where none is).
type VarianceLevel struct {
	Fraction  float64
	Published int
}

// VarianceLevels are the levels PCAResult.ComponentsFor counts, in
// ascending order (docs/design.md, "Published numbers the project
// reproduces").
var VarianceLevels = []VarianceLevel{{0.5, 0}, {0.8, 0}, {0.9, 87}, {0.95, 154}, {0.99, 331}}

// LevelKey is how PCAResult.ComponentsFor names a fraction: "0.95".
func LevelKey(fraction float64) string { return fmt.Sprintf("%g", fraction) }

// PCAResult is what the pca experiment measures: the numbers of the pca
// command's summary.json. Errors are per image: Σ over the pixels of
// (x − x̂)², averaged over the images, not halved.
type PCAResult struct {
	K                 int            `json:"k"`
	KChosenBy         string         `json:"k_chosen_by"`               // "count" (PCASettings.K) or "variance" (PCASettings.Fraction)
	VarianceWanted    float64        `json:"variance_wanted,omitempty"` // PCASettings.Fraction, when k is chosen by it
	ImageRows         int            `json:"image_rows"`
	ImageCols         int            `json:"image_cols"`
	VarianceKept      float64        `json:"variance_kept"` // by the first K components, a fraction
	TestSSEPerImage   float64        `json:"test_sse_per_image"`
	TrainSSEPerImage  float64        `json:"train_sse_per_image"`
	PublishedTestSSE  float64        `json:"published_test_sse_per_image_k30"` // HintonPCASSE
	ComponentsFor     map[string]int `json:"components_for_variance"`          // by LevelKey, for each of VarianceLevels
	TopVariances      []float64      `json:"top_variances"`                    // σ² of the first 50 components, descending
	TrainImages       int            `json:"train_images"`
	TestImages        int            `json:"test_images"`
	FitSeconds        float64        `json:"fit_seconds"`
	Seconds           float64        `json:"seconds"`                      // the fit and the measurements
	Kernel            string         `json:"kernel"`                       // matrix.Kernel()
	TestSSEPerImageAt []float64      `json:"test_sse_per_image_k0_to_400"` // k = 0 (the mean image) to min(CurveMaxK, d)
}

// PCA runs the pca experiment on f: it chooses k as s says and measures
// the variance the first k components keep, the training and test errors
// with them, the number of components for each of VarianceLevels, and the
// test error for every k up to CurveMaxK. It returns a *SettingError for
// settings that do not fit the images (Validate, and K against the pixels
// of an image), and an error that wraps ctx.Err() if ctx is cancelled.
func PCA(ctx context.Context, f *FittedPCA, s PCASettings) (*PCAResult, error) {
	start := time.Now()
	p := f.PCA
	if err := s.Validate(); err != nil {
		return nil, err
	}
	r := &PCAResult{K: s.K, KChosenBy: "count", ImageRows: f.Train.Rows, ImageCols: f.Train.Cols,
		PublishedTestSSE: HintonPCASSE, ComponentsFor: map[string]int{},
		TrainImages: f.Train.Len(), TestImages: f.Test.Len(), FitSeconds: f.Seconds, Kernel: matrix.Kernel()}
	switch {
	case s.Fraction != 0:
		k, err := p.ComponentsFor(s.Fraction)
		if err != nil {
			return nil, err
		}
		r.K, r.KChosenBy, r.VarianceWanted = k, "variance", s.Fraction
	case s.K > p.Dim():
		return nil, outOfRange("k", fmt.Sprintf("the number of components must be between 1 and %d, the pixels of an image", p.Dim()))
	}

	cum, err := p.CumulativeVarianceRatio()
	if err != nil {
		return nil, err
	}
	r.VarianceKept = cum[r.K-1]
	if r.TestSSEPerImage, err = p.ReconstructionError(f.Test.Images, r.K); err != nil {
		return nil, err
	}
	if r.TrainSSEPerImage, err = p.ReconstructionError(f.Train.Images, r.K); err != nil {
		return nil, err
	}
	for _, l := range VarianceLevels {
		n, err := p.ComponentsFor(l.Fraction)
		if err != nil {
			return nil, err
		}
		r.ComponentsFor[LevelKey(l.Fraction)] = n
	}
	r.TopVariances = p.Variances[:min(50, p.Dim())]
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("experiment: PCA: %w", err)
	}
	if r.TestSSEPerImageAt, err = p.ErrorCurve(f.Test.Images, min(CurveMaxK, p.Dim())); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("experiment: PCA: %w", err)
	}
	r.Seconds = f.Seconds + time.Since(start).Seconds()
	return r, nil
}
