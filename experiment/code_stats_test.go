package experiment

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// newCodeNet returns a network with the given encoder layers and code
// activation, its weights drawn from seed 1.
func newCodeNet(t *testing.T, layers []int, code string) *autoencoder.Autoencoder {
	t.Helper()
	ae, err := autoencoder.New(autoencoder.Config{Layers: layers, Activation: "sigmoid", CodeActivation: code, OutputActivation: "sigmoid"},
		rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return ae
}

// randomImages returns n×in values uniform in [0, 1).
func randomImages(n, in int, rng *rand.Rand) *matrix.Dense {
	x := matrix.New(n, in)
	for i := range n {
		for j := range in {
			x.Set(i, j, rng.Float64())
		}
	}
	return x
}

// TestMeasureCodeActivations: with the encoder's weights zero, every image
// has the code σ(b), so the mean activations are the σ(bⱼ) and the units
// below NearZero are those with σ(bⱼ) < 0.05; the Jacobian is zero.
func TestMeasureCodeActivations(t *testing.T) {
	ae := newCodeNet(t, []int{5, 4}, "sigmoid")
	first := ae.FirstLayer()
	first.W.Zero()
	biases := []float64{-4, 0, 2, -1} // σ: 0.018, 0.5, 0.881, 0.269; one below 0.05
	for j, b := range biases {
		first.B.Set(0, j, b)
	}
	sigma := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	st := MeasureCode(ae, randomImages(7, 5, rand.New(rand.NewPCG(2, 2))))
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"min", st.MeanActivationMin, sigma(-4)},
		{"median", st.MeanActivationMedian, sigma(0)}, // sorted σ(-4), σ(-1), σ(0), σ(2): position 4/2
		{"max", st.MeanActivationMax, sigma(2)},
		{"fraction near zero", st.FractionNearZero, 1.0 / 4},
		{"jacobian", *st.Jacobian, 0},
	} {
		if !(math.Abs(c.got-c.want) <= 1e-12) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

// TestMeasureCodeJacobian: the closed form of the mean ‖J_f(x)‖²_F agrees
// with the Jacobian measured by central differences on Encode, and an
// encoder that is not one sigmoid layer gets none.
func TestMeasureCodeJacobian(t *testing.T) {
	ae := newCodeNet(t, []int{6, 3}, "sigmoid")
	x := randomImages(4, 6, rand.New(rand.NewPCG(3, 3)))
	st := MeasureCode(ae, x)
	const eps = 1e-5
	want := 0.0
	for n := range x.Rows() {
		for i := range x.Cols() {
			plus, minus := matrix.New(1, 6), matrix.New(1, 6)
			copy(plus.Row(0), x.Row(n))
			copy(minus.Row(0), x.Row(n))
			plus.Row(0)[i] += eps
			minus.Row(0)[i] -= eps
			hp, hm := ae.Encode(plus), ae.Encode(minus)
			for j := range 3 {
				d := (hp.At(0, j) - hm.At(0, j)) / (2 * eps)
				want += d * d / float64(x.Rows())
			}
		}
	}
	// Central differences err by O(eps²) in each entry; 1e-6 relative is
	// far above that and far below any wrong term.
	if st.Jacobian == nil || !(math.Abs(*st.Jacobian-want) <= 1e-6*want) {
		t.Errorf("mean ‖J_f(x)‖²_F %v, by central differences %v", st.Jacobian, want)
	}
	for _, c := range []struct {
		layers []int
		code   string
	}{{[]int{6, 3}, "linear"}, {[]int{6, 4, 3}, "sigmoid"}} {
		if st := MeasureCode(newCodeNet(t, c.layers, c.code), x); st.Jacobian != nil {
			t.Errorf("layers %v, code %s: Jacobian %v, want none", c.layers, c.code, *st.Jacobian)
		}
	}
}
