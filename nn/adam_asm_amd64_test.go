//go:build amd64 && !purego

package nn

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"bottleneck/matrix"
)

// TestAdamRowAVX2: the assembly row update gives the same bits as the plain
// Go one, on rows whose length is and is not a multiple of 4 (the tail
// goes through Go), with gradients of every size including zero.
func TestAdamRowAVX2(t *testing.T) {
	old := matrix.Kernel()
	if matrix.SetKernel("avx2") != nil {
		t.Skip("this CPU has no AVX2: adamRowAVX2 is never chosen")
	}
	if err := matrix.SetKernel(old); err != nil { // leave the kernel as it was
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 3, 4, 5, 8, 63, 64, 257} {
		mk := func(scale float64) []float64 {
			s := make([]float64, n)
			for i := range s {
				s[i] = scale * rng.NormFloat64()
			}
			return s
		}
		theta, g, m, v := mk(1), mk(math.Pow(10, float64(rng.IntN(9)-6))), mk(1), mk(1)
		for i := range v {
			v[i] *= v[i] // a second moment is not negative
		}
		if n > 2 {
			g[1] = 0 // no gradient: v shrinks, θ moves by the momentum alone
		}
		theta2, m2, v2 := slices.Clone(theta), slices.Clone(m), slices.Clone(v)
		adamRowGo(theta, g, m, v, 0.9, 0.999, 0.01, 1e-8)
		adamRowAVX2(theta2, g, m2, v2, 0.9, 0.999, 0.01, 1e-8)
		for i := range theta {
			if math.Float64bits(theta[i]) != math.Float64bits(theta2[i]) || m[i] != m2[i] || v[i] != v2[i] {
				t.Fatalf("n=%d, entry %d: Go (θ %v, m %v, v %v), AVX2 (θ %v, m %v, v %v)", n, i, theta[i], m[i], v[i], theta2[i], m2[i], v2[i])
			}
		}
	}
}

// TestAdamRowFollowsKernel: Adam takes its assembly row update with the
// AVX2 matrix kernel and the plain Go loop with any other, which is how
// grading (with the portable kernel) reaches the code a student writes.
func TestAdamRowFollowsKernel(t *testing.T) {
	// Functions cannot be compared with ==; their code addresses can.
	addr := func(f adamRowFunc) uintptr { return reflect.ValueOf(f).Pointer() }
	for _, tt := range []struct {
		kernel string
		want   adamRowFunc
		name   string
	}{
		{"avx2", adamRowAVX2, "adamRowAVX2"},
		{"portable", adamRowGo, "adamRowGo"},
		{"reference", adamRowGo, "adamRowGo"},
	} {
		if addr(adamRowFor(tt.kernel)) != addr(tt.want) {
			t.Errorf("adamRowFor(%q) is not %s", tt.kernel, tt.name)
		}
	}
}
