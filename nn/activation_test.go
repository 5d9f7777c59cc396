package nn

import (
	"fmt"
	"math"
	"testing"

	"bottleneck/matrix"
)

// An activation that computes the wrong function with the derivative of
// that wrong function passes every gradient check. These tests compare the
// values themselves with the formulas in the doc comments.

// activationInputs are the x the value tests feed every activation: both
// signs, zero, and values large enough that a naive e⁻ˣ overflows.
var activationInputs = []float64{-800, -30, -2, -0.5, 0, 0.5, 2, 30, 800}

func TestActivationValues(t *testing.T) {
	tests := []struct {
		name string
		f    func(x float64) float64 // the formula, written out
	}{
		// σ(x) = 1/(1+e⁻ˣ); for x < 0 the same number is eˣ/(1+eˣ), which is
		// what a careful implementation computes to avoid overflow. The
		// formula here uses math.Exp(−x) only where it cannot overflow.
		{"sigmoid", func(x float64) float64 {
			if x < -700 {
				return 0 // e⁻ˣ > 1e304: 1/(1+e⁻ˣ) is below the smallest float64
			}
			return 1 / (1 + math.Exp(-x))
		}},
		{"tanh", math.Tanh},
		{"relu", func(x float64) float64 {
			if x > 0 {
				return x
			}
			return 0
		}},
		{"linear", func(x float64) float64 { return x }},
	}
	for _, tt := range tests {
		layer, err := NewActivation(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		x := matrix.NewFromSlice(1, len(activationInputs), append([]float64(nil), activationInputs...))
		y := layer.Forward(x)
		for j, xj := range activationInputs {
			want := tt.f(xj)
			// 2e-15 relative: the stable form of σ for negative x may
			// round differently from the formula above by a few units in
			// the last place (2.2e-16 each); a wrong function is off by
			// far more.
			if got := y.At(0, j); !(math.Abs(got-want) <= 2e-15*math.Abs(want)) {
				t.Errorf("%s(%g) = %.17g, want %.17g", tt.name, xj, got, want)
			}
		}
	}
	// The symmetry σ(−x) = 1 − σ(x), which holds only if both branches of
	// the stable form are right.
	s := &Sigmoid{}
	y := s.Forward(matrix.NewFromSlice(1, 2, []float64{-1.5, 1.5}))
	if got := y.At(0, 0) + y.At(0, 1); !(math.Abs(got-1) <= 1e-15) {
		t.Errorf("σ(−1.5) + σ(1.5) = %.17g, want 1", got)
	}
}

// TestActivationNamesBuildTheirLayers: each name of ActivationNames, and
// "identity", gives the layer of that name.
func TestActivationNamesBuildTheirLayers(t *testing.T) {
	want := map[string]string{"sigmoid": "*nn.Sigmoid", "tanh": "*nn.Tanh", "relu": "*nn.ReLU", "linear": "nn.Identity", "identity": "nn.Identity"}
	for _, name := range append(append([]string(nil), ActivationNames...), "identity") {
		layer, err := NewActivation(name)
		if err != nil {
			t.Errorf("NewActivation(%q): %v", name, err)
			continue
		}
		if got := fmt.Sprintf("%T", layer); got != want[name] {
			t.Errorf("NewActivation(%q) is a %s, want %s", name, got, want[name])
		}
		if layer.Params() != nil {
			t.Errorf("%s has parameters", name)
		}
	}
	if len(ActivationNames) != 4 {
		t.Errorf("ActivationNames = %v, want the four of NewActivation's doc comment", ActivationNames)
	}
}

// TestActivationBackwardByHand: dX = dY ⊙ f′(x) with the derivatives of the
// doc comments, at points worked out here. ReLU's derivative at 0 is 0 by
// convention.
func TestActivationBackwardByHand(t *testing.T) {
	x := []float64{-1, 0, 0.5}
	dy := []float64{2, 3, -4}
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	tests := []struct {
		layer Layer
		want  []float64
	}{
		{&Sigmoid{}, []float64{2 * sig(-1) * (1 - sig(-1)), 3 * 0.25, -4 * sig(0.5) * (1 - sig(0.5))}},
		{&Tanh{}, []float64{2 * (1 - math.Tanh(-1)*math.Tanh(-1)), 3, -4 * (1 - math.Tanh(0.5)*math.Tanh(0.5))}},
		{&ReLU{}, []float64{0, 0, -4}},
		{Identity{}, []float64{2, 3, -4}},
	}
	for _, tt := range tests {
		tt.layer.Forward(matrix.NewFromSlice(1, 3, append([]float64(nil), x...)))
		dx := tt.layer.Backward(matrix.NewFromSlice(1, 3, append([]float64(nil), dy...)))
		if want := matrix.NewFromSlice(1, 3, tt.want); !matrix.EqualApprox(dx, want, 1e-15) {
			t.Errorf("%s: dX = %v, want %v", fmt.Sprintf("%T", tt.layer), dx, want)
		}
	}
}

// TestActivationBatchSizeChanges: the last batch of an epoch is often
// smaller; an activation must then return a matrix of the smaller batch's
// shape holding that batch's values, and go back to a larger one after.
func TestActivationBatchSizeChanges(t *testing.T) {
	for _, name := range ActivationNames {
		layer, _ := NewActivation(name)
		for _, n := range []int{5, 3, 1, 6} {
			x := matrix.New(n, 2)
			for i := 0; i < n; i++ {
				x.Set(i, 0, float64(i)-1)
				x.Set(i, 1, 0.5)
			}
			y := layer.Forward(x)
			ref, _ := NewActivation(name) // a fresh layer, never used before
			want := ref.Forward(x.Clone())
			if !matrix.EqualApprox(y, want, 0) {
				t.Errorf("%s on %d rows after other batch sizes: %v, want %v", name, n, y, want)
			}
			dx := layer.Backward(matrix.New(n, 2))
			if r, c := dx.Dims(); r != n || c != 2 {
				t.Errorf("%s: Backward on %d rows gives %d×%d", name, n, r, c)
			}
		}
	}
}

// TestSigmoidKeepsNaN: a NaN that reaches the sigmoid comes out as NaN, so
// that training sees that it diverged instead of reading 0 or 1.
func TestSigmoidKeepsNaN(t *testing.T) {
	x := matrix.New(2, 9) // more than eight per row, so a SIMD kernel sees it too
	x.Set(0, 3, math.NaN())
	x.Set(1, 8, math.NaN())
	y := (&Sigmoid{}).Forward(x)
	for _, at := range [][2]int{{0, 3}, {1, 8}} {
		if v := y.At(at[0], at[1]); !math.IsNaN(v) {
			t.Errorf("σ(NaN) at %v = %g, want NaN", at, v)
		}
	}
	if v := y.At(0, 0); v != 0.5 {
		t.Errorf("σ(0) next to a NaN = %g, want 0.5", v)
	}
}
