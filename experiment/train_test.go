package experiment

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// smallSettings are the settings of a short run on a few real images.
func smallSettings() TrainSettings {
	return TrainSettings{
		Config: autoencoder.Config{Layers: []int{784, 32, 8}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"},
		Epochs: 3, Batch: 50, Optimizer: "adam", LearningRate: 0.003, Seed: 7, TrainN: 1000,
	}
}

// TestTrainSettingsErrors: each bad setting is refused before any work,
// naming the setting as summary.json does and wrapping the right sentinel.
func TestTrainSettingsErrors(t *testing.T) {
	tests := []struct {
		change func(*TrainSettings)
		field  string
		want   error
	}{
		{func(s *TrainSettings) { s.Epochs = 0 }, "epochs", ErrOutOfRange},
		{func(s *TrainSettings) { s.Batch = -1 }, "batch", ErrOutOfRange},
		{func(s *TrainSettings) { s.LearningRate = math.NaN() }, "learning_rate", ErrOutOfRange},
		{func(s *TrainSettings) { s.LearningRate = math.Inf(1) }, "learning_rate", ErrOutOfRange},
		{func(s *TrainSettings) { s.WeightDecay = -0.1 }, "weight_decay", ErrOutOfRange},
		{func(s *TrainSettings) { s.WeightDecay = 2e6 }, "weight_decay", ErrOutOfRange},
		{func(s *TrainSettings) { s.TrainN = 0 }, "train_n", ErrOutOfRange},
		{func(s *TrainSettings) { s.Optimizer = "rmsprop" }, "optimizer", ErrUnknownOptimizer},
		{func(s *TrainSettings) { s.Batch, s.TrainN = 200000, 200000 }, "batch", ErrMemory},
		{func(s *TrainSettings) { s.Config.Layers = []int{784, 16000000, 30} }, "layers", ErrMemory},
	}
	for _, tt := range tests {
		s := smallSettings()
		tt.change(&s)
		err := s.Validate()
		var se *SettingError
		if !errors.As(err, &se) || se.Field != tt.field || !errors.Is(err, tt.want) {
			t.Errorf("%+v: error %v, want a SettingError for %q wrapping %v", s, err, tt.field, tt.want)
		}
	}
	// The network's own errors are the autoencoder's.
	s := smallSettings()
	s.Config.Activation = "swish"
	var ce *autoencoder.ConfigError
	if err := s.Validate(); !errors.As(err, &ce) || ce.Field != "activation" {
		t.Errorf("unknown activation: error %v, want a ConfigError for \"activation\"", err)
	}
	if err := smallSettings().Validate(); err != nil {
		t.Errorf("good settings: %v", err)
	}
}

// TestTrainReportsItsNumbers trains on 1,000 real images and checks every
// number of the result against a computation of its own: the errors
// against Σ(x − x̂)² of the returned model, the baseline against the mean
// image, the history's length, the settings it repeats; and that the same
// seed gives the same run.
func TestTrainReportsItsNumbers(t *testing.T) {
	train, test := embeddedMNIST(t)
	test = firstImages(test, 2000)
	s := smallSettings()
	epochsSeen := 0
	res, err := Train(s, train, test, func(p autoencoder.Progress) error {
		if p.EpochDone {
			epochsSeen++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if epochsSeen != 3 || len(res.TrainLoss) != 3 || len(res.TrainSSEPerImage) != 3 || len(res.TestSSEPerEpoch) != 3 {
		t.Fatalf("%d epochs reported, history of %d, %d, %d entries; want 3 each", epochsSeen, len(res.TrainLoss), len(res.TrainSSEPerImage), len(res.TestSSEPerEpoch))
	}
	recon := res.Model.Reconstruct(test.Images)
	if want := sseRef(test.Images, recon); !(math.Abs(res.TestSSEPerImage-want) <= 1e-9*want) {
		t.Errorf("TestSSEPerImage %v, Σ(x − x̂)² of the model's reconstructions %v", res.TestSSEPerImage, want)
	}
	if res.TestSSEPerEpoch[2] != res.TestSSEPerImage {
		t.Errorf("test error after the last epoch %v, at the end %v: the same network", res.TestSSEPerEpoch[2], res.TestSSEPerImage)
	}
	mean := matrix.New(test.Len(), 784)
	m := matrix.New(1, 784)
	m.AddColSums(train.Images.SliceRows(0, s.TrainN))
	for i := 0; i < test.Len(); i++ {
		for j := range mean.Row(i) {
			mean.Row(i)[j] = m.At(0, j) / float64(s.TrainN)
		}
	}
	if want := sseRef(test.Images, mean); !(math.Abs(res.MeanImageSSEPerImage-want) <= 1e-9*want) {
		t.Errorf("MeanImageSSEPerImage %v, by hand %v", res.MeanImageSSEPerImage, want)
	}
	// With no penalty the objective is half the squared error, per image.
	for e := range 3 {
		if d := res.TrainLoss[e] - res.TrainSSEPerImage[e]/2; !(math.Abs(d) <= 1e-9*res.TrainLoss[e]) {
			t.Errorf("epoch %d: objective %v, half the training error %v", e+1, res.TrainLoss[e], res.TrainSSEPerImage[e]/2)
		}
	}
	// Three epochs on 1,000 images beat the mean image (about 53 on MNIST)
	// by far, and a good run has no warning.
	if !(res.TestSSEPerImage < res.MeanImageSSEPerImage) || res.Warning("-lr", "more -epochs") != "" {
		t.Errorf("test error %v, mean image %v, warning %q", res.TestSSEPerImage, res.MeanImageSSEPerImage, res.Warning("-lr", "more -epochs"))
	}
	want := TrainResult{Layers: []int{784, 32, 8}, Shape: "784-32-8-32-784", Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid",
		Epochs: 3, Batch: 50, Optimizer: "adam", LearningRate: 0.003, Seed: 7, TrainN: 1000}
	got := TrainResult{Layers: res.Layers, Shape: res.Shape, Activation: res.Activation, CodeActivation: res.CodeActivation, OutputActivation: res.OutputActivation,
		Tied: res.Tied, Epochs: res.Epochs, Batch: res.Batch, Optimizer: res.Optimizer, LearningRate: res.LearningRate, WeightDecay: res.WeightDecay, Seed: res.Seed, TrainN: res.TrainN}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("settings repeated as %+v, want %+v", got, want)
	}
	if b := res.Reconstructions.Bounds(); b.Dx() != 4+10*(56+4) || b.Dy() != 2*4+2*(2*56+4)+12 {
		// Tiles of 28·2 = 56 pixels, gaps of 2·2 = 4: 10 tiles and their
		// gaps across; down, a gap above and below, two lines of pairs (two
		// tiles and a gap each) and 3 gaps between the lines.
		t.Errorf("reconstructions picture %v", b)
	}

	again, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.TestSSEPerEpoch, res.TestSSEPerEpoch) || !reflect.DeepEqual(again.TrainLoss, res.TrainLoss) {
		t.Errorf("the same seed gave %v, then %v", res.TestSSEPerEpoch, again.TestSSEPerEpoch)
	}
}

// TestTrainRefusesDataThatDoesNotFit: more training images asked for than
// there are, or images of another size than the input, are ErrData.
func TestTrainRefusesDataThatDoesNotFit(t *testing.T) {
	train, test := embeddedMNIST(t)
	s := smallSettings()
	s.TrainN = 100
	small := firstImages(train, 50)
	if _, err := Train(s, small, test, nil); !errors.Is(err, ErrData) {
		t.Errorf("100 of 50 images: error %v, want ErrData", err)
	}
	s.Config.Layers = []int{100, 10}
	if _, err := Train(s, train, test, nil); !errors.Is(err, ErrData) {
		t.Errorf("a 100-input network on 784 pixels: error %v, want ErrData", err)
	}
}

// TestTrainDivergenceIsAnError: a learning rate far too large makes the
// run diverge, and the error says so with autoencoder.ErrDiverged.
func TestTrainDivergenceIsAnError(t *testing.T) {
	train, test := embeddedMNIST(t)
	s := smallSettings()
	s.Config.Activation, s.Config.OutputActivation = "linear", "linear"
	s.Optimizer, s.LearningRate, s.TrainN, s.Epochs = "sgd", 100, 200, 5
	if _, err := Train(s, train, firstImages(test, 100), nil); !errors.Is(err, autoencoder.ErrDiverged) {
		t.Errorf("error %v, want one wrapping ErrDiverged", err)
	}
}

// TestNewOptimizer: each name gives its optimizer with the learning rate
// as its own step size.
func TestNewOptimizer(t *testing.T) {
	for _, tt := range []struct {
		name string
		want nn.Optimizer
	}{
		{"sgd", &nn.SGD{LearningRate: 0.1}},
		{"momentum", &nn.Momentum{LearningRate: 0.1, Mu: 0.9}},
		{"adam", nn.NewAdam(0.1)},
	} {
		got, err := NewOptimizer(tt.name, 0.1)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("NewOptimizer(%q) = %#v, %v; want %#v", tt.name, got, err, tt.want)
		}
	}
	if _, err := NewOptimizer("Adam", 0.1); !errors.Is(err, ErrUnknownOptimizer) {
		t.Errorf("NewOptimizer(\"Adam\"): error %v, want ErrUnknownOptimizer", err)
	}
}
