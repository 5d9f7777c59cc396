package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
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

func runTrain(args []string, stdout, stderr io.Writer) error {
	var f trainFlags
	fs := newFlagSet("train", trainHelp, stdout)
	fs.StringVar(&f.data, "data", "", "directory holding the four MNIST files (default $MNIST_DIR, else the user cache; see bottleneck fetch)")
	f.net.register(fs, "784,256,32", "relu", "sigmoid")
	fs.IntVar(&f.epochs, "epochs", 5, "passes over the training images")
	fs.IntVar(&f.batch, "batch", 128, "images per mini-batch")
	fs.Float64Var(&f.lr, "lr", 0.001, "learning rate")
	fs.StringVar(&f.opt, "opt", "adam", "optimizer: sgd, momentum (μ = 0.9) or adam")
	fs.Float64Var(&f.weightDecay, "weight-decay", 0, "L2 weight decay λ: adds (λ/2)·‖W‖² per image to the loss")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the initial weights and the shuffling; the same seed gives the same run")
	fs.IntVar(&f.trainN, "train-n", 60000, "use only the first N training images, for quick runs")
	fs.StringVar(&f.out, "out", filepath.Join("out", "train"), "directory for the model, pictures and summary")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.net.config()
	if err != nil {
		return err
	}
	if cfg.Layers[0] != 28*28 {
		return usagef("-layers %s: the first size must be 784, the 28×28 pixels of an MNIST image", f.net.layers)
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

	if err := prepareOutDir(f.out); err != nil {
		return err
	}
	dir, err := mnist.Dir(f.data)
	if err != nil {
		return err
	}
	train, test, err := mnist.Load(dir)
	if err != nil {
		return err
	}
	if f.trainN > train.Len() {
		return usagef("-train-n %d: the training set has only %d images", f.trainN, train.Len())
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

	log := stdout
	if f.json {
		log = stderr
	}
	fmt.Fprintf(log, "training %s on %d images, %d epochs, batch %d, %s lr %g, kernel %s, %d threads\n",
		ae, f.trainN, f.epochs, f.batch, f.opt, f.lr, matrix.Kernel(), runtime.GOMAXPROCS(0))
	var bar *progressBar
	if isTerminal(stderr) {
		bar = &progressBar{w: stderr}
	}
	start := time.Now()
	hist, err := autoencoder.Train(ae, trainX, test.Images, autoencoder.TrainConfig{
		Epochs: f.epochs, BatchSize: f.batch, Optimizer: opt, Regularizers: regs, Rng: rng,
		Progress: func(p autoencoder.Progress) {
			if !p.EpochDone {
				if bar != nil {
					bar.draw(p.Batch, p.Batches, fmt.Sprintf("epoch %d/%d  loss %.3f  %.0f images/s", p.Epoch, p.Epochs, p.TrainLoss, p.ImagesPerSecond))
				}
				return
			}
			if bar != nil {
				bar.clear()
			}
			fmt.Fprintf(log, "epoch %2d/%d  train loss %.4f (½Σ(x−x̂)² per image)  test error %.4f (Σ(x−x̂)² per image)  %5.1fs\n",
				p.Epoch, p.Epochs, p.TrainLoss, p.HeldOutSSE, p.Elapsed.Seconds())
		},
	})
	if bar != nil {
		bar.clear()
	}
	if err != nil {
		return fmt.Errorf("%v; nothing was saved", err)
	}
	seconds := time.Since(start).Seconds()

	s := trainSummary{
		Layers: cfg.Layers, Shape: cfg.Shape(), Activation: cfg.Activation, CodeActivation: cfg.CodeActivation, OutputActivation: cfg.OutputActivation,
		Tied: cfg.Tied, Epochs: f.epochs, Batch: f.batch, Optimizer: f.opt, LearningRate: f.lr,
		WeightDecay: f.weightDecay, Seed: f.seed, TrainN: f.trainN, Seconds: seconds,
		SecondsPerEpoch: seconds / float64(max(f.epochs, 1)),
		Kernel:          matrix.Kernel(), Threads: runtime.GOMAXPROCS(0),
		TrainLoss: hist.TrainLoss, TrainSSEPerImage: hist.TrainSSE, TestSSEPerEpoch: hist.HeldOutSSE,
		TestSSEPerImage: ae.SSEPerImage(test.Images),
		Files:           []string{"autoencoder.model", "reconstructions.png", "filters.png", "loss.svg", "summary.json"},
	}
	if err := writeTrainOutputs(f.out, ae, test, hist, s); err != nil {
		return err
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	fmt.Fprintf(stdout, "test error %.3f per image after %d epochs in %.1fs; wrote %s\n", s.TestSSEPerImage, f.epochs, seconds, f.out)
	return nil
}

// trainSummary is summary.json.
type trainSummary struct {
	Layers           []int     `json:"layers"`
	Shape            string    `json:"shape"`
	Activation       string    `json:"activation"`
	CodeActivation   string    `json:"code_activation"`
	OutputActivation string    `json:"output_activation"`
	Tied             bool      `json:"tied"`
	Epochs           int       `json:"epochs"`
	Batch            int       `json:"batch"`
	Optimizer        string    `json:"optimizer"`
	LearningRate     float64   `json:"learning_rate"`
	WeightDecay      float64   `json:"weight_decay"`
	Seed             uint64    `json:"seed"`
	TrainN           int       `json:"train_n"`
	Seconds          float64   `json:"seconds"`
	SecondsPerEpoch  float64   `json:"seconds_per_epoch"`
	Kernel           string    `json:"kernel"`
	Threads          int       `json:"threads"`
	TestSSEPerImage  float64   `json:"test_sse_per_image"`
	TrainLoss        []float64 `json:"train_loss"`
	TrainSSEPerImage []float64 `json:"train_sse_per_image"`
	TestSSEPerEpoch  []float64 `json:"test_sse_per_epoch"`
	Files            []string  `json:"files"`
}

// writeTrainOutputs writes the model, the pictures and the summary.
func writeTrainOutputs(out string, ae *autoencoder.Autoencoder, test *mnist.Dataset, hist autoencoder.History, s trainSummary) error {
	if err := autoencoder.Save(filepath.Join(out, "autoencoder.model"), ae); err != nil {
		return err
	}
	// The first 20 test digits above their reconstructions.
	originals := test.Images.SliceRows(0, min(20, test.Len()))
	opt := mnist.GridOptions{TileRows: 28, TileCols: 28, Columns: 10, Scale: 2}
	if err := mnist.SavePNG(filepath.Join(out, "reconstructions.png"), mnist.Pairs(originals, ae.Reconstruct(originals), opt)); err != nil {
		return err
	}
	// Column j of W (784×h) is the filter of hidden unit j: draw Wᵀ's rows.
	w := ae.FirstLayer().W
	filters := matrix.New(w.Cols(), w.Rows())
	filters.Transpose(w)
	filters = filters.SliceRows(0, min(filters.Rows(), 100))
	opt.PerTileRange = true
	if err := mnist.SavePNG(filepath.Join(out, "filters.png"), mnist.Grid(filters, opt)); err != nil {
		return err
	}
	if err := lossChart(hist).Save(filepath.Join(out, "loss.svg")); err != nil {
		return err
	}
	return writeJSONFile(filepath.Join(out, "summary.json"), s)
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
		Series: []plot.Series{{Name: "training", X: epochs, Y: h.TrainSSE, Points: true}},
	}
	if len(h.HeldOutSSE) > 0 && !math.IsNaN(h.HeldOutSSE[0]) {
		c.Series = append(c.Series, plot.Series{Name: "test", X: epochs, Y: h.HeldOutSSE, Points: true})
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
