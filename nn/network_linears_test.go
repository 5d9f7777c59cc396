package nn

import "testing"

func TestNetworkLinears(t *testing.T) {
	a, b := NewLinear(4, 3), NewLinear(3, 2)
	net := &Network{Layers: []Layer{a, &Sigmoid{}, b, &ReLU{}}}
	got := net.Linears()
	if len(got) != 2 || got[0] != a || got[1] != b {
		t.Fatalf("Linears() = %v, want the two linear layers in order", got)
	}
	if n := len((&Network{Layers: []Layer{&Sigmoid{}}}).Linears()); n != 0 {
		t.Errorf("a network without linear layers gave %d", n)
	}
}
