package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// oneHot returns an n×k matrix with a 1 in column labels[i] of row i.
func oneHot(labels []int, k int) *matrix.Dense {
	y := matrix.New(len(labels), k)
	for i, l := range labels {
		y.Set(i, l, 1)
	}
	return y
}

// TestSoftmaxCrossEntropyGradients checks the fused gradient P − Y of both
// forms against central differences in the logits, for one-hot targets and
// for targets spread over several classes.
func TestSoftmaxCrossEntropyGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	soft := randMatrix(rng, 5, 4, 0, 1)
	for i := 0; i < 5; i++ { // rows that sum to 1
		row := soft.Row(i)
		s := row[0] + row[1] + row[2] + row[3]
		for k := range row {
			row[k] /= s
		}
	}
	targets := []struct {
		name string
		y    *matrix.Dense
	}{
		{"one-hot", oneHot([]int{0, 3, 1, 1, 2}, 4)},
		{"soft", soft},
	}
	for _, loss := range []struct {
		name string
		f    LossFunc
	}{{"SoftmaxCrossEntropy", SoftmaxCrossEntropy}, {"MeanSoftmaxCrossEntropy", MeanSoftmaxCrossEntropy}} {
		for _, tt := range targets {
			logits := randMatrix(rng, 5, 4, -3, 3)
			grad := matrix.New(5, 4)
			loss.f(logits, tt.y, grad)
			r := CheckGradient(func() float64 { return loss.f(logits, tt.y, nil) }, Param{Name: "logits", Value: logits, Grad: grad}, GradCheckStep, 3)
			assertPass(t, loss.name+", "+tt.name+" targets", []GradCheckResult{r})
		}
	}
}

// TestSoftmaxCrossEntropyValues compares the loss with values worked out
// by hand, including logits far beyond what e^z can hold.
func TestSoftmaxCrossEntropyValues(t *testing.T) {
	tests := []struct {
		logits []float64
		label  int
		loss   float64
		grad   []float64
	}{
		{[]float64{0, 0}, 0, math.Ln2, []float64{-0.5, 0.5}},                // two equal classes
		{[]float64{1000, 0, -1000}, 0, 0, []float64{0, 0, 0}},               // certain and right: e^−1000 underflows
		{[]float64{1000, 0, -1000}, 2, 2000, []float64{1, 0, -1}},           // certain and wrong: −ln p = 2000
		{[]float64{math.Log(3), 0}, 1, math.Log(4), []float64{0.75, -0.75}}, // p = (3/4, 1/4)
	}
	for _, tt := range tests {
		z := matrix.NewFromSlice(1, len(tt.logits), tt.logits)
		y := oneHot([]int{tt.label}, len(tt.logits))
		grad := matrix.New(1, len(tt.logits))
		loss := SoftmaxCrossEntropy(z, y, grad)
		// Exact up to rounding of a few operations on numbers near 1.
		if !(math.Abs(loss-tt.loss) <= 1e-12*max(1, tt.loss)) || !matrix.EqualApprox(grad, matrix.NewFromSlice(1, len(tt.grad), tt.grad), 1e-12) {
			t.Errorf("logits %v, label %d: loss %v, gradient %v; want %v, %v", tt.logits, tt.label, loss, grad.Row(0), tt.loss, tt.grad)
		}
		if v := SoftmaxCrossEntropy(z, y, nil); v != loss {
			t.Errorf("logits %v: loss without a gradient %v, with one %v", tt.logits, v, loss)
		}
	}
}

func TestSoftmax(t *testing.T) {
	z := matrix.NewFromSlice(3, 3, []float64{0, 0, 0, 1000, 1000, -1000, 1, 2, 3})
	p := matrix.New(3, 3)
	Softmax(p, z)
	e := math.E
	d := 1 + e + e*e
	want := matrix.NewFromSlice(3, 3, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0, 1 / d, e / d, e * e / d})
	if !matrix.EqualApprox(p, want, 1e-15) {
		t.Errorf("Softmax\n%v\nwant\n%v", p, want)
	}
	Softmax(z, z) // in place
	if !matrix.EqualApprox(z, p, 0) {
		t.Error("Softmax in place differs")
	}
	defer func() {
		if r := recover(); r != "nn: Softmax: shape mismatch destination 2×3, logits 3×2" {
			t.Errorf("Softmax with mismatched shapes: panic %v", r)
		}
	}()
	Softmax(matrix.New(2, 3), matrix.New(3, 2))
}

// The gradient of softmax cross-entropy with respect to the logits is the
// predicted probabilities minus the one-hot target.
func ExampleSoftmaxCrossEntropy() {
	logits := matrix.NewFromSlice(1, 3, []float64{math.Log(1), math.Log(2), math.Log(5)}) // p = (0.125, 0.25, 0.625)
	target := matrix.NewFromSlice(1, 3, []float64{0, 0, 1})                               // the label is class 2
	grad := matrix.New(1, 3)
	loss := SoftmaxCrossEntropy(logits, target, grad)
	fmt.Printf("loss −ln 0.625 = %.4f\n", loss)
	fmt.Printf("P − Y = %.3f\n", grad.Row(0))
	// Output:
	// loss −ln 0.625 = 0.4700
	// P − Y = [0.125 0.250 -0.375]
}
