package experiment

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// column returns column j of x, sorted.
func sortedColumn(x *matrix.Dense, j int) []float64 {
	c := make([]float64, x.Rows())
	for i := range c {
		c[i] = x.At(i, j)
	}
	slices.Sort(c)
	return c
}

// correlation returns the Pearson correlation of columns a and b of x.
func correlation(x *matrix.Dense, a, b int) float64 {
	n := float64(x.Rows())
	var sa, sb, saa, sbb, sab float64
	for i := 0; i < x.Rows(); i++ {
		u, v := x.At(i, a), x.At(i, b)
		sa, sb, saa, sbb, sab = sa+u, sb+v, saa+u*u, sbb+v*v, sab+u*v
	}
	cov := sab/n - sa/n*sb/n
	return cov / math.Sqrt((saa/n-sa/n*sa/n)*(sbb/n-sb/n*sb/n))
}

// TestShufflePixels on 5,000 real digits: every pixel keeps its multiset
// of values (so its distribution, and the mean image), the input is left
// alone, the same seed gives the same bits, and the correlation between
// neighbouring pixels — about 0.8 in the middle of a digit — vanishes.
func TestShufflePixels(t *testing.T) {
	train, _ := embeddedMNIST(t)
	x := train.Images.SliceRows(0, 5000)
	before := x.Clone()
	y := ShufflePixels(x, rand.New(rand.NewPCG(1, shuffleTrainStream)))
	if !matrix.EqualApprox(x, before, 0) {
		t.Fatal("ShufflePixels changed its input")
	}
	moved := 0
	for j := 0; j < x.Cols(); j++ {
		if !slices.Equal(sortedColumn(x, j), sortedColumn(y, j)) {
			t.Fatalf("pixel %d lost or gained values", j)
		}
		for i := 0; i < x.Rows(); i++ {
			if x.At(i, j) != y.At(i, j) {
				moved++
			}
		}
	}
	if moved < x.Rows()*x.Cols()/20 { // MNIST is 81% zeros; a shuffle must move much of the rest
		t.Errorf("only %d values moved", moved)
	}
	again := ShufflePixels(x, rand.New(rand.NewPCG(1, shuffleTrainStream)))
	if !matrix.EqualApprox(again, y, 0) {
		t.Error("the same seed gave another shuffle")
	}
	// Pixels (14, 14) and (14, 15), then (14, 14) and (15, 14): the
	// middle of the digits, where neighbours move together.
	for _, p := range [][2]int{{14*28 + 14, 14*28 + 15}, {14*28 + 14, 15*28 + 14}} {
		rx, ry := correlation(x, p[0], p[1]), correlation(y, p[0], p[1])
		// Independent columns of 5,000 rows give |r| of about
		// 1/√5000 = 0.014; 0.06 is more than four times that.
		if !(rx > 0.5) || !(math.Abs(ry) < 0.06) {
			t.Errorf("pixels %d and %d: correlation %.3f before the shuffle, %.3f after; want above 0.5, then about 0", p[0], p[1], rx, ry)
		}
	}
}

// TestShufflePixelsSmall: a column of a tiny matrix is permuted, not
// copied or lost, and a single image is left as it is.
func TestShufflePixelsSmall(t *testing.T) {
	one := matrix.NewFromSlice(1, 3, []float64{0.1, 0.2, 0.3})
	if got := ShufflePixels(one, rand.New(rand.NewPCG(2, 2))); !matrix.EqualApprox(got, one, 0) {
		t.Errorf("one image: %v", got.Row(0))
	}
	x := matrix.New(50, 2)
	for i := 0; i < 50; i++ {
		x.Set(i, 0, float64(i))
		x.Set(i, 1, float64(i))
	}
	y := ShufflePixels(x, rand.New(rand.NewPCG(2, 2)))
	same := 0
	for i := 0; i < 50; i++ {
		if y.At(i, 0) == y.At(i, 1) {
			same++
		}
	}
	// Two columns shuffled independently agree in about one row of 50.
	if same > 5 {
		t.Errorf("the two columns agree in %d of 50 rows: not shuffled independently", same)
	}
}

// TestTrainShufflePixels: a run with ShufflePixels says so, measures the
// mean image's error as an unshuffled run does (a shuffle keeps every
// pixel's values, so it cannot change it), and its pictures are drawn from
// the test images as it saw them, shuffled the same way.
func TestTrainShufflePixels(t *testing.T) {
	train, test := embeddedMNIST(t)
	train, test = firstImages(train, 300), firstImages(test, 100)
	s := TrainSettings{Config: autoencoder.Config{Layers: []int{784, 8}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"},
		Epochs: 1, Batch: 50, Optimizer: "adam", LearningRate: 0.001, Seed: 5, TrainN: 300}
	plain, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.ShufflePixels = true
	shuffled, err := Train(s, train, test, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain.ShufflePixels || !shuffled.ShufflePixels {
		t.Errorf("ShufflePixels recorded as %v and %v, want false and true", plain.ShufflePixels, shuffled.ShufflePixels)
	}
	if d := plain.MeanImageSSEPerImage - shuffled.MeanImageSSEPerImage; !(math.Abs(d) <= 1e-9) {
		t.Errorf("the mean image scores %v unshuffled, %v shuffled; a shuffle keeps every pixel's values", plain.MeanImageSSEPerImage, shuffled.MeanImageSSEPerImage)
	}
	seen := shuffled.testImages(test)
	want := ShufflePixels(test.Images, rand.New(rand.NewPCG(5, shuffleTestStream)))
	if !matrix.EqualApprox(seen, want, 0) || matrix.EqualApprox(seen, test.Images, 0) {
		t.Error("the pictures' test images are not shuffled as Train shuffled them")
	}
	// The test error Train reports is that of the shuffled test images.
	if got := shuffled.Model.SSEPerImage(seen); !(math.Abs(got-shuffled.TestSSEPerImage) <= 1e-9*got) {
		t.Errorf("test error %v, but the model scores %v on the shuffled test images", shuffled.TestSSEPerImage, got)
	}
}

// TestShufflePixelsUniform: every order of a column is equally likely —
// the Fisher–Yates shuffle, not one that favours some orders or reaches
// only some (Sattolo's, which never leaves a value where it was) — and
// every column is shuffled, the first and the last included. 24,000
// shuffles of 4 rows give each of the 24 orders of each column about
// 1,000 times; the standard deviation is √(24000·(1/24)·(23/24)) ≈ 31,
// and 5 of them is 155.
func TestShufflePixelsUniform(t *testing.T) {
	x := matrix.New(4, 3)
	for i := 0; i < 4; i++ {
		for j := 0; j < 3; j++ {
			x.Set(i, j, float64(i))
		}
	}
	rng := rand.New(rand.NewPCG(8, 9))
	counts := make([]map[[4]float64]int, 3)
	for j := range counts {
		counts[j] = map[[4]float64]int{}
	}
	for range 24000 {
		y := ShufflePixels(x, rng)
		for j := 0; j < 3; j++ {
			counts[j][[4]float64{y.At(0, j), y.At(1, j), y.At(2, j), y.At(3, j)}]++
		}
	}
	for j, c := range counts {
		if len(c) != 24 {
			t.Errorf("column %d took %d of the 24 orders", j, len(c))
		}
		for order, n := range c {
			if !(math.Abs(float64(n)-1000) <= 155) {
				t.Errorf("column %d: order %v came %d times in 24,000, want about 1,000", j, order, n)
			}
		}
	}
}
