package nn

import (
	"testing"

	"bottleneck/matrix"
)

// TestGradeTiedGradient grades exercise tied-gradient: TiedLinear computes
// Y = X·Wᵀ + b′ with W shared with an encoder layer, so its Backward must
// add its own contribution dYᵀ·X to that layer's DW, which already holds
// the encoder's (the chain rule sums the two for a weight used twice), add
// Σₙ dYₙ to db′, and return dX = dY·W. The encoder's contribution is
// played by a known matrix G₀ put into DW first: DW − G₀ must then be the
// tied layer's gradient, checked against central differences of
// ½ ‖X·Wᵀ + b′ − T‖² computed here with loops, as are db′ and dX.
func TestGradeTiedGradient(t *testing.T) {
	for _, c := range []struct{ n, in, out int }{{5, 4, 3}, {3, 3, 3}} {
		rng := gradeRand(uint64(800 + 100*c.n + 10*c.in + c.out))
		enc := NewLinear(c.in, c.out) // W: in×out; the tied layer maps out → in
		enc.W.Copy(gradeMatrix(rng, c.in, c.out, -1, 1))
		tied := NewTiedLinear(enc)
		tied.B.Copy(gradeMatrix(rng, 1, c.in, -1, 1))
		x := gradeMatrix(rng, c.n, c.out, -1, 1)
		target := gradeMatrix(rng, c.n, c.in, -1, 1)
		loss := func() float64 { return gradeHalfSquared(gradeLinearLoops(x, gradeTranspose(enc.W), tied.B), target) }
		dy := gradeMinus(gradeLinearLoops(x, gradeTranspose(enc.W), tied.B), target)
		shape := "a tied layer with W " + gradeShape(enc.W) + " on a batch of " + gradeShape(x)

		g0 := gradeMatrix(rng, c.in, c.out, -1, 1)
		enc.DW.Copy(g0)
		tied.DB.Zero()
		tied.x = x // what Forward keeps for Backward
		dx := tied.Backward(dy)
		if !gradeGradient(t, "Backward of "+shape+": what it adds to the shared dW", loss, enc.W, gradeMinus(enc.DW, g0)) ||
			!gradeGradient(t, "Backward of "+shape+": db′", loss, tied.B, tied.DB) ||
			!gradeGradient(t, "Backward of "+shape+": the dX it returns", loss, x, dx) {
			return
		}
	}
}

// gradeTranspose returns the transpose of w, entry by entry.
func gradeTranspose(w *matrix.Dense) *matrix.Dense {
	out := matrix.New(w.Cols(), w.Rows())
	for i := 0; i < w.Rows(); i++ {
		for j := 0; j < w.Cols(); j++ {
			out.Set(j, i, w.At(i, j))
		}
	}
	return out
}
