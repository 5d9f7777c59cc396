package experiment

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
	"bottleneck/pca"
)

// CompareResult is what the compare experiment measures: the numbers of
// the compare command's summary.json, and (not in JSON) what its figures
// are drawn from. The top-level lae_* fields, the angles and the s²
// describe the exact descent. Errors are per image, Σ over the pixels of
// (x − x̂)²; angles are in degrees.
type CompareResult struct {
	// CarryingComponents is how many of the top K principal components carry
	// variance (above 1e-12 of the largest; below is rounding). Fewer than K
	// means the training images span fewer dimensions than the code has,
	// and the angles of the other directions are arbitrary.
	CarryingComponents int `json:"carrying_components"`

	// The settings, as Compare used them.
	K                int     `json:"k"`
	WeightDecay      float64 `json:"weight_decay"`
	Steps            int     `json:"exact_descent_steps"`
	LearningRate     float64 `json:"exact_descent_learning_rate"` // the rate used, worked out when auto
	LearningRateAuto bool    `json:"exact_descent_learning_rate_auto"`
	Momentum         float64 `json:"exact_descent_momentum"`
	Epochs           int     `json:"minibatch_epochs"`
	Batch            int     `json:"minibatch_batch"`
	MiniBatchLR      float64 `json:"minibatch_learning_rate"`
	Seed             uint64  `json:"seed"`

	// What it found.
	PCATrainSSE        float64    `json:"pca_train_sse_per_image"`
	PCATestSSE         float64    `json:"pca_test_sse_per_image"`
	LAETrainSSE        float64    `json:"lae_train_sse_per_image"`
	LAETestSSE         float64    `json:"lae_test_sse_per_image"`
	LiveDims           int        `json:"live_dims"`
	TheoryLiveDims     int        `json:"theory_live_dims"` // components with σ² > λ
	PrincipalAnglesDeg []float64  `json:"principal_angles_deg"`
	MaxAngleDeg        *float64   `json:"max_principal_angle_deg"`
	DecoderSVDCos2     []float64  `json:"decoder_svd_cos2,omitempty"` // with weight decay only
	DecoderS2          []float64  `json:"decoder_s2,omitempty"`       // with weight decay only
	TheoryS2           []float64  `json:"theory_s2,omitempty"`        // pca.RegularizedS2, with weight decay only
	Variances          []float64  `json:"pca_variances"`              // σ² of the top K components
	Exact              Directions `json:"exact_descent"`
	ExactSettings      string     `json:"exact_descent_settings"`
	MiniBatch          Directions `json:"minibatch"`
	MiniBatchSettings  string     `json:"minibatch_settings"`
	MiniBatchMaxAngle  []float64  `json:"minibatch_max_angle_deg_per_epoch"`
	// MiniBatchMedianAngle and MiniBatchTestSSE are, like MiniBatchMaxAngle,
	// one value per epoch (no angle for an epoch whose decoder ended
	// switched off).
	MiniBatchMedianAngle []float64 `json:"minibatch_median_angle_deg_per_epoch"`
	MiniBatchTestSSE     []float64 `json:"minibatch_test_sse_per_image_per_epoch"`
	// The error of the mini-batch network on the first 1,000 test images
	// before and after training: training that made it worse went wrong.
	MiniBatchProbeBefore float64 `json:"minibatch_probe_sse_per_image_before"`
	MiniBatchProbeAfter  float64 `json:"minibatch_probe_sse_per_image_after"`
	// MeanImageSSEPerImage is the test error of always drawing the mean
	// training image, the baseline any model must beat (MeanImageSSE).
	MeanImageSSEPerImage float64 `json:"mean_image_sse_per_image"`
	TrainImages          int     `json:"train_images"`
	PCASeconds           float64 `json:"pca_seconds"` // the fit and PCA's errors
	ExactSeconds         float64 `json:"exact_descent_seconds"`
	MiniBatchSeconds     float64 `json:"minibatch_seconds"`

	// For the figures (DrawCompare).
	ImageRows, ImageCols int           `json:"-"`
	Top                  *matrix.Dense `json:"-"` // the top K components, K×784
	ExactDecoder         *matrix.Dense `json:"-"` // W₁′ of the exact descent, K×784
	MiniBatchDecoder     *matrix.Dense `json:"-"` // W₁′ of the mini-batch training, K×784; nil without it
	DescentAngles        AngleTrace    `json:"-"` // every 5 steps of the exact descent, and its last
	MiniBatchAngles      AngleTrace    `json:"-"` // about ten times an epoch of mini-batch training
}

// AngleTrace is the largest and the median principal angle (degrees)
// between a decoder and the top components, measured as training goes: At
// is the step, or the epoch (fractional within an epoch). A measurement
// at which no direction was live is left out.
type AngleTrace struct {
	At, MaxDeg, MedianDeg []float64
}

// add records the angles (radians, ascending) measured at at, if there
// are any.
func (tr *AngleTrace) add(at float64, angles []float64) {
	if len(angles) == 0 {
		return
	}
	tr.At = append(tr.At, at)
	tr.MaxDeg = append(tr.MaxDeg, degrees(angles[len(angles)-1]))
	tr.MedianDeg = append(tr.MedianDeg, degrees(median(angles)))
}

// CompareStage names the point of a compare run that a CompareProgress
// reports.
type CompareStage int

// The stages of a compare run, in the order they come.
const (
	PCAMeasured    CompareStage = iota // PCA's errors are in Result
	DescentStep                        // a step of the exact descent is done (Step)
	DescentDone                        // the exact descent's numbers are in Result
	MiniBatchStart                     // mini-batch training starts (Result.MiniBatchSettings)
	BatchDone                          // a mini-batch is done (Epoch)
	EpochDone                          // an epoch is done (Epoch, and its angles if a direction is live)
)

// CompareProgress is what Compare tells its progress function as it goes.
type CompareProgress struct {
	Stage  CompareStage
	Result *CompareResult       // the result so far; to read, not to keep or change
	Step   int                  // the exact descent's step, at DescentStep
	Epoch  autoencoder.Progress // at BatchDone and EpochDone
	// At EpochDone, the largest and the median principal angle (degrees)
	// of the mini-batch decoder; nil when no direction is live.
	MaxAngleDeg, MedianAngleDeg *float64
}

// Compare runs the compare experiment on f: PCA's errors with s.K
// components, the exact descent, and the mini-batch training, each decoder
// described against the top s.K components. progress, if not nil, is
// called at every stage, every step and every mini-batch; an error from it
// (a cancelled context, say) stops the run, and Compare returns it. Compare
// returns a *SettingError for settings that cannot work (Validate, and K
// against the pixels of an image), and a *pca.DivergedError if the exact
// descent diverges.
func Compare(s CompareSettings, f *FittedPCA, progress func(CompareProgress) error) (*CompareResult, error) {
	start := time.Now()
	p, train, test := f.PCA, f.Train, f.Test
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if d := p.Dim(); s.K < 1 || s.K >= d {
		return nil, outOfRange("k", fmt.Sprintf("the code size must be between 1 and %d (smaller than the %d pixels of an image)", d-1, d))
	}
	if progress == nil {
		progress = func(CompareProgress) error { return nil }
	}
	top, err := p.Top(s.K)
	if err != nil {
		return nil, err
	}
	// A direction without variance is no principal component: there is
	// nothing to compare a decoder with.
	if !(p.Variances[0] > 0) {
		images := fmt.Sprintf("%d images", train.Len())
		if train.Len() == 1 {
			images = "1 image"
		}
		return nil, fmt.Errorf("%w (%s, every one the same): there are no principal components to compare with", ErrNoVariance, images)
	}
	r := &CompareResult{K: s.K, WeightDecay: s.WeightDecay, Steps: s.Steps, Momentum: s.Momentum,
		Epochs: s.Epochs, Batch: s.Batch, MiniBatchLR: s.LearningRate, Seed: s.Seed,
		Variances: p.Variances[:s.K], TrainImages: train.Len(), ImageRows: train.Rows, ImageCols: train.Cols, Top: top}
	if r.PCATrainSSE, err = p.ReconstructionError(train.Images, s.K); err != nil {
		return nil, err
	}
	if r.PCATestSSE, err = p.ReconstructionError(test.Images, s.K); err != nil {
		return nil, err
	}
	r.MeanImageSSEPerImage = MeanImageSSE(train.Images, test.Images)
	for _, v := range r.Variances {
		if v > 1e-12*p.Variances[0] {
			r.CarryingComponents++
		}
	}
	r.PCASeconds = f.Seconds + time.Since(start).Seconds()
	for _, v := range r.Variances {
		if pca.RegularizedS2(v, s.WeightDecay) > 0 {
			r.TheoryLiveDims++
		}
	}
	if err := progress(CompareProgress{Stage: PCAMeasured, Result: r}); err != nil {
		return nil, err
	}

	if err := exactDescent(s, f, r, progress); err != nil {
		return nil, err
	}
	if err := progress(CompareProgress{Stage: DescentDone, Result: r}); err != nil {
		return nil, err
	}
	if s.Epochs > 0 {
		if err := miniBatch(s, f, r, progress); err != nil {
			return nil, err
		}
	}

	r.LAETrainSSE, r.LAETestSSE = r.Exact.TrainSSEPerImage, r.Exact.TestSSEPerImage
	r.LiveDims = r.Exact.LiveDims
	r.PrincipalAnglesDeg, r.MaxAngleDeg = r.Exact.PrincipalAnglesDeg, r.Exact.MaxAngleDeg
	if s.WeightDecay > 0 {
		r.DecoderSVDCos2, r.DecoderS2 = r.Exact.SVDCos2, r.Exact.S2
		r.TheoryS2 = make([]float64, s.K)
		for i, v := range r.Variances {
			r.TheoryS2[i] = pca.RegularizedS2(v, s.WeightDecay)
		}
	}
	return r, nil
}

// Warning says what went wrong with the mini-batch training, as
// TrainingWarning does, or "" for a good one or none; lrName names its
// learning rate as the user knows it (a flag such as "-lr"), longer the
// settings that train longer.
func (r *CompareResult) Warning(lrName, longer string) string {
	if r.Epochs == 0 {
		return ""
	}
	return TrainingWarning(r.MiniBatchProbeBefore, r.MiniBatchProbeAfter, r.MiniBatch.TestSSEPerImage,
		r.MeanImageSSEPerImage, lrName, r.WeightDecay > 0, longer)
}

// exactDescent trains the linear autoencoder by full-batch descent on the
// covariance and describes its decoder in r.
func exactDescent(s CompareSettings, f *FittedPCA, r *CompareResult, progress func(CompareProgress) error) error {
	start := time.Now()
	p := f.PCA
	r.LearningRate, r.LearningRateAuto = s.DescentLR, s.DescentLRAuto
	lrText := fmt.Sprintf("lr %g", r.LearningRate)
	if s.DescentLRAuto {
		r.LearningRate = pca.SafeLearningRate(p.Variances[0], s.WeightDecay)
		lrText = fmt.Sprintf("lr auto = 1/(2σ₁² + λ) = %.4g", r.LearningRate)
	}
	r.ExactSettings = fmt.Sprintf("full-batch descent on the covariance, %s, %s, momentum %g, λ %g, seed %d",
		howMany(s.Steps, "step"), lrText, s.Momentum, s.WeightDecay, s.Seed)
	descent := pca.DescentConfig{K: s.K, WeightDecay: s.WeightDecay, LearningRate: r.LearningRate,
		Momentum: s.Momentum, Steps: s.Steps, InitStd: 0.01}
	lae, err := pca.FitLinearAutoencoder(p.Covariance, descent, rand.New(rand.NewPCG(s.Seed, 1)),
		func(step int, lae *pca.LinearAutoencoder, loss float64) error {
			if step%5 == 0 || step == s.Steps {
				// A decoder whose SVD fails has diverged: the descent
				// itself reports that at this step.
				if angles, _, err := pca.LiveAngles(lae.Decoder, r.Top); err == nil {
					r.DescentAngles.add(float64(step), angles)
				}
			}
			return progress(CompareProgress{Stage: DescentStep, Result: r, Step: step})
		})
	if err != nil {
		return err // a bad setting, a divergence, or progress's error
	}
	r.ExactSeconds = time.Since(start).Seconds()
	if r.Exact, err = DescribeDecoder(lae.Decoder, r.Top); err != nil {
		return err
	}
	r.Exact.TrainSSEPerImage = lae.SSEPerImage(f.Train.Images, p.Mean)
	r.Exact.TestSSEPerImage = lae.SSEPerImage(f.Test.Images, p.Mean)
	r.ExactDecoder = lae.Decoder
	return nil
}

// miniBatch trains the same linear autoencoder, with biases, by
// backpropagation on mini-batches, as the lecture trains; the batches and
// Adam are our choice. It describes the decoder in r.
func miniBatch(s CompareSettings, f *FittedPCA, r *CompareResult, progress func(CompareProgress) error) error {
	start := time.Now()
	d := f.PCA.Dim()
	rng := rand.New(rand.NewPCG(s.Seed, 2))
	ae, err := autoencoder.New(autoencoder.Config{Layers: []int{d, s.K}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	if err != nil {
		return err
	}
	var regs []autoencoder.Regularizer
	if s.WeightDecay > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: s.WeightDecay})
	}
	decoder := ae.LastLayer().W // W₁′, k×784: each row a direction in pixel space
	probe := f.Test.Images.SliceRows(0, min(1000, f.Test.Len()))
	r.MiniBatchProbeBefore = ae.SSEPerImage(probe)
	r.MiniBatchSettings = fmt.Sprintf("%d-%d-%d linear with biases, Adam %g, batch %d, %s, λ %g, seed %d",
		d, s.K, d, s.LearningRate, s.Batch, howMany(s.Epochs, "epoch"), s.WeightDecay, s.Seed)
	if err := progress(CompareProgress{Stage: MiniBatchStart, Result: r}); err != nil {
		return err
	}
	hist, err := autoencoder.Train(ae, f.Train.Images, f.Test.Images, autoencoder.TrainConfig{
		Epochs: s.Epochs, BatchSize: s.Batch, Optimizer: nn.NewAdam(s.LearningRate), Regularizers: regs, Rng: rng,
		Progress: func(pr autoencoder.Progress) error {
			// Measure the angles about ten times an epoch, and at its end.
			tenth := max(1, pr.Batches/10)
			if !pr.EpochDone && (pr.Batch%tenth != 0 || pr.Batch == pr.Batches) {
				return progress(CompareProgress{Stage: BatchDone, Result: r, Epoch: pr})
			}
			angles, _, err := pca.LiveAngles(decoder, r.Top)
			if err != nil {
				angles = nil // a decoder whose SVD fails has no live direction to measure
			}
			r.MiniBatchAngles.add(float64(pr.Epoch-1)+float64(pr.Batch)/float64(pr.Batches), angles)
			if !pr.EpochDone {
				return progress(CompareProgress{Stage: BatchDone, Result: r, Epoch: pr})
			}
			done := CompareProgress{Stage: EpochDone, Result: r, Epoch: pr}
			if len(angles) > 0 {
				largest, middle := degrees(angles[len(angles)-1]), degrees(median(angles))
				r.MiniBatchMaxAngle = append(r.MiniBatchMaxAngle, largest)
				r.MiniBatchMedianAngle = append(r.MiniBatchMedianAngle, middle)
				done.MaxAngleDeg, done.MedianAngleDeg = &largest, &middle
			}
			return progress(done)
		},
	})
	if err != nil {
		return err // a divergence, or progress's error
	}
	r.MiniBatchSeconds = time.Since(start).Seconds()
	r.MiniBatchTestSSE = hist.HeldOutSSE
	if r.MiniBatch, err = DescribeDecoder(decoder, r.Top); err != nil {
		return err
	}
	r.MiniBatch.TrainSSEPerImage = ae.SSEPerImage(f.Train.Images)
	r.MiniBatch.TestSSEPerImage = ae.SSEPerImage(f.Test.Images)
	r.MiniBatchProbeAfter = ae.SSEPerImage(probe)
	r.MiniBatchDecoder = decoder
	return nil
}

// howMany returns "1 step", "2 steps" and so on.
func howMany(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ErrNoVariance is wrapped by Compare's error for training images that are
// all the same, which have no principal components.
var ErrNoVariance = errors.New("the training images have no variance")
