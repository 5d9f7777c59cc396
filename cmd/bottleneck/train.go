package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/internal/plot"
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
output with the clean ones. After every epoch the error on the 10,000 test images is printed.

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
	json                  bool
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
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.net.config(fs)
	if err != nil {
		return err
	}
	s := experiment.TrainSettings{Config: cfg, Epochs: f.epochs, Batch: f.batch, Optimizer: f.opt,
		LearningRate: f.lr, WeightDecay: f.weightDecay, Seed: f.seed, TrainN: f.trainN, Binarize: f.net.binarize}
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
	fmt.Fprintf(log, "training %s%s%s on %d images, %s, batch %d, %s lr %g, kernel %s, %d threads\n",
		s.Config, f.net.variant(s.Config), decay, s.TrainN, plural(s.Epochs, "epoch"), s.Batch, s.Optimizer, s.LearningRate, matrix.Kernel(), runtime.GOMAXPROCS(0))
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
	pca := "" // the published figure is MNIST's: it says nothing of other images
	if shape.rows == 28 && shape.cols == 28 {
		pca = ", PCA with 30 components 13.87"
	}
	fmt.Fprintf(stdout, "test error %.3f per image%s after %s in %.1fs (the mean image scores %.1f%s); wrote %s\n",
		res.TestSSEPerImage, corrupted, plural(res.Epochs, "epoch"), res.Seconds, res.MeanImageSSEPerImage, pca, f.out)
	return nil
}

// trainProgress returns the progress function of a training run: a bar on
// a terminal stderr while an epoch runs, a line on log when it ends, and
// ctx's error to stop the run on Ctrl-C. objective says whether to print
// the objective, the loss and penalties the optimizer minimises.
func trainProgress(ctx context.Context, log, stderr io.Writer, objective bool) func(autoencoder.Progress) error {
	var bar *progressBar
	if isTerminal(stderr) {
		bar = &progressBar{w: stderr}
	}
	return func(p autoencoder.Progress) error {
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
		if objective {
			fmt.Fprintf(log, "  objective %.4g", p.TrainLoss)
		}
		fmt.Fprintf(log, "  %5.1fs\n", p.Elapsed.Seconds())
		return ctx.Err()
	}
}

// trainPage is what report.html needs besides the summary: the command
// line, the settings and the number of test images.
type trainPage struct {
	command    string
	settings   []report.Setting
	testImages int
	rows, cols int           // of one image
	denoising  image.Image   // DenoisingPicture of the run
	codeMap    *plot.Scatter // codes.svg's figure, or nil
}

// namedOutput is a file of -out and what writes it.
type namedOutput struct {
	name  string
	write func(io.Writer) error
}

// writeTrainOutputs writes the model, the pictures (extra among them), the
// report and the summary into out, all together (see outputSet), the
// summary last.
func writeTrainOutputs(ctx context.Context, out string, s trainSummary, p trainPage, extra []namedOutput) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	var recon, filters, denoising bytes.Buffer
	for _, e := range []struct {
		buf *bytes.Buffer
		img image.Image
	}{{&recon, s.Reconstructions}, {&filters, s.Filters}, {&denoising, p.denoising}} {
		if err := png.Encode(e.buf, e.img); err != nil {
			return err
		}
	}
	page := report.Train(report.TrainRun{
		Command: p.command, Settings: p.settings,
		Shape: s.Shape, TrainImages: s.TrainN, TestImages: p.testImages, ImageRows: p.rows, ImageCols: p.cols,
		TrainLoss: s.TrainLoss, TrainSSE: s.TrainSSEPerImage, TestSSE: s.TestSSEPerEpoch,
		TestSSEPerImage: s.TestSSEPerImage, MeanImageSSEPerImage: s.MeanImageSSEPerImage,
		Seconds: s.Seconds, Kernel: s.Kernel, Threads: s.Threads, Warning: s.Advice,
		LossChart: s.LossChart, Reconstructions: recon.Bytes(), Filters: filters.Bytes(),
		Noise: s.Noise.String(), NoisyTestSSE: noisyTestSSE(s.TrainResult), Denoising: denoising.Bytes(), CodeMap: p.codeMap,
	})
	o := newOutputSet()
	defer o.discard()
	for _, file := range append([]namedOutput{
		{"autoencoder.model", func(w io.Writer) error { _, err := s.Model.WriteTo(w); return err }},
		{"reconstructions.png", bytesWriter(recon.Bytes())},
		{"filters.png", bytesWriter(filters.Bytes())},
		{"denoising.png", bytesWriter(denoising.Bytes())},
		{"loss.svg", s.LossChart.WriteSVG},
		{"report.html", page.WriteHTML},
	}, extra...) {
		if err := o.write(filepath.Join(out, file.name), file.write); err != nil {
			return err
		}
	}
	for _, name := range trainFiles {
		if !slices.Contains(s.Files, name) { // codes.svg of an earlier run with a two-number code
			o.remove(filepath.Join(out, name))
		}
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "train", out)
}

// noisyTestSSE is the error on the damaged test images denoising.png
// shows: corrupted by the run's noise, or masked by experiment.MaskTest
// for a run without noise.
func noisyTestSSE(r *experiment.TrainResult) float64 {
	if r.CorruptedTestSSEPerImage != nil {
		return *r.CorruptedTestSSEPerImage
	}
	return r.MaskedTestSSEPerImage
}

// codeNote describes the code units' mean activations over the test
// images: their smallest, median and largest (only the two ends for a code
// of two units, whose median would be one of them) and, for a sigmoid
// code, whose units lie in (0, 1), the share of activations near 0 — the
// sparsity — and the Jacobian's norm. A linear or ReLU code's share below
// 0.05 would count negative values or says little, so it is left out.
func codeNote(cfg autoencoder.Config, c experiment.CodeStats) string {
	s := fmt.Sprintf("code units' mean activation min %.3f, median %.3f, max %.3f", c.MeanActivationMin, c.MeanActivationMedian, c.MeanActivationMax)
	if cfg.Layers[len(cfg.Layers)-1] < 3 {
		s = fmt.Sprintf("code units' mean activation min %.3f, max %.3f", c.MeanActivationMin, c.MeanActivationMax)
	}
	if cfg.CodeActivation == "sigmoid" {
		s += fmt.Sprintf("; %.1f%% of activations below %g", 100*c.FractionNearZero, experiment.NearZero)
	}
	return s + jacobianNote(c.Jacobian)
}

// jacobianNote returns "; mean ‖J_f(x)‖²_F 1.234" for an encoder whose
// Jacobian was measured, "" for none.
func jacobianNote(j *float64) string {
	if j == nil {
		return ""
	}
	return fmt.Sprintf("; mean ‖J_f(x)‖²_F %.3f", *j)
}

// plural returns "1 epoch", "2 epochs" and so on.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// penaltyFlags names the flags of the penalties s has on, "-l1 or
// -weight-decay" say, or "" when none is.
func penaltyFlags(s experiment.TrainSettings) string {
	var names []string
	for _, p := range []struct {
		name string
		on   bool
	}{{"-weight-decay", s.WeightDecay > 0}, {"-l1", s.Config.L1 > 0}, {"-sparsity-weight", s.Config.SparsityWeight > 0}, {"-contractive", s.Config.Contractive > 0}} {
		if p.on {
			names = append(names, p.name)
		}
	}
	return strings.Join(names, " or ")
}
