package rbm

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestUpdateByHand checks Update against the paper's rule worked out by
// hand for one weight and one bias of each kind: momentum carries the
// last increment, the weight cost shrinks the weight and leaves the biases
// alone.
func TestUpdateByHand(t *testing.T) {
	r := &RBM{W: matrix.NewFromSlice(1, 1, []float64{2}), BV: matrix.NewFromSlice(1, 1, []float64{1}), BH: matrix.NewFromSlice(1, 1, []float64{-1})}
	tr := NewTrainer(r, Settings{LearningRate: 0.1, WeightCost: 0.01, BatchSize: 1, K: 1})
	tr.DW.Set(0, 0, 0.5)
	tr.DBV.Set(0, 0, -0.5)
	tr.DBH.Set(0, 0, 0.25)
	tr.GW.Set(0, 0, 3)
	tr.GBV.Set(0, 0, 1)
	tr.GBH.Set(0, 0, -2)
	tr.Update(0.9)
	tests := []struct {
		name      string
		got, want float64
	}{
		// ΔW = 0.9·0.5 + 0.1·(3 − 0.01·2) = 0.45 + 0.298 = 0.748
		{"ΔW", tr.DW.At(0, 0), 0.748},
		{"W", r.W.At(0, 0), 2.748},
		// Δb = 0.9·(−0.5) + 0.1·1 = −0.35: no weight cost on a bias
		{"Δb", tr.DBV.At(0, 0), -0.35},
		{"b", r.BV.At(0, 0), 0.65},
		// Δc = 0.9·0.25 + 0.1·(−2) = 0.025
		{"Δc", tr.DBH.At(0, 0), 0.025},
		{"c", r.BH.At(0, 0), -0.975},
	}
	for _, tc := range tests {
		if !(math.Abs(tc.got-tc.want) <= 1e-15) {
			t.Errorf("%s = %.17g, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestMomentumSchedule checks the paper's momentum: 0.5 for epochs 1–5,
// 0.9 from epoch 6.
func TestMomentumSchedule(t *testing.T) {
	s := PaperSettings(false)
	for epoch, want := range map[int]float64{1: 0.5, 5: 0.5, 6: 0.9, 50: 0.9} {
		if got := s.Momentum(epoch); got != want {
			t.Errorf("momentum of epoch %d = %v, want %v", epoch, got, want)
		}
	}
	if lin := PaperSettings(true); lin.LearningRate != 0.001 || PaperSettings(false).LearningRate != 0.1 {
		t.Errorf("learning rates %v (linear) and %v, want 0.001 and 0.1", lin.LearningRate, s.LearningRate)
	}
}

// TestGradientCD1ByHand checks the CD-1 statistics on a batch of one for
// an RBM whose hidden unit is always on (a huge bias), so that the sampled
// state is known: V1 = σ(W + b), H1 = σ(c + V1·W).
func TestGradientCD1ByHand(t *testing.T) {
	r := &RBM{W: matrix.NewFromSlice(2, 1, []float64{1, -1}), BV: matrix.NewFromSlice(1, 2, []float64{0, 0.5}), BH: matrix.NewFromSlice(1, 1, []float64{50})}
	tr := NewTrainer(r, PaperSettings(false))
	v0 := matrix.NewFromSlice(1, 2, []float64{1, 0})
	sse := tr.Gradient(v0, rand.New(rand.NewPCG(1, 1)))
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	v1 := []float64{sig(1), sig(-0.5)}
	h0, h1 := sig(51), sig(50+v1[0]-v1[1])
	checks := []struct {
		name      string
		got, want float64
	}{
		{"GW[0]", tr.GW.At(0, 0), 1*h0 - v1[0]*h1},
		{"GW[1]", tr.GW.At(1, 0), 0*h0 - v1[1]*h1},
		{"GBV[0]", tr.GBV.At(0, 0), 1 - v1[0]},
		{"GBV[1]", tr.GBV.At(0, 1), 0 - v1[1]},
		{"GBH", tr.GBH.At(0, 0), h0 - h1},
		{"sse", sse, (1-v1[0])*(1-v1[0]) + v1[1]*v1[1]},
	}
	for _, c := range checks {
		if !(math.Abs(c.got-c.want) <= 1e-12) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestEpochRefusesNaN checks that a NaN in the data stops training with
// ErrDiverged naming the epoch and batch, and that an exploding learning
// rate is refused before it spoils anything.
func TestEpochRefusesNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := matrix.New(10, 4)
	data.Set(3, 2, math.NaN())
	tr := NewTrainer(New(4, 3, false, rng), PaperSettings(false))
	_, err := tr.Epoch(data, 1, rng)
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "epoch 1, batch 1 of 1") {
		t.Errorf("Epoch on NaN data: %v, want ErrDiverged at epoch 1, batch 1", err)
	}
	s := PaperSettings(false)
	s.LearningRate = math.NaN()
	if _, err := NewTrainer(New(4, 3, false, rng), s).Epoch(matrix.New(10, 4), 1, rng); err == nil {
		t.Error("a NaN learning rate was accepted")
	}
}

// TestEpochStops: Stop is asked before every batch, and its error ends the
// epoch there: of 5 batches, the third call stops it with two trained.
func TestEpochStops(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := PaperSettings(false)
	s.BatchSize = 2
	tr := NewTrainer(New(4, 3, false, rng), s)
	stop := errors.New("stop")
	calls := 0
	tr.Stop = func() error {
		if calls++; calls == 3 {
			return stop
		}
		return nil
	}
	before := tr.RBM.W.Sum()
	_, err := tr.Epoch(matrix.New(10, 4), 1, rng)
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("Epoch: %v after %d calls of Stop; want the stop error after 3", err, calls)
	}
	if tr.RBM.W.Sum() == before {
		t.Error("the two batches before the stop did not train")
	}
}

// TestUnrollIsTheUpDownPass checks the wiring of Unroll: the autoencoder
// reconstructs exactly what the RBMs' deterministic pass does (hidden
// probabilities up the stack, the linear top's means, visible
// probabilities down), and its code is the top RBM's hidden means.
func TestUnrollIsTheUpDownPass(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	stack := []*RBM{New(6, 5, false, rng), New(5, 4, false, rng), New(4, 2, true, rng)}
	for _, r := range stack { // biases that differ from zero, so a swapped bias shows
		for _, b := range []*matrix.Dense{r.BV, r.BH} {
			for j := range b.Row(0) {
				b.Row(0)[j] = rng.NormFloat64()
			}
		}
	}
	x := matrix.New(3, 6)
	for i := 0; i < 3; i++ {
		for j := range x.Row(i) {
			x.Row(i)[j] = rng.Float64()
		}
	}
	up := x
	for _, r := range stack {
		up = r.Up(up)
	}
	down := up
	for k := len(stack) - 1; k >= 0; k-- {
		v := matrix.New(down.Rows(), stack[k].Visible())
		stack[k].VisibleProbs(v, down)
		down = v
	}
	ae, err := Unroll(stack)
	if err != nil {
		t.Fatal(err)
	}
	if got := ae.String(); !strings.Contains(got, "6-5-4-2-4-5-6 (hidden sigmoid, code linear, output sigmoid") {
		t.Errorf("unrolled net: %s", got)
	}
	if !matrix.EqualApprox(ae.Encode(x), up, 1e-12) {
		t.Errorf("code %v, RBM stack's top %v", ae.Encode(x), up)
	}
	if !matrix.EqualApprox(ae.Reconstruct(x), down, 1e-12) {
		t.Errorf("reconstruction %v, up-down pass %v", ae.Reconstruct(x), down)
	}
	if _, err := Unroll([]*RBM{New(6, 5, true, rng), New(5, 2, false, rng)}); err == nil {
		t.Error("a linear RBM below the top was unrolled")
	}
	if _, err := Unroll([]*RBM{New(6, 5, false, rng), New(4, 2, false, rng)}); err == nil {
		t.Error("RBMs whose sizes do not chain were unrolled")
	}
}

// TestGradientReusedBuffers checks that a Trainer whose buffers were sized
// and filled by a larger batch gives, for a smaller one (the last batch of
// an epoch), the same bits as a fresh Trainer: nothing of the larger batch
// leaks into the statistics.
func TestGradientReusedBuffers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := New(7, 5, false, rng)
	big, small := matrix.New(9, 7), matrix.New(4, 7)
	for _, m := range []*matrix.Dense{big, small} {
		for i := 0; i < m.Rows(); i++ {
			for j := range m.Row(i) {
				m.Row(i)[j] = rng.Float64()
			}
		}
	}
	used := NewTrainer(r, PaperSettings(false))
	used.Gradient(big, rand.New(rand.NewPCG(1, 1)))
	sseUsed := used.Gradient(small, rand.New(rand.NewPCG(2, 2)))
	fresh := NewTrainer(r, PaperSettings(false))
	sseFresh := fresh.Gradient(small, rand.New(rand.NewPCG(2, 2)))
	if sseUsed != sseFresh {
		t.Errorf("reconstruction error %v after a larger batch, %v fresh", sseUsed, sseFresh)
	}
	for _, p := range [][2]*matrix.Dense{{used.GW, fresh.GW}, {used.GBV, fresh.GBV}, {used.GBH, fresh.GBH}} {
		if !matrix.EqualApprox(p[0], p[1], 0) {
			t.Errorf("gradient after a larger batch %v, fresh %v", p[0], p[1])
		}
	}
}
