//go:build goexperiment.simd && amd64

package nn

import (
	"math/rand/v2"
	"simd/archsimd"
	"testing"
)

// TestAdamRowSIMD: the AVX-512 row update gives the same bits as the plain
// Go one, on rows whose length is and is not a multiple of 8.
func TestAdamRowSIMD(t *testing.T) {
	if !archsimd.X86.AVX512() {
		t.Skip("this CPU has no AVX-512")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 7, 8, 9, 64, 257} {
		mk := func() []float64 {
			s := make([]float64, n)
			for i := range s {
				s[i] = rng.NormFloat64()
			}
			return s
		}
		theta, g, m, v := mk(), mk(), mk(), mk()
		for i := range v {
			v[i] *= v[i] // a second moment is not negative
		}
		theta2, m2, v2 := append([]float64(nil), theta...), append([]float64(nil), m...), append([]float64(nil), v...)
		adamRowGo(theta, g, m, v, 0.9, 0.999, 0.01, 1e-8)
		adamRowAVX512(theta2, g, m2, v2, 0.9, 0.999, 0.01, 1e-8)
		for i := range theta {
			if theta[i] != theta2[i] || m[i] != m2[i] || v[i] != v2[i] {
				t.Fatalf("n=%d, entry %d: Go (θ %v, m %v, v %v), AVX-512 (θ %v, m %v, v %v)", n, i, theta[i], m[i], v[i], theta2[i], m2[i], v2[i])
			}
		}
	}
}
