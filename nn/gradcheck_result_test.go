package nn

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// linearF returns f(w) = Σⱼ c[j]·w[j], whose gradient is c exactly, so that
// central differences find it up to rounding whatever h is.
func linearF(w *matrix.Dense, c []float64) func() float64 {
	return func() float64 {
		s := 0.0
		for j, v := range w.Row(0) {
			s += c[j] * v
		}
		return s
	}
}

// TestGradCheckRelativeError checks RelErr against its definition,
// ‖g_num − g_ana‖ / max(‖g_num‖ + ‖g_ana‖, tiny), on cases whose value is
// known: 0 for the right gradient, 1 for its negative (‖2g‖ / 2‖g‖), 1/3
// for twice the gradient (‖g‖ / 3‖g‖), 1 for a zero analytic gradient, and
// 0, not 0/0, when both are zero.
func TestGradCheckRelativeError(t *testing.T) {
	c := []float64{3, -4, 0.5}
	tests := []struct {
		name     string
		c, grad  []float64
		want     float64
		wantPass bool
	}{
		{"right", c, []float64{3, -4, 0.5}, 0, true},
		{"negated", c, []float64{-3, 4, -0.5}, 1, false},
		{"doubled", c, []float64{6, -8, 1}, 1.0 / 3, false},
		{"zero analytic", c, []float64{0, 0, 0}, 1, false},
		{"both zero", []float64{0, 0, 0}, []float64{0, 0, 0}, 0, true},
	}
	for _, tt := range tests {
		w := matrix.NewFromSlice(1, 3, []float64{0.1, 0.2, 0.3})
		g := matrix.NewFromSlice(1, 3, append([]float64(nil), tt.grad...))
		r := CheckGradient(linearF(w, tt.c), Param{Name: tt.name, Value: w, Grad: g}, GradCheckStep, 3)
		// 1e-9: the rounding of (f(θ+h) − f(θ−h))/2h with h = 1e-5 and f of
		// size 1 is about 1e-16/1e-5 = 1e-11 relative.
		if !(math.Abs(r.RelErr-tt.want) <= 1e-9) {
			t.Errorf("%s: RelErr = %.12g, want %.12g", tt.name, r.RelErr, tt.want)
		}
		if r.Pass(GradCheckTolerance) != tt.wantPass {
			t.Errorf("%s: Pass = %v, want %v", tt.name, !tt.wantPass, tt.wantPass)
		}
		if !matrix.EqualApprox(g, matrix.NewFromSlice(1, 3, tt.grad), 0) {
			t.Errorf("%s: CheckGradient changed the analytic gradient to %v", tt.name, g)
		}
	}
}

// TestGradCheckNaN: a loss that turns NaN must fail the check — a NaN
// relative error compared with `<` would pass nothing, but one compared
// the other way round (`!(err >= tol)`) would pass everything — and the
// entry that went NaN must head the worst entries.
func TestGradCheckNaN(t *testing.T) {
	w := matrix.NewFromSlice(1, 3, []float64{0.1, 0.2, 0.3})
	g := matrix.NewFromSlice(1, 3, []float64{1, 1, 1})
	f := func() float64 {
		if w.At(0, 1) != 0.2 {
			return math.NaN() // entry 1 perturbed: the loss is not a number
		}
		return w.At(0, 0) + w.At(0, 2)
	}
	r := CheckGradient(f, Param{Name: "w", Value: w, Grad: g}, GradCheckStep, 1)
	if r.Pass(GradCheckTolerance) || !math.IsInf(r.RelErr, 1) {
		t.Errorf("a NaN loss: RelErr %v, Pass %v; want +Inf and a failure", r.RelErr, r.Pass(GradCheckTolerance))
	}
	if len(r.Worst) != 1 || r.Worst[0].Col != 1 || !math.IsNaN(r.Worst[0].Numerical) {
		t.Errorf("worst entry %+v, want entry (0, 1) with a NaN numerical gradient", r.Worst)
	}
	for _, relErr := range []float64{math.NaN(), math.Inf(1), GradCheckTolerance} {
		if (GradCheckResult{RelErr: relErr}).Pass(GradCheckTolerance) {
			t.Errorf("a relative error of %v passes a tolerance of %v", relErr, GradCheckTolerance)
		}
	}
	if !(GradCheckResult{RelErr: 0}).Pass(GradCheckTolerance) {
		t.Error("a relative error of 0 fails")
	}
}

// TestGradCheckWorstOrder: the worst entries come largest |difference|
// first, as many as asked for (none for a negative count, all when asked
// for more than there are).
func TestGradCheckWorstOrder(t *testing.T) {
	c := []float64{1, 2, 3, 4}
	grad := []float64{1.5, 2, 0, 4.25} // differences 0.5, 0, 3, 0.25
	for _, tt := range []struct {
		n    int
		cols []int
	}{{-1, nil}, {0, nil}, {2, []int{2, 0}}, {10, []int{2, 0, 3, 1}}} {
		w := matrix.NewFromSlice(1, 4, []float64{1, 1, 1, 1})
		r := CheckGradient(linearF(w, c), Param{Name: "w", Value: w, Grad: matrix.NewFromSlice(1, 4, grad)}, GradCheckStep, tt.n)
		if len(r.Worst) != len(tt.cols) {
			t.Errorf("nWorst %d: %d entries, want %d", tt.n, len(r.Worst), len(tt.cols))
			continue
		}
		for i, e := range r.Worst {
			if e.Col != tt.cols[i] || e.Analytic != grad[e.Col] || !(math.Abs(e.Numerical-c[e.Col]) <= 1e-9) {
				t.Errorf("nWorst %d: entry %d is %+v, want column %d", tt.n, i, e, tt.cols[i])
			}
		}
	}
}
