package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/internal/filekind"
	"bottleneck/internal/quote"
	"bottleneck/matrix"
)

const hintonHelp = `
Reproduce Hinton & Salakhutdinov (2006), "Reducing the dimensionality of
data with neural networks": a deep 784-1000-500-250-30 autoencoder (logistic
hidden units, a linear code) against PCA with 30 components, on the 10,000
MNIST test images. The paper reports a squared error per image (Σ over the
784 pixels) of 3.00 for the deep net and 13.87 for PCA.

The deep net is trained from each -starts point: "rbm", the paper's stack of
restricted Boltzmann machines (CD-1, the authors' recipe, -pretrain-epochs
per layer) unrolled into the autoencoder; "autoencoder", one-layer
autoencoders trained greedily layer by layer (Bengio et al. 2007) for as many
epochs, stacked; "random", random weights. Each is then fine-tuned with Adam
on the cross-entropy for -epochs (the paper used conjugate gradients).
-map adds the paper's Fig. 3: the same recipe with a code of two numbers,
its codes of the test digits beside the first two principal components.

A checkpoint per starting point is written into -checkpoint after every
epoch; after an interruption, the same command with -resume goes on where it
stopped and ends with the same bits as a run never stopped. A resume with
other settings, or from a damaged checkpoint, is refused, and so is a run
without -resume that would overwrite an unfinished checkpoint. One change is
allowed: at a constant rate (no -lr-end), -resume with another -epochs, no
fewer than were trained, lengthens a run (a finished one too) or ends an
unfinished one sooner, with the bits of a run of that length.

Written into -out: fig2.png (one test digit of each class above its
reconstructions by each deep net and by PCA), test_error.svg (test error per
fine-tuning epoch), fig3.svg (with -map), deep-<start>.model (each deep net,
for encode and classify), report.html and summary.json.

-quick runs a small version in about a minute (1,000 training and 500 test
images, 2 pretraining and 4 fine-tuning epochs, all four starting points).`

// hintonFiles are the files hinton may write into -out.
var hintonFiles = []string{"fig2.png", "fig3.svg", "test_error.svg", "report.html", "summary.json",
	"deep-rbm.model", "deep-autoencoder.model", "deep-random.model", "deep-rbm-2d.model"}

func init() { outputFiles["hinton"] = hintonFiles }

// hintonQuickValues are the settings -quick gives the flags not set.
var hintonQuickValues = map[string]int{"train-n": 1000, "test-n": 500, "pretrain-epochs": 2, "epochs": 4}

// hintonFlags are hinton's flags besides the settings themselves.
type hintonFlags struct {
	data, out, layers, starts, checkpoint string
	mapFig, quick, json                   bool
	timeLimit                             time.Duration
}

func runHinton(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f hintonFlags
	var s experiment.HintonSettings
	fs := newFlagSet("hinton", hintonHelp, stdout)
	fs.StringVar(&f.data, "data", "", dataFlagHelp)
	fs.StringVar(&f.layers, "layers", "784,1000,500,250,30", "layer sizes from the input to the code")
	fs.IntVar(&s.TrainN, "train-n", 60000, "train on the first N training images")
	fs.IntVar(&s.TestN, "test-n", 10000, "measure every error on the first N test images")
	fs.IntVar(&s.PretrainEpochs, "pretrain-epochs", 10, "pretraining epochs per layer, for the RBMs and the greedy autoencoders alike (the paper: 50)")
	fs.IntVar(&s.Epochs, "epochs", 40, "fine-tuning epochs for every starting point")
	fs.Float64Var(&s.LearningRate, "lr", 3e-4, "Adam's learning rate for fine-tuning")
	fs.Float64Var(&s.LearningRateTo, "lr-end", 0, "the fine-tuning learning rate of the last epoch, reached along half a cosine; when not given, -lr's: a constant rate")
	fs.Float64Var(&s.AELearningRate, "ae-lr", 1e-3, "Adam's learning rate for the greedy autoencoder pretraining")
	fs.IntVar(&s.Batch, "batch", 100, "images per batch in fine-tuning and autoencoder pretraining (the RBMs use the paper's 100)")
	fs.Uint64Var(&s.Seed, "seed", 1, "random seed; the same seed gives the same run, bit for bit")
	fs.StringVar(&f.starts, "starts", "rbm,autoencoder,random", "starting points of the deep net, comma-separated: rbm, autoencoder, random, or rbm-2d (the net with a code of two numbers that -map adds)")
	fs.BoolVar(&f.mapFig, "map", false, "also train the net with a code of two numbers for Fig. 3 (fig3.svg)")
	fs.StringVar(&f.out, "out", filepath.Join("out", "hinton"), "directory for the pictures, models and summary")
	fs.StringVar(&f.checkpoint, "checkpoint", "", "directory for the checkpoints (default: -out/checkpoints)")
	fs.BoolVar(&s.Resume, "resume", false, "go on from the checkpoints of an interrupted run with the same settings")
	fs.DurationVar(&f.timeLimit, "time-limit", 0, "start no epoch after this long (e.g. 30m), and report what was done; -resume goes on later (0: no limit)")
	fs.BoolVar(&f.quick, "quick", false, "a small run of about a minute: -train-n 1000 -test-n 500 -pretrain-epochs 2 -epochs 4 -map, unless given")
	fs.BoolVar(&f.json, "json", false, "print the summary as JSON on stdout (progress goes to stderr)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := f.apply(fs, &s); err != nil {
		return err
	}
	if err := s.Validate(); err != nil {
		return hintonFlagError(fs, err)
	}
	if err := prepareOutDir("hinton", f.out); err != nil {
		return err
	}
	if info, err := os.Stat(s.CheckpointDir); err == nil && !info.IsDir() {
		return usagef("-checkpoint %s is %s, not a folder: name a folder for the checkpoints", quote.Brief(s.CheckpointDir), filekind.Describe(info.Mode()))
	}
	if err := checkCheckpointFolder(s.CheckpointDir, s.Starts); err != nil {
		return err
	}
	train, test, err := loadMNIST(ctx, f.data, stderr)
	if err != nil {
		return err
	}
	log := stdout
	if f.json {
		log = stderr
	}
	if s.Resume && !isSet(fs, "epochs") { // go on with the run as it was; a different length must be asked for
		if mixed := mixedCheckpoints(s, "epochs"); mixed != "" {
			return usagef("%s; or give -epochs", mixed)
		}
		for _, st := range s.Starts {
			v, err := experiment.CheckpointSetting(experiment.CheckpointPath(s.CheckpointDir, st), "epochs")
			if n, errN := strconv.Atoi(v); err == nil && errN == nil {
				if n != s.Epochs {
					fmt.Fprintf(log, "-resume: the checkpoints' run has %s, and goes on with them (give -epochs to change that)\n", plural(n, "fine-tuning epoch"))
					s.Epochs = n
				}
				break
			}
		}
	}
	fmt.Fprintf(log, "hinton: %s (hidden sigmoid, code linear, output sigmoid) on %d training and %d test images; starts %s; %d pretraining epochs per layer, %d fine-tuning epochs, Adam lr %g→%g, batch %d; kernel %s, load %s\n",
		autoencoder.Config{Layers: s.Layers}.Shape(), s.TrainN, s.TestN, strings.Replace(strings.Join(s.Starts, ", "), experiment.StartRBM2D, experiment.StartRBM2D+" (its code of 2)", 1), s.PretrainEpochs, s.Epochs, s.LearningRate, s.LearningRateTo, s.Batch, matrix.Kernel(), loadNow())
	for _, st := range s.Starts {
		if _, err := os.Stat(experiment.CheckpointPath(s.CheckpointDir, st)); s.Resume && errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(log, "%-11s no checkpoint in %s to resume: starts afresh\n", st, quote.Printable(s.CheckpointDir))
		}
	}
	res, err := experiment.Hinton(ctx, train, test, s, hintonProgress(ctx, log))
	if errors.Is(err, context.Canceled) {
		if !anyCheckpoint(s.CheckpointDir, s.Starts) {
			return fmt.Errorf("interrupted before the first epoch was finished: nothing to resume yet")
		}
		return fmt.Errorf("interrupted; the checkpoints in %s keep every finished epoch: run the same command with -resume to go on", s.CheckpointDir)
	}
	var changed *experiment.SettingsChangedError
	var setting *experiment.SettingError
	switch {
	case errors.As(err, &changed):
		if changed.Flag == "epochs" && s.LearningRate != s.LearningRateTo {
			return usagef("%v (with -lr-end, every epoch's rate depends on -epochs: only a constant-rate run changes its length)", err)
		}
		if changed.Flag == "epochs" {
			return usagef("%v (-epochs may change at a constant rate, but not below the epochs trained)", err)
		}
		if mixed := mixedCheckpoints(s, changed.Flag); mixed != "" {
			return usageError{mixed}
		}
		return usagef("%v (%s)", err, resumeHint(fs, f.quick, changed.Changes))
	case errors.Is(err, experiment.ErrCheckpointUnfinished), errors.Is(err, experiment.ErrCheckpointOther):
		return usageError{err.Error()}
	case errors.Is(err, experiment.ErrCheckpointDamaged):
		return fmt.Errorf("%v: remove it to train that start afresh", err)
	case errors.As(err, &setting): // a setting that does not fit the data, as -layers 783,…
		return hintonFlagError(fs, err)
	}
	if err != nil {
		return err
	}
	printHintonTable(log, res)
	for _, a := range res.Arms {
		if a.Stopped {
			fmt.Fprintf(log, "%s: the time limit stopped fine-tuning after %d of %d epochs; -resume goes on\n", a.Start, len(a.TestSSE), s.Epochs)
		}
	}
	if len(res.Unfinished) > 0 {
		fmt.Fprintf(log, "the time limit stopped %s in pretraining: left out; -resume goes on\n", strings.Join(res.Unfinished, ", "))
	}
	if err := writeHintonOutputs(ctx, f.out, res, fs, args); err != nil {
		if errors.Is(err, interrupted) || ctx.Err() != nil { // the training is in the checkpoints
			return fmt.Errorf("interrupted while writing the outputs, which were left as they were; the checkpoints in %s hold what was trained: run the same command with -resume to write them", s.CheckpointDir)
		}
		return err
	}
	if f.json {
		return writeJSON(stdout, hintonSummary(res))
	}
	fmt.Fprintf(stdout, "wrote %s (load now %s)\n", quote.Printable(f.out), loadNow())
	return nil
}

// apply fills in what the flags leave to it: the layers, the starting
// points, the quick settings, the checkpoint folder, -lr-end.
func (f *hintonFlags) apply(fs *flagSet, s *experiment.HintonSettings) error {
	var err error
	if s.Layers, err = autoencoder.ParseLayers(f.layers); err != nil {
		return usagef("-layers %s: give whole numbers separated by commas, e.g. 784,1000,500,250,30", quote.Brief(f.layers))
	}
	if f.quick {
		for _, q := range []struct {
			name string
			dst  *int
		}{{"train-n", &s.TrainN}, {"test-n", &s.TestN}, {"pretrain-epochs", &s.PretrainEpochs}, {"epochs", &s.Epochs}} {
			if !isSet(fs, q.name) {
				*q.dst = hintonQuickValues[q.name]
			}
		}
		if !isSet(fs, "map") {
			f.mapFig = true
		}
	}
	if !isSet(fs, "lr-end") {
		s.LearningRateTo = s.LearningRate
	}
	for _, st := range strings.Split(f.starts, ",") {
		if st = strings.TrimSpace(st); st != "" {
			s.Starts = append(s.Starts, st)
		}
	}
	if len(s.Starts) == 0 { // -quick's -map would otherwise run alone
		return usagef("-starts %q names no starting point: give rbm, autoencoder, random or rbm-2d, comma-separated", quote.Brief(f.starts))
	}
	if f.mapFig && !slices.Contains(s.Starts, experiment.StartRBM2D) {
		s.Starts = append(s.Starts, experiment.StartRBM2D)
	}
	if f.timeLimit < 0 {
		return usagef("-time-limit %v: must not be negative", f.timeLimit)
	}
	if f.timeLimit > 0 {
		s.Deadline = time.Now().Add(f.timeLimit)
	}
	s.CheckpointDir = f.checkpoint
	if s.CheckpointDir == "" {
		s.CheckpointDir = filepath.Join(f.out, "checkpoints")
	}
	return nil
}

// hintonFlagError turns a settings error, whose field is the flag's name,
// into a usage error naming the flag and its value.
func hintonFlagError(fs *flagSet, err error) error {
	var se *experiment.SettingError
	var ce *autoencoder.ConfigError
	switch {
	case errors.As(err, &se):
		if f := fs.Lookup(se.Field); f != nil {
			return usagef("-%s %s: %s", se.Field, f.Value, se.Detail)
		}
		return usageError{se.Detail}
	case errors.As(err, &ce):
		return usagef("-layers %s: %s", fs.Lookup("layers").Value, ce.Detail)
	}
	return err
}

// hintonProgress prints one line per epoch and stops the run on Ctrl-C.
func hintonProgress(ctx context.Context, log io.Writer) func(experiment.HintonProgress) error {
	return func(p experiment.HintonProgress) error {
		switch p.Phase {
		case "pretrain":
			fmt.Fprintf(log, "%-11s pretrain layer %d/%d epoch %2d/%d  reconstruction error %8.4f per row  %6.0fs (CPU %.0fs)  load %s\n", p.Start, p.Layer, p.Layers, p.Epoch, p.Epochs, p.Error, p.Seconds, p.CPUSeconds, loadNow())
		case "start":
			fmt.Fprintf(log, "%-11s before fine-tuning: test error %.4f\n", p.Start, p.Error)
		default:
			fmt.Fprintf(log, "%-11s fine-tune epoch %2d/%d  train error %.4f  test error %.4f  %6.0fs (CPU %.0fs)  load %s\n", p.Start, p.Epoch, p.Epochs, p.TrainError, p.Error, p.Seconds, p.CPUSeconds, loadNow())
		}
		return ctx.Err()
	}
}

// loadNow returns the load average of the last minute, five and fifteen
// minutes, or "?" where /proc/loadavg does not exist.
func loadNow() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
