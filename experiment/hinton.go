package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/mnist"
)

// The published figures the hinton run is measured against: Hinton &
// Salakhutdinov (2006), Science 313:504, Fig. 2: the mean squared
// reconstruction error per test image (Σ over the 784 pixels) with
// 30-number codes.
const (
	PaperPCA30   = 13.87 // PCA with 30 components
	PaperDeep30  = 3.00  // the 784-1000-500-250-30 autoencoder, RBM-pretrained, fine-tuned by conjugate gradients
	PaperLogPCA  = 8.01  // logistic PCA, which this project does not run
	PaperEpochs  = 50    // RBM epochs per layer in the paper
	PaperFTEpoch = 200   // fine-tuning epochs in the paper's code
)

// HintonSettings are the settings of the hinton run: the paper's deep
// autoencoder from three starting points. The JSON names are the
// command's flags; those that define the training (all but the
// checkpoint's folder, Resume and Starts, whose arms are checkpointed
// separately) are written into every checkpoint, and a resume with any
// other value is refused.
type HintonSettings struct {
	Layers         []int   `json:"layers"`          // 784, 1000, 500, 250, 30
	TrainN         int     `json:"train-n"`         // the first TrainN training images
	TestN          int     `json:"test-n"`          // the first TestN test images, on which every error is measured
	PretrainEpochs int     `json:"pretrain-epochs"` // epochs per layer, for the RBMs and the greedy autoencoders alike
	Epochs         int     `json:"epochs"`          // fine-tuning epochs, for every starting point
	LearningRate   float64 `json:"lr"`              // Adam's for fine-tuning
	LearningRateTo float64 `json:"lr-end"`          // the fine-tuning rate of the last epoch, reached by a cosine from LearningRate; equal for a constant rate
	AELearningRate float64 `json:"ae-lr"`           // Adam's for the greedy autoencoder pretraining
	Batch          int     `json:"batch"`           // images per batch in fine-tuning and autoencoder pretraining (the RBMs use the paper's 100)
	Seed           uint64  `json:"seed"`

	Starts        []string `json:"-"` // which starting points to train, of StartRBM, StartAutoencoder, StartRandom, StartRBM2D
	CheckpointDir string   `json:"-"` // a folder for one checkpoint per starting point, written after every epoch; "" for none
	Resume        bool     `json:"-"` // continue from the checkpoints in CheckpointDir
	// Deadline, if not zero, is when no further epoch may start: a
	// starting point whose deep net exists by then is reported as it is
	// (HintonArm.Stopped), one still in pretraining is left out
	// (HintonResult.Unfinished). A run stopped so goes on with Resume.
	Deadline time.Time `json:"-"`
}

// defining returns the settings that define the run's numbers, as the
// checkpoint compares them.
func (s HintonSettings) defining() HintonSettings {
	s.Starts, s.CheckpointDir, s.Resume, s.Deadline = nil, "", false, time.Time{}
	return s
}

// learningRate returns fine-tuning's rate for epoch (from 1): LearningRate
// in the first, LearningRateTo in the last, along half a cosine between.
func (s HintonSettings) learningRate(epoch int) float64 {
	if s.Epochs <= 1 {
		return s.LearningRate
	}
	f := float64(epoch-1) / float64(s.Epochs-1)
	return s.LearningRateTo + (s.LearningRate-s.LearningRateTo)*(1+math.Cos(math.Pi*f))/2
}

// Validate reports what is wrong with s, or nil, as a *SettingError
// named by the setting's flag.
func (s HintonSettings) Validate() error {
	cfg := deepConfig(s.Layers)
	if err := cfg.Validate(); err != nil {
		return err
	}
	if len(s.Layers) < 3 {
		return outOfRange("layers", "need an input, at least one hidden layer and a code, e.g. 784,1000,500,250,30")
	}
	code := s.Layers[len(s.Layers)-1]
	for i, n := range s.Layers[1 : len(s.Layers)-1] {
		if n < code { // as train refuses it: the table would speak of a code of the wrong width
			return outOfRange("layers", fmt.Sprintf("the code (%d) is wider than hidden layer %d (%d), which is then the real bottleneck: make the code the narrowest layer", code, i+1, n))
		}
	}
	switch {
	case s.TrainN < 1:
		return outOfRange("train-n", "need at least one training image")
	case s.TestN < 1:
		return outOfRange("test-n", "need at least one test image")
	case s.PretrainEpochs < 0:
		return outOfRange("pretrain-epochs", "must not be negative")
	case s.Epochs < 0:
		return outOfRange("epochs", "must not be negative")
	case s.Batch < 1:
		return outOfRange("batch", "need at least one image per batch")
	}
	for _, lr := range []struct {
		name string
		v    float64
	}{{"lr", s.LearningRate}, {"lr-end", s.LearningRateTo}, {"ae-lr", s.AELearningRate}} {
		if err := checkLearningRate(lr.name, lr.v); err != nil {
			return err
		}
	}
	if len(s.Starts) == 0 {
		return outOfRange("starts", "name at least one starting point: rbm, autoencoder, random, rbm-2d")
	}
	for i, st := range s.Starts {
		if armStream(st) == 0 {
			return outOfRange("starts", fmt.Sprintf("unknown starting point %q (want rbm, autoencoder, random or rbm-2d)", st))
		}
		if slices.Contains(s.Starts[:i], st) { // both would train alike into one checkpoint file
			return outOfRange("starts", fmt.Sprintf("starting point %q named twice (-map adds rbm-2d)", st))
		}
	}
	if slices.Contains(s.Starts, StartRBM2D) && code <= 2 {
		return outOfRange("layers", fmt.Sprintf("a code of %d: the net with a code of two numbers (rbm-2d, which -map adds) is for a wider code; drop -map or rbm-2d", code))
	}
	if s.Resume && s.CheckpointDir == "" {
		return outOfRange("resume", "resuming needs the -checkpoint folder")
	}
	return CheckMemory(cfg, s.Batch)
}

// HintonProgress is reported after every epoch of every starting point.
type HintonProgress struct {
	Start         string  // the starting point
	Phase         string  // "pretrain", "start" (the deep net built, before fine-tuning) or "finetune"
	Layer, Layers int     // pretraining: the layer (from 1) of how many
	Epoch, Epochs int     // the epoch (from 1) of this layer's pretraining or of fine-tuning
	Error         float64 // pretrain: the reconstruction error per row of this layer's input; start and finetune: the test error per image
	TrainError    float64 // finetune: the training error per image, the mean over the epoch's batches
	Seconds       float64 // this starting point's training time so far, resumed parts included
	CPUSeconds    float64 // the CPU time it took, user and system, all threads (0 where not measured)
}

// HintonArm is what one starting point of the deep autoencoder came to.
// Errors are per image: Σ over the pixels of (x − x̂)².
type HintonArm struct {
	Start string `json:"start"`
	Shape string `json:"shape"`
	// PretrainError holds, for every layer, the reconstruction error per
	// row of its input after each epoch (the RBM's CD-1 reconstruction, or
	// the one-layer autoencoder's, during the epoch).
	PretrainError   [][]float64 `json:"pretrain_error_per_layer_epoch,omitempty"`
	PretrainSeconds float64     `json:"pretrain_seconds"`
	// StartTestSSE is the test error of the deep net before fine-tuning:
	// for the RBMs, the up-down pass.
	StartTestSSE    float64   `json:"test_sse_before_finetuning"`
	TrainSSE        []float64 `json:"train_sse_per_epoch"`
	TestSSE         []float64 `json:"test_sse_per_epoch"`
	TestSSEPerImage float64   `json:"test_sse_per_image"`
	FineTuneSeconds float64   `json:"finetune_seconds"`
	// Stopped says that the time limit stopped fine-tuning before its
	// epochs were done: the errors are those of the last finished epoch.
	Stopped bool `json:"stopped_by_time_limit,omitempty"`
	// The CPU time, user and system, of all the process's threads, which
	// on a busy machine says what the work cost better than the wall
	// time; 0 where it cannot be measured (not Linux).
	PretrainCPUSeconds float64 `json:"pretrain_cpu_seconds"`
	FineTuneCPUSeconds float64 `json:"finetune_cpu_seconds"`

	Model *autoencoder.Autoencoder `json:"-"`
}

// HintonResult is what the hinton run found, with the numbers of
// summary.json.
type HintonResult struct {
	Settings     HintonSettings `json:"settings"`
	Starts       []string       `json:"starts"`
	PCA30TestSSE float64        `json:"pca30_test_sse_per_image"`
	PCA2TestSSE  float64        `json:"pca2_test_sse_per_image,omitempty"` // PCA with 2 components, beside the code of 2 (StartRBM2D)
	PCASeconds   float64        `json:"pca_seconds"`
	PaperPCA30   float64        `json:"paper_pca30"`
	PaperDeep30  float64        `json:"paper_deep30"`
	Arms         []*HintonArm   `json:"arms"`
	Unfinished   []string       `json:"unfinished,omitempty"` // starting points the time limit stopped before their deep net was built
	Kernel       string         `json:"kernel"`
	Threads      int            `json:"threads"`
	Load         string         `json:"load_at_start,omitempty"` // /proc/loadavg when the run began, on Linux
	PCA30Recon   *matrix.Dense  `json:"-"`                       // PCA-30's reconstructions of the Fig. 2 digits
	Fig2Digits   *matrix.Dense  `json:"-"`                       // the first test image of each digit 0–9
	Fig2Labels   []uint8        `json:"-"`
	CodeMap      *CodeMap       `json:"-"` // Fig. 3, when StartRBM2D was trained
}

// Arm returns the result of the starting point start, or nil.
func (r *HintonResult) Arm(start string) *HintonArm {
	for _, a := range r.Arms {
		if a.Start == start {
			return a
		}
	}
	return nil
}

// Hinton runs the experiment of Hinton & Salakhutdinov (2006) on the first
// s.TrainN training and s.TestN test images: PCA with as many components
// as the code, then the deep autoencoder from each of s.Starts — the
// RBM stack unrolled, greedy layer-wise autoencoders stacked, random
// weights, and the RBM stack with a two-number code for Fig. 3 — each
// fine-tuned with Adam on the cross-entropy for s.Epochs epochs. report,
// if not nil, is called after every epoch; an error from it, or ctx's,
// stops the run, and the checkpoints keep what was done.
func Hinton(ctx context.Context, train, test *mnist.Dataset, s HintonSettings, report func(HintonProgress) error) (*HintonResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.TrainN > train.Len() {
		return nil, &SettingError{Field: "train-n", Err: ErrData, Detail: fmt.Sprintf("%d training images wanted, the data holds %d", s.TrainN, train.Len())}
	}
	if s.TestN > test.Len() {
		return nil, &SettingError{Field: "test-n", Err: ErrData, Detail: fmt.Sprintf("%d test images wanted, the data holds %d", s.TestN, test.Len())}
	}
	if d := train.Images.Cols(); d != s.Layers[0] || test.Images.Cols() != d {
		return nil, &SettingError{Field: "layers", Err: ErrData, Detail: fmt.Sprintf("the network takes %d inputs, the images have %d pixels", s.Layers[0], d)}
	}
	if s.CheckpointDir != "" {
		if err := os.MkdirAll(s.CheckpointDir, 0o755); err != nil {
			return nil, fmt.Errorf("experiment: checkpoint folder: %w", err)
		}
	}
	if err := checkCheckpoints(s); err != nil {
		return nil, err
	}
	trainSet := firstN(train, s.TrainN)
	testSet := firstN(test, s.TestN)
	res := &HintonResult{Settings: s, Starts: slices.Clone(s.Starts), PaperPCA30: PaperPCA30, PaperDeep30: PaperDeep30,
		Kernel: matrix.Kernel(), Threads: runtime.GOMAXPROCS(0), Load: loadAverage()}
	fitted, err := res.fitPCA(ctx, trainSet, testSet, s.Layers[len(s.Layers)-1])
	if err != nil {
		return nil, err
	}
	for _, start := range s.Starts {
		sizes := armSizes(s.Layers, start)
		arm, err := runArm(ctx, s, start, sizes, trainSet.Images, testSet.Images, report)
		if errors.Is(err, errTimeLimit) {
			res.Unfinished = append(res.Unfinished, start)
			continue
		}
		if err != nil {
			return nil, err
		}
		res.Arms = append(res.Arms, arm)
		if start == StartRBM2D {
			if res.CodeMap, err = codeMapWith(ctx, fitted, arm.Model, testSet); err != nil {
				return nil, err
			}
		}
	}
	// Empty lists, not JSON nulls, when a time limit left no start
	// finished or a start had no fine-tuning epoch (-epochs 0).
	if res.Arms == nil {
		res.Arms = []*HintonArm{}
	}
	for _, a := range res.Arms {
		if a.TrainSSE == nil {
			a.TrainSSE = []float64{}
		}
		if a.TestSSE == nil {
			a.TestSSE = []float64{}
		}
	}
	return res, nil
}

// fitPCA fits PCA on the training images and measures k components on
// the test images, keeping the reconstructions of Fig. 2's digits.
func (r *HintonResult) fitPCA(ctx context.Context, train, test *mnist.Dataset, k int) (*FittedPCA, error) {
	t0 := time.Now()
	f, err := FitPCA(ctx, train, test)
	if err != nil {
		return nil, err
	}
	if r.PCA30TestSSE, err = f.PCA.ReconstructionError(test.Images, k); err != nil {
		return nil, err
	}
	if slices.Contains(r.Starts, StartRBM2D) {
		if r.PCA2TestSSE, err = f.PCA.ReconstructionError(test.Images, 2); err != nil {
			return nil, err
		}
	}
	r.Fig2Digits, r.Fig2Labels = oneOfEachDigit(test)
	codes, err := f.PCA.Project(r.Fig2Digits, k)
	if err != nil {
		return nil, err
	}
	if r.PCA30Recon, err = f.PCA.Reconstruct(codes); err != nil {
		return nil, err
	}
	r.PCASeconds = time.Since(t0).Seconds()
	return f, nil
}

// codeMapWith is NewCodeMap with the PCA already fitted on the training
// images, so that Fig. 3 costs no second fit.
func codeMapWith(ctx context.Context, f *FittedPCA, ae *autoencoder.Autoencoder, test *mnist.Dataset) (*CodeMap, error) {
	codes, err := Codes(ctx, ae, test.Images, "test")
	if err != nil {
		return nil, err
	}
	pcs, err := f.PCA.Project(test.Images, 2)
	if err != nil {
		return nil, err
	}
	return &CodeMap{Codes: codes, PCs: pcs, Labels: test.Labels}, nil
}

// oneOfEachDigit returns the first test image of each digit 0–9 that the
// set holds, in order of the digit, as Fig. 2 shows one of each class.
func oneOfEachDigit(test *mnist.Dataset) (*matrix.Dense, []uint8) {
	var rows []int
	var labels []uint8
	for d := uint8(0); d < 10; d++ {
		if i := slices.Index(test.Labels, d); i >= 0 {
			rows, labels = append(rows, i), append(labels, d)
		}
	}
	m := matrix.New(len(rows), test.Images.Cols())
	for k, i := range rows {
		copy(m.Row(k), test.Images.Row(i))
	}
	return m, labels
}

// firstN returns the first n images of d, sharing its storage.
func firstN(d *mnist.Dataset, n int) *mnist.Dataset {
	out := &mnist.Dataset{Images: d.Images.SliceRows(0, n), Labels: d.Labels[:n], Rows: d.Rows, Cols: d.Cols}
	if len(d.Pixels) >= n*d.Rows*d.Cols {
		out.Pixels = d.Pixels[:n*d.Rows*d.Cols]
	}
	return out
}

// loadAverage returns the first three fields of /proc/loadavg, or "".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	var a, b5, c string
	fmt.Sscan(string(b), &a, &b5, &c)
	return a + " " + b5 + " " + c
}
