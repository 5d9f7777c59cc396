//go:build goexperiment.simd && amd64

package nn

import (
	"math"
	"math/rand/v2"
	"simd/archsimd"
	"testing"
)

// TestSigmoidRowSIMD compares the AVX-512 logistic function with the plain
// one on ordinary values, on the edges of float64's range and on NaN, and
// on rows whose length is not a multiple of 8.
func TestSigmoidRowSIMD(t *testing.T) {
	if !archsimd.X86.AVX512() {
		t.Skip("this CPU has no AVX-512")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	src := []float64{0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 1, -1, 20, -20, 36, -36, 40, -40,
		700, -700, 709, -709, 710, -710, 745, -745, 800, -800, 1e300, -1e300,
		math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64}
	for i := 0; i < 1000; i++ {
		src = append(src, 30*rng.NormFloat64())
	}
	for _, n := range []int{len(src), len(src) - 3, 5} {
		want, got := make([]float64, n), make([]float64, n)
		sigmoidRowGo(want, src[:n])
		sigmoidRowAVX512(got, src[:n])
		for j := range want {
			// 4e-16 relative: a few units in the last place (2.2e-16 is
			// one), from the polynomial and the final division.
			if d := math.Abs(got[j] - want[j]); !(d <= 4e-16*math.Abs(want[j]) || d <= 1e-300) { // NaN fails
				t.Errorf("σ(%v): AVX-512 %v, Go %v", src[j], got[j], want[j])
			}
		}
	}
	nan := []float64{math.NaN(), 1, 2, 3, 4, 5, 6, 7}
	out := make([]float64, 8)
	sigmoidRowAVX512(out, nan)
	if !math.IsNaN(out[0]) {
		t.Errorf("σ(NaN) = %v, want NaN", out[0])
	}
}
