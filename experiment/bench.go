package experiment

import (
	"math/rand/v2"
	"runtime"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// BenchSettings are the settings of a timing run: whole training epochs of
// the network, with Adam (α = 0.001) and the seed 1, and no test error
// computed, so that the time is training alone.
type BenchSettings struct {
	Config autoencoder.Config // the network; its input size must be the images' pixel count
	Batch  int                // images per mini-batch, at least 1
	Epochs int                // epochs to time, at least 1
	TrainN int                // training images per epoch, at least 1
}

// Validate reports what is wrong with s, or nil, as TrainSettings.Validate
// does.
func (s BenchSettings) Validate() error {
	if err := s.Config.Validate(); err != nil {
		return err
	}
	if err := checkEpochsBatch(s.Epochs, s.Batch); err != nil {
		return err
	}
	if s.TrainN < 1 {
		return outOfRange("train_n", "need at least one training image")
	}
	return CheckMemory(s.Config, min(s.Batch, s.TrainN))
}

// BenchResult is what a timing run measured, under the names its JSON
// output uses.
type BenchResult struct {
	Layers          []int     `json:"layers"`
	Batch           int       `json:"batch"` // as trained: at most TrainN, one batch of all the images
	Epochs          int       `json:"epochs"`
	TrainN          int       `json:"train_n"`
	SecondsPerEpoch float64   `json:"seconds_per_epoch"` // the mean over the epochs
	EpochSeconds    []float64 `json:"epoch_seconds"`     // one per epoch
	GFLOPs          float64   `json:"gflops"`            // FLOPsPerEpoch / SecondsPerEpoch, in 10⁹ per second
	FLOPsPerEpoch   float64   `json:"flops_per_epoch"`   // TrainingFLOPs
	Kernel          string    `json:"kernel"`            // matrix.Kernel()
	Threads         int       `json:"threads"`           // runtime.GOMAXPROCS(0)
}

// BenchProgress reports how a timing run goes: after every batch, and
// at the end of every epoch with the epoch's time.
type BenchProgress struct {
	Epoch     int     // counts from 1
	EpochDone bool    // the epoch has ended
	Seconds   float64 // the epoch's time in seconds, when EpochDone
}

// Bench trains the network s.Config describes on the first s.TrainN rows
// of images for s.Epochs epochs and times each epoch. progress, if not
// nil, is called after every batch and at the end of every epoch; an error
// from it (a cancelled context) stops the run and is returned, wrapped.
func Bench(s BenchSettings, images *matrix.Dense, progress func(BenchProgress) error) (*BenchResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.TrainN > images.Rows() {
		return nil, &SettingError{Field: "train_n", Err: ErrData, Detail: "more images than the data holds"}
	}
	x := images.SliceRows(0, s.TrainN)
	rng := rand.New(rand.NewPCG(1, 0))
	ae, err := autoencoder.New(s.Config, rng)
	if err != nil {
		return nil, err
	}
	res := &BenchResult{
		Layers: s.Config.Layers, Batch: min(s.Batch, s.TrainN), Epochs: s.Epochs, TrainN: s.TrainN,
		FLOPsPerEpoch: TrainingFLOPs(s.Config.Layers, s.TrainN),
		Kernel:        matrix.Kernel(), Threads: runtime.GOMAXPROCS(0),
	}
	last := time.Now()
	_, err = autoencoder.Train(ae, x, matrix.New(0, x.Cols()), autoencoder.TrainConfig{
		Epochs: s.Epochs, BatchSize: s.Batch, Optimizer: nn.NewAdam(0.001), Rng: rng,
		Progress: func(p autoencoder.Progress) error {
			bp := BenchProgress{Epoch: p.Epoch, EpochDone: p.EpochDone}
			if p.EpochDone {
				bp.Seconds = time.Since(last).Seconds()
				last = time.Now()
				res.EpochSeconds = append(res.EpochSeconds, bp.Seconds)
			}
			if progress != nil {
				return progress(bp)
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	total := 0.0
	for _, sec := range res.EpochSeconds {
		total += sec
	}
	res.SecondsPerEpoch = total / float64(len(res.EpochSeconds))
	res.GFLOPs = res.FLOPsPerEpoch / res.SecondsPerEpoch / 1e9
	return res, nil
}

// TrainingFLOPs counts the floating-point operations of the matrix
// products in one epoch of n images through the autoencoder whose encoder
// has the given layer sizes: for each linear layer in×out, 2·n·in·out for
// the forward product, as many for dW = Xᵀ·dY, and as many again for
// dX = dY·Wᵀ, which the first layer skips. Element-wise work (activations,
// biases, Adam) is left out, as is usual for GFLOP/s figures.
func TrainingFLOPs(layers []int, n int) float64 {
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
