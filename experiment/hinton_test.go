package experiment

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bottleneck/autoencoder"
	"bottleneck/internal/atomicfile"
	"bottleneck/matrix"
	"bottleneck/rbm"
)

// quickHinton returns small settings of the hinton run for tests: a
// 784-32-16-8-4 net on 300 training and 100 test images, two
// pretraining epochs per layer and four of fine-tuning.
func quickHinton(dir string) HintonSettings {
	return HintonSettings{Layers: []int{784, 32, 16, 8, 4}, TrainN: 300, TestN: 100, PretrainEpochs: 2, Epochs: 4,
		LearningRate: 1e-3, LearningRateTo: 1e-4, AELearningRate: 1e-3, Batch: 50, Seed: 5,
		Starts: []string{StartRBM, StartAutoencoder, StartRandom}, CheckpointDir: dir}
}

// errStop is what the test's progress callback returns to interrupt a run.
var errStop = errors.New("stopped by the test")

// sameArms fails the test unless the two results have the same errors
// and the same weights, bit for bit.
func sameArms(t *testing.T, a, b *HintonResult) {
	t.Helper()
	if len(a.Arms) != len(b.Arms) {
		t.Fatalf("%d and %d starting points", len(a.Arms), len(b.Arms))
	}
	for i, x := range a.Arms {
		y := b.Arms[i]
		if math.Float64bits(x.TestSSEPerImage) != math.Float64bits(y.TestSSEPerImage) || len(x.TestSSE) != len(y.TestSSE) {
			t.Errorf("%s: test error %v after %d epochs, resumed %v after %d", x.Start, x.TestSSEPerImage, len(x.TestSSE), y.TestSSEPerImage, len(y.TestSSE))
		}
		for k := range x.PretrainError {
			for e := range x.PretrainError[k] {
				if x.PretrainError[k][e] != y.PretrainError[k][e] {
					t.Errorf("%s: pretraining error of layer %d, epoch %d: %v and %v", x.Start, k+1, e+1, x.PretrainError[k][e], y.PretrainError[k][e])
				}
			}
		}
		px, py := x.Model.Params(), y.Model.Params()
		for j := range px {
			for r := 0; r < px[j].Value.Rows(); r++ {
				for c, v := range px[j].Value.Row(r) {
					if math.Float64bits(v) != math.Float64bits(py[j].Value.At(r, c)) {
						t.Fatalf("%s: %s[%d][%d] = %v straight, %v resumed", x.Start, px[j].Name, r, c, v, py[j].Value.At(r, c))
					}
				}
			}
		}
	}
}

// TestHintonResumeIsBitForBit runs the quick setting straight through,
// then again stopped in the middle of each phase — RBM pretraining,
// RBM fine-tuning, autoencoder pretraining, random fine-tuning — and
// resumed each time: the errors and every weight must be the same bits.
func TestHintonResumeIsBitForBit(t *testing.T) {
	train, test := embeddedMNIST(t)
	ctx := context.Background()
	straight, err := Hinton(ctx, train, test, quickHinton(t.TempDir()), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	stops := []struct{ start, phase string }{
		{StartRBM, "pretrain"}, {StartRBM, "finetune"}, {StartAutoencoder, "pretrain"}, {StartRandom, "finetune"},
	}
	resumed := 0
	for _, stop := range stops {
		s := quickHinton(dir)
		s.Resume = resumed > 0
		seen := 0
		_, err := Hinton(ctx, train, test, s, func(p HintonProgress) error {
			if p.Start == stop.start && p.Phase == stop.phase {
				if seen++; seen == 3 { // the third epoch of the phase: past a layer's end, mid-way in fine-tuning
					return errStop
				}
			}
			return nil
		})
		if !errors.Is(err, errStop) {
			t.Fatalf("stop in %s %s: %v, want the test's stop", stop.start, stop.phase, err)
		}
		resumed++
	}
	s := quickHinton(dir)
	s.Resume = true
	got, err := Hinton(ctx, train, test, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameArms(t, straight, got)
}

// TestHintonDeadline checks the time limit: with a deadline already past,
// the starting points still in pretraining are left out, the random one
// is reported as built, before any epoch; no epoch is lost by stopping.
func TestHintonDeadline(t *testing.T) {
	train, test := embeddedMNIST(t)
	s := quickHinton(t.TempDir())
	s.Deadline = time.Now()
	res, err := Hinton(context.Background(), train, test, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Arms) != 1 || res.Arms[0].Start != StartRandom || !res.Arms[0].Stopped || len(res.Unfinished) != 2 {
		t.Fatalf("arms %v, unfinished %v; want only the random start, stopped, and two unfinished", res.Arms, res.Unfinished)
	}
	if a := res.Arms[0]; a.TestSSEPerImage != a.StartTestSSE || len(a.TestSSE) != 0 || !(a.StartTestSSE > 0) {
		t.Errorf("stopped before any epoch: test error %v, at the start %v, %d epochs", a.TestSSEPerImage, a.StartTestSSE, len(a.TestSSE))
	}
}

// TestHintonCheckpointRefusals checks the checkpoints that cannot be
// resumed, each refused with its own error: another starting point's (or
// network's), one damaged, one written with another setting; and that an
// interrupted write leaves the old checkpoint.
func TestHintonCheckpointRefusals(t *testing.T) {
	train, test := embeddedMNIST(t)
	ctx := context.Background()
	dir := t.TempDir()
	s := quickHinton(dir)
	s.Starts = []string{StartRBM}
	s.PretrainEpochs, s.Epochs = 1, 1
	if _, err := Hinton(ctx, train, test, s, nil); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(dir, "rbm.ckpt"))
	if err != nil {
		t.Fatal(err)
	}
	resume := func(mod func(*HintonSettings)) error {
		s2 := s
		s2.Resume = true
		mod(&s2)
		_, err := Hinton(ctx, train, test, s2, nil)
		return err
	}
	// another starting point's checkpoint under this one's name
	if err := os.WriteFile(filepath.Join(dir, "random.ckpt"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	err = resume(func(s *HintonSettings) { s.Starts = []string{StartRandom} })
	if !errors.Is(err, ErrCheckpointOther) {
		t.Errorf("another start's checkpoint: %v, want ErrCheckpointOther", err)
	}
	// a changed flag, named
	err = resume(func(s *HintonSettings) { s.LearningRate = 2e-3 })
	var changed *SettingsChangedError
	if !errors.As(err, &changed) || changed.Flag != "lr" {
		t.Errorf("changed -lr: %v, want a SettingsChangedError naming lr", err)
	}
	// a damaged checkpoint: one byte changed in the middle
	bad := append([]byte(nil), good...)
	bad[len(bad)/2] ^= 1
	if err := os.WriteFile(filepath.Join(dir, "rbm.ckpt"), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := resume(func(*HintonSettings) {}); !errors.Is(err, ErrCheckpointDamaged) {
		t.Errorf("damaged checkpoint: %v, want ErrCheckpointDamaged", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rbm.ckpt"), good[:len(good)-100], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := resume(func(*HintonSettings) {}); !errors.Is(err, ErrCheckpointDamaged) {
		t.Errorf("truncated checkpoint: %v, want ErrCheckpointDamaged", err)
	}
	// an interrupted write: half the bytes, then a failure; the old file stays
	path := filepath.Join(dir, "rbm.ckpt")
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	werr := atomicfile.Write(path, func(w io.Writer) error {
		w.Write(good[:len(good)/2])
		return errStop
	})
	if !errors.Is(werr, errStop) {
		t.Fatalf("interrupted write: %v", werr)
	}
	if _, err := loadCheckpoint(path); err != nil {
		t.Errorf("after an interrupted write the checkpoint does not load: %v", err)
	}
	if err := resume(func(*HintonSettings) {}); err != nil {
		t.Errorf("resuming a finished run: %v", err)
	}
}

// TestHintonExtendIsBitForBit lengthens a finished run: at a constant
// rate, 2 epochs and then -resume with 4 must give the bits of 4 straight.
// With a cosine schedule, or with fewer epochs than were trained, the
// change is refused and names -epochs.
func TestHintonExtendIsBitForBit(t *testing.T) {
	train, test := embeddedMNIST(t)
	ctx := context.Background()
	constant := func(dir string, epochs int) HintonSettings {
		s := quickHinton(dir)
		s.Starts = []string{StartRBM, StartRandom}
		s.LearningRateTo = s.LearningRate
		s.Epochs = epochs
		return s
	}
	straight, err := Hinton(ctx, train, test, constant(t.TempDir(), 4), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Hinton(ctx, train, test, constant(dir, 2), nil); err != nil {
		t.Fatal(err)
	}
	s := constant(dir, 4)
	s.Resume = true
	got, err := Hinton(ctx, train, test, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameArms(t, straight, got)

	s.Epochs = 3 // fewer than the 4 now trained
	var changed *SettingsChangedError
	if _, err := Hinton(ctx, train, test, s, nil); !errors.As(err, &changed) || changed.Flag != "epochs" {
		t.Errorf("resume with fewer epochs than trained: %v, want a SettingsChangedError naming epochs", err)
	}

	cosine := quickHinton(t.TempDir())
	cosine.Starts, cosine.Epochs = []string{StartRandom}, 2
	if _, err := Hinton(ctx, train, test, cosine, nil); err != nil {
		t.Fatal(err)
	}
	cosine.Resume, cosine.Epochs = true, 4
	if _, err := Hinton(ctx, train, test, cosine, nil); !errors.As(err, &changed) || changed.Flag != "epochs" {
		t.Errorf("lengthening a cosine schedule: %v, want a SettingsChangedError naming epochs", err)
	}
}

// TestHintonZeroEpochsIsFinished: a run with no fine-tuning epochs is a
// finished run. Its checkpoints must say so, or the same command again
// is refused as if it would overwrite an unfinished run; and the random
// start, which writes its checkpoint only after an epoch, must have one,
// or lengthening it with -resume finds nothing and starts afresh.
func TestHintonZeroEpochsIsFinished(t *testing.T) {
	train, test := embeddedMNIST(t)
	ctx := context.Background()
	dir := t.TempDir()
	s := quickHinton(dir)
	s.Starts = []string{StartRBM, StartRandom}
	s.LearningRateTo = s.LearningRate
	s.Epochs = 0
	if _, err := Hinton(ctx, train, test, s, nil); err != nil {
		t.Fatal(err)
	}
	for _, start := range s.Starts {
		c, err := loadCheckpoint(CheckpointPath(dir, start))
		if err != nil || c.header.State.Phase != "done" {
			t.Errorf("%s after 0 epochs: %v, want a finished checkpoint", start, err)
		}
	}
	if _, err := Hinton(ctx, train, test, s, nil); err != nil {
		t.Errorf("the same run again, without Resume: %v", err)
	}
	s.Resume, s.Epochs = true, 2
	got, err := Hinton(ctx, train, test, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	straight := s
	straight.Resume, straight.CheckpointDir = false, ""
	want, err := Hinton(ctx, train, test, straight, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameArms(t, want, got)
}

// TestStopOnKeepsAFinishedEpoch: Ctrl-C stops training between two
// batches, but not after the last batch of an epoch nor at the report
// that ends it: that epoch is trained, and stopping there would throw it
// away instead of checkpointing it (a Ctrl-C during the last batch or the
// test error's measurement, a second or two of a full-sized epoch).
func TestStopOnKeepsAFinishedEpoch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stop := stopOn(ctx)
	if err := stop(autoencoder.Progress{Epoch: 1, Batch: 3, Batches: 10}); !errors.Is(err, context.Canceled) {
		t.Errorf("after a batch: %v, want context.Canceled", err)
	}
	if err := stop(autoencoder.Progress{Epoch: 1, Batch: 10, Batches: 10}); err != nil {
		t.Errorf("after the last batch: %v, want nil (the epoch is kept)", err)
	}
	if err := stop(autoencoder.Progress{Epoch: 1, Batch: 10, Batches: 10, EpochDone: true}); err != nil {
		t.Errorf("at the end of the epoch: %v, want nil (the epoch is kept)", err)
	}
}

// TestHintonShortenUnfinished: at a constant rate an unfinished run may
// also be given fewer epochs than it was started with, as long as it has
// not trained more: stopped after 2 of 4 epochs, -resume with 3 gives the
// bits of 3 straight and a finished checkpoint; -epochs 2 after that, fewer
// than the 3 trained, is refused naming -epochs.
func TestHintonShortenUnfinished(t *testing.T) {
	train, test := embeddedMNIST(t)
	ctx := context.Background()
	constant := func(dir string, epochs int) HintonSettings {
		s := quickHinton(dir)
		s.Starts = []string{StartRandom}
		s.LearningRateTo = s.LearningRate
		s.Epochs = epochs
		return s
	}
	straight, err := Hinton(ctx, train, test, constant(t.TempDir(), 3), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err = Hinton(ctx, train, test, constant(dir, 4), func(p HintonProgress) error {
		if p.Phase == "finetune" && p.Epoch == 2 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("stop after 2 epochs: %v", err)
	}
	s := constant(dir, 3)
	s.Resume = true
	got, err := Hinton(ctx, train, test, s, nil)
	if err != nil {
		t.Fatalf("-epochs 3 after 2 of 4: %v", err)
	}
	sameArms(t, straight, got)
	if c, err := loadCheckpoint(CheckpointPath(dir, StartRandom)); err != nil || c.header.State.Phase != "done" {
		t.Errorf("after 3 of 3 epochs: %v, want a finished checkpoint", err)
	}
	s.Epochs = 2
	var changed *SettingsChangedError
	if _, err := Hinton(ctx, train, test, s, nil); !errors.As(err, &changed) || changed.Flag != "epochs" {
		t.Errorf("-epochs 2 after 3 trained: %v, want a SettingsChangedError naming epochs", err)
	}
}

// TestPassUp: passUp gives the bits of one pass over all the rows (here
// 12,001 rows, past two blocks), and stops between two blocks once its
// context is cancelled.
func TestPassUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	r := rbm.New(6, 4, false, rng)
	data := matrix.New(12001, 6)
	for i := 0; i < data.Rows(); i++ {
		for j := range data.Row(i) {
			data.Row(i)[j] = rng.Float64()
		}
	}
	got, err := passUp(context.Background(), data, r.Up)
	if err != nil {
		t.Fatal(err)
	}
	want := r.Up(data)
	for i := 0; i < want.Rows(); i++ {
		for j, v := range want.Row(i) {
			if math.Float64bits(got.At(i, j)) != math.Float64bits(v) {
				t.Fatalf("row %d, column %d: %v in blocks, %v in one pass", i, j, got.At(i, j), v)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err = passUp(ctx, data, func(x *matrix.Dense) *matrix.Dense {
		calls++
		cancel()
		return r.Up(x)
	})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("cancelled during the first block: %v after %d blocks, want context.Canceled after 1", err, calls)
	}
}
