package nn

import "testing"

// TestGradeLinearForward grades exercise linear-forward: Linear.Forward
// returns Y = X·W + b, b added to every row (docs/autoencoder.md,
// "Backpropagation for this network"). The expected values are worked out
// by hand for a small batch, and from the definition
// y_ij = Σ_k x_ik·w_kj + b_j, written as loops, for random ones: one with a
// square W, where X·Wᵀ has the right shape but the wrong values, and
// batches of changing size through one layer.
func TestGradeLinearForward(t *testing.T) {
	l := NewLinear(3, 2)
	l.W.Copy(gradeRows([][]float64{{1, 0}, {0, 1}, {1, 1}}))
	l.B.Copy(gradeRows([][]float64{{10, 20}}))
	x := gradeRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	// Row 0: (1 + 3 + 10, 2 + 3 + 20); row 1: (4 + 6 + 10, 5 + 6 + 20).
	want := [][]float64{{14, 25}, {20, 31}}
	if !gradeExpect(t, "Forward of X = [1 2 3; 4 5 6] with W = [1 0; 0 1; 1 1], b = [10 20]", l.Forward(x), want, 1e-12) {
		return
	}

	for _, c := range []struct{ in, out int }{{4, 3}, {3, 3}} {
		rng := gradeRand(uint64(10*c.in + c.out))
		l := NewLinear(c.in, c.out)
		l.W.Copy(gradeMatrix(rng, c.in, c.out, -1, 1))
		l.B.Copy(gradeMatrix(rng, 1, c.out, -1, 1))
		for _, n := range []int{5, 1, 7} {
			x := gradeMatrix(rng, n, c.in, -1, 1)
			want := gradeValues(gradeLinearLoops(x, l.W, l.B))
			if !gradeExpect(t, "Forward of a random "+gradeShape(x)+" batch through a "+gradeShape(l.W)+" layer", l.Forward(x), want, 1e-12) {
				return
			}
		}
	}
}
