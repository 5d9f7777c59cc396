package classify

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestScalingConstantFeatures: features that never change (MNIST's border
// pixels) have variance 0; scaling leaves them 0 after centring instead of
// dividing by zero, which would make 0·Inf = NaN of every value.
func TestScalingConstantFeatures(t *testing.T) {
	x := matrix.NewFromSlice(3, 2, []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5})
	s, err := NewScaling(x)
	if err != nil {
		t.Fatal(err)
	}
	y := matrix.New(3, 2)
	s.Apply(y, x)
	for i := 0; i < 3; i++ {
		for _, v := range y.Row(i) {
			if !(v == 0) || math.IsNaN(v) {
				t.Fatalf("a constant feature scaled to %v, want 0", v)
			}
		}
	}
	if !(s.Scale == 1) {
		t.Errorf("scale %v for data that never changes, want 1", s.Scale)
	}
}

// TestScalingSmallVariance: features whose mean variance is below 1, as
// pixels in [0, 1] are (at most 0.25), are scaled up to variance 1 too,
// not only those above it.
func TestScalingSmallVariance(t *testing.T) {
	x := matrix.NewFromSlice(4, 1, []float64{0, 0.1, 0, 0.1}) // variance 0.0025
	s, err := NewScaling(x)
	if err != nil {
		t.Fatal(err)
	}
	if !(math.Abs(s.Scale-20) <= 1e-9) { // 1/√0.0025
		t.Errorf("scale %v, want 20", s.Scale)
	}
}
