package nn

import (
	"math"
	"sort"
)

// GradCheckStep is the step h that CheckGradient is usually called with.
//
// Central differences (f(θ+h) − f(θ−h)) / 2h have a truncation error of
// about h²·|f‴|/6 and a rounding error of about ε·|f|/h, with ε ≈ 1.1e-16
// the float64 unit round-off. The two balance near h = ε^(1/3) ≈ 5e-6; 1e-5
// is the customary round value, and leaves a total error near 1e-10 for a
// well-scaled f.
const GradCheckStep = 1e-5

// GradCheckTolerance is the relative error below which a float64 gradient
// check passes. A correct gradient on a smooth function, checked with
// GradCheckStep, typically gives 1e-8 to 1e-11; a wrong one (a sign, a
// missing term, a transposed matrix) gives something of order 1e-2 to 1. The
// bound 1e-6 sits well between the two.
const GradCheckTolerance = 1e-6

// GradEntry is one entry of a parameter in a gradient check: where it is,
// and the two gradients found for it.
type GradEntry struct {
	Row, Col  int
	Numerical float64 // by central differences
	Analytic  float64 // by backpropagation
}

// GradCheckResult is the outcome of checking one parameter.
type GradCheckResult struct {
	Name string
	// RelErr is ‖g_num − g_ana‖ / max(‖g_num‖ + ‖g_ana‖, tiny), the
	// relative error over the whole parameter, with tiny = 1e-300 guarding
	// against 0/0 when both gradients are zero.
	RelErr float64
	// Worst holds the entries with the largest |numerical − analytic|,
	// largest first.
	Worst []GradEntry
}

// Pass reports whether the relative error is below tol.
func (r GradCheckResult) Pass(tol float64) bool { return r.RelErr < tol }

// CheckGradient checks the analytic gradient of one parameter against
// central differences.
//
// f must compute the scalar loss from the current parameter values (it is
// called with p.Value perturbed). p.Grad must already hold the analytic
// gradient ∂f/∂p.Value, as left by a backward pass; CheckGradient does not
// change it. Each entry θ of p.Value is set to θ+h and θ−h in turn, the
// numerical gradient (f(θ+h) − f(θ−h)) / 2h is compared with the analytic
// one, and θ is restored exactly. See GradCheckStep for the choice of h and
// GradCheckTolerance for the bound to compare RelErr with. The nWorst
// entries with the largest absolute difference are reported.
func CheckGradient(f func() float64, p Param, h float64, nWorst int) GradCheckResult {
	rows, cols := p.Value.Dims()
	var diff2, num2, ana2 float64
	var entries []GradEntry
	for i := 0; i < rows; i++ {
		row := p.Value.Row(i)
		for j := 0; j < cols; j++ {
			theta := row[j]
			row[j] = theta + h
			fPlus := f()
			row[j] = theta - h
			fMinus := f()
			row[j] = theta

			num := (fPlus - fMinus) / (2 * h)
			ana := p.Grad.At(i, j)
			diff2 += (num - ana) * (num - ana)
			num2 += num * num
			ana2 += ana * ana
			entries = append(entries, GradEntry{Row: i, Col: j, Numerical: num, Analytic: ana})
		}
	}
	const tiny = 1e-300
	relErr := math.Sqrt(diff2) / math.Max(math.Sqrt(num2)+math.Sqrt(ana2), tiny)
	if math.IsNaN(relErr) {
		relErr = math.Inf(1)
	}
	sort.SliceStable(entries, func(a, b int) bool {
		return absDiff(entries[a]) > absDiff(entries[b])
	})
	if nWorst < len(entries) {
		entries = entries[:max(nWorst, 0)]
	}
	return GradCheckResult{Name: p.Name, RelErr: relErr, Worst: entries}
}

func absDiff(e GradEntry) float64 {
	d := math.Abs(e.Numerical - e.Analytic)
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}
