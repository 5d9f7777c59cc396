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
