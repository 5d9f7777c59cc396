package experiment

import (
	"context"
	"fmt"
	"io"
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
	K                  int        `json:"k"`
	WeightDecay        float64    `json:"weight_decay"`
	LearningRate       float64    `json:"exact_descent_learning_rate"`
	LearningRateAuto   bool       `json:"exact_descent_learning_rate_auto"`
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
	TrainImages          int     `json:"train_images"`
	PCASeconds           float64 `json:"pca_seconds"` // the fit and PCA's errors
	ExactSeconds         float64 `json:"exact_descent_seconds"`
	MiniBatchSeconds     float64 `json:"minibatch_seconds"`

	// For the figures (DrawCompare).
	ImageRows, ImageCols int           `json:"-"`
	Top                  *matrix.Dense `json:"-"` // the top K components, K×d
	ExactDecoder         *matrix.Dense `json:"-"` // W₁′ of the exact descent, K×d
	MiniBatchDecoder     *matrix.Dense `json:"-"` // W₁′ of the mini-batch training, K×d; nil without it
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

// Compare runs the compare experiment on f: PCA's errors with cfg.K
// components, the exact descent, and the mini-batch training, each decoder
// described against the top cfg.K components. It returns a *ConfigError
// for a cfg that cannot work (Check, and K against the pixels of an
// image), a *pca.DivergedError if the exact descent diverges, and an error
// for which errors.Is(err, context.Canceled) holds if ctx is cancelled.
func Compare(ctx context.Context, f *FittedPCA, cfg CompareConfig) (*CompareResult, error) {
	start := time.Now()
	p, train, test := f.PCA, f.Train, f.Test
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if d := p.Dim(); cfg.K < 1 || cfg.K >= d {
		return nil, &ConfigError{Field: "K", Value: fmt.Sprint(cfg.K), Reason: fmt.Sprintf("the code size must be between 1 and %d (smaller than the %d pixels of an image)", d-1, d)}
	}
	log := logTo(cfg)
	top, err := p.Top(cfg.K)
	if err != nil {
		return nil, err
	}
	r := &CompareResult{K: cfg.K, WeightDecay: cfg.WeightDecay, Variances: p.Variances[:cfg.K],
		TrainImages: train.Len(), ImageRows: train.Rows, ImageCols: train.Cols, Top: top}
	if r.PCATrainSSE, err = p.ReconstructionError(train.Images, cfg.K); err != nil {
		return nil, err
	}
	if r.PCATestSSE, err = p.ReconstructionError(test.Images, cfg.K); err != nil {
		return nil, err
	}
	r.PCASeconds = f.Seconds + time.Since(start).Seconds()
	fmt.Fprintf(log, "PCA of %d training images in %.1fs: k = %s, test error %.4f per image\n", train.Len(), r.PCASeconds, howMany(cfg.K, "component"), r.PCATestSSE)
	for _, v := range r.Variances {
		if pca.RegularizedS2(v, cfg.WeightDecay) > 0 {
			r.TheoryLiveDims++
		}
	}

	if err := exactDescent(ctx, f, cfg, r); err != nil {
		return nil, err
	}
	if cfg.Epochs > 0 {
		if err := miniBatch(ctx, f, cfg, r); err != nil {
			return nil, err
		}
	}

	r.LAETrainSSE, r.LAETestSSE = r.Exact.TrainSSEPerImage, r.Exact.TestSSEPerImage
	r.LiveDims = r.Exact.LiveDims
	r.PrincipalAnglesDeg, r.MaxAngleDeg = r.Exact.PrincipalAnglesDeg, r.Exact.MaxAngleDeg
	if cfg.WeightDecay > 0 {
		r.DecoderSVDCos2, r.DecoderS2 = r.Exact.SVDCos2, r.Exact.S2
		r.TheoryS2 = make([]float64, cfg.K)
		for i, v := range r.Variances {
			r.TheoryS2[i] = pca.RegularizedS2(v, cfg.WeightDecay)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("experiment: Compare: %w", err)
	}
	return r, nil
}

// exactDescent trains the linear autoencoder by full-batch descent on the
// covariance and describes its decoder in r.
func exactDescent(ctx context.Context, f *FittedPCA, cfg CompareConfig, r *CompareResult) error {
	start := time.Now()
	p := f.PCA
	r.LearningRate, r.LearningRateAuto = cfg.DescentLR, cfg.DescentLRAuto
	lrText := fmt.Sprintf("lr %g", r.LearningRate)
	if cfg.DescentLRAuto {
		r.LearningRate = pca.SafeLearningRate(p.Variances[0], cfg.WeightDecay)
		lrText = fmt.Sprintf("lr auto = 1/(2σ₁² + λ) = %.4g", r.LearningRate)
	}
	r.ExactSettings = fmt.Sprintf("full-batch descent on the covariance, %s, %s, momentum %g, λ %g, seed %d",
		howMany(cfg.Steps, "step"), lrText, cfg.Momentum, cfg.WeightDecay, cfg.Seed)
	descent := pca.DescentConfig{K: cfg.K, WeightDecay: cfg.WeightDecay, LearningRate: r.LearningRate,
		Momentum: cfg.Momentum, Steps: cfg.Steps, InitStd: 0.01}
	lae, err := pca.FitLinearAutoencoder(p.Covariance, descent, rand.New(rand.NewPCG(cfg.Seed, 1)),
		func(step int, lae *pca.LinearAutoencoder, loss float64) error {
			if step%5 == 0 || step == cfg.Steps {
				// A decoder whose SVD fails has diverged: the descent
				// itself reports that at this step.
				if angles, _, err := pca.LiveAngles(lae.Decoder, r.Top); err == nil {
					r.DescentAngles.add(float64(step), angles)
				}
			}
			return ctx.Err()
		})
	if err != nil {
		return err // a bad setting, a divergence, or ctx.Err()
	}
	r.ExactSeconds = time.Since(start).Seconds()
	if r.Exact, err = DescribeDecoder(lae.Decoder, r.Top); err != nil {
		return err
	}
	r.Exact.TrainSSEPerImage = lae.SSEPerImage(f.Train.Images, p.Mean)
	r.Exact.TestSSEPerImage = lae.SSEPerImage(f.Test.Images, p.Mean)
	r.ExactDecoder = lae.Decoder
	fmt.Fprintf(logTo(cfg), "exact descent: %s, in %.1fs\n", r.ExactSettings, r.ExactSeconds)
	return nil
}

// miniBatch trains the same linear autoencoder, with biases, by
// mini-batch backpropagation with Adam, as the lecture trains (the batches
// and Adam are our choice), and describes its decoder in r.
func miniBatch(ctx context.Context, f *FittedPCA, cfg CompareConfig, r *CompareResult) error {
	start := time.Now()
	log := logTo(cfg)
	d := f.PCA.Dim()
	rng := rand.New(rand.NewPCG(cfg.Seed, 2))
	ae, err := autoencoder.New(autoencoder.Config{Layers: []int{d, cfg.K}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rng)
	if err != nil {
		return err
	}
	var regs []autoencoder.Regularizer
	if cfg.WeightDecay > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: cfg.WeightDecay})
	}
	decoder := ae.Decoder.Layers[0].(*nn.Linear).W // W₁′, k×d: each row a direction in pixel space
	probe := f.Test.Images.SliceRows(0, min(1000, f.Test.Len()))
	r.MiniBatchProbeBefore = ae.SSEPerImage(probe)
	r.MiniBatchSettings = fmt.Sprintf("%d-%d-%d linear with biases, Adam %g, batch %d, %s, λ %g, seed %d",
		d, cfg.K, d, cfg.LR, cfg.Batch, howMany(cfg.Epochs, "epoch"), cfg.WeightDecay, cfg.Seed)
	fmt.Fprintf(log, "mini-batch backpropagation: %s\n", r.MiniBatchSettings)
	hist, err := autoencoder.Train(ae, f.Train.Images, f.Test.Images, autoencoder.TrainConfig{
		Epochs: cfg.Epochs, BatchSize: cfg.Batch, Optimizer: nn.NewAdam(cfg.LR), Regularizers: regs, Rng: rng,
		Progress: func(pr autoencoder.Progress) error {
			// Measure the angles about ten times an epoch, and at its end.
			tenth := max(1, pr.Batches/10)
			if !pr.EpochDone && (pr.Batch%tenth != 0 || pr.Batch == pr.Batches) {
				return ctx.Err()
			}
			angles, _, err := pca.LiveAngles(decoder, r.Top)
			if err != nil || len(angles) == 0 {
				if pr.EpochDone {
					fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  decoder switched off (every s² < %g)  %5.1fs\n",
						pr.Epoch, pr.Epochs, pr.HeldOutSSE, pca.LiveS2, pr.Elapsed.Seconds())
				}
				return ctx.Err()
			}
			r.MiniBatchAngles.add(float64(pr.Epoch-1)+float64(pr.Batch)/float64(pr.Batches), angles)
			if !pr.EpochDone {
				return ctx.Err()
			}
			largest, middle := degrees(angles[len(angles)-1]), degrees(median(angles))
			r.MiniBatchMaxAngle = append(r.MiniBatchMaxAngle, largest)
			r.MiniBatchMedianAngle = append(r.MiniBatchMedianAngle, middle)
			fmt.Fprintf(log, "  epoch %2d/%d  test error %.4f per image  largest angle %6.2f°  median %5.2f°  %5.1fs\n",
				pr.Epoch, pr.Epochs, pr.HeldOutSSE, largest, middle, pr.Elapsed.Seconds())
			return ctx.Err()
		},
	})
	if err != nil {
		return err // a divergence, or ctx.Err()
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

// logTo returns where cfg says progress goes.
func logTo(cfg CompareConfig) io.Writer {
	if cfg.Log == nil {
		return io.Discard
	}
	return cfg.Log
}

// howMany returns "1 step", "2 steps" and so on.
func howMany(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
