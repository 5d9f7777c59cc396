package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/internal/plot"
	"bottleneck/internal/quote"
	"bottleneck/internal/report"
	"bottleneck/matrix"
)

const trainHelp = `
Train an undercomplete autoencoder on MNIST (by default the lecture's stacked
one, 784-256-32-256-784) and show what it learned. The encoder maps each 28×28
image (784 numbers in [0, 1]) through the -layers down to the code; the
decoder mirrors it back to 784. Training minimises the loss per image —
½‖x − x̂‖², or the cross-entropy with -loss bce — plus any penalty
(-weight-decay, -l1, -sparsity, -contractive) by mini-batch gradient descent;
with -noise the encoder is given corrupted images and the loss compares its
output with the clean ones. After every epoch the error on the 10,000 test
images is printed.

Written into -out: the model (autoencoder.model), reconstructions.png (test
digits above their reconstructions), filters.png (the first layer's weights
as images), denoising.png (ten test digits damaged — by the -noise of the
run, or with 30% of their pixels masked — above their reconstructions and
the clean digits), loss.svg (error per epoch), report.html (one page with
all of it, to read or hand in) and summary.json; for a code of two numbers
also codes.svg (the test digits placed by their code, beside PCA's first
two components).

Errors are per image: Σ over the 784 pixels of (x − x̂)², averaged over the
images, whatever the loss (test_sse_per_image; PCA with 30 components gets
13.87). With -noise the error on corrupted test images is reported too.
Every run also reports the error on test images with 30% of their pixels
masked, the code units' mean activations and, for an encoder of one sigmoid
layer, the mean ‖J_f(x)‖²_F of its Jacobian (summary.json: code).`

// trainFlags are train's settings.
type trainFlags struct {
	data, out, opt        string
	net                   netFlags
	epochs, batch, trainN int
	lr, weightDecay       float64
	seed                  uint64
	json, shuffle         bool
}

// trainSummary is summary.json: the result's numbers, the warning in the
// command's words, and the files written.
type trainSummary struct {
	*experiment.TrainResult
	Advice string   `json:"warning,omitempty"` // what went wrong with a run that did not beat the mean image; empty for a good run
	Files  []string `json:"files"`
}

// trainFiles are the files train writes into -out; the last only for a
// code of two numbers.
var trainFiles = []string{"autoencoder.model", "reconstructions.png", "filters.png", "denoising.png", "loss.svg", "report.html", "summary.json", "codes.svg"}

func runTrain(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var f trainFlags
	fs := newFlagSet("train", trainHelp, stdout)
	fs.StringVar(&f.data, "data", "", dataFlagHelp)
	f.net.register(fs, "784,256,32", "relu", "sigmoid")
	fs.IntVar(&f.epochs, "epochs", 5, "passes over the training images")
	fs.IntVar(&f.batch, "batch", 128, "images per mini-batch")
	fs.Float64Var(&f.lr, "lr", 0.001, "the optimizer's learning rate: the step size η of sgd and momentum, α of adam")
	fs.StringVar(&f.opt, "opt", "adam", "optimizer: sgd, momentum (μ = 0.9) or adam")
	fs.Float64Var(&f.weightDecay, "weight-decay", 0, "L2 weight decay λ: adds (λ/2)·‖W‖² per image to the loss")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the initial weights, the shuffling and the noise; the same seed gives the same run")
	fs.IntVar(&f.trainN, "train-n", 60000, "use only the first N training images, for quick runs (60000 is all of MNIST's; fewer images in the data mean all of them)")
	fs.StringVar(&f.out, "out", filepath.Join("out", "train"), "directory for the model, pictures and summary")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	fs.BoolVar(&f.shuffle, "shuffle-pixels", false, "test the lecture's assumption that the pixels must be correlated: shuffle each pixel's values across the images (train and test alike, seeded by -seed), which keeps every pixel's distribution and destroys the correlation")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.net.config(fs)
	if err != nil {
		return err
	}
	if err := checkCodeNarrowest(cfg); err != nil {
		return err
	}
	s := experiment.TrainSettings{Config: cfg, Epochs: f.epochs, Batch: f.batch, Optimizer: f.opt,
		LearningRate: f.lr, WeightDecay: f.weightDecay, Seed: f.seed, TrainN: f.trainN, Binarize: f.net.binarize, ShufflePixels: f.shuffle}
	if err := s.Validate(); err != nil {
		return flagError(fs, s.Config, err)
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
	if s.Config, err = f.net.fitInput(cfg, shape, isSet(fs, "layers")); err != nil {
		return err
	}
	if !isSet(fs, "train-n") {
		s.TrainN = min(s.TrainN, shape.trainN) // the default is all of MNIST's 60,000
	}
	if s.TrainN > shape.trainN {
		return usagef("-train-n %d: the training set has only %d images", s.TrainN, shape.trainN)
	}
	if err := s.Validate(); err != nil { // the memory of the network fitted to the data
		return flagError(fs, s.Config, err)
	}
	train, test, err := loadMNIST(ctx, f.data, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}

	log := stdout
	if f.json {
		log = stderr
	}
	decay := ""
	if s.WeightDecay > 0 {
		decay = fmt.Sprintf(", weight decay %g", s.WeightDecay)
	}
	shuffled := ""
	if s.ShufflePixels {
		shuffled = " with each pixel's values shuffled across the images"
	}
	fmt.Fprintf(log, "training %s%s%s on %d images%s, %s, batch %d, %s lr %g, kernel %s, %d threads\n",
		s.Config, f.net.variant(s.Config), decay, s.TrainN, shuffled, plural(s.Epochs, "epoch"), s.Batch, s.Optimizer, s.LearningRate, matrix.Kernel(), runtime.GOMAXPROCS(0))
	// The objective differs from half the training error with a penalty
	// or with cross-entropy: then it is printed too.
	objective := s.WeightDecay > 0 || s.Config.L1 > 0 || s.Config.SparsityWeight > 0 || s.Config.Contractive > 0 || s.Config.Loss != autoencoder.SquaredError
	res, err := experiment.Train(s, train, test, trainProgress(ctx, log, stderr, objective))
	if errors.Is(err, context.Canceled) {
		return interrupted
	}
	if errors.Is(err, autoencoder.ErrDiverged) {
		// A penalty's weight scales its gradient: too large a weight
		// diverges as surely as too large a learning rate.
		if names := penaltyFlags(s); names != "" {
			return fmt.Errorf("%v, or a smaller %s; nothing was saved", err, names)
		}
	}
	if err != nil {
		return fmt.Errorf("%v; nothing was saved", err)
	}
	fmt.Fprintf(log, "errors are Σ over the %d pixels of (x − x̂)² per image; the training error is the mean during the epoch", shape.pixels())
	if s.Config.Noise.On() {
		fmt.Fprint(log, ", on corrupted images; the test error on clean ones")
	}
	fmt.Fprintln(log)
	fmt.Fprintf(log, "test error %.3f on images masked 30%% (against the clean ones); %s\n", res.MaskedTestSSEPerImage, codeNote(s.Config, res.Code))

	sum := trainSummary{TrainResult: res, Advice: res.Warning("-lr", "more -epochs or -train-n"), Files: trainFiles[:7]}
	if ctx.Err() != nil {
		return interrupted
	}
	var extra []namedOutput
	var codeMap *plot.Scatter
	if res.Model.CodeSize() == 2 {
		m, err := res.CodeMap(ctx, train, test)
		if err != nil {
			return orInterrupted(err)
		}
		extra = append(extra, namedOutput{"codes.svg", m.WriteSVG})
		if codeMap, err = m.Figure(); err != nil {
			return err
		}
	}
	for _, e := range extra {
		sum.Files = append(sum.Files, e.name)
	}
	page := trainPage{command: report.CommandLine("bottleneck train", args), settings: report.FlagSettings(fs.FlagSet), testImages: test.Len(), rows: test.Rows, cols: test.Cols, denoising: res.DenoisingPicture(test), codeMap: codeMap}
	if err := writeTrainOutputs(ctx, f.out, sum, page, extra); err != nil {
		return err
	}
	if sum.Advice != "" {
		fmt.Fprintf(stderr, "bottleneck train: warning: %s\n", sum.Advice)
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	corrupted := ""
	if c := res.CorruptedTestSSEPerImage; c != nil {
		corrupted = fmt.Sprintf(", %.3f on test images corrupted by %s", *c, res.Noise)
	}
	// The published figure is MNIST's: it says nothing of other images,
	// nor of shuffled pixels.
	pca := ""
	if shape.rows == 28 && shape.cols == 28 && !s.ShufflePixels {
		pca = ", PCA with 30 components 13.87"
	}
	fmt.Fprintf(stdout, "test error %.3f per image%s after %s in %.1fs (the mean image scores %.1f%s); wrote %s\n",
		res.TestSSEPerImage, corrupted, plural(res.Epochs, "epoch"), res.Seconds, res.MeanImageSSEPerImage, pca, quote.Printable(f.out))
	return nil
}
