package nn

import (
	"testing"

	"bottleneck/matrix"
)

// TestAdamStateResumes checks that an Adam given the State of another
// takes the same steps as that one, bit for bit, on the fast path and the
// textbook one: what a resumed training run relies on.
func TestAdamStateResumes(t *testing.T) {
	newParam := func() Param {
		return Param{Name: "W", Value: matrix.NewFromSlice(2, 3, []float64{1, -2, 3, 0.5, 0.25, -1}), Grad: matrix.New(2, 3)}
	}
	grad := func(p Param, step int) {
		for i := 0; i < 2; i++ {
			for j := 0; j < 3; j++ {
				p.Grad.Set(i, j, float64((i+1)*(j+2)*step%7)-3)
			}
		}
	}
	a, pa := NewAdam(0.01), newParam()
	for step := 1; step <= 6; step++ {
		grad(pa, step)
		a.Step([]Param{pa})
	}
	b, pb := NewAdam(0.01), newParam()
	for step := 1; step <= 3; step++ {
		grad(pb, step)
		b.Step([]Param{pb})
	}
	c := NewAdam(0.01)
	c.Step([]Param{{Value: matrix.New(2, 3), Grad: matrix.New(2, 3)}}) // a stale fast path that SetState must drop
	c.SetState(b.State())
	for step := 4; step <= 6; step++ {
		grad(pb, step)
		c.Step([]Param{pb})
	}
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			if got, want := pb.Value.At(i, j), pa.Value.At(i, j); got != want {
				t.Fatalf("resumed Adam: θ[%d][%d] = %v, straight run %v", i, j, got, want)
			}
		}
	}
	if s := NewAdam(1).State(); s.T != 0 || s.M != nil {
		t.Errorf("fresh Adam's state = %+v, want zero", s)
	}
}
