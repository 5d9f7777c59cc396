package autoencoder

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

func TestParseLoss(t *testing.T) {
	tests := []struct {
		in   string
		want Loss
		err  error
	}{
		{"sse", SquaredError, nil},
		{"bce", CrossEntropy, nil},
		{"", 0, ErrUnknownLoss},
		{"SSE", 0, ErrUnknownLoss},
		{"mse", 0, ErrUnknownLoss},
	}
	for _, tt := range tests {
		got, err := ParseLoss(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseLoss(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
		if err == nil && got.String() != tt.in {
			t.Errorf("ParseLoss(%q).String() = %q", tt.in, got.String())
		}
	}
}

// FuzzParseLoss: no input makes ParseLoss panic, and what it accepts prints
// back as itself.
func FuzzParseLoss(f *testing.F) {
	for _, s := range []string{"sse", "bce", "", "b", "bce\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLoss(s)
		if err == nil && l.String() != s {
			t.Errorf("ParseLoss(%q) = %v, which prints as %q", s, l, l.String())
		}
	})
}

// TestLossJSON: the loss is written by name, read back, and a config
// without the field (a model saved before the choice existed) reads as
// squared error.
func TestLossJSON(t *testing.T) {
	for _, l := range []Loss{SquaredError, CrossEntropy} {
		data, err := json.Marshal(Config{Loss: l})
		if err != nil {
			t.Fatal(err)
		}
		var back Config
		if err := json.Unmarshal(data, &back); err != nil || back.Loss != l {
			t.Errorf("%v: JSON %s reads back as %v, %v", l, data, back.Loss, err)
		}
	}
	var c Config
	if err := json.Unmarshal([]byte(`{"layers":[4,2]}`), &c); err != nil || c.Loss != SquaredError {
		t.Errorf("config without a loss reads as %v, %v; want sse", c.Loss, err)
	}
	if err := json.Unmarshal([]byte(`{"loss":"l2"}`), &c); !errors.Is(err, ErrUnknownLoss) {
		t.Errorf("unknown loss in JSON: error %v, want ErrUnknownLoss", err)
	}
	if _, err := json.Marshal(Config{Loss: Loss(7)}); !errors.Is(err, ErrUnknownLoss) {
		t.Errorf("Loss(7) marshals with error %v, want ErrUnknownLoss", err)
	}
}

func TestBinarize(t *testing.T) {
	x := matrix.NewFromSlice(2, 4, []float64{0, 127.0 / 255, 128.0 / 255, 1, 0.5, 0.4999, 0.7, -3})
	want := matrix.NewFromSlice(2, 4, []float64{0, 0, 1, 1, 1, 0, 1, 0})
	got := Binarize(x)
	if !matrix.EqualApprox(got, want, 0) {
		t.Errorf("Binarize\n%v\n=\n%v\nwant\n%v", x, got, want)
	}
	if x.At(1, 2) != 0.7 {
		t.Error("Binarize changed its argument")
	}
}

// TestCrossEntropyNeedsUnitRange: cross-entropy with a target outside
// [0, 1] is refused before any step; squared error takes the same data.
func TestCrossEntropyNeedsUnitRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	x := randData(rng, 20, 6)
	x.Set(13, 4, 1.5)
	for _, loss := range []Loss{SquaredError, CrossEntropy} {
		ae, err := New(Config{Layers: []int{6, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "sigmoid", Loss: loss}, rng)
		if err != nil {
			t.Fatal(err)
		}
		before := ae.Params()[0].Value.Clone()
		_, err = Train(ae, x, x, TrainConfig{Epochs: 1, BatchSize: 5, Optimizer: nn.NewAdam(0.01), Rng: rng})
		switch {
		case loss == SquaredError && err != nil:
			t.Errorf("sse: %v", err)
		case loss == CrossEntropy && !errors.Is(err, ErrDataRange):
			t.Errorf("bce on data with 1.5: error %v, want ErrDataRange", err)
		case loss == CrossEntropy && !matrix.EqualApprox(before, ae.Params()[0].Value, 0):
			t.Error("bce: the weights changed although the data was refused")
		}
	}
}

// TestCrossEntropyTrains: on binarized low-rank data a sigmoid-output net
// trained on cross-entropy reduces the squared error it reports, which is
// Σ(x − x̂)² per image whatever the loss, so the two runs compare.
func TestCrossEntropyTrains(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	x := Binarize(lowRankData(rng, 600, 40, 4))
	for _, loss := range []Loss{SquaredError, CrossEntropy} {
		ae, err := New(Config{Layers: []int{40, 20, 6}, Activation: "sigmoid", CodeActivation: "linear", OutputActivation: "sigmoid", Loss: loss}, rand.New(rand.NewPCG(11, 11)))
		if err != nil {
			t.Fatal(err)
		}
		before := ae.SSEPerImage(x.SliceRows(500, 600))
		hist, err := Train(ae, x.SliceRows(0, 500), x.SliceRows(500, 600), TrainConfig{
			Epochs: 20, BatchSize: 25, Optimizer: nn.NewAdam(0.01), Rng: rand.New(rand.NewPCG(12, 12)),
		})
		if err != nil {
			t.Fatal(err)
		}
		after := hist.HeldOutSSE[len(hist.HeldOutSSE)-1]
		if !(after < before/3) {
			t.Errorf("%v: held-out Σ(x − x̂)² per image went from %.4g to %.4g; want a threefold drop", loss, before, after)
		}
		if got := ae.SSEPerImage(x.SliceRows(500, 600)); got != after {
			t.Errorf("%v: history says %v, SSEPerImage %v", loss, after, got)
		}
		last := len(hist.TrainLoss) - 1
		if loss == SquaredError && hist.TrainLoss[last] != hist.TrainSSE[last]/2 {
			t.Errorf("sse without penalties: objective %v is not half the squared error %v", hist.TrainLoss[last], hist.TrainSSE[last])
		}
		if loss == CrossEntropy && !(hist.TrainLoss[last] > hist.TrainSSE[last]) {
			// Per pixel −[x ln x̂ + (1−x) ln(1−x̂)] ≥ (x − x̂)² for binary x
			// (−ln(1−e) ≥ e ≥ e² for an error e in [0, 1)).
			t.Errorf("bce: objective %v should exceed the squared error %v on binary data", hist.TrainLoss[last], hist.TrainSSE[last])
		}
	}
}
