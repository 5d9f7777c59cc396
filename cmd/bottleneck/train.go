package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/nn"
)

const trainHelp = `
Train the lecture's undercomplete autoencoder on MNIST and show what it
learned. The encoder maps each 28×28 image (784 numbers in [0, 1]) through the
-layers down to the code; the decoder mirrors it back to 784. Training
minimises ½‖x − x̂‖² per image (plus weight decay) by mini-batch gradient
descent; after every epoch the error on the 10,000 test images is printed.

Written into -out: the model (autoencoder.model), reconstructions.png (test
digits above their reconstructions), filters.png (the first layer's weights
as images), loss.svg (error per epoch) and summary.json.

Errors are per image: Σ over the 784 pixels of (x − x̂)², averaged over the
images (test_sse_per_image; PCA with 30 components gets 13.87).`

// trainFlags are train's settings.
type trainFlags struct {
	data, out, opt        string
	net                   netFlags
	epochs, batch, trainN int
	lr, weightDecay       float64
	seed                  uint64
	json                  bool
}

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var f trainFlags
	fs := newFlagSet("train", trainHelp, stdout)
	fs.StringVar(&f.data, "data", "", dataFlagHelp)
	f.net.register(fs, "784,256,32", "relu", "sigmoid")
	fs.IntVar(&f.epochs, "epochs", 5, "passes over the training images")
	fs.IntVar(&f.batch, "batch", 128, "images per mini-batch")
	fs.Float64Var(&f.lr, "lr", 0.001, "learning rate")
	fs.StringVar(&f.opt, "opt", "adam", "optimizer: sgd, momentum (μ = 0.9) or adam")
	fs.Float64Var(&f.weightDecay, "weight-decay", 0, "L2 weight decay λ: adds (λ/2)·‖W‖² per image to the loss")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the initial weights and the shuffling; the same seed gives the same run")
	fs.IntVar(&f.trainN, "train-n", 60000, "use only the first N training images, for quick runs (default all of MNIST's 60000)")
	fs.StringVar(&f.out, "out", filepath.Join("out", "train"), "directory for the model, pictures and summary")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.net.config()
	if err != nil {
		return err
	}
	if err := checkTraining(f.epochs, f.batch, f.lr, f.weightDecay); err != nil {
		return err
	}
	if f.trainN < 1 {
		return usagef("-train-n %d: need at least one training image", f.trainN)
	}
	opt, err := newOptimizer(f.opt, f.lr)
	if err != nil {
		return err
	}
	if err := checkMemory(cfg, min(f.batch, f.trainN)); err != nil {
		return err
	}
	if err := prepareOutDir("train", f.out); err != nil {
		return err
	}
	// What the data holds, from the headers alone: the network's input is
	// one image's pixels.
	shape, err := readDataShape(f.data, true, true)
	if err != nil {
		return err
	}
	if cfg, err = f.net.fitInput(cfg, shape, isSet(fs, "layers")); err != nil {
		return err
	}
	if !isSet(fs, "train-n") {
		f.trainN = min(f.trainN, shape.trainN) // the default is all of MNIST's 60,000
	}
	if f.trainN > shape.trainN {
		return usagef("-train-n %d: the training set has only %d images", f.trainN, shape.trainN)
	}
	if err := checkMemory(cfg, min(f.batch, f.trainN)); err != nil {
		return err
	}
	train, test, err := loadMNIST(ctx, f.data, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}
	trainX := train.Images.SliceRows(0, f.trainN)

	rng := rand.New(rand.NewPCG(f.seed, 0))
	ae, err := autoencoder.New(cfg, rng)
	if err != nil {
		return usageError{err.Error()}
	}
	var regs []autoencoder.Regularizer
	if f.weightDecay > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: f.weightDecay})
	}

	// The error of the untrained network on the first 1,000 test images,
	// to tell a run that made things worse from one that is merely short.
	probe := test.Images.SliceRows(0, min(1000, test.Len()))
	untrained := ae.SSEPerImage(probe)

	log := stdout
	if f.json {
		log = stderr
	}
	fmt.Fprintf(log, "training %s on %d images, %s, batch %d, %s lr %g, kernel %s, %d threads\n",
		ae, f.trainN, plural(f.epochs, "epoch"), f.batch, f.opt, f.lr, matrix.Kernel(), runtime.GOMAXPROCS(0))
	var bar *progressBar
	if isTerminal(stderr) {
		bar = &progressBar{w: stderr}
	}
	start := time.Now()
	hist, err := autoencoder.Train(ae, trainX, test.Images, autoencoder.TrainConfig{
		Epochs: f.epochs, BatchSize: f.batch, Optimizer: opt, Regularizers: regs, Rng: rng,
		Progress: func(p autoencoder.Progress) error {
			if !p.EpochDone {
				if bar != nil {
					bar.draw(p.Batch, p.Batches, fmt.Sprintf("epoch %d/%d  train error %.3f  %.0f images/s", p.Epoch, p.Epochs, p.TrainSSE, p.ImagesPerSecond))
				}
				return ctx.Err()
			}
			if bar != nil {
				bar.clear()
			}
			fmt.Fprintf(log, "epoch %2d/%d  train error %.4f  test error %.4f", p.Epoch, p.Epochs, p.TrainSSE, p.HeldOutSSE)
			if len(regs) > 0 {
				fmt.Fprintf(log, "  objective %.4g", p.TrainLoss)
			}
			fmt.Fprintf(log, "  %5.1fs\n", p.Elapsed.Seconds())
			return ctx.Err()
		},
	})
	if bar != nil {
		bar.clear()
	}
	if errors.Is(err, context.Canceled) {
		return interrupted
	}
	if errors.Is(err, autoencoder.ErrDiverged) && f.weightDecay > 0 {
		// With weight decay a step shrinks W by lr·λ·W: too large a λ
		// diverges as surely as too large a learning rate.
		return fmt.Errorf("%v, or a smaller -weight-decay; nothing was saved", err)
	}
	if err != nil {
		return fmt.Errorf("%v; nothing was saved", err)
	}
	seconds := time.Since(start).Seconds()
	if f.epochs > 0 {
		fmt.Fprintf(log, "errors are Σ over the %d pixels of (x − x̂)² per image; the training error is the mean during the epoch\n", shape.pixels())
	}

	s := trainSummary{
		Layers: cfg.Layers, Shape: cfg.Shape(), Activation: cfg.Activation, CodeActivation: cfg.CodeActivation, OutputActivation: cfg.OutputActivation,
		Tied: cfg.Tied, Epochs: f.epochs, Batch: f.batch, Optimizer: f.opt, LearningRate: f.lr,
		WeightDecay: f.weightDecay, Seed: f.seed, TrainN: f.trainN, Seconds: seconds,
		SecondsPerEpoch: seconds / float64(max(f.epochs, 1)),
		Kernel:          matrix.Kernel(), Threads: runtime.GOMAXPROCS(0),
		TrainLoss: hist.TrainLoss, TrainSSEPerImage: hist.TrainSSE, TestSSEPerEpoch: hist.HeldOutSSE,
		TestSSEPerImage:      ae.SSEPerImage(test.Images),
		MeanImageSSEPerImage: meanImageSSE(trainX, test.Images),
		Files:                trainFiles,
	}
	s.Warning = trainingWarning(untrained, ae.SSEPerImage(probe), s.TestSSEPerImage, s.MeanImageSSEPerImage, "-lr", f.weightDecay > 0, "more -epochs or -train-n")
	if ctx.Err() != nil {
		return interrupted
	}
	if err := writeTrainOutputs(ctx, f.out, ae, test, hist, s); err != nil {
		return err
	}
	if s.Warning != "" {
		fmt.Fprintf(stderr, "bottleneck train: warning: %s\n", s.Warning)
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	fmt.Fprintf(stdout, "test error %.3f per image after %s in %.1fs (the mean image scores %.1f, PCA with 30 components 13.87); wrote %s\n",
		s.TestSSEPerImage, plural(f.epochs, "epoch"), seconds, s.MeanImageSSEPerImage, f.out)
	return nil
}

// trainFiles are the files train writes into -out.
var trainFiles = []string{"autoencoder.model", "reconstructions.png", "filters.png", "loss.svg", "summary.json"}

// trainingWarning says what is wrong with a run whose test error is worse
// than drawing the mean image, or "" if nothing is. before and after are the
// errors of the untrained and the trained network on the same test images;
// lrFlag names the flag of the learning rate, decay says whether weight
// decay was on (too large a one does the same harm), longer names the
// flags that train longer.
func trainingWarning(before, after, testSSE, meanSSE float64, lrFlag string, decay bool, longer string) string {
	switch {
	case !(after < before) && decay: // NaN too
		return fmt.Sprintf("training made the test error worse (%.3g before, %.3g after): the learning rate or the weight decay is probably too large; try a smaller %s or -weight-decay", before, after, lrFlag)
	case !(after < before):
		return fmt.Sprintf("training made the test error worse (%.3g before, %.3g after): the learning rate is probably too large; try a smaller %s", before, after, lrFlag)
	case !(testSSE <= meanSSE):
		return fmt.Sprintf("test error %.3g is still worse than drawing the mean training image every time (%.3g): the network has not learned the digits yet; train longer (%s) or try another %s", testSSE, meanSSE, longer, lrFlag)
	}
	return ""
}

// meanImageSSE returns the test error of the trivial reconstruction that
// draws the mean training image whatever the input: what a model must beat
// to have learned anything about the individual images.
func meanImageSSE(train, test *matrix.Dense) float64 {
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

// plural returns "1 epoch", "2 epochs" and so on.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// checkMemory refuses a network whose parameters, gradients and optimizer
// state, or whose batch buffers, would not fit in memory, before anything is
// allocated. The limit is half of a 24 GB machine's memory, generous for
// anything MNIST needs (the deep 784-1000-500-250-30 network takes about
// 0.1 GB). batch is the number of images a batch really holds.
func checkMemory(cfg autoencoder.Config, batch int) error {
	const limit = 12 << 30
	weights, widest := 0.0, 0.0
	for i := 0; i+1 < len(cfg.Layers); i++ {
		a, b := float64(cfg.Layers[i]), float64(cfg.Layers[i+1])
		weights += 2 * (a*b + b) // encoder and decoder
		widest = max(widest, a, b)
	}
	// Value, gradient and two Adam moments per weight; a handful of batch
	// buffers per layer.
	params := 8 * 4 * weights
	buffers := 8 * 8 * float64(batch) * widest * float64(len(cfg.Layers))
	if params+buffers <= limit {
		return nil
	}
	fix := "choose smaller -layers"
	if buffers > params {
		fix = "choose a smaller -batch"
	}
	return usagef("a %s network with batches of %d images needs about %.0f GB of memory, more than this program allows (%d GB): %s",
		cfg.Shape(), batch, (params+buffers)/1e9, limit>>30, fix)
}

// trainSummary is summary.json.
type trainSummary struct {
	Layers           []int   `json:"layers"`
	Shape            string  `json:"shape"`
	Activation       string  `json:"activation"`
	CodeActivation   string  `json:"code_activation"`
	OutputActivation string  `json:"output_activation"`
	Tied             bool    `json:"tied"`
	Epochs           int     `json:"epochs"`
	Batch            int     `json:"batch"`
	Optimizer        string  `json:"optimizer"`
	LearningRate     float64 `json:"learning_rate"`
	WeightDecay      float64 `json:"weight_decay"`
	Seed             uint64  `json:"seed"`
	TrainN           int     `json:"train_n"`
	Seconds          float64 `json:"seconds"`
	SecondsPerEpoch  float64 `json:"seconds_per_epoch"`
	Kernel           string  `json:"kernel"`
	Threads          int     `json:"threads"`
	TestSSEPerImage  float64 `json:"test_sse_per_image"`
	// MeanImageSSEPerImage is the test error of always drawing the mean
	// training image, the baseline any model must beat.
	MeanImageSSEPerImage float64 `json:"mean_image_sse_per_image"`
	// Warning says what went wrong with a run that did not beat the mean
	// image; it is empty for a good run.
	Warning          string    `json:"warning,omitempty"`
	TrainLoss        []float64 `json:"train_loss"`
	TrainSSEPerImage []float64 `json:"train_sse_per_image"`
	TestSSEPerEpoch  []float64 `json:"test_sse_per_epoch"`
	Files            []string  `json:"files"`
}

// writeTrainOutputs writes the model, the pictures and the summary into
// out, all together (see outputSet), the summary last.
func writeTrainOutputs(ctx context.Context, out string, ae *autoencoder.Autoencoder, test *mnist.Dataset, hist autoencoder.History, s trainSummary) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	o := newOutputSet()
	defer o.discard()
	model, err := ae.MarshalBinary()
	if err != nil {
		return err
	}
	if err := o.write(filepath.Join(out, "autoencoder.model"), bytesWriter(model)); err != nil {
		return err
	}
	// The first 20 test digits above their reconstructions.
	originals := test.Images.SliceRows(0, min(20, test.Len()))
	opt := mnist.GridOptions{TileRows: test.Rows, TileCols: test.Cols, Columns: 10, Scale: 2}
	if err := o.write(filepath.Join(out, "reconstructions.png"), pngWriter(mnist.Pairs(originals, ae.Reconstruct(originals), opt))); err != nil {
		return err
	}
	// Column j of W (784×h) is the filter of hidden unit j: draw Wᵀ's rows.
	w := ae.FirstLayer().W
	filters := matrix.New(w.Cols(), w.Rows())
	filters.Transpose(w)
	filters = filters.SliceRows(0, min(filters.Rows(), 100))
	opt.PerTileRange = true
	if err := o.write(filepath.Join(out, "filters.png"), pngWriter(mnist.Grid(filters, opt))); err != nil {
		return err
	}
	if err := o.write(filepath.Join(out, "loss.svg"), lossChart(hist).WriteSVG); err != nil {
		return err
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "train", out)
}

// lossChart draws training and test error per epoch, both as Σ(x − x̂)² per
// image so that the two lines are comparable. The training error is the
// mean over the epoch's batches, measured while the weights still moved;
// the test error is measured after the epoch.
func lossChart(h autoencoder.History) *plot.Chart {
	epochs := make([]float64, len(h.TrainSSE))
	for i := range epochs {
		epochs[i] = float64(i + 1)
	}
	c := &plot.Chart{
		Title:  "Reconstruction error per epoch",
		XLabel: "epoch", YLabel: "Σ(x − x̂)² per image",
		Series: []plot.Series{{Name: "training (in epoch)", X: epochs, Y: h.TrainSSE, Points: true}},
	}
	if len(h.HeldOutSSE) > 0 && !math.IsNaN(h.HeldOutSSE[0]) {
		c.Series = append(c.Series, plot.Series{Name: "test (after epoch)", X: epochs, Y: h.HeldOutSSE, Points: true})
	}
	return c
}

// checkTraining checks the settings of a training run.
func checkTraining(epochs, batch int, lr, weightDecay float64) error {
	switch {
	case epochs < 1:
		return usagef("-epochs %d: need at least one epoch", epochs)
	case batch < 1:
		return usagef("-batch %d: need at least one image per batch", batch)
	case !(lr > 0) || math.IsInf(lr, 0):
		return usagef("-lr %g: the learning rate must be a positive number", lr)
	case !(weightDecay >= 0) || math.IsInf(weightDecay, 0):
		return usagef("-weight-decay %g: must be zero or a positive number", weightDecay)
	case weightDecay > maxWeightDecay:
		return usagef("-weight-decay %g: at most %g; far below that every weight is driven to zero (λ above a direction's variance, about 5.1 at most for MNIST, switches it off)", weightDecay, float64(maxWeightDecay))
	}
	return nil
}

// newOptimizer returns the optimizer with the given name.
func newOptimizer(name string, lr float64) (nn.Optimizer, error) {
	switch name {
	case "sgd":
		return &nn.SGD{LearningRate: lr}, nil
	case "momentum":
		return &nn.Momentum{LearningRate: lr, Mu: 0.9}, nil
	case "adam":
		return nn.NewAdam(lr), nil
	}
	return nil, usagef("-opt %s: unknown optimizer (want sgd, momentum or adam)", name)
}
