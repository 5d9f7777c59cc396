package nn

import "testing"

// TestGradeLinearBackward grades exercise linear-backward: Backward adds
// dW = Xᵀ·dY and db = Σₙ dYₙ into the gradients and returns dX = dY·Wᵀ,
// and BackwardParams does the first two alone ((B1)–(B3) in
// docs/autoencoder.md). They are checked against central differences of
//
//	L(W, b, X) = ½ ‖X·W + b − T‖²,  so that dY = X·W + b − T,
//
// computed here with loops, not with the layer's Forward, so that this
// exercise does not depend on linear-forward. Gradients accumulate: a
// second Backward with the same dY must double them.
func TestGradeLinearBackward(t *testing.T) {
	for _, c := range []struct{ n, in, out int }{{5, 4, 3}, {3, 3, 3}} {
		rng := gradeRand(uint64(100*c.n + 10*c.in + c.out))
		l := NewLinear(c.in, c.out)
		l.W.Copy(gradeMatrix(rng, c.in, c.out, -1, 1))
		l.B.Copy(gradeMatrix(rng, 1, c.out, -1, 1))
		x := gradeMatrix(rng, c.n, c.in, -1, 1)
		target := gradeMatrix(rng, c.n, c.out, -1, 1)
		loss := func() float64 { return gradeHalfSquared(gradeLinearLoops(x, l.W, l.B), target) }
		dy := gradeMinus(gradeLinearLoops(x, l.W, l.B), target)
		shape := "a " + gradeShape(l.W) + " layer on a batch of " + gradeShape(x)

		l.x = x // what Forward keeps for Backward
		ZeroGrad(l.Params())
		dx := l.Backward(dy)
		if !gradeGradient(t, "Backward of "+shape+": dW", loss, l.W, l.DW) ||
			!gradeGradient(t, "Backward of "+shape+": db", loss, l.B, l.DB) ||
			!gradeGradient(t, "Backward of "+shape+": the dX it returns", loss, x, dx) {
			return
		}

		dw, db := gradeValues(l.DW), gradeValues(l.DB)
		l.Backward(dy)
		if !gradeExpect(t, "a second Backward of "+shape+" must add to dW (+=), doubling it", l.DW, gradeScaled(2, gradeRows(dw)), 1e-12) ||
			!gradeExpect(t, "a second Backward of "+shape+" must add to db (+=), doubling it", l.DB, gradeScaled(2, gradeRows(db)), 1e-12) {
			return
		}

		ZeroGrad(l.Params())
		l.BackwardParams(dy)
		if !gradeExpect(t, "BackwardParams of "+shape+": dW", l.DW, dw, 1e-12) ||
			!gradeExpect(t, "BackwardParams of "+shape+": db", l.DB, db, 1e-12) {
			return
		}
	}
}
