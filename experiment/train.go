package experiment

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"runtime"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/mnist"
)

// MaxWeightDecay is the largest weight decay λ a run accepts. Far below it
// every weight is driven to zero: a λ above a direction's variance (about
// 5.1 at most for MNIST in [0, 1]) switches that direction off.
const MaxWeightDecay = 1e6

// MaxLearningRate is the largest learning rate a run accepts. The loss is
// per image, so the usual rates are 0.001 for Adam and 0.01 to 3 for SGD;
// a step a hundred times larger throws the weights far beyond any digit,
// and a run with a learning rate of 1e20 once ended with finite but
// meaningless weights (codes of 1e41) and no word of divergence.
const MaxLearningRate = 100

// TrainSettings are the settings of a training run: the network and how it
// is trained.
type TrainSettings struct {
	Config       autoencoder.Config // the network; its input size must be the images' pixel count
	Epochs       int                // passes over the training images, at least 1
	Batch        int                // images per mini-batch, at least 1
	Optimizer    string             // "sgd", "momentum" or "adam" (NewOptimizer)
	LearningRate float64            // the optimizer's step size: η of sgd and momentum, α of adam
	WeightDecay  float64            // λ ≥ 0 of the L2 penalty (λ/2)·‖W‖² per image; 0 for none
	Seed         uint64             // the initial weights and the shuffling; the same seed gives the same run
	TrainN       int                // use the first TrainN training images, at least 1
	// Binarize turns the pixels of the training and the test images into
	// 0 or 1 (autoencoder.Binarize): the data cross-entropy models best.
	// The errors are then measured against the binarized images. The
	// model records it (its Config's Preprocess); a Config that says
	// PreprocessBinarize binarizes as well.
	Binarize bool
	// ShufflePixels destroys the correlation between pixels before
	// training: each pixel's values are shuffled across the training
	// images, and across the test images, by ShufflePixels with the
	// run's seed, so that every pixel keeps its distribution. The lecture
	// says (at 07:51) that an autoencoder works only because the pixels
	// are correlated; this tests it.
	ShufflePixels bool
}

// Validate reports what is wrong with s, or nil: the network's
// configuration (a *autoencoder.ConfigError), then each setting in the
// order of the struct (a *SettingError), then the memory the run would take
// (CheckMemory). It needs no data.
func (s TrainSettings) Validate() error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	if err := checkEpochsBatch(s.Epochs, s.Batch); err != nil {
		return err
	}
	if err := checkLearningRate("learning_rate", s.LearningRate); err != nil {
		return err
	}
	if err := checkWeightDecay(s.WeightDecay); err != nil {
		return err
	}
	if s.TrainN < 1 {
		return outOfRange("train_n", "need at least one training image")
	}
	if _, err := NewOptimizer(s.Optimizer, s.LearningRate); err != nil {
		return err
	}
	return CheckMemory(s.Config, min(s.Batch, s.TrainN))
}

// checkEpochsBatch checks the number of epochs and the batch size.
func checkEpochsBatch(epochs, batch int) error {
	switch {
	case epochs < 1:
		return outOfRange("epochs", "need at least one epoch")
	case batch < 1:
		return outOfRange("batch", "need at least one image per batch")
	}
	return nil
}

// checkLearningRate checks the learning rate of the setting field.
func checkLearningRate(field string, lr float64) error {
	switch {
	case !(lr > 0) || math.IsInf(lr, 0):
		return outOfRange(field, "the learning rate must be a positive number")
	case lr > MaxLearningRate:
		return outOfRange(field, fmt.Sprintf("at most %g; the usual rates are 0.001 for adam and 0.01 to 3 for sgd", float64(MaxLearningRate)))
	}
	return nil
}

// checkWeightDecay checks a weight decay λ.
func checkWeightDecay(wd float64) error {
	switch {
	case !(wd >= 0) || math.IsInf(wd, 0):
		return outOfRange("weight_decay", "must be zero or a positive number")
	case wd > MaxWeightDecay:
		return outOfRange("weight_decay", fmt.Sprintf("at most %g; far below that every weight is driven to zero (λ above a direction's variance, about 5.1 at most for MNIST, switches it off)", float64(MaxWeightDecay)))
	}
	return nil
}

// TrainResult is what a training run found: the numbers of summary.json,
// under its names, and the network and figures the run made. Errors are
// per image: Σ over the pixels of (x − x̂)², averaged over the images.
type TrainResult struct {
	// The network and the settings, as summary.json repeats them.
	Layers           []int  `json:"layers"`
	Shape            string `json:"shape"`
	Activation       string `json:"activation"`
	CodeActivation   string `json:"code_activation"`
	OutputActivation string `json:"output_activation"`
	Tied             bool   `json:"tied"`
	// The loss, the penalties on the code and the noise of
	// autoencoder.Config (the loss and the noise as their names, "bce",
	// "mask:0.3"), and whether the images were binarized.
	Loss              autoencoder.Loss  `json:"loss"`
	L1                float64           `json:"l1"`
	Sparsity          float64           `json:"sparsity"`
	SparsityWeight    float64           `json:"sparsity_weight"`
	Contractive       float64           `json:"contractive"`
	Noise             autoencoder.Noise `json:"noise"`
	AllowOvercomplete bool              `json:"allow_overcomplete"`
	Binarize          bool              `json:"binarize"`
	ShufflePixels     bool              `json:"shuffle_pixels"` // each pixel's values shuffled across the images (TrainSettings.ShufflePixels)

	Epochs       int     `json:"epochs"`
	Batch        int     `json:"batch"`
	Optimizer    string  `json:"optimizer"`
	LearningRate float64 `json:"learning_rate"`
	WeightDecay  float64 `json:"weight_decay"`
	Seed         uint64  `json:"seed"`
	TrainN       int     `json:"train_n"`

	// Where and how long it ran.
	Seconds         float64 `json:"seconds"`
	SecondsPerEpoch float64 `json:"seconds_per_epoch"`
	Kernel          string  `json:"kernel"`  // matrix.Kernel()
	Threads         int     `json:"threads"` // runtime.GOMAXPROCS(0)

	// TestSSEPerImage is the trained network's error on all the test
	// images: Σ(x − x̂)² per image whatever the loss, so that runs compare.
	TestSSEPerImage float64 `json:"test_sse_per_image"`
	// CorruptedTestSSEPerImage, for a denoising autoencoder (Noise on),
	// is its error on test images corrupted by the same noise, compared
	// with the clean ones: how well it restores damaged images. Nil
	// without noise.
	CorruptedTestSSEPerImage *float64 `json:"corrupted_test_sse_per_image,omitempty"`
	// MaskedTestSSEPerImage is the error on the test images masked by
	// MaskTest (30% of the pixels set to 0), compared with the clean ones,
	// for every run: how any network copes with damaged input.
	MaskedTestSSEPerImage float64 `json:"masked_test_sse_per_image"`
	// Code describes the trained network's codes of the test images: how
	// active the code units are and how sensitive the code is to the input.
	Code CodeStats `json:"code"`
	// MeanImageSSEPerImage is the test error of always drawing the mean
	// training image, the baseline any model must beat (MeanImageSSE).
	MeanImageSSEPerImage float64 `json:"mean_image_sse_per_image"`

	// One value per epoch (autoencoder.History): the per-image objective
	// the optimizer minimised, penalties included; the training error,
	// the mean over the epoch's batches while the weights still moved; the
	// test error after the epoch.
	TrainLoss        []float64 `json:"train_loss"`
	TrainSSEPerImage []float64 `json:"train_sse_per_image"`
	TestSSEPerEpoch  []float64 `json:"test_sse_per_epoch"`

	// ProbeSSEBefore and ProbeSSEAfter are the errors of the untrained and
	// the trained network on the first 1,000 test images: they tell a run
	// that made things worse from one that is merely short (Warning).
	ProbeSSEBefore, ProbeSSEAfter float64 `json:"-"`

	Model           *autoencoder.Autoencoder `json:"-"` // the trained network
	Reconstructions image.Image              `json:"-"` // the first 20 test digits above their reconstructions (ReconstructionsPicture)
	Filters         image.Image              `json:"-"` // the first layer's weights as images (FiltersPicture)
	LossChart       *plot.Chart              `json:"-"` // training and test error per epoch (LossChart)
}

// Warning says what is wrong with the run, or "" for a good run
// (TrainingWarning), naming the learning rate and the settings that train
// longer as the caller's user knows them: "-lr" and "more -epochs or
// -train-n" for the command.
func (r *TrainResult) Warning(lrName, longer string) string {
	return TrainingWarning(r.ProbeSSEBefore, r.ProbeSSEAfter, r.TestSSEPerImage, r.MeanImageSSEPerImage, lrName, r.WeightDecay > 0, longer)
}

// Train trains the autoencoder s.Config describes on the first s.TrainN
// images of train, measuring it on test after every epoch, and returns what
// it found. The seed s.Seed draws the initial weights and the order of the
// images (its stream 0), the noise of every batch of a denoising
// autoencoder (stream 1), and the noise of the corrupted and of the masked
// test images (stream 2, drawn anew for each), so that a rerun is the same
// run. progress, if not nil, is called after every batch and every epoch
// (autoencoder.TrainConfig.Progress); an error from it stops the run
// and is returned, wrapped. train and test must hold images of the
// network's input size.
//
// The errors: a bad setting (Validate), data that does not fit the
// settings (a *SettingError wrapping ErrData), and a training that
// diverged (wrapping autoencoder.ErrDiverged).
func Train(s TrainSettings, train, test *mnist.Dataset, progress func(autoencoder.Progress) error) (*TrainResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := checkData(s.Config, s.TrainN, train, test); err != nil {
		return nil, err
	}
	cfg := s.Config
	if s.Binarize {
		// Recorded in the model, so that encode and classify feed it
		// images as it was trained on them.
		cfg.Preprocess = autoencoder.PreprocessBinarize
	}
	s.Binarize = cfg.Preprocess == autoencoder.PreprocessBinarize
	cfg.ShuffledPixels = s.ShufflePixels // recorded in the model, so that its readers can say so
	trainX, testX := cfg.Prepare(train.Images.SliceRows(0, s.TrainN)), cfg.Prepare(test.Images)
	if s.ShufflePixels {
		trainX = ShufflePixels(trainX, rand.New(rand.NewPCG(s.Seed, shuffleTrainStream)))
		testX = ShufflePixels(testX, rand.New(rand.NewPCG(s.Seed, shuffleTestStream)))
	}

	rng := rand.New(rand.NewPCG(s.Seed, 0))
	ae, err := autoencoder.New(cfg, rng)
	if err != nil {
		return nil, err
	}
	opt, err := NewOptimizer(s.Optimizer, s.LearningRate)
	if err != nil {
		return nil, err
	}
	var regs []autoencoder.Regularizer
	if s.WeightDecay > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: s.WeightDecay})
	}
	r := &TrainResult{
		Layers: cfg.Layers, Shape: cfg.Shape(), Activation: cfg.Activation, CodeActivation: cfg.CodeActivation,
		OutputActivation: cfg.OutputActivation, Tied: cfg.Tied,
		Loss: cfg.Loss, L1: cfg.L1, Sparsity: cfg.Sparsity, SparsityWeight: cfg.SparsityWeight, Contractive: cfg.Contractive,
		Noise: cfg.Noise, AllowOvercomplete: cfg.AllowOvercomplete, Binarize: s.Binarize, ShufflePixels: s.ShufflePixels,
		Epochs: s.Epochs, Batch: s.Batch, Optimizer: s.Optimizer, LearningRate: s.LearningRate,
		WeightDecay: s.WeightDecay, Seed: s.Seed, TrainN: s.TrainN,
		Kernel: matrix.Kernel(), Threads: runtime.GOMAXPROCS(0),
		Model: ae,
	}
	probe := testX.SliceRows(0, min(1000, testX.Rows()))
	r.ProbeSSEBefore = ae.SSEPerImage(probe)

	start := time.Now()
	hist, err := autoencoder.Train(ae, trainX, testX, autoencoder.TrainConfig{
		Epochs: s.Epochs, BatchSize: s.Batch, Optimizer: opt, Regularizers: regs,
		Rng: rng, NoiseRng: rand.New(rand.NewPCG(s.Seed, 1)), Progress: progress,
	})
	if err != nil {
		return nil, err
	}
	r.Seconds = time.Since(start).Seconds()
	r.SecondsPerEpoch = r.Seconds / float64(s.Epochs)
	r.TrainLoss, r.TrainSSEPerImage, r.TestSSEPerEpoch = hist.TrainLoss, hist.TrainSSE, hist.HeldOutSSE

	r.ProbeSSEAfter = ae.SSEPerImage(probe)
	r.TestSSEPerImage = ae.SSEPerImage(testX)

	if cfg.Noise.On() {
		corrupted := ae.CorruptedSSEPerImage(testX, cfg.Noise, rand.New(rand.NewPCG(s.Seed, 2)))
		r.CorruptedTestSSEPerImage = &corrupted
	}
	r.MaskedTestSSEPerImage = ae.CorruptedSSEPerImage(testX, MaskTest, rand.New(rand.NewPCG(s.Seed, 2)))
	r.Code = MeasureCode(ae, testX)
	r.MeanImageSSEPerImage = MeanImageSSE(trainX, testX)

	r.Reconstructions = ReconstructionsPicture(ae, testX, test.Rows, test.Cols)
	r.Filters = FiltersPicture(ae, test.Rows, test.Cols)
	r.LossChart = LossChart(hist)
	return r, nil
}

// checkData checks that train holds at least trainN images and that both
// sets hold images of the network's input size, with a *SettingError
// wrapping ErrData.
func checkData(cfg autoencoder.Config, trainN int, train, test *mnist.Dataset) error {
	if trainN > train.Len() {
		return &SettingError{Field: "train_n", Err: ErrData, Detail: fmt.Sprintf("the training set has only %d images", train.Len())}
	}
	for _, d := range []*mnist.Dataset{train, test} {
		if d != nil && d.Images.Cols() != cfg.Layers[0] {
			return &SettingError{Field: "layers", Err: ErrData,
				Detail: fmt.Sprintf("the network takes %d inputs, but the images are %d×%d = %d pixels", cfg.Layers[0], d.Rows, d.Cols, d.Images.Cols())}
		}
	}
	return nil
}

// testImages returns the test images as the run saw them: binarized if it
// binarized them, with each pixel's values shuffled as Train shuffled them
// (the same seed and stream give the same order). n×d.
func (r *TrainResult) testImages(test *mnist.Dataset) *matrix.Dense {
	x := r.Model.Config.Prepare(test.Images)
	if r.ShufflePixels {
		x = ShufflePixels(x, rand.New(rand.NewPCG(r.Seed, shuffleTestStream)))
	}
	return x
}

// trainImages returns the first TrainN training images as the run saw
// them, as testImages does for the test images. TrainN×d.
func (r *TrainResult) trainImages(train *mnist.Dataset) *matrix.Dense {
	x := r.Model.Config.Prepare(train.Images.SliceRows(0, r.TrainN))
	if r.ShufflePixels {
		x = ShufflePixels(x, rand.New(rand.NewPCG(r.Seed, shuffleTrainStream)))
	}
	return x
}
