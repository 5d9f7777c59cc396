package experiment

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
	"bottleneck/rbm"
	"math/rand/v2"
)

// resume loads a.path and continues from it: the weights, the optimizer's
// state, the random state and the record so far. It refuses a checkpoint
// of another starting point or network, a damaged one, and one written
// with other settings (naming the first that differs).
func (a *armRun) resume() error {
	c, err := loadCheckpoint(a.path)
	if err != nil {
		return err
	}
	if err := checkHeader(a.path, c.header, a.s, a.p.Arm.Start, a.p.Arm.Shape); err != nil {
		return err
	}
	p := c.header.State
	if p.Phase == "done" && p.Epoch < a.s.Epochs { // a finished run given more epochs (see extends)
		p.Phase = "finetune"
	}
	if err := a.pcg.UnmarshalBinary(p.RNG); err != nil {
		return fmt.Errorf("%s: %w: random state: %v", a.path, ErrCheckpointDamaged, err)
	}
	if err := a.restoreWeights(c, p); err != nil {
		return fmt.Errorf("%s: %w", a.path, err)
	}
	a.p = p
	return nil
}

// checkHeader returns an error if the checkpoint at path, whose header is
// h, is not of the starting point start of a net of the given shape, or
// was written with settings other than s (but see extends).
func checkHeader(path string, h checkpointHeader, s HintonSettings, start, shape string) error {
	if h.Start != start || h.Shape != shape {
		return fmt.Errorf("%s: %w: it holds the %s start of %s, this run the %s start of %s; give another -checkpoint folder", path, ErrCheckpointOther, h.Start, h.Shape, start, shape)
	}
	s = s.defining()
	if extends(h, s) {
		s.Epochs = h.epochs()
	}
	now, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return compareSettings(path, h.Settings, now)
}

// extends reports whether s only changes the length of the run whose
// checkpoint header is h: the same settings but for another number of
// fine-tuning epochs, at a constant rate, and no fewer than the checkpoint
// has trained. With a constant rate an epoch's update does not depend on
// how many epochs the run has in all, so the epochs already trained are
// bit for bit those the other run would train first: a finished run can
// go on (-resume with a larger -epochs), an unfinished one can also end
// sooner. With a cosine schedule every epoch's rate depends on the total,
// and the change is refused like any other.
func extends(h checkpointHeader, s HintonSettings) bool {
	was, trained := h.epochs(), 0
	if p := h.State.Phase; p == "finetune" || p == "done" {
		trained = h.State.Epoch
	}
	return was >= 0 && s.Epochs != was && s.Epochs >= trained && s.LearningRate == s.LearningRateTo
}

// checkCheckpoints checks, before any long work, that every checkpoint a
// resumed run will read can be resumed: it reads each that exists and
// returns the error resume would give.
// Without Resume, it refuses to overwrite the checkpoint of a starting
// point that has not finished: one forgotten -resume would otherwise throw
// away every epoch it holds.
func checkCheckpoints(s HintonSettings) error {
	if !s.Resume {
		return checkNoUnfinished(s)
	}
	for _, start := range s.Starts {
		path := CheckpointPath(s.CheckpointDir, start)
		c, err := loadCheckpoint(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := checkHeader(path, c.header, s, start, deepConfig(armSizes(s.Layers, start)).Shape()); err != nil {
			return err
		}
	}
	return nil
}

// armSizes returns the layer sizes of the starting point start: layers,
// with a code of two numbers for StartRBM2D.
func armSizes(layers []int, start string) []int {
	sizes := append([]int(nil), layers...)
	if start == StartRBM2D {
		sizes[len(sizes)-1] = 2
	}
	return sizes
}

// restoreWeights rebuilds the RBMs, autoencoders, deep net and optimizer
// state that the checkpoint holds for progress p.
func (a *armRun) restoreWeights(c *checkpoint, p armProgress) error {
	last := len(a.sizes) - 2
	for k := 0; k <= last; k++ {
		if _, ok := c.blobs[fmt.Sprintf("rbm%d.W", k)]; !ok {
			break
		}
		r := &rbm.RBM{LinearHidden: k == last}
		var err error
		if r.W, err = c.matrix(fmt.Sprintf("rbm%d.W", k), a.sizes[k], a.sizes[k+1]); err != nil {
			return err
		}
		if r.BV, err = c.matrix(fmt.Sprintf("rbm%d.BV", k), 1, a.sizes[k]); err != nil {
			return err
		}
		if r.BH, err = c.matrix(fmt.Sprintf("rbm%d.BH", k), 1, a.sizes[k+1]); err != nil {
			return err
		}
		a.rbms = append(a.rbms, r)
	}
	if _, ok := c.blobs["cd.DW"]; ok && p.Layer < len(a.rbms) {
		k := p.Layer
		a.trainer = rbm.NewTrainer(a.rbms[k], rbm.PaperSettings(k == last))
		for _, m := range []struct {
			name string
			dst  *matrix.Dense
		}{{"cd.DW", a.trainer.DW}, {"cd.DBV", a.trainer.DBV}, {"cd.DBH", a.trainer.DBH}} {
			v, err := c.matrix(m.name, m.dst.Rows(), m.dst.Cols())
			if err != nil {
				return err
			}
			m.dst.Copy(v)
		}
	}
	throwaway := rand.New(rand.NewPCG(0, 0)) // for weights overwritten at once
	for k := 0; k <= last; k++ {
		if _, ok := c.blobs[fmt.Sprintf("ae%d.p0", k)]; !ok {
			break
		}
		ae, err := autoencoder.New(layerConfig(a.sizes, k), throwaway)
		if err != nil {
			return err
		}
		if err := getParams(c, fmt.Sprintf("ae%d.", k), ae.Params()); err != nil {
			return err
		}
		a.aes = append(a.aes, ae)
	}
	var params []nn.Param
	lr := a.s.LearningRate
	if _, ok := c.blobs["net.p0"]; ok {
		net, err := autoencoder.New(deepConfig(a.sizes), throwaway)
		if err != nil {
			return err
		}
		if err := getParams(c, "net.", net.Params()); err != nil {
			return err
		}
		a.net = net
		params = net.Params()
	} else if p.Phase == "pretrain" && p.Layer < len(a.aes) {
		params = a.aes[p.Layer].Params()
		lr = a.s.AELearningRate
	}
	if p.AdamT > 0 && p.Epoch > 0 && params != nil {
		st := nn.AdamState{T: p.AdamT}
		for i, q := range params {
			m, err := c.matrix(fmt.Sprintf("adam.m%d", i), q.Value.Rows(), q.Value.Cols())
			if err != nil {
				return err
			}
			v, err := c.matrix(fmt.Sprintf("adam.v%d", i), q.Value.Rows(), q.Value.Cols())
			if err != nil {
				return err
			}
			st.M, st.V = append(st.M, m), append(st.V, v)
		}
		a.adam = nn.NewAdam(lr)
		a.adam.SetState(st)
	}
	return nil
}

// checkNoUnfinished returns an error wrapping ErrCheckpointUnfinished if
// the checkpoint of any of s.Starts holds a run that has not finished. A
// finished one, a damaged one or none at all may be overwritten.
func checkNoUnfinished(s HintonSettings) error {
	if s.CheckpointDir == "" {
		return nil
	}
	for _, start := range s.Starts {
		path := CheckpointPath(s.CheckpointDir, start)
		c, err := loadCheckpoint(path)
		if err != nil || c.header.State.Phase == "done" {
			continue
		}
		return fmt.Errorf("%s: %w (%s, epoch %d): add -resume to go on, or remove it to start afresh", path, ErrCheckpointUnfinished, c.header.State.Phase, c.header.State.Epoch)
	}
	return nil
}
