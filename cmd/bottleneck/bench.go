package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

const benchHelp = `
Time whole training epochs of the autoencoder on the MNIST training images
with Adam, and report seconds per epoch and the GFLOP/s of the matrix
products achieved. No test error is computed, so the time is training alone.
Set GOMAXPROCS to choose the number of threads; build with GOEXPERIMENT=simd
for the SIMD kernel on amd64 (see the README).`

// benchResult is what bench prints with -json.
type benchResult struct {
	Layers          []int     `json:"layers"`
	Batch           int       `json:"batch"`
	Epochs          int       `json:"epochs"`
	TrainN          int       `json:"train_n"`
	SecondsPerEpoch float64   `json:"seconds_per_epoch"`
	EpochSeconds    []float64 `json:"epoch_seconds"`
	GFLOPs          float64   `json:"gflops"`
	FLOPsPerEpoch   float64   `json:"flops_per_epoch"`
	Kernel          string    `json:"kernel"`
	Threads         int       `json:"threads"`
}

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
	nf := netFlags{layers: *layers, act: "relu", codeAct: "linear", outAct: "sigmoid", overcomplete: *overcomplete}
	cfg, err := nf.config()
	if err != nil {
		return err
	}
	if err := checkTraining(*epochs, *batch, 0.001, 0); err != nil {
		return err
	}
	if *trainN < 1 {
		return usagef("-train-n %d: need at least one training image", *trainN)
	}
	if err := checkMemory(cfg, min(*batch, *trainN)); err != nil {
		return err
	}
	shape, err := readDataShape(*data, true, false)
	if err != nil {
		return err
	}
	if cfg, err = nf.fitInput(cfg, shape, isSet(fs, "layers")); err != nil {
		return err
	}
	if !isSet(fs, "train-n") {
		*trainN = min(*trainN, shape.trainN)
	}
	if *trainN > shape.trainN {
		return usagef("-train-n %d: give between 1 and %d", *trainN, shape.trainN)
	}
	if err := checkMemory(cfg, min(*batch, *trainN)); err != nil {
		return err
	}
	train, err := loadMNISTTrain(ctx, *data, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}
	x := train.Images.SliceRows(0, *trainN)

	rng := rand.New(rand.NewPCG(1, 0))
	ae, err := autoencoder.New(cfg, rng)
	if err != nil {
		return usageError{err.Error()}
	}
	res := benchResult{
		Layers: cfg.Layers, Batch: *batch, Epochs: *epochs, TrainN: *trainN,
		FLOPsPerEpoch: trainingFLOPs(cfg.Layers, *trainN),
		Kernel:        matrix.Kernel(), Threads: runtime.GOMAXPROCS(0),
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "timing %s, %d images per epoch, batch %d, Adam, kernel %s, %d threads\n", ae, *trainN, *batch, res.Kernel, res.Threads)
	}
	last := time.Now()
	_, err = autoencoder.Train(ae, x, matrix.New(0, x.Cols()), autoencoder.TrainConfig{
		Epochs: *epochs, BatchSize: *batch, Optimizer: nn.NewAdam(0.001), Rng: rng,
		Progress: func(p autoencoder.Progress) error {
			if !p.EpochDone {
				return ctx.Err()
			}
			s := time.Since(last).Seconds()
			last = time.Now()
			res.EpochSeconds = append(res.EpochSeconds, s)
			if !*asJSON {
				fmt.Fprintf(stdout, "epoch %d: %.2f s, %.1f GFLOP/s\n", p.Epoch, s, res.FLOPsPerEpoch/s/1e9)
			}
			return ctx.Err()
		},
	})
	if err != nil {
		return orInterrupted(err)
	}
	total := 0.0
	for _, s := range res.EpochSeconds {
		total += s
	}
	res.SecondsPerEpoch = total / float64(len(res.EpochSeconds))
	res.GFLOPs = res.FLOPsPerEpoch / res.SecondsPerEpoch / 1e9
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%.2f s per epoch, %.1f GFLOP/s in the matrix products\n", res.SecondsPerEpoch, res.GFLOPs)
	return nil
}

// trainingFLOPs counts the floating-point operations of the matrix products
// in one epoch of n images: for each linear layer in×out, 2·n·in·out for the
// forward product, as many for dW = Xᵀ·dY, and as many again for
// dX = dY·Wᵀ, which the first layer skips. Element-wise work (activations,
// biases, Adam) is left out, as is usual for GFLOP/s figures.
func trainingFLOPs(layers []int, n int) float64 {
	var sizes [][2]int
	for i := 0; i+1 < len(layers); i++ {
		sizes = append(sizes, [2]int{layers[i], layers[i+1]})
	}
	for i := len(layers) - 1; i >= 1; i-- {
		sizes = append(sizes, [2]int{layers[i], layers[i-1]})
	}
	total := 0.0
	for k, s := range sizes {
		products := 3.0
		if k == 0 {
			products = 2
		}
		total += products * 2 * float64(n) * float64(s[0]) * float64(s[1])
	}
	return total
}
