package autoencoder

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// TestLastLayer: the decoder's last layer is W₁′, the mirror of the first
// layer's shape, and the network's own (changing it changes the
// reconstructions); with tied weights there is none, and asking panics.
func TestLastLayer(t *testing.T) {
	ae := smallModel(t, false) // 12-6-3-6-12
	last := ae.LastLayer()
	if r, c := last.W.Dims(); r != 6 || c != 12 {
		t.Fatalf("W₁′ is %d×%d, want 6×12", r, c)
	}
	if p := ae.Params()[len(ae.Params())-2]; p.Name != "W1′" || p.Value != last.W {
		t.Errorf("LastLayer's W is not the parameter W1′ (got %s)", p.Name)
	}
	x := randData(rand.New(rand.NewPCG(2, 2)), 3, 12)
	before := ae.Reconstruct(x)
	last.W.Set(0, 0, last.W.At(0, 0)+10)
	if matrix.EqualApprox(before, ae.Reconstruct(x), 1e-12) {
		t.Error("changing LastLayer().W did not change the reconstructions")
	}
	defer func() {
		if recover() == nil {
			t.Error("LastLayer of a tied autoencoder did not panic")
		}
	}()
	smallModel(t, true).LastLayer()
}
