package autoencoder

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

func TestParseNoise(t *testing.T) {
	tests := []struct {
		in   string
		want Noise
		err  error
	}{
		{"mask:0.3", Noise{Masking, 0.3}, nil},
		{"gauss:0.2", Noise{Gaussian, 0.2}, nil},
		{"saltpepper:0.1", Noise{SaltPepper, 0.1}, nil},
		{"gauss:1", Noise{Gaussian, 1}, nil},
		{"gauss:3", Noise{}, ErrNoiseLevel}, // σ beyond the pixels' range
		{"none", Noise{}, nil},
		{"", Noise{}, nil},
		{"mask", Noise{}, ErrNoiseSyntax},
		{"mask:", Noise{}, ErrNoiseSyntax},
		{"mask:0.3:0.1", Noise{}, ErrNoiseSyntax},
		{"mask:three", Noise{}, ErrNoiseSyntax},
		{"blur:0.3", Noise{}, ErrNoiseKind},
		{"MASK:0.3", Noise{}, ErrNoiseKind},
		{"none:0.3", Noise{}, ErrNoiseKind},
		{":0.3", Noise{}, ErrNoiseKind},
		{"mask:1", Noise{}, ErrNoiseLevel},
		{"mask:0", Noise{}, ErrNoiseLevel},
		{"mask:-0.1", Noise{}, ErrNoiseLevel},
		{"saltpepper:1.5", Noise{}, ErrNoiseLevel},
		{"gauss:0", Noise{}, ErrNoiseLevel},
		{"gauss:-1", Noise{}, ErrNoiseLevel},
		{"mask:1e-999", Noise{}, ErrNoiseLevel}, // underflows to 0
		{"mask:1e-320", Noise{}, ErrNoiseLevel}, // corrupts nothing
		{"gauss:0.0009", Noise{}, ErrNoiseLevel},
		{"mask:0.001", Noise{Masking, 0.001}, nil}, // MinNoiseLevel
		{"gauss:NaN", Noise{}, ErrNotFinite},
		{"saltpepper:inf", Noise{}, ErrNotFinite},
		{"gauss:1e999", Noise{}, ErrNotFinite}, // overflows to +Inf
	}
	for _, tt := range tests {
		got, err := ParseNoise(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseNoise(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
		var ce *ConfigError
		if err != nil && (!errors.As(err, &ce) || ce.Field != "noise" || !strings.HasPrefix(err.Error(), "autoencoder: ")) {
			t.Errorf("ParseNoise(%q): error %#v is not a ConfigError of the field noise", tt.in, err)
		}
	}
}

// FuzzParseNoise: no input makes ParseNoise panic, and whatever it accepts
// prints back as a string that parses to the same noise.
func FuzzParseNoise(f *testing.F) {
	for _, s := range []string{"mask:0.3", "gauss:0.2", "saltpepper:0.1", "none", "", "mask:", ":", "gauss:1e999", "mask:0x1p-2", "gauss:+Inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNoise(s)
		if err != nil {
			return
		}
		again, err := ParseNoise(n.String())
		if err != nil || again != n {
			t.Errorf("ParseNoise(%q) = %v, which parses back as %v, %v", s, n, again, err)
		}
	})
}

// TestNoiseJSON: a noise is written in ParseNoise's syntax and read back;
// a config without the field reads as NoNoise.
func TestNoiseJSON(t *testing.T) {
	for _, n := range []Noise{{}, {Masking, 0.3}, {Gaussian, 0.25}, {SaltPepper, 0.1}} {
		data, err := json.Marshal(Config{Noise: n})
		if err != nil {
			t.Fatal(err)
		}
		var back Config
		if err := json.Unmarshal(data, &back); err != nil || back.Noise != n {
			t.Errorf("%v: JSON %s reads back as %v, %v", n, data, back.Noise, err)
		}
	}
	var c Config
	if err := json.Unmarshal([]byte(`{"layers":[4,2]}`), &c); err != nil || c.Noise.On() {
		t.Errorf("config without noise reads as %v, %v", c.Noise, err)
	}
	if err := json.Unmarshal([]byte(`{"noise":"mask:2"}`), &c); !errors.Is(err, ErrNoiseLevel) {
		t.Errorf("noise mask:2 in JSON: error %v, want ErrNoiseLevel", err)
	}
	if _, err := json.Marshal(Config{Noise: Noise{Masking, math.NaN()}}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("mask:NaN marshals with error %v, want ErrNotFinite", err)
	}
}

// TestCorruptStatistics corrupts 20,000 values of 0.5 and compares what
// changed with what each noise promises. Every bound is five standard
// deviations of the measured statistic (binomial or normal), so a correct
// implementation fails about once in two million runs; the seed is fixed
// anyway.
func TestCorruptStatistics(t *testing.T) {
	const rows, cols = 200, 100
	const count = rows * cols
	x := matrix.New(rows, cols)
	x.Fill(0.5)
	rng := rand.New(rand.NewPCG(31, 31))
	dst := matrix.New(rows, cols)
	values := func() []float64 {
		var v []float64
		for i := 0; i < rows; i++ {
			v = append(v, dst.Row(i)...)
		}
		return v
	}

	Noise{Masking, 0.3}.Corrupt(dst, x, rng)
	zeros := 0
	for _, v := range values() {
		switch v {
		case 0:
			zeros++
		case 0.5:
		default:
			t.Fatalf("mask:0.3 produced %v from 0.5", v)
		}
	}
	if frac, sd := float64(zeros)/count, math.Sqrt(0.3*0.7/count); !(math.Abs(frac-0.3) <= 5*sd) {
		t.Errorf("mask:0.3 zeroed %.4f of the values, want 0.3 ± %.4f", frac, 5*sd)
	}

	Noise{Gaussian, 0.2}.Corrupt(dst, x, rng)
	var sum, sum2 float64
	for _, v := range values() {
		sum += v - 0.5
		sum2 += (v - 0.5) * (v - 0.5)
	}
	mean, sd := sum/count, math.Sqrt(sum2/count)
	if !(math.Abs(mean) <= 5*0.2/math.Sqrt(count)) || !(math.Abs(sd-0.2) <= 5*0.2/math.Sqrt(2*count)) {
		t.Errorf("gauss:0.2 added noise of mean %.4f and standard deviation %.4f, want 0 and 0.2", mean, sd)
	}

	Noise{SaltPepper, 0.1}.Corrupt(dst, x, rng)
	salt, pepper := 0, 0
	for _, v := range values() {
		switch v {
		case 1:
			salt++
		case 0:
			pepper++
		case 0.5:
		default:
			t.Fatalf("saltpepper:0.1 produced %v from 0.5", v)
		}
	}
	changed := salt + pepper
	if frac, sd := float64(changed)/count, math.Sqrt(0.1*0.9/count); !(math.Abs(frac-0.1) <= 5*sd) {
		t.Errorf("saltpepper:0.1 changed %.4f of the values, want 0.1 ± %.4f", frac, 5*sd)
	}
	if frac, sd := float64(salt)/float64(changed), math.Sqrt(0.25/float64(changed)); !(math.Abs(frac-0.5) <= 5*sd) {
		t.Errorf("saltpepper: %.3f of the changed values are 1, want half ± %.3f", frac, 5*sd)
	}

	Noise{}.Corrupt(dst, x, rng)
	if !matrix.EqualApprox(dst, x, 0) {
		t.Error("no noise changed the values")
	}
}

// TestCorruptIsReproducible: the same seed gives the same corruption, the
// next call a fresh one, and dst may be the input itself.
func TestCorruptIsReproducible(t *testing.T) {
	x := randData(rand.New(rand.NewPCG(1, 2)), 30, 20)
	for _, n := range []Noise{{Masking, 0.3}, {Gaussian, 0.2}, {SaltPepper, 0.1}} {
		a, b, c := matrix.New(30, 20), matrix.New(30, 20), x.Clone()
		rng := rand.New(rand.NewPCG(5, 5))
		n.Corrupt(a, x, rng)
		n.Corrupt(b, x, rng)
		n.Corrupt(c, c, rand.New(rand.NewPCG(5, 5)))
		if !matrix.EqualApprox(a, c, 0) {
			t.Errorf("%v: the same seed corrupts differently (or in place differs)", n)
		}
		if matrix.EqualApprox(a, b, 0) {
			t.Errorf("%v: two draws gave the same corruption", n)
		}
	}
	if msg := panics(func() { Noise{Masking, 0.3}.Corrupt(matrix.New(2, 3), matrix.New(3, 2), rand.New(rand.NewPCG(1, 1))) }); !strings.Contains(msg, "2×3") {
		t.Errorf("shape mismatch: panic %q", msg)
	}
}

// TestDenoisingTrainingIsReproducible: with noise, the same seeds give
// bit-identical weights whatever GOMAXPROCS is, and a run without
// NoiseRng is refused.
func TestDenoisingTrainingIsReproducible(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	x := lowRankData(rand.New(rand.NewPCG(8, 8)), 300, 784, 5)
	train := func(noiseSeed uint64) *Autoencoder {
		rng := rand.New(rand.NewPCG(9, 9))
		ae, err := New(Config{Layers: []int{784, 64, 16}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Noise: Noise{SaltPepper, 0.1}}, rng)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Train(ae, x, x.SliceRows(0, 0), TrainConfig{Epochs: 2, BatchSize: 64, Optimizer: nn.NewAdam(0.003), Rng: rng, NoiseRng: rand.New(rand.NewPCG(noiseSeed, 1))})
		if err != nil {
			t.Fatal(err)
		}
		return ae
	}
	var runs []*Autoencoder
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		runs = append(runs, train(10))
	}
	other := train(11)
	for i, p := range runs[0].Params() {
		if !matrix.EqualApprox(p.Value, runs[1].Params()[i].Value, 0) {
			t.Errorf("%s differs between GOMAXPROCS 1 and 2", p.Name)
		}
	}
	if matrix.EqualApprox(runs[0].Params()[0].Value, other.Params()[0].Value, 0) {
		t.Error("another noise seed gave the same weights: is the noise used?")
	}

	ae, _ := New(Config{Layers: []int{784, 16}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear", Noise: Noise{Masking, 0.3}}, rand.New(rand.NewPCG(1, 1)))
	_, err := Train(ae, x, x, TrainConfig{Epochs: 1, BatchSize: 64, Optimizer: nn.NewAdam(0.01), Rng: rand.New(rand.NewPCG(1, 1))})
	if err == nil || !strings.Contains(err.Error(), "NoiseRng") {
		t.Errorf("noise without NoiseRng: error %v", err)
	}
}

// TestDenoisingRestoresCorruptedImages trains the same net with and
// without masking noise. Given corrupted inputs, the denoising one
// reconstructs the clean images better; given clean ones, the plain one
// does (it was trained on exactly that).
func TestDenoisingRestoresCorruptedImages(t *testing.T) {
	data := lowRankData(rand.New(rand.NewPCG(41, 41)), 1200, 40, 3)
	train, test := data.SliceRows(0, 1000), data.SliceRows(1000, 1200)
	noise := Noise{Masking, 0.3}
	run := func(n Noise) (clean, corrupted float64) {
		rng := rand.New(rand.NewPCG(42, 42))
		ae, err := New(Config{Layers: []int{40, 20}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Noise: n}, rng)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Train(ae, train, test, TrainConfig{Epochs: 40, BatchSize: 50, Optimizer: nn.NewAdam(0.01), Rng: rng, NoiseRng: rand.New(rand.NewPCG(43, 43))})
		if err != nil {
			t.Fatal(err)
		}
		evalRng := rand.New(rand.NewPCG(44, 44)) // the same corrupted test images for both nets
		return ae.SSEPerImage(test), ae.CorruptedSSEPerImage(test, noise, evalRng)
	}
	plainClean, plainCorrupted := run(Noise{})
	denClean, denCorrupted := run(noise)
	t.Logf("test error per image, clean / masked inputs: plain %.4f / %.4f, denoising %.4f / %.4f", plainClean, plainCorrupted, denClean, denCorrupted)
	if !(denCorrupted < plainCorrupted/2) {
		t.Errorf("on masked inputs the denoising net's error %.4f is not half the plain net's %.4f", denCorrupted, plainCorrupted)
	}
	if !(plainClean < denClean) {
		t.Errorf("on clean inputs the plain net's error %.4f is not below the denoising net's %.4f", plainClean, denClean)
	}
}

// TestDenoisingObjectiveGradients checks the gradient of the denoising
// objective, corrupted input against clean target, for every noise, both
// losses and with a penalty on the code on top.
func TestDenoisingObjectiveGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 13))
	for _, noise := range []Noise{{Masking, 0.3}, {Gaussian, 0.2}, {SaltPepper, 0.1}} {
		for _, loss := range []Loss{SquaredError, CrossEntropy} {
			cfg := Config{Layers: []int{7, 5, 3}, Activation: "tanh", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Loss: loss, Noise: noise, L1: 0.3}
			ae, err := New(cfg, rng)
			if err != nil {
				t.Fatal(err)
			}
			randomizeBiases(ae, rng)
			x := randData(rng, 6, 7)
			xt := matrix.New(6, 7)
			noise.Corrupt(xt, x, rng) // drawn once: the check needs the same x̃ at every evaluation
			checkObjective(t, noise.String()+" "+loss.String(), ae, func() float64 { return ae.ObjectiveCorrupted(xt, x, nil) })
		}
	}
}
