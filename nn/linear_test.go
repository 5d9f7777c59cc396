package nn

import (
	"testing"

	"bottleneck/matrix"
)

// The numbers below are worked out by hand for
//
//	X = [1 2 0; 0 1 −1] (2×3),  W = [1 0; 0 2; 3 −1] (3×2),  b = [0.5 −0.5],
//	dY = [1 −1; 2 0.5] (2×2).
//
// Y = X·W + b = [1+0+0.5  0+4+0−0.5; 0+0−3+0.5  0+2+1−0.5] = [1.5 3.5; −2.5 2.5]
// dW = Xᵀ·dY = [1 −1; 2+2 −2+0.5; 0−2 0−0.5] = [1 −1; 4 −1.5; −2 −0.5]
// db = Σₙ dYₙ = [3 −0.5]
// dX = dY·Wᵀ = [1 −2 4; 2 1 5.5]
var (
	linX  = []float64{1, 2, 0, 0, 1, -1}
	linW  = []float64{1, 0, 0, 2, 3, -1}
	linB  = []float64{0.5, -0.5}
	linDY = []float64{1, -1, 2, 0.5}
)

func handLinear() *Linear {
	l := NewLinear(3, 2)
	copy(l.W.Row(0), linW[0:2])
	copy(l.W.Row(1), linW[2:4])
	copy(l.W.Row(2), linW[4:6])
	copy(l.B.Row(0), linB)
	return l
}

// TestLinearByHand checks Forward and Backward against the numbers above,
// and that Backward and BackwardParams add into the gradients: two calls
// give twice the gradient, until ZeroGrad.
func TestLinearByHand(t *testing.T) {
	l := handLinear()
	x := matrix.NewFromSlice(2, 3, linX)
	dy := matrix.NewFromSlice(2, 2, linDY)
	if y, want := l.Forward(x), matrix.NewFromSlice(2, 2, []float64{1.5, 3.5, -2.5, 2.5}); !matrix.EqualApprox(y, want, 0) {
		t.Errorf("Y = %v, want %v", y, want)
	}
	dW := matrix.NewFromSlice(3, 2, []float64{1, -1, 4, -1.5, -2, -0.5})
	db := matrix.NewFromSlice(1, 2, []float64{3, -0.5})
	if dx, want := l.Backward(dy), matrix.NewFromSlice(2, 3, []float64{1, -2, 4, 2, 1, 5.5}); !matrix.EqualApprox(dx, want, 0) {
		t.Errorf("dX = %v, want %v", dx, want)
	}
	if !matrix.EqualApprox(l.DW, dW, 0) || !matrix.EqualApprox(l.DB, db, 0) {
		t.Errorf("after one Backward: dW = %v, db = %v; want %v, %v", l.DW, l.DB, dW, db)
	}
	l.BackwardParams(dy)
	dW.Scale(2, dW)
	db.Scale(2, db)
	if !matrix.EqualApprox(l.DW, dW, 0) || !matrix.EqualApprox(l.DB, db, 0) {
		t.Errorf("after Backward and BackwardParams: dW = %v, db = %v; want twice the first, %v, %v", l.DW, l.DB, dW, db)
	}
	ZeroGrad(l.Params())
	if l.DW.Norm() != 0 || l.DB.Norm() != 0 {
		t.Error("ZeroGrad left a gradient")
	}
	if ps := l.Params(); len(ps) != 2 || ps[0].Value != l.W || ps[0].Grad != l.DW || ps[1].Value != l.B || ps[1].Grad != l.DB {
		t.Errorf("Params = %+v, want W with dW and b with db", ps)
	}
}

// TestNewLinearStartsAtZero: weights and biases start at zero; sizes must
// be positive.
func TestNewLinearStartsAtZero(t *testing.T) {
	l := NewLinear(4, 1)
	if r, c := l.W.Dims(); r != 4 || c != 1 || l.W.Norm() != 0 || l.B.Cols() != 1 || l.B.Norm() != 0 {
		t.Errorf("NewLinear(4, 1): W %d×%d norm %g, b norm %g", r, c, l.W.Norm(), l.B.Norm())
	}
	for _, s := range [][2]int{{0, 3}, {3, 0}, {-1, 2}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewLinear(%d, %d) did not panic", s[0], s[1])
				}
			}()
			NewLinear(s[0], s[1])
		}()
	}
}

// TestTiedLinearByHand: a tied layer computes X·Wᵀ + b′ with the very W of
// the layer it is tied to — a change to that W shows at once — adds
// dYᵀ·X into that layer's dW, and has b′ as its only parameter.
func TestTiedLinearByHand(t *testing.T) {
	enc := handLinear() // W: 3×2
	dec := NewTiedLinear(enc)
	dec.B.Set(0, 2, 10)
	// h (2×2) = [1 0; 2 −1];  h·Wᵀ = [1 0 3; 2 −2 7];  + b′ = [0 0 10].
	h := matrix.NewFromSlice(2, 2, []float64{1, 0, 2, -1})
	if y, want := dec.Forward(h), matrix.NewFromSlice(2, 3, []float64{1, 0, 13, 2, -2, 17}); !matrix.EqualApprox(y, want, 0) {
		t.Errorf("tied Y = %v, want %v", y, want)
	}
	enc.W.Set(2, 0, 0) // W(2, 0) = 3 becomes 0: column 2 of Y loses 3·h(·, 0)
	if y, want := dec.Forward(h), matrix.NewFromSlice(2, 3, []float64{1, 0, 10, 2, -2, 11}); !matrix.EqualApprox(y, want, 0) {
		t.Errorf("after changing the shared W: tied Y = %v, want %v", y, want)
	}
	// dY (2×3) = [1 0 0; 0 0 1]: dW += dYᵀ·h = [1 0; 0 0; 2 −1],
	// db′ = [1 0 1], dX = dY·W = [1 0; 0 −1] (W(2, ·) is now (0, −1)).
	enc.DW.Fill(1) // dW already holds something: the tied layer adds to it
	dx := dec.Backward(matrix.NewFromSlice(2, 3, []float64{1, 0, 0, 0, 0, 1}))
	if want := matrix.NewFromSlice(3, 2, []float64{2, 1, 1, 1, 3, 0}); !matrix.EqualApprox(enc.DW, want, 0) {
		t.Errorf("tied dW = %v, want %v", enc.DW, want)
	}
	if want := matrix.NewFromSlice(1, 3, []float64{1, 0, 1}); !matrix.EqualApprox(dec.DB, want, 0) {
		t.Errorf("tied db′ = %v, want %v", dec.DB, want)
	}
	if want := matrix.NewFromSlice(2, 2, []float64{1, 0, 0, -1}); !matrix.EqualApprox(dx, want, 0) {
		t.Errorf("tied dX = %v, want %v", dx, want)
	}
	if ps := dec.Params(); len(ps) != 1 || ps[0].Value != dec.B {
		t.Errorf("tied Params = %+v, want b′ only", ps)
	}
	if dec.Tied != enc || dec.Tied.W != enc.W || dec.Tied.DW != enc.DW {
		t.Error("the tied layer does not hold the encoder's W and dW themselves")
	}
}

// TestNetworkParamsAndOrder: Params lists every layer's parameters once, in
// layer order, named by position; Forward applies the layers in order.
func TestNetworkParamsAndOrder(t *testing.T) {
	l0, l2 := NewLinear(2, 2), NewLinear(2, 1)
	// l0 doubles, ReLU clips, l2 adds the two: x ↦ 2·relu(x₀) + 2·relu(x₁) − 1.
	l0.W.Set(0, 0, 2)
	l0.W.Set(1, 1, 2)
	l2.W.Fill(1)
	l2.B.Set(0, 0, -1)
	net := &Network{Layers: []Layer{l0, &ReLU{}, l2}}
	ps := net.Params()
	names := []string{"layer 0 W", "layer 0 b", "layer 2 W", "layer 2 b"}
	if len(ps) != len(names) {
		t.Fatalf("%d parameters, want %d", len(ps), len(names))
	}
	for i, p := range ps {
		if p.Name != names[i] {
			t.Errorf("parameter %d is %q, want %q", i, p.Name, names[i])
		}
	}
	if ps[2].Value != l2.W {
		t.Error("layer 2 W is not l2's W")
	}
	y := net.Forward(matrix.NewFromSlice(2, 2, []float64{1, -3, 0.5, 2}))
	// (1, −3) ↦ 2 + 0 − 1 = 1;  (0.5, 2) ↦ 1 + 4 − 1 = 4.
	if want := matrix.NewFromSlice(2, 1, []float64{1, 4}); !matrix.EqualApprox(y, want, 0) {
		t.Errorf("network output %v, want %v", y, want)
	}
}
