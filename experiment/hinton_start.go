package experiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
	"bottleneck/rbm"
)

// The starting points of the deep autoencoder that the hinton run compares.
const (
	StartRBM         = "rbm"         // a stack of RBMs, unrolled (the paper's)
	StartAutoencoder = "autoencoder" // greedy layer-wise autoencoders, stacked (Bengio et al. 2007)
	StartRandom      = "random"      // random weights (Glorot uniform)
	StartRBM2D       = "rbm-2d"      // the paper's recipe with a code of two numbers, for Fig. 3
)

// armProgress is how far one starting point has got: what a checkpoint
// holds besides the weights.
type armProgress struct {
	Phase string    `json:"phase"` // "pretrain", "finetune" or "done"
	Layer int       `json:"layer"` // pretraining: the layers finished
	Epoch int       `json:"epoch"` // the epochs finished in this layer, or of fine-tuning
	RNG   []byte    `json:"rng"`   // the state of the run's PCG
	AdamT int       `json:"adam_t"`
	Arm   HintonArm `json:"arm"` // the record so far
}

// armRun is one starting point being trained.
type armRun struct {
	s      HintonSettings
	sizes  []int
	train  *matrix.Dense
	test   *matrix.Dense
	pcg    *rand.PCG
	rng    *rand.Rand
	p      armProgress
	path   string // the checkpoint, or "" for none
	report func(HintonProgress) error

	rbms    []*rbm.RBM                 // finished RBMs, then the current one
	trainer *rbm.Trainer               // the current RBM's
	aes     []*autoencoder.Autoencoder // finished one-layer autoencoders, then the current one
	net     *autoencoder.Autoencoder   // the deep autoencoder, once built
	adam    *nn.Adam                   // the optimizer of the current autoencoder (one-layer or deep)
	input   *matrix.Dense              // what the current layer is trained on
}

// armStream returns the PCG stream of a starting point, so that each draws
// its own numbers from the one seed.
func armStream(start string) uint64 {
	return map[string]uint64{StartRBM: 11, StartAutoencoder: 12, StartRandom: 13, StartRBM2D: 14}[start]
}

// deepConfig is the deep autoencoder of the paper for the given sizes:
// logistic hidden units and output, a linear code, the cross-entropy.
func deepConfig(sizes []int) autoencoder.Config {
	return autoencoder.Config{Layers: sizes, Activation: "sigmoid", CodeActivation: "linear", OutputActivation: "sigmoid", Loss: autoencoder.CrossEntropy}
}

// layerConfig is the one-layer autoencoder that pretrains layer k of the
// greedy stack: logistic, or linear for the code layer, with the
// cross-entropy on a logistic output. The first is overcomplete (784 →
// 1000); few epochs keep it from learning the identity.
func layerConfig(sizes []int, k int) autoencoder.Config {
	code := "sigmoid"
	if k == len(sizes)-2 {
		code = "linear"
	}
	return autoencoder.Config{Layers: []int{sizes[k], sizes[k+1]}, Activation: "sigmoid", CodeActivation: code,
		OutputActivation: "sigmoid", Loss: autoencoder.CrossEntropy, AllowOvercomplete: true}
}

// runArm trains one starting point, resuming from its checkpoint if
// s.Resume and one exists.
func runArm(ctx context.Context, s HintonSettings, start string, sizes []int, train, test *matrix.Dense, report func(HintonProgress) error) (*HintonArm, error) {
	a := &armRun{s: s, sizes: sizes, train: train, test: test, report: report}
	a.pcg = rand.NewPCG(s.Seed, armStream(start))
	a.rng = rand.New(a.pcg)
	a.p = armProgress{Phase: "pretrain", Arm: HintonArm{Start: start, Shape: deepConfig(sizes).Shape()}}
	if start == StartRandom {
		a.p.Phase = "finetune"
	}
	if s.CheckpointDir != "" {
		a.path = CheckpointPath(s.CheckpointDir, start)
	}
	if s.Resume && a.path != "" {
		if err := a.resume(); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	err := a.run(ctx)
	if errors.Is(err, errTimeLimit) && a.net != nil {
		a.p.Arm.Stopped = true // what was done stands, short of its epochs
		if len(a.p.Arm.TestSSE) == 0 {
			a.p.Arm.TestSSEPerImage = a.p.Arm.StartTestSSE
		}
	} else if err != nil {
		return nil, err
	}
	arm := a.p.Arm
	arm.Model = a.net
	return &arm, nil
}

// run goes on from wherever a.p says.
func (a *armRun) run(ctx context.Context) error {
	start := a.p.Arm.Start
	for a.p.Phase == "pretrain" && a.p.Layer < len(a.sizes)-1 {
		if err := a.pretrainLayer(ctx); err != nil {
			return err
		}
	}
	if a.p.Phase == "pretrain" { // every layer done: build the deep net
		var err error
		if start == StartAutoencoder {
			a.net, err = stackAutoencoders(a.sizes, a.aes)
		} else {
			a.net, err = rbm.Unroll(a.rbms)
		}
		if err != nil {
			return err
		}
		a.rbms, a.aes, a.trainer, a.input = nil, nil, nil, nil
		a.p.Phase, a.p.Epoch = "finetune", 0
		a.adam = nil
	}
	if a.p.Phase == "finetune" {
		if err := a.finetune(ctx); err != nil {
			return err
		}
	}
	return nil
}

// pretrainLayer trains the current layer to the end, an epoch at a time.
func (a *armRun) pretrainLayer(ctx context.Context) error {
	k := a.p.Layer
	if a.input == nil {
		in := a.train
		var err error
		for _, r := range a.rbms[:min(k, len(a.rbms))] {
			if in, err = passUp(ctx, in, r.Up); err != nil {
				return err
			}
		}
		for _, ae := range a.aes[:min(k, len(a.aes))] {
			if in, err = passUp(ctx, in, ae.Encode); err != nil {
				return err
			}
		}
		a.input = in
	}
	isRBM := a.p.Arm.Start != StartAutoencoder
	if isRBM && len(a.rbms) == k { // a new RBM
		top := k == len(a.sizes)-2
		a.rbms = append(a.rbms, rbm.New(a.sizes[k], a.sizes[k+1], top, a.rng))
		a.trainer = rbm.NewTrainer(a.rbms[k], rbm.PaperSettings(top))
	}
	if !isRBM && len(a.aes) == k {
		ae, err := autoencoder.New(layerConfig(a.sizes, k), a.rng)
		if err != nil {
			return err
		}
		a.aes = append(a.aes, ae)
		a.adam = nn.NewAdam(a.s.AELearningRate)
	}
	if len(a.p.Arm.PretrainError) == k {
		a.p.Arm.PretrainError = append(a.p.Arm.PretrainError, nil)
	}
	for a.p.Layer == k && a.p.Epoch < a.s.PretrainEpochs {
		if err := a.mayGoOn(ctx); err != nil {
			return err
		}
		t0, c0 := time.Now(), processCPUSeconds()
		var e float64
		var err error
		if isRBM {
			a.trainer.Stop = ctx.Err
			e, err = a.trainer.Epoch(a.input, a.p.Epoch+1, a.rng)
		} else {
			var h autoencoder.History
			h, err = autoencoder.Train(a.aes[k], a.input, a.input.SliceRows(0, 0), autoencoder.TrainConfig{
				Epochs: 1, BatchSize: a.s.Batch, Optimizer: a.adam, Rng: a.rng, Progress: stopOn(ctx)})
			if err == nil {
				e = h.TrainSSE[0]
			}
		}
		if err != nil {
			return fmt.Errorf("experiment: %s pretraining, layer %d: %w", a.p.Arm.Start, k+1, err)
		}
		a.p.Epoch++
		a.p.Arm.PretrainError[k] = append(a.p.Arm.PretrainError[k], e)
		a.p.Arm.PretrainSeconds += time.Since(t0).Seconds()
		a.p.Arm.PretrainCPUSeconds += processCPUSeconds() - c0
		if a.p.Epoch == a.s.PretrainEpochs {
			a.p.Layer, a.p.Epoch, a.input = k+1, 0, nil
		}
		if err := a.checkpoint(); err != nil {
			return err
		}
		if err := a.say(HintonProgress{Phase: "pretrain", Layer: k + 1, Epoch: len(a.p.Arm.PretrainError[k]), Epochs: a.s.PretrainEpochs, Error: e}); err != nil {
			return err
		}
	}
	if a.s.PretrainEpochs == 0 {
		a.p.Layer, a.input = k+1, nil
	}
	return nil
}

// stackAutoencoders builds the deep autoencoder from the one-layer
// autoencoders of the greedy pretraining: encoder layer k is autoencoder
// k's encoder, decoder layer k its decoder.
func stackAutoencoders(sizes []int, aes []*autoencoder.Autoencoder) (*autoencoder.Autoencoder, error) {
	net, err := autoencoder.New(deepConfig(sizes), rand.New(rand.NewPCG(0, 0))) // every weight is overwritten
	if err != nil {
		return nil, err
	}
	enc, dec := net.Encoder.Linears(), net.Decoder.Linears()
	last := len(aes) - 1
	for k, ae := range aes {
		enc[k].W.Copy(ae.FirstLayer().W)
		enc[k].B.Copy(ae.FirstLayer().B)
		dec[last-k].W.Copy(ae.LastLayer().W)
		dec[last-k].B.Copy(ae.LastLayer().B)
	}
	return net, nil
}

// finetune trains the deep autoencoder on the cross-entropy with Adam, an
// epoch at a time, measuring the test error after each.
func (a *armRun) finetune(ctx context.Context) error {
	if a.net == nil { // the random start
		net, err := autoencoder.New(deepConfig(a.sizes), a.rng)
		if err != nil {
			return err
		}
		a.net = net
	}
	if a.adam == nil {
		a.adam = nn.NewAdam(a.s.LearningRate)
	}
	if a.p.Epoch == 0 && len(a.p.Arm.TestSSE) == 0 {
		a.p.Arm.StartTestSSE = a.net.SSEPerImage(a.test)
		if err := a.say(HintonProgress{Phase: "start", Error: a.p.Arm.StartTestSSE}); err != nil {
			return err
		}
	}
	for a.p.Epoch < a.s.Epochs {
		if err := a.mayGoOn(ctx); err != nil {
			return err
		}
		t0, c0 := time.Now(), processCPUSeconds()
		a.adam.LearningRate = a.s.learningRate(a.p.Epoch + 1)
		h, err := autoencoder.Train(a.net, a.train, a.test, autoencoder.TrainConfig{
			Epochs: 1, BatchSize: a.s.Batch, Optimizer: a.adam, Rng: a.rng, Progress: stopOn(ctx)})
		if err != nil {
			return fmt.Errorf("experiment: %s fine-tuning, epoch %d: %w", a.p.Arm.Start, a.p.Epoch+1, err)
		}
		a.p.Epoch++
		a.p.Arm.TrainSSE = append(a.p.Arm.TrainSSE, h.TrainSSE[0])
		a.p.Arm.TestSSE = append(a.p.Arm.TestSSE, h.HeldOutSSE[0])
		a.p.Arm.TestSSEPerImage = h.HeldOutSSE[0]
		a.p.Arm.FineTuneSeconds += time.Since(t0).Seconds()
		a.p.Arm.FineTuneCPUSeconds += processCPUSeconds() - c0
		if a.p.Epoch == a.s.Epochs {
			a.p.Phase = "done"
		}
		if err := a.checkpoint(); err != nil {
			return err
		}
		if err := a.say(HintonProgress{Phase: "finetune", Epoch: a.p.Epoch, Epochs: a.s.Epochs, Error: h.HeldOutSSE[0], TrainError: h.TrainSSE[0]}); err != nil {
			return err
		}
	}
	if a.p.Phase != "done" { // no epoch left to train (-epochs 0, or resumed at its end): the checkpoint says finished
		if a.s.Epochs == 0 {
			a.p.Arm.TestSSEPerImage = a.p.Arm.StartTestSSE
		}
		a.p.Phase = "done"
		return a.checkpoint()
	}
	return nil
}

// passUp returns f of the rows of data, n×in → n×out, a block of rows at a
// time, and stops with ctx's error between two blocks: on all of MNIST the
// pass up through the layers already trained takes seconds, longer than
// Ctrl-C may wait. Each row's result does not depend on the other rows, so
// cutting the pass into blocks changes no bit.
func passUp(ctx context.Context, data *matrix.Dense, f func(*matrix.Dense) *matrix.Dense) (*matrix.Dense, error) {
	const block = 5000
	n := data.Rows()
	if n == 0 {
		return f(data), nil
	}
	var out *matrix.Dense
	for i0 := 0; i0 < n; i0 += block {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i1 := min(i0+block, n)
		part := f(data.SliceRows(i0, i1))
		if out == nil {
			out = matrix.New(n, part.Cols())
		}
		out.SliceRows(i0, i1).Copy(part)
	}
	return out, nil
}

// stopOn returns a Progress callback for autoencoder.Train that stops an
// epoch between two batches once ctx is cancelled: Ctrl-C need not wait
// for the end of an epoch of half a minute. The unfinished epoch is not
// checkpointed; the last finished one is what -resume goes on from. An
// epoch whose last batch is trained is let finish (its test error takes a
// moment), checkpointed, and the run stops before the next.
func stopOn(ctx context.Context) func(autoencoder.Progress) error {
	return func(p autoencoder.Progress) error {
		if p.EpochDone || p.Batch == p.Batches {
			return nil
		}
		return ctx.Err()
	}
}

// errTimeLimit stops a starting point when the time limit is reached.
var errTimeLimit = errors.New("time limit reached")

// mayGoOn returns ctx's error if it is cancelled, errTimeLimit if the run's
// time limit is past, or nil: whether another epoch may start.
func (a *armRun) mayGoOn(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !a.s.Deadline.IsZero() && !time.Now().Before(a.s.Deadline) {
		return errTimeLimit
	}
	return nil
}

// say reports progress, with the starting point and the time so far.
func (a *armRun) say(p HintonProgress) error {
	if a.report == nil {
		return nil
	}
	p.Start = a.p.Arm.Start
	p.Layers = len(a.sizes) - 1
	p.Seconds = a.p.Arm.PretrainSeconds + a.p.Arm.FineTuneSeconds
	p.CPUSeconds = a.p.Arm.PretrainCPUSeconds + a.p.Arm.FineTuneCPUSeconds
	return a.report(p)
}

// checkpoint writes a.path, if there is one.
func (a *armRun) checkpoint() error {
	if a.path == "" {
		return nil
	}
	settings, err := json.Marshal(a.s.defining())
	if err != nil {
		return err
	}
	a.p.RNG, err = a.pcg.MarshalBinary()
	if err != nil {
		return err
	}
	c := &checkpoint{header: checkpointHeader{Start: a.p.Arm.Start, Shape: a.p.Arm.Shape, Settings: settings}, blobs: map[string][]byte{}}
	a.p.AdamT = 0
	if a.adam != nil {
		st := a.adam.State()
		a.p.AdamT = st.T
		for i := range st.M {
			c.putMatrix(fmt.Sprintf("adam.m%d", i), st.M[i])
			c.putMatrix(fmt.Sprintf("adam.v%d", i), st.V[i])
		}
	}
	c.header.State = a.p
	for k, r := range a.rbms {
		c.putMatrix(fmt.Sprintf("rbm%d.W", k), r.W)
		c.putMatrix(fmt.Sprintf("rbm%d.BV", k), r.BV)
		c.putMatrix(fmt.Sprintf("rbm%d.BH", k), r.BH)
	}
	if a.trainer != nil && a.p.Phase == "pretrain" && a.p.Layer < len(a.rbms) {
		c.putMatrix("cd.DW", a.trainer.DW)
		c.putMatrix("cd.DBV", a.trainer.DBV)
		c.putMatrix("cd.DBH", a.trainer.DBH)
	}
	for k, ae := range a.aes {
		putParams(c, fmt.Sprintf("ae%d.", k), ae.Params())
	}
	if a.net != nil {
		putParams(c, "net.", a.net.Params())
	}
	return c.save(a.path)
}

func putParams(c *checkpoint, prefix string, ps []nn.Param) {
	for i, p := range ps {
		c.putMatrix(fmt.Sprintf("%sp%d", prefix, i), p.Value)
	}
}

func getParams(c *checkpoint, prefix string, ps []nn.Param) error {
	for i, p := range ps {
		m, err := c.matrix(fmt.Sprintf("%sp%d", prefix, i), p.Value.Rows(), p.Value.Cols())
		if err != nil {
			return err
		}
		p.Value.Copy(m)
	}
	return nil
}
