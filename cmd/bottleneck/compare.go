package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"bottleneck/experiment"
	"bottleneck/internal/quote"
	"bottleneck/internal/report"
	"bottleneck/pca"
)

const compareHelp = `
Train a linear autoencoder (identity activations, with biases) with a code of
k numbers on the 60,000 MNIST training images, and compare what it learned
with PCA at the same k.

It is trained two ways:
  - exactly: full-batch gradient descent with momentum on the per-image loss
    ½‖x − x̂‖² + (λ/2)(‖W₁‖² + ‖W₁′‖²), which on centred data depends on the
    images only through their 784×784 covariance (docs/pca.md), so every
    step uses the exact gradient over all 60,000 images (-steps,
    -descent-lr, -momentum);
  - by backpropagation, as the lecture trains, on mini-batches with Adam on
    the same loss (-epochs, -batch, -lr: -lr is the mini-batch optimizer's
    learning rate, as in train), whose gradient noise leaves the angles on a
    floor of a few degrees.

For each it prints the reconstruction error next to PCA's (training and
test, Σ over pixels of (x − x̂)² per image), the principal angles between the
span of the decoder's rows and the span of the top k components (Baldi &
Hornik: they go to zero), and for the individual directions the cos² between
decoder row i, and between the decoder's i-th right singular vector, and
principal component i. With weight decay λ > 0 the singular vectors line up
with the components and their squared singular values approach
s² = 1 − λ/σ² (Kunin et al. 2019), σ² being the component's
variance; λ is on the per-image scale, comparable with σ₁² ≈ 5.1. Weight
decay switches off every direction whose σ² is at most λ: compare says how
many are left, and measures the principal angles over those only.

Written into -out: compare.png (first line the principal components, second
the exact decoder's rows, third its singular vectors, fourth the mini-batch
decoder's rows), angles.svg (the largest and median principal angle over the
epochs of mini-batch training, with the exact descent's final largest angle
for reference), descent_angles.svg (the same over the steps of the exact
descent), report.html (one page to read or print: the settings, the
numbers, the charts and the picture) and summary.json.`

// compareFlags are compare's settings, as the flags give them.
type compareFlags struct {
	data, out        string
	k, steps, epochs int
	batch            int
	lambda, momentum float64
	descentLR        learningRate
	lr               float64
	seed             uint64
	json             bool
	// For report.html: the command line and every flag's value.
	command    string
	flagValues []report.Setting
}

// learningRate is the -descent-lr flag: a number, or "auto" for
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

// compareSummary is summary.json, and what -json prints: the
// experiment's numbers, the warning about the mini-batch training, and the
// files written.
type compareSummary struct {
	experiment.CompareResult
	// MiniBatchWarning says what went wrong with a mini-batch training that
	// did not beat the mean image; it is empty for a good one.
	MiniBatchWarning string   `json:"minibatch_warning,omitempty"`
	Files            []string `json:"files"`
}

// compareFiles are the files compare writes into -out.
var compareFiles = []string{"compare.png", "angles.svg", "descent_angles.svg", "report.html", "summary.json"}

// newCompareFlags returns compare's flag set, filling f.
func newCompareFlags(f *compareFlags, stdout io.Writer) *flagSet {
	fs := newFlagSet("compare", compareHelp, stdout)
	fs.StringVar(&f.data, "data", "", dataFlagHelp)
	fs.IntVar(&f.k, "k", 16, "code size k, the number of components compared (1 to 783: smaller than the pixels of an image)")
	fs.Float64Var(&f.lambda, "weight-decay", 0, "L2 weight decay λ on both weight matrices, per image: adds (λ/2)(‖W₁‖² + ‖W₁′‖²); 0.5 gives s² ≈ 0.90 for the first component; directions with σ² ≤ λ are switched off (0 to 1e6)")
	fs.IntVar(&f.steps, "steps", 500, "full-batch gradient steps of the exact descent")
	f.descentLR = learningRate{auto: true}
	fs.Var(&f.descentLR, "descent-lr", "learning `rate` of the exact descent, or auto: 1/(2σ₁² + λ) (0.098 at λ = 0), stable for every λ and momentum because the loss's curvature stays below about 2σ₁² + λ (docs/pca.md); the rate used is printed")
	fs.Float64Var(&f.momentum, "momentum", 0.9, "heavy-ball momentum of the exact descent")
	fs.IntVar(&f.epochs, "epochs", 5, "epochs of mini-batch backpropagation (0 skips it)")
	fs.IntVar(&f.batch, "batch", 128, "images per mini-batch")
	fs.Float64Var(&f.lr, "lr", 0.001, "learning rate of the mini-batch training's optimizer, Adam (as -lr in train)")
	fs.Uint64Var(&f.seed, "seed", 1, "random seed for the initial weights and the shuffling")
	fs.StringVar(&f.out, "out", filepath.Join("out", "compare"), "directory for the pictures and summary.json")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	return fs
}

// settings returns the experiment's settings.
func (f *compareFlags) settings() experiment.CompareSettings {
	return experiment.CompareSettings{K: f.k, WeightDecay: f.lambda,
		Steps: f.steps, DescentLRAuto: f.descentLR.auto, DescentLR: f.descentLR.value, Momentum: f.momentum,
		Epochs: f.epochs, Batch: f.batch, LearningRate: f.lr, Seed: f.seed}
}

// compareFlagNames are the flags that set the settings the experiment
// names (as CompareResult's JSON does) in a *SettingError.
var compareFlagNames = map[string]string{
	"k": "k", "weight_decay": "weight-decay", "exact_descent_steps": "steps",
	"exact_descent_learning_rate": "descent-lr", "exact_descent_momentum": "momentum",
	"minibatch_epochs": "epochs", "minibatch_batch": "batch", "minibatch_learning_rate": "lr",
}

// compareUsage turns the experiment's *SettingError into a usage error
// that names the flag at fault with its value as given, such as
// "-lr -1: the learning rate must be a positive number"; any other error
// it returns unchanged.
func compareUsage(fs *flagSet, err error) error {
	var se *experiment.SettingError
	if !errors.As(err, &se) {
		return err
	}
	name := compareFlagNames[se.Field]
	if f := fs.Lookup(name); f != nil {
		return usagef("-%s %s: %s", name, quote.Brief(f.Value.String()), se.Detail)
	}
	return usageError{se.Detail}
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	var f compareFlags
	fs := newCompareFlags(&f, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f.command, f.flagValues = report.CommandLine("bottleneck compare", args), report.FlagSettings(fs.FlagSet)
	if err := f.settings().Validate(); err != nil {
		return compareUsage(fs, err)
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
	fitted, err := experiment.FitPCA(ctx, train, test)
	if err != nil {
		return orInterrupted(err)
	}
	return compareFitted(ctx, f, fitted, stdout, stderr)
}

// compareFitted runs the experiment once PCA has been fitted, and writes
// and prints what it found.
func compareFitted(ctx context.Context, f compareFlags, fitted *experiment.FittedPCA, stdout, stderr io.Writer) error {
	log := stdout
	if f.json {
		log = stderr
	}
	r, err := experiment.Compare(f.settings(), fitted, compareProgress(ctx, log))
	var diverged *pca.DivergedError
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted
	case errors.As(err, &diverged):
		return fmt.Errorf("the exact descent diverged: %s; lower -descent-lr (now %g), or leave it auto, which is stable for every λ; nothing was saved",
			diverged.What(), diverged.LearningRate)
	case err != nil:
		return err
	}
	s := compareSummary{CompareResult: *r, MiniBatchWarning: r.Warning("-lr", "more -epochs"), Files: compareFiles}
	if err := writeCompareOutputs(ctx, f, s); err != nil {
		return err
	}
	if c := r.CarryingComponents; c < r.K {
		fmt.Fprintf(stderr, "bottleneck compare: warning: only %d of the top %d principal components carry variance (the training images span no more); the angles of the others are arbitrary: choose -k %d or less\n", c, r.K, c)
	}
	if s.MiniBatchWarning != "" {
		fmt.Fprintf(stderr, "bottleneck compare: warning: mini-batch training: %s\n", s.MiniBatchWarning)
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printComparison(stdout, s.CompareResult, f.epochs > 0)
	fmt.Fprintf(stdout, "wrote compare.png, angles.svg, descent_angles.svg, report.html and summary.json into %s\n", quote.Printable(f.out))
	return nil
}

// writeCompareOutputs draws the figures of the run s and writes them, the
// report page and summary.json into f.out, all together (see outputSet).
// Without mini-batch training angles.svg shows the exact descent alone.
func writeCompareOutputs(ctx context.Context, f compareFlags, s compareSummary) error {
	if ctx.Err() != nil {
		return interrupted
	}
	figs, err := experiment.DrawCompare(&s.CompareResult)
	if err != nil {
		return err
	}
	angles := figs.MiniBatchAngles
	if angles == nil {
		angles = figs.DescentAngles
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, figs.Directions); err != nil {
		return err
	}
	page := comparePage(f, s, figs, pic.Bytes())
	out := f.out
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	o := newOutputSet()
	defer o.discard()
	if err := o.write(filepath.Join(out, "compare.png"), bytesWriter(pic.Bytes())); err != nil {
		return err
	}
	if err := o.write(filepath.Join(out, "angles.svg"), angles.WriteSVG); err != nil {
		return err
	}
	if err := o.write(filepath.Join(out, "descent_angles.svg"), figs.DescentAngles.WriteSVG); err != nil {
		return err
	}
	if err := o.write(filepath.Join(out, "report.html"), page.WriteHTML); err != nil {
		return err
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "compare", out)
}
