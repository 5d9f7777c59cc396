package experiment

import (
	"errors"
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

func TestTrainingFLOPs(t *testing.T) {
	// 784-256-32-256-784 on one image: the layers 784×256, 256×32, 32×256,
	// 256×784 have 200704, 8192, 8192, 200704 weights; 2 flops per weight
	// per product, 2 products for the first layer and 3 for the others.
	want := 2.0 * (2*200704 + 3*8192 + 3*8192 + 3*200704)
	if got := TrainingFLOPs([]int{784, 256, 32}, 1); got != want {
		t.Errorf("TrainingFLOPs = %g, want %g", got, want)
	}
	if got := TrainingFLOPs([]int{784, 256, 32}, 10); got != 10*want {
		t.Errorf("TrainingFLOPs for 10 images = %g, want %g", got, 10*want)
	}
}

// TestBenchReportsEveryEpoch: a timing run reports each epoch once, in
// order, and the figures it derives from them agree.
func TestBenchReportsEveryEpoch(t *testing.T) {
	x := matrix.New(40, 16)
	rng := rand.New(rand.NewPCG(3, 3))
	for i := 0; i < x.Rows(); i++ {
		for j := range x.Row(i) {
			x.Row(i)[j] = rng.Float64()
		}
	}
	cfg := autoencoder.Config{Layers: []int{16, 6, 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}
	var seen []int
	res, err := Bench(BenchSettings{Config: cfg, Batch: 8, Epochs: 3, TrainN: 32}, x, func(p BenchProgress) error {
		if p.EpochDone {
			seen = append(seen, p.Epoch)
			if !(p.Seconds > 0) {
				t.Errorf("epoch %d took %v s", p.Epoch, p.Seconds)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 || seen[0] != 1 || seen[2] != 3 || len(res.EpochSeconds) != 3 {
		t.Fatalf("epochs reported %v, epoch times %v; want 1, 2, 3", seen, res.EpochSeconds)
	}
	mean := (res.EpochSeconds[0] + res.EpochSeconds[1] + res.EpochSeconds[2]) / 3
	if res.SecondsPerEpoch != mean || res.FLOPsPerEpoch != TrainingFLOPs(cfg.Layers, 32) || res.GFLOPs != res.FLOPsPerEpoch/mean/1e9 {
		t.Errorf("result %+v does not follow from its epoch times", res)
	}

	// A progress function's error stops the run and comes back.
	stop := errors.New("stop")
	if _, err := Bench(BenchSettings{Config: cfg, Batch: 8, Epochs: 3, TrainN: 32}, x, func(BenchProgress) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("stopped run: error %v, want one wrapping %v", err, stop)
	}
}

// TestBenchBatchAsTrained: a batch larger than the images is trained as
// one batch of all of them (autoencoder.Train's rule), and the result says
// so: its GFLOP/s are those of batches of TrainN, not of the size asked.
func TestBenchBatchAsTrained(t *testing.T) {
	x := matrix.New(10, 16) // all zero: the time, not the fit, is measured
	cfg := autoencoder.Config{Layers: []int{16, 6, 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"}
	res, err := Bench(BenchSettings{Config: cfg, Batch: 1000, Epochs: 1, TrainN: 10}, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Batch != 10 {
		t.Errorf("batch 1000 of 10 images: result says batch %d, want 10", res.Batch)
	}
}
