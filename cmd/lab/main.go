// Command lab runs the experiments of the course assignments
// (docs/assignments.md): it trains the lecture's basic autoencoder, one
// sigmoid hidden layer 784-d-784 with a sigmoid output, on the first
// images of MNIST with the loss, penalties, noise and optimizer its flags
// name, and prints the numbers the assignments' questions ask about.
//
// It uses the student's own code: in a copy whose exercises are blank it
// stops on the first blank it reaches.
//
//	go run ./cmd/lab -code 64 -sparsity 0.05 -out out/lab
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
	"bottleneck/nn"
	"bottleneck/picture"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		os.Exit(1)
	}
}

// run parses the flags, trains and prints.
func run(args []string) error {
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	code := fs.Int("code", 64, "code units d: the network is 784-d-784, sigmoid hidden and output")
	lossName := fs.String("loss", "sse", "reconstruction loss: sse (½‖x − x̂‖²) or bce (cross-entropy)")
	noiseText := fs.String("noise", "none", "input corruption while training: mask:0.3, gauss:0.2, saltpepper:0.1 or none")
	l1 := fs.Float64("l1", 0, "weight λ of the L1 penalty on the code")
	rho := fs.Float64("sparsity", 0, "target mean activation ρ of the KL sparsity penalty; 0 for none")
	beta := fs.Float64("beta", 3, "weight β of the KL sparsity penalty")
	contractive := fs.Float64("contractive", 0, "weight λ of the contractive penalty")
	decay := fs.Float64("weight-decay", 0, "weight decay λ")
	tied := fs.Bool("tied", false, "tie the decoder's weights to the encoder's")
	overcomplete := fs.Bool("overcomplete", false, "allow a code of 784 units or more with no penalty and no noise")
	optName := fs.String("opt", "adam", "optimizer: sgd, momentum (μ = 0.9) or adam")
	lr := fs.Float64("lr", 0.01, "learning rate")
	batch := fs.Int("batch", 64, "images per mini-batch")
	epochs := fs.Int("epochs", 5, "passes over the training images")
	trainN := fs.Int("train-n", 10000, "training images: the first N of MNIST's 60,000")
	testN := fs.Int("test-n", 2000, "test images: the first N of MNIST's 10,000")
	seed := fs.Uint64("seed", 1, "random seed of the weights, the order of the images and the noise")
	out := fs.String("out", "", "folder for filters.png and reconstructions.png (none if empty)")
	textbook := fs.Bool("textbook", false, `use the textbook path, matrix.SetKernel("reference"): slow, but runs Adam's textbook loop`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	loss, err := autoencoder.ParseLoss(*lossName)
	if err != nil {
		return err
	}
	noise, err := autoencoder.ParseNoise(*noiseText)
	if err != nil {
		return err
	}
	cfg := autoencoder.Config{
		Layers: []int{784, *code}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid",
		Loss: loss, Tied: *tied, L1: *l1, Contractive: *contractive, Noise: noise, AllowOvercomplete: *overcomplete,
	}
	if *rho > 0 {
		cfg.Sparsity, cfg.SparsityWeight = *rho, *beta
	}
	var opt nn.Optimizer
	switch *optName {
	case "sgd":
		opt = &nn.SGD{LearningRate: *lr}
	case "momentum":
		opt = &nn.Momentum{LearningRate: *lr, Mu: 0.9}
	case "adam":
		opt = nn.NewAdam(*lr)
	default:
		return fmt.Errorf("-opt %q: want sgd, momentum or adam", *optName)
	}
	if *textbook {
		if err := matrix.SetKernel("reference"); err != nil {
			return err
		}
	}

	train, test, err := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}.Load(context.Background())
	if err != nil {
		return err
	}
	if *trainN < 1 || *trainN > train.Len() || *testN < 1 || *testN > test.Len() {
		return fmt.Errorf("-train-n %d -test-n %d: want 1 to %d and 1 to %d", *trainN, *testN, train.Len(), test.Len())
	}
	x, xt := train.Images.SliceRows(0, *trainN), test.Images.SliceRows(0, *testN)

	ae, err := autoencoder.New(cfg, rand.New(rand.NewPCG(*seed, 1)))
	if err != nil {
		return err
	}
	var regs []autoencoder.Regularizer
	if *decay > 0 {
		regs = append(regs, autoencoder.WeightDecay{Lambda: *decay})
	}
	fmt.Printf("%s, %d training images, %s %g, batch %d\n", ae, *trainN, *optName, *lr, *batch)
	_, err = autoencoder.Train(ae, x, xt, autoencoder.TrainConfig{
		Epochs: *epochs, BatchSize: *batch, Optimizer: opt, Regularizers: regs,
		Rng: rand.New(rand.NewPCG(*seed, 2)), NoiseRng: rand.New(rand.NewPCG(*seed, 3)),
		Progress: func(p autoencoder.Progress) error {
			if p.EpochDone {
				fmt.Printf("epoch %d  objective %.4f  train error %.3f  test error %.3f\n", p.Epoch, p.TrainLoss, p.TrainSSE, p.HeldOutSSE)
			}
			return nil
		},
	})
	if err != nil {
		return err
	}
	report(ae, xt, *seed)
	if *out != "" {
		return draw(ae, xt, *out)
	}
	return nil
}

// report prints what the questions ask about, on the test images xt:
// the error on corrupted inputs, how active the code units are, and the
// squared norm of the encoder's Jacobian.
func report(ae *autoencoder.Autoencoder, xt *matrix.Dense, seed uint64) {
	mask := autoencoder.Noise{Kind: autoencoder.Masking, Level: 0.3}
	fmt.Printf("test error %.3f on clean inputs, %.3f on inputs masked 30%% (x̂ of the masked image against the clean one)\n",
		ae.SSEPerImage(xt), ae.CorruptedSSEPerImage(xt, mask, rand.New(rand.NewPCG(seed, 4))))

	h := ae.Encode(xt) // n×d, in (0, 1)
	n, d := h.Dims()
	means := make([]float64, d) // ρ̂ⱼ: the mean activation of unit j
	near0, jacobian := 0, 0.0
	w := ae.FirstLayer().W  // 784×d
	s := make([]float64, d) // Σᵢ Wᵢⱼ²
	for i := 0; i < w.Rows(); i++ {
		for j, v := range w.Row(i) {
			s[j] += v * v
		}
	}
	for r := 0; r < n; r++ {
		for j, v := range h.Row(r) {
			means[j] += v / float64(n)
			if v < 0.05 {
				near0++
			}
			g := v * (1 - v) // ∂hⱼ/∂aⱼ; ‖J_f(x)‖²_F = Σⱼ (hⱼ(1 − hⱼ))² Σᵢ Wᵢⱼ²
			jacobian += g * g * s[j] / float64(n)
		}
	}
	slices.Sort(means)
	fmt.Printf("code units' mean activation ρ̂: min %.3f, median %.3f, max %.3f; %.1f%% of the activations below 0.05\n",
		means[0], means[d/2], means[d-1], 100*float64(near0)/float64(n*d))
	fmt.Printf("mean ‖J_f(x)‖²_F, the encoder's sensitivity to its input: %.3f\n", jacobian)
}

// draw writes the first layer's filters and the first 20 test images
// above their reconstructions into dir.
func draw(ae *autoencoder.Autoencoder, xt *matrix.Dense, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w := ae.FirstLayer().W // 784×d: column j is unit j's filter
	filters := matrix.New(w.Cols(), w.Rows())
	filters.Transpose(w)
	filters = filters.SliceRows(0, min(100, filters.Rows()))
	opt := picture.GridOptions{TileRows: 28, TileCols: 28, Columns: 10, Scale: 2, PerTileRange: true}
	if err := picture.SavePNG(filepath.Join(dir, "filters.png"), picture.Grid(filters, opt)); err != nil {
		return err
	}
	first := xt.SliceRows(0, min(20, xt.Rows()))
	opt.Columns, opt.PerTileRange = 20, false
	if err := picture.SavePNG(filepath.Join(dir, "reconstructions.png"), picture.Pairs(first, ae.Reconstruct(first), opt)); err != nil {
		return err
	}
	fmt.Println("wrote", filepath.Join(dir, "filters.png"), "and", filepath.Join(dir, "reconstructions.png"))
	return nil
}
