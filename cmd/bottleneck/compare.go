package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/nn"
	"bottleneck/pca"
)

const compareHelp = `
Train a linear autoencoder (identity activations, with biases) with a code of
k numbers on the 60,000 MNIST training images, and compare what it learned
with PCA at the same k.

It is trained two ways:
  - exactly: full-batch gradient descent with momentum on the per-image loss
    ½‖x − x̂‖² + (λ/2)(‖W₁‖² + ‖W₂‖²), which on centred data depends on the
    images only through their 784×784 covariance (docs/pca.md), so every
    step uses the exact gradient over all 60,000 images (-steps, -lr);
  - as in the lecture: mini-batch backpropagation with Adam on the same loss
    (-epochs, -batch, -adam-lr), whose gradient noise leaves the angles on a
    floor of a few degrees.

For each it prints the reconstruction error next to PCA's (training and
test, Σ over pixels of (x − x̂)² per image), the principal angles between the
span of the decoder's rows and the span of the top k components (Baldi &
Hornik: they go to zero), and for the individual directions the cos² between
decoder row i, and between the decoder's i-th right singular vector, and
principal component i. With weight decay λ > 0 the singular vectors line up
with the components and their squared singular values approach
s² = 1 − λ/σ² (Plaut 2018; Kunin et al. 2019), σ² being the component's
variance; λ is on the per-image scale, comparable with σ₁² ≈ 5.1. Weight
decay switches off every direction whose σ² is at most λ: compare says how
many are left, and measures the principal angles over those only.

Written into -out: compare.png (first line the principal components, second
the exact decoder's rows, third its singular vectors, fourth the mini-batch
decoder's rows), angles.svg (the largest and median principal angle over the
epochs of mini-batch training, with the exact descent's final largest angle
for reference), descent_angles.svg (the same over the steps of the exact
descent) and summary.json.`

// compareFlags are compare's settings.
type compareFlags struct {
	data, out        string
	k, steps, epochs int
	batch            int
	lambda, momentum float64
	lr               learningRate
	adamLR           float64
	seed             uint64
	json             bool
}

// learningRate is the -lr flag: a number, or "auto" for
// pca.SafeLearningRate(σ₁², λ), which is worked out once PCA has found σ₁².
type learningRate struct {
	auto  bool
	value float64 // when not auto
}

// String returns "auto" or the number, as -h prints the default.
func (l *learningRate) String() string {
	if l.auto {
		return "auto"
	}
	return strconv.FormatFloat(l.value, 'g', -1, 64)
}

// Set parses "auto" or a number; check says whether the number is usable.
func (l *learningRate) Set(s string) error {
	if s == "auto" {
		*l = learningRate{auto: true}
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("want a positive number or auto")
	}
	*l = learningRate{value: v}
	return nil
}

// maxWeightDecay is the largest -weight-decay compare accepts.
const maxWeightDecay = 1e6

// liveS2 is the squared singular value below which compare counts a
// decoder direction as switched off. With balanced weights the autoencoder
// scales the data along a direction by about s², so such a direction passes
// less than 0.01% of it. Weight decay λ switches off, in theory exactly,
// every direction whose variance σ² is at most λ.
const liveS2 = 1e-4

// directions describes how a decoder's rows (k×784) relate to the top k
// principal components. Its live dimensions are the right singular vectors
// whose squared singular value is at least liveS2; the angles and the
// subspace distance are over those (against as many top components), and
// are null in JSON when there are none.
type directions struct {
	TrainSSEPerImage   float64   `json:"train_sse_per_image"`
	TestSSEPerImage    float64   `json:"test_sse_per_image"`
	LiveDims           int       `json:"live_dims"`
	PrincipalAnglesDeg []float64 `json:"principal_angles_deg"`
	MaxAngleDeg        *float64  `json:"max_principal_angle_deg"`
	MedianAngleDeg     *float64  `json:"median_principal_angle_deg"`
	SubspaceDistance   *float64  `json:"subspace_distance"`
	AxisAlignment      *float64  `json:"axis_alignment"` // over the raw rows; null unless all k are live
	RowCos2            []float64 `json:"decoder_row_cos2"`
	SVDCos2            []float64 `json:"decoder_svd_cos2"` // live directions only
	S2                 []float64 `json:"decoder_s2"`
}

// compareSummary is summary.json, and what -json prints. The top-level
// lae_* fields describe the exact descent.
type compareSummary struct {
	K                  int        `json:"k"`
	WeightDecay        float64    `json:"weight_decay"`
	LearningRate       float64    `json:"exact_descent_learning_rate"`
	LearningRateAuto   bool       `json:"exact_descent_learning_rate_auto"`
	PCATrainSSE        float64    `json:"pca_train_sse_per_image"`
	PCATestSSE         float64    `json:"pca_test_sse_per_image"`
	LAETrainSSE        float64    `json:"lae_train_sse_per_image"`
	LAETestSSE         float64    `json:"lae_test_sse_per_image"`
	LiveDims           int        `json:"live_dims"`
	TheoryLiveDims     int        `json:"theory_live_dims"`
	PrincipalAnglesDeg []float64  `json:"principal_angles_deg"`
	MaxAngleDeg        *float64   `json:"max_principal_angle_deg"`
	DecoderSVDCos2     []float64  `json:"decoder_svd_cos2,omitempty"`
	DecoderS2          []float64  `json:"decoder_s2,omitempty"`
	TheoryS2           []float64  `json:"theory_s2,omitempty"`
	Variances          []float64  `json:"pca_variances"`
	Exact              directions `json:"exact_descent"`
	ExactSettings      string     `json:"exact_descent_settings"`
	MiniBatch          directions `json:"minibatch"`
	MiniBatchSettings  string     `json:"minibatch_settings"`
	MiniBatchMaxAngle  []float64  `json:"minibatch_max_angle_deg_per_epoch"`
	PCASeconds         float64    `json:"pca_seconds"`
	ExactSeconds       float64    `json:"exact_descent_seconds"`
	MiniBatchSeconds   float64    `json:"minibatch_seconds"`
	// MiniBatchWarning says what went wrong with a mini-batch training that
	// did not beat the mean image; it is empty for a good one.
	MiniBatchWarning string   `json:"minibatch_warning,omitempty"`
	Files            []string `json:"files"`
}

// compareFiles are the files compare writes into -out.
var compareFiles = []string{"compare.png", "angles.svg", "descent_angles.svg", "summary.json"}

// newCompareFlags returns compare's flag set, filling f.
func newCompareFlags(f *compareFlags, stdout io.Writer) *flagSet {
	fs := newFlagSet("compare", compareHelp, stdout)
	fs.StringVar(&f.data, "data", "", dataFlagHelp)
	fs.IntVar(&f.k, "k", 16, "code size k, the number of components compared (1 to 783: smaller than the pixels of an image)")
	fs.Float64Var(&f.lambda, "weight-decay", 0, "L2 weight decay λ on both weight matrices, per image: adds (λ/2)(‖W₁‖² + ‖W₂‖²); 0.5 gives s² ≈ 0.90 for the first component; directions with σ² ≤ λ are switched off (0 to 1e6)")
	fs.IntVar(&f.steps, "steps", 500, "full-batch gradient steps of the exact descent")
	f.lr = learningRate{auto: true}
	fs.Var(&f.lr, "lr", "learning `rate` of the exact descent, or auto: 1/(2σ₁² + λ) (0.098 at λ = 0), stable for every λ and momentum because the loss's curvature stays below about 2σ₁² + λ (docs/pca.md); the rate used is printed")
	fs.Float64Var(&f.momentum, "momentum", 0.9, "heavy-ball momentum of the exact descent")
	fs.IntVar(&f.epochs, "epochs", 5, "epochs of mini-batch backpropagation (0 skips it)")
	fs.IntVar(&f.batch, "batch", 128, "images per mini-batch")
	fs.Float64Var(&f.adamLR, "adam-lr", 0.001, "learning rate of Adam for the mini-batch training")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the initial weights and the shuffling")
	fs.StringVar(&f.out, "out", filepath.Join("out", "compare"), "directory for the pictures and summary.json")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	return fs
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var f compareFlags
	if err := parseFlags(newCompareFlags(&f, stdout), args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	if err := prepareOutDir("compare", f.out); err != nil {
		return err
	}
	shape, err := readDataShape(f.data, true, true)
	if err != nil {
		return err
	}
	if err := shape.checkPCA(); err != nil {
		return err
	}
	if d := shape.pixels(); d < 2 {
		return shape.errTooSmall()
	} else if f.k < 1 || f.k >= d {
		return usagef("-k %d: the code size must be between 1 and %d (smaller than the %d pixels of an image)", f.k, d-1, d)
	}
	train, test, err := loadMNIST(ctx, f.data, stderr)
	if err != nil {
		return err
	}
	start := time.Now()
	p, err := pca.FitContext(ctx, train.Images)
	if err != nil {
		return orInterrupted(err)
	}
	return compareFitted(ctx, f, train, test, p, start, stdout, stderr)
}

// compareFitted runs compare once PCA has been fitted (start is when the fit
// began): the exact descent, the mini-batch training, the outputs.
func compareFitted(ctx context.Context, f compareFlags, train, test *mnist.Dataset, p *pca.PCA, start time.Time, stdout, stderr io.Writer) error {
	log := stdout
	if f.json {
		log = stderr
	}
	top, err := p.Top(f.k)
	if err != nil {
		return err
	}
	s := compareSummary{K: f.k, WeightDecay: f.lambda, Variances: p.Variances[:f.k],
		Files: compareFiles}
	if s.PCATrainSSE, err = p.ReconstructionError(train.Images, f.k); err != nil {
		return err
	}
	if s.PCATestSSE, err = p.ReconstructionError(test.Images, f.k); err != nil {
		return err
	}
	s.PCASeconds = time.Since(start).Seconds()
	fmt.Fprintf(log, "PCA of %d training images in %.1fs: k = %s, test error %.4f per image\n", train.Len(), s.PCASeconds, plural(f.k, "component"), s.PCATestSSE)
	for _, v := range p.Variances[:f.k] {
		if v > f.lambda {
			s.TheoryLiveDims++
		}
	}

	// The exact descent on the covariance.
	start = time.Now()
	s.LearningRate, s.LearningRateAuto = f.lr.value, f.lr.auto
	lrText := fmt.Sprintf("lr %g", s.LearningRate)
	if f.lr.auto {
		s.LearningRate = pca.SafeLearningRate(p.Variances[0], f.lambda)
		lrText = fmt.Sprintf("lr auto = 1/(2σ₁² + λ) = %.4g", s.LearningRate)
	}
	s.ExactSettings = fmt.Sprintf("full-batch descent on the covariance, %s, %s, momentum %g, λ %g, seed %d", plural(f.steps, "step"), lrText, f.momentum, f.lambda, f.seed)
	var exactSteps, exactMax, exactMedian []float64
	cfg := pca.DescentConfig{K: f.k, WeightDecay: f.lambda, LearningRate: s.LearningRate, Momentum: f.momentum, Steps: f.steps, InitStd: 0.01}
	lae, err := pca.FitLinearAutoencoder(p.Covariance, cfg, rand.New(rand.NewPCG(f.seed, 1)), func(step int, lae *pca.LinearAutoencoder, loss float64) error {
		if step%5 != 0 && step != f.steps {
			return ctx.Err()
		}
		if angles, _, err := liveAngles(lae.Decoder, top); err == nil && len(angles) > 0 {
			exactSteps = append(exactSteps, float64(step))
			exactMax = append(exactMax, degrees(angles[len(angles)-1]))
			exactMedian = append(exactMedian, degrees(median(angles)))
		}
		return ctx.Err()
	})
	if errors.Is(err, context.Canceled) {
		return interrupted
	}
	if err != nil {
		return fmt.Errorf("%v; -lr auto is stable for every λ", strings.Replace(err.Error(), "; SafeLearningRate gives one that is always stable", "", 1))
	}
	s.ExactSeconds = time.Since(start).Seconds()
	if s.Exact, err = describeDecoder(lae.Decoder, top); err != nil {
		return err
	}
	s.Exact.TrainSSEPerImage = lae.SSEPerImage(train.Images, p.Mean)
	s.Exact.TestSSEPerImage = lae.SSEPerImage(test.Images, p.Mean)
	fmt.Fprintf(log, "exact descent: %s, in %.1fs\n", s.ExactSettings, s.ExactSeconds)

	// Mini-batch backpropagation, the lecture's way.
	var mbDecoder *matrix.Dense
	var mbEpochs, mbMax, mbMedian []float64
	if f.epochs > 0 {
		start = time.Now()
		rng := rand.New(rand.NewPCG(f.seed, 2))
		ae, err := autoencoder.New(autoencoder.Config{Layers: []int{p.Dim(), f.k}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
		if err != nil {
			return err
		}
		var regs []autoencoder.Regularizer
		if f.lambda > 0 {
			regs = append(regs, autoencoder.WeightDecay{Lambda: f.lambda})
		}
		decoder := ae.Decoder.Layers[0].(*nn.Linear).W // k×784: each row a direction in pixel space
		// The error of the untrained network on the first 1,000 test
		// images, to warn of a run that made things worse (as train does).
		probe := test.Images.SliceRows(0, min(1000, test.Len()))
		untrained := ae.SSEPerImage(probe)
		s.MiniBatchSettings = fmt.Sprintf("%d-%d-%d linear with biases, Adam %g, batch %d, %s, λ %g, seed %d", p.Dim(), f.k, p.Dim(), f.adamLR, f.batch, plural(f.epochs, "epoch"), f.lambda, f.seed)
		fmt.Fprintf(log, "mini-batch backpropagation: %s\n", s.MiniBatchSettings)
		_, err = autoencoder.Train(ae, train.Images, test.Images, autoencoder.TrainConfig{
			Epochs: f.epochs, BatchSize: f.batch, Optimizer: nn.NewAdam(f.adamLR), Regularizers: regs, Rng: rng,
			Progress: func(pr autoencoder.Progress) error {
				// Measure the angles about ten times an epoch, and at its end.
				tenth := max(1, pr.Batches/10)
				if !pr.EpochDone && (pr.Batch%tenth != 0 || pr.Batch == pr.Batches) {
					return ctx.Err()
				}
				angles, _, err := liveAngles(decoder, top)
				if err != nil || len(angles) == 0 {
					if pr.EpochDone {
						fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  decoder switched off (every s² < %g)  %5.1fs\n",
							pr.Epoch, pr.Epochs, pr.HeldOutSSE, liveS2, pr.Elapsed.Seconds())
					}
					return ctx.Err()
				}
				mbEpochs = append(mbEpochs, float64(pr.Epoch-1)+float64(pr.Batch)/float64(pr.Batches))
				mbMax = append(mbMax, degrees(angles[len(angles)-1]))
				mbMedian = append(mbMedian, degrees(median(angles)))
				if !pr.EpochDone {
					return ctx.Err()
				}
				s.MiniBatchMaxAngle = append(s.MiniBatchMaxAngle, degrees(angles[len(angles)-1]))
				fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  largest angle %6.2f°  median %5.2f°  %5.1fs\n",
					pr.Epoch, pr.Epochs, pr.HeldOutSSE, degrees(angles[len(angles)-1]), degrees(median(angles)), pr.Elapsed.Seconds())
				return ctx.Err()
			},
		})
		if err != nil {
			return orInterrupted(err)
		}
		s.MiniBatchSeconds = time.Since(start).Seconds()
		if s.MiniBatch, err = describeDecoder(decoder, top); err != nil {
			return err
		}
		s.MiniBatch.TrainSSEPerImage = ae.SSEPerImage(train.Images)
		s.MiniBatch.TestSSEPerImage = ae.SSEPerImage(test.Images)
		s.MiniBatchWarning = trainingWarning(untrained, ae.SSEPerImage(probe), s.MiniBatch.TestSSEPerImage, meanImageSSE(train.Images, test.Images), "-adam-lr", f.lambda > 0, "more -epochs")
		mbDecoder = decoder
	}

	s.LAETrainSSE, s.LAETestSSE = s.Exact.TrainSSEPerImage, s.Exact.TestSSEPerImage
	s.LiveDims = s.Exact.LiveDims
	s.PrincipalAnglesDeg, s.MaxAngleDeg = s.Exact.PrincipalAnglesDeg, s.Exact.MaxAngleDeg
	if f.lambda > 0 {
		s.DecoderSVDCos2, s.DecoderS2 = s.Exact.SVDCos2, s.Exact.S2
		s.TheoryS2 = make([]float64, f.k)
		for i, v := range p.Variances[:f.k] {
			s.TheoryS2[i] = math.Max(0, 1-f.lambda/v) // at or below σ² = λ the direction is switched off
		}
	}

	if ctx.Err() != nil {
		return interrupted
	}
	picture, err := comparePicture(top, lae.Decoder, mbDecoder, train.Rows, train.Cols)
	if err != nil {
		return err
	}
	descent, angles, err := angleCharts(exactSteps, exactMax, exactMedian, mbEpochs, mbMax, mbMedian)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	o := newOutputSet()
	defer o.discard()
	if err := o.write(filepath.Join(f.out, "compare.png"), pngWriter(picture)); err != nil {
		return err
	}
	if err := o.write(filepath.Join(f.out, "angles.svg"), angles.WriteSVG); err != nil {
		return err
	}
	if err := o.write(filepath.Join(f.out, "descent_angles.svg"), descent.WriteSVG); err != nil {
		return err
	}
	if err := o.writeJSON(filepath.Join(f.out, "summary.json"), s); err != nil {
		return err
	}
	if err := o.commit(ctx, "compare", f.out); err != nil {
		return err
	}
	if s.MiniBatchWarning != "" {
		fmt.Fprintf(stderr, "bottleneck compare: warning: mini-batch training: %s\n", s.MiniBatchWarning)
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printComparison(stdout, s, f.epochs > 0)
	fmt.Fprintf(stdout, "wrote compare.png, angles.svg, descent_angles.svg and summary.json into %s\n", f.out)
	return nil
}

// check returns a usage error for settings that cannot work.
func (f *compareFlags) check() error {
	switch {
	case !(f.lambda >= 0) || math.IsInf(f.lambda, 0):
		return usagef("-weight-decay %g: must be zero or a positive number", f.lambda)
	case f.lambda > maxWeightDecay:
		// The variance of 784 pixels in [0, 1] is at most 784/4 = 196, so
		// far below this every direction is already switched off; far
		// above it the loss (λ/2)‖W‖² overflows.
		return usagef("-weight-decay %g: at most %g; every direction is switched off once λ ≥ σ₁² (about 5.1 for MNIST)", f.lambda, float64(maxWeightDecay))
	case f.steps < 0:
		return usagef("-steps %d: must be zero or more", f.steps)
	case !f.lr.auto && (!(f.lr.value > 0) || math.IsInf(f.lr.value, 0)):
		return usagef("-lr %g: the learning rate must be a positive number, or auto", f.lr.value)
	case !(f.momentum >= 0 && f.momentum < 1):
		return usagef("-momentum %g: must be in [0, 1)", f.momentum)
	case f.epochs < 0:
		return usagef("-epochs %d: must be zero or more", f.epochs)
	case f.batch < 1:
		return usagef("-batch %d: need at least one image per batch", f.batch)
	case !(f.adamLR > 0) || math.IsInf(f.adamLR, 0):
		return usagef("-adam-lr %g: the learning rate must be a positive number", f.adamLR)
	}
	return nil
}

// liveAngles returns the principal angles (radians, ascending) between the
// span of decoder's live right singular vectors (those with s² ≥ liveS2)
// and the span of as many top components, and that number of live
// dimensions. There are no angles when no direction is live.
func liveAngles(decoder, top *matrix.Dense) ([]float64, int, error) {
	vecs, s, err := singularDirections(decoder)
	if err != nil {
		return nil, 0, err
	}
	live := 0
	for live < len(s) && s[live]*s[live] >= liveS2 {
		live++
	}
	if live == 0 {
		return nil, 0, nil
	}
	angles, err := pca.PrincipalAngles(vecs.SliceRows(0, live), top.SliceRows(0, live))
	return angles, live, err
}

// describeDecoder compares the rows of decoder (k×d) with the top k
// principal components (k×d): principal angles over its live dimensions, the
// measures of Bao et al., the cos² of each row and of each live right
// singular vector with the component of the same rank, and the squared
// singular values.
func describeDecoder(decoder, top *matrix.Dense) (directions, error) {
	var r directions
	angles, live, err := liveAngles(decoder, top)
	if err != nil {
		return r, err
	}
	r.LiveDims = live
	for _, a := range angles {
		r.PrincipalAnglesDeg = append(r.PrincipalAnglesDeg, degrees(a))
	}
	vecs, s, err := singularDirections(decoder)
	if err != nil {
		return r, err
	}
	if live > 0 {
		maxAngle, medianAngle := r.PrincipalAnglesDeg[live-1], degrees(median(angles))
		r.MaxAngleDeg, r.MedianAngleDeg = &maxAngle, &medianAngle
		dist, err := pca.SubspaceDistance(top.SliceRows(0, live), vecs.SliceRows(0, live))
		if err != nil {
			return r, err
		}
		r.SubspaceDistance = &dist
	}
	if live == top.Rows() {
		align, err := pca.AxisAlignment(top, decoder)
		if err != nil {
			return r, err
		}
		r.AxisAlignment = &align
	}
	for i := 0; i < top.Rows(); i++ {
		r.RowCos2 = append(r.RowCos2, cos2(decoder.Row(i), top.Row(i)))
		r.S2 = append(r.S2, s[i]*s[i])
	}
	for i := 0; i < live; i++ {
		r.SVDCos2 = append(r.SVDCos2, cos2(vecs.Row(i), top.Row(i)))
	}
	return r, nil
}

// cos2 returns the squared cosine of the angle between u and v, or 0 if
// either is zero (a switched-off decoder row can underflow to zero).
func cos2(u, v []float64) float64 {
	var uv, uu, vv float64
	for j := range u {
		uv += u[j] * v[j]
		uu += u[j] * u[j]
		vv += v[j] * v[j]
	}
	if uu == 0 || vv == 0 {
		return 0
	}
	return uv * uv / (uu * vv)
}

// singularDirections returns the right singular vectors of decoder (k×d) as
// the rows of a k×d matrix, in descending order of the singular values s:
// the directions in pixel space that the decoder stretches most.
func singularDirections(decoder *matrix.Dense) (*matrix.Dense, []float64, error) {
	_, s, v, err := pca.SVD(decoder) // decoder = U·diag(s)·Vᵀ, v: d×k
	if err != nil {
		return nil, nil, err
	}
	vecs := matrix.New(v.Cols(), v.Rows())
	vecs.Transpose(v)
	return vecs, s, nil
}

// comparePicture draws the principal components, the exact decoder's rows,
// its singular vectors and (if not nil) the mini-batch decoder's rows, line
// above line, at most 16 of each, as images of rows×cols pixels. A
// direction's sign is arbitrary, so each tile is flipped to agree with the
// component above it.
func comparePicture(top, exact, minibatch *matrix.Dense, rows, cols int) (image.Image, error) {
	n := min(16, top.Rows())
	sv, _, err := singularDirections(exact)
	if err != nil {
		return nil, err
	}
	lines := []*matrix.Dense{top, exact, sv}
	if minibatch != nil {
		lines = append(lines, minibatch)
	}
	tiles := matrix.New(n*len(lines), top.Cols())
	for l, m := range lines {
		for i := 0; i < n; i++ {
			row := tiles.Row(l*n + i)
			copy(row, m.Row(i))
			dot := 0.0
			for j, v := range row {
				dot += v * top.At(i, j)
			}
			if dot < 0 {
				for j := range row {
					row[j] = -row[j]
				}
			}
		}
	}
	opt := mnist.GridOptions{TileRows: rows, TileCols: cols, Columns: n, Scale: 2, PerTileRange: true}
	return mnist.Grid(tiles, opt), nil
}

// printComparison prints the table of errors and angles and the
// per-component alignment.
func printComparison(w io.Writer, s compareSummary, minibatch bool) {
	fmt.Fprintf(w, "\nreconstruction error, Σ over 784 pixels of (x − x̂)² per image; principal angles to the top %s\n", plural(s.K, "component"))
	fmt.Fprintf(w, "%-28s %10s %10s %10s %10s\n", "", "train", "test", "largest", "median")
	fmt.Fprintf(w, "%-28s %10.4f %10.4f\n", fmt.Sprintf("PCA, k = %d", s.K), s.PCATrainSSE, s.PCATestSSE)
	row := func(name string, d directions) {
		if d.MaxAngleDeg == nil {
			fmt.Fprintf(w, "%-28s %10.4f %10.4f %10s %10s\n", name, d.TrainSSEPerImage, d.TestSSEPerImage, "none", "none")
			return
		}
		fmt.Fprintf(w, "%-28s %10.4f %10.4f %9.4f° %9.4f°\n", name, d.TrainSSEPerImage, d.TestSSEPerImage, *d.MaxAngleDeg, *d.MedianAngleDeg)
	}
	row("linear AE, exact descent", s.Exact)
	if minibatch {
		row("linear AE, mini-batch", s.MiniBatch)
	}
	gap := (s.Exact.TrainSSEPerImage - s.PCATrainSSE) / s.PCATrainSSE
	switch {
	case s.WeightDecay > 0:
		fmt.Fprintf(w, "exact descent's training error is %.2f%% above PCA's: weight decay shrinks the reconstruction (s² < 1), by design\n", 100*gap)
	case gap < 1e-3:
		fmt.Fprintf(w, "exact descent's training error is within %.4f%% of PCA's; it cannot go below it, PCA being the optimum (Baldi & Hornik)\n", 100*math.Max(gap, 0))
	default:
		fmt.Fprintf(w, "exact descent's training error is %.2f%% above PCA's (more -steps bring it closer; it cannot go below)\n", 100*gap)
	}
	if s.WeightDecay > 0 && s.TheoryLiveDims < s.K {
		stay := fmt.Sprintf("%d of the %d stay on", s.TheoryLiveDims, s.K)
		switch s.TheoryLiveDims {
		case 0:
			stay = fmt.Sprintf("none of the %d stays on", s.K)
		case 1:
			stay = fmt.Sprintf("1 of the %d stays on", s.K)
		}
		fmt.Fprintf(w, "weight decay λ = %g switches off every direction whose variance σ² is at most λ: in theory %s\n", s.WeightDecay, stay)
	}
	live := s.Exact.LiveDims
	switch {
	case live == 0:
		fmt.Fprintf(w, "the exact decoder is switched off: every squared singular value is below %g, it spans no dimension, so there are no principal angles\n", liveS2)
	case live < s.K:
		fmt.Fprintf(w, "the exact decoder spans only %s (s² ≥ %g); the angles are between them and the top %s\n",
			plural(live, "dimension"), liveS2, plural(live, "component"))
	}
	if live > 0 {
		fmt.Fprintf(w, "principal angles of the exact descent (degrees, ascending):")
		for _, a := range s.Exact.PrincipalAnglesDeg {
			fmt.Fprintf(w, " %.4f", a)
		}
		fmt.Fprintln(w)
	}
	measure := func(v *float64) string {
		if v == nil {
			return "none"
		}
		return fmt.Sprintf("%.3g", *v)
	}
	fmt.Fprintf(w, "subspace distance (Bao et al.): exact %s", measure(s.Exact.SubspaceDistance))
	if minibatch {
		fmt.Fprintf(w, ", mini-batch %s", measure(s.MiniBatch.SubspaceDistance))
	}
	fmt.Fprintf(w, "; axis alignment: exact %s", measure(s.Exact.AxisAlignment))
	if minibatch {
		fmt.Fprintf(w, ", mini-batch %s", measure(s.MiniBatch.AxisAlignment))
	}
	if s.Exact.LiveDims < s.K {
		fmt.Fprintln(w, " (0 = aligned; over the live dimensions; none: not defined)")
	} else {
		fmt.Fprintln(w, " (0 = aligned)")
	}

	fmt.Fprintf(w, "\nindividual directions of the exact decoder: cos² with principal component i")
	if live < s.K || (minibatch && s.MiniBatch.LiveDims < s.K) {
		fmt.Fprintf(w, " (— where the direction is switched off)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%3s %9s %10s %12s %9s", "i", "σ²", "row i", "singular i", "s²")
	if s.WeightDecay > 0 {
		fmt.Fprintf(w, " %14s %9s", "1 − λ/σ²", "s²/theory")
	}
	if minibatch {
		fmt.Fprintf(w, " %16s", "mini-batch sing.")
	}
	fmt.Fprintln(w)
	optional := func(values []float64, i int, width int, format string) string {
		if i < len(values) {
			return fmt.Sprintf(format, width, values[i])
		}
		return fmt.Sprintf("%*s", width, "—")
	}
	for i := 0; i < s.K; i++ {
		fmt.Fprintf(w, "%3d %9.4f %10.4f %s %9.6f", i+1, s.Variances[i], s.Exact.RowCos2[i], optional(s.Exact.SVDCos2, i, 12, "%*.6f"), s.Exact.S2[i])
		note := ""
		switch {
		case s.WeightDecay > 0 && s.TheoryS2[i] > 0:
			fmt.Fprintf(w, " %14.6f %9.5f", s.TheoryS2[i], s.Exact.S2[i]/s.TheoryS2[i])
		case s.WeightDecay > 0:
			fmt.Fprintf(w, " %14s %9s", "0", "—")
			if s.Exact.S2[i] >= liveS2 {
				note = "  σ² ≤ λ, not yet switched off (more -steps)"
			} else {
				note = "  σ² ≤ λ: switched off, as theory says"
			}
		}
		if minibatch {
			fmt.Fprintf(w, " %s", optional(s.MiniBatch.SVDCos2, i, 16, "%*.4f"))
		}
		fmt.Fprintln(w, note)
	}
	// The verdict holds only once the subspace has been found: a largest
	// angle under 1°, the criterion of the issue this experiment answers.
	if s.WeightDecay == 0 && s.MaxAngleDeg != nil && *s.MaxAngleDeg < 1 {
		fmt.Fprintln(w, "without weight decay the decoder is any invertible mix of the components: the subspace is right, the individual directions are not (try -weight-decay 0.5)")
	} else if s.WeightDecay == 0 {
		fmt.Fprintln(w, "the decoder has not found the components' subspace yet (largest angle above 1°): give the exact descent more -steps")
	}
}

// angleCharts draws the charts of angles.svg, the principal angles over
// the epochs of mini-batch training (if any) beside the exact descent's final
// largest angle, and of descent_angles.svg, the angles over the exact
// descent's steps. Angles are drawn on a log axis, floored at 1e-4 degrees.
func angleCharts(steps, exactMax, exactMedian, epochs, mbMax, mbMedian []float64) (descent, angles *plot.Chart, err error) {
	if len(exactMax) == 0 {
		return nil, nil, fmt.Errorf("no principal angles measured during the exact descent: the decoder stayed zero")
	}
	last := exactMax[len(exactMax)-1]
	descent = &plot.Chart{
		Title:  "Exact descent: principal angles to PCA",
		XLabel: "full-batch gradient step", YLabel: "angle (degrees)", LogY: true,
		Series: []plot.Series{
			{Name: "largest", X: steps, Y: floorAt(exactMax, 1e-4)},
			{Name: "median", X: steps, Y: floorAt(exactMedian, 1e-4)},
		},
	}
	if len(epochs) == 0 {
		// No mini-batch training: angles.svg shows the exact descent alone.
		return descent, descent, nil
	}
	end := epochs[len(epochs)-1]
	minibatch := &plot.Chart{
		Title:  "Mini-batch training: principal angles to PCA",
		XLabel: "epoch", YLabel: "angle (degrees)", LogY: true,
		Series: []plot.Series{
			{Name: "largest", X: epochs, Y: floorAt(mbMax, 1e-4)},
			{Name: "median", X: epochs, Y: floorAt(mbMedian, 1e-4)},
			{Name: "exact descent, largest", X: []float64{0, end}, Y: floorAt([]float64{last, last}, 1e-4)},
		},
	}
	return descent, minibatch, nil
}

func degrees(rad float64) float64 { return rad * 180 / math.Pi }

// median returns the median of x (which it does not modify).
func median(x []float64) float64 {
	y := append([]float64(nil), x...)
	sort.Float64s(y)
	n := len(y)
	if n%2 == 1 {
		return y[n/2]
	}
	return (y[n/2-1] + y[n/2]) / 2
}

// floorAt returns a copy of y with every value raised to at least lo, so
// that an angle of exactly 0 can be drawn on a log axis.
func floorAt(y []float64, lo float64) []float64 {
	out := make([]float64, len(y))
	for i, v := range y {
		out[i] = math.Max(v, lo)
	}
	return out
}
