package nn

import (
	"fmt"

	"bottleneck/matrix"
)

// AdamState is what Adam carries from one step to the next: the number of
// steps taken, t, and the running means m and v, one matrix per parameter
// in the order Step is given them. A checkpoint saves it, so that a
// resumed run takes the same steps as one never stopped.
type AdamState struct {
	T    int
	M, V []*matrix.Dense
}

// State returns a copy of o's state; before the first Step, T is 0 and M
// and V are nil.
func (o *Adam) State() AdamState {
	s := AdamState{T: o.t}
	for i := range o.m {
		s.M = append(s.M, o.m[i].Clone())
		s.V = append(s.V, o.v[i].Clone())
	}
	return s
}

// SetState makes o continue from s, as State returned it: from then on
// Step must be given parameters of the shapes of s.M. It panics if M and V
// differ in number or shape.
func (o *Adam) SetState(s AdamState) {
	if len(s.M) != len(s.V) {
		panic(fmt.Sprintf("nn: Adam.SetState: %d first moments, %d second moments", len(s.M), len(s.V)))
	}
	o.t, o.m, o.v = s.T, nil, nil
	o.fast = adamFast{} // it holds the old moments
	for i := range s.M {
		mr, mc := s.M[i].Dims()
		if vr, vc := s.V[i].Dims(); vr != mr || vc != mc {
			panic(fmt.Sprintf("nn: Adam.SetState: moment %d is %d×%d and %d×%d", i, mr, mc, vr, vc))
		}
		o.m = append(o.m, s.M[i].Clone())
		o.v = append(o.v, s.V[i].Clone())
	}
}
