package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"bottleneck/experiment"
	"bottleneck/matrix"
)

const benchHelp = `
Time whole training epochs of the autoencoder on the MNIST training images
with Adam, and report seconds per epoch and the GFLOP/s of the matrix
products achieved. No test error is computed, so the time is training alone.
The first line names the matrix kernel that ran: avx2 (assembly, amd64
CPUs with AVX2), neon (assembly, arm64) or portable (plain Go). Set
GOMAXPROCS to choose the number of threads (see docs/speed.md).`

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", benchHelp, stdout)
	data := fs.String("data", "", dataFlagHelp)
	layers := fs.String("layers", "784,256,32", "layer sizes from the input to the code")
	batch := fs.Int("batch", 128, "images per mini-batch")
	epochs := fs.Int("epochs", 1, "epochs to time")
	trainN := fs.Int("train-n", 60000, "training images per epoch")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	overcomplete := fs.Bool("overcomplete", false, "allow a code as large as the input")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	nf := netFlags{layers: *layers, act: "relu", codeAct: "linear", outAct: "sigmoid", loss: "sse", noise: "none", overcomplete: *overcomplete}
	cfg, err := nf.config(fs)
	if err != nil {
		return err
	}
	s := experiment.BenchSettings{Config: cfg, Batch: *batch, Epochs: *epochs, TrainN: *trainN}
	if err := s.Validate(); err != nil {
		return flagError(fs, s.Config, err)
	}
	shape, err := readDataShape(*data, true, false)
	if err != nil {
		return err
	}
	if s.Config, err = nf.fitInput(cfg, shape, isSet(fs, "layers")); err != nil {
		return err
	}
	if !isSet(fs, "train-n") {
		s.TrainN = min(s.TrainN, shape.trainN)
	}
	if s.TrainN > shape.trainN {
		return usagef("-train-n %d: give between 1 and %d", s.TrainN, shape.trainN)
	}
	if err := s.Validate(); err != nil { // the memory of the network fitted to the data
		return flagError(fs, s.Config, err)
	}
	train, err := loadMNISTTrain(ctx, *data, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "timing %s, %s per epoch, batch %d, Adam, kernel %s, %s\n", s.Config, plural(s.TrainN, "image"), min(s.Batch, s.TrainN), matrix.Kernel(), plural(runtime.GOMAXPROCS(0), "thread"))
	}
	flops := experiment.TrainingFLOPs(s.Config.Layers, s.TrainN)
	res, err := experiment.Bench(s, train.Images, func(p experiment.BenchProgress) error {
		if p.EpochDone && !*asJSON {
			fmt.Fprintf(stdout, "epoch %d: %.2f s, %.1f GFLOP/s\n", p.Epoch, p.Seconds, flops/p.Seconds/1e9)
		}
		return ctx.Err()
	})
	if err != nil {
		return orInterrupted(err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%.2f s per epoch, %.1f GFLOP/s in the matrix products\n", res.SecondsPerEpoch, res.GFLOPs)
	return nil
}
