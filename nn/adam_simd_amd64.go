//go:build goexperiment.simd && amd64

package nn

import "simd/archsimd"

// With GOEXPERIMENT=simd, Adam updates eight weights at once with AVX-512.
// The update has a square root and a division per weight, which one core
// does about eight times faster on a 512-bit register than one by one.
//
// The operations are the same as adamRowGo's, in the same order, without
// fused multiply-adds, and square root and division are correctly rounded
// in both; so the two give the same bits (TestAdamRowSIMD checks it).
func init() {
	if archsimd.X86.AVX512() {
		adamRow = adamRowAVX512
	}
}

// adamRowAVX512 is adamRowGo on eight entries at a time; the last len%8
// entries go through adamRowGo.
func adamRowAVX512(theta, g, m, v []float64, b1, b2, step, eps float64) {
	n := len(theta)
	g, m, v = g[:n], m[:n], v[:n]
	beta1, oneMinusBeta1 := archsimd.BroadcastFloat64x8(b1), archsimd.BroadcastFloat64x8(1-b1)
	beta2, oneMinusBeta2 := archsimd.BroadcastFloat64x8(b2), archsimd.BroadcastFloat64x8(1-b2)
	stepV, epsV := archsimd.BroadcastFloat64x8(step), archsimd.BroadcastFloat64x8(eps)
	j := 0
	for ; j+8 <= n; j += 8 {
		gj := archsimd.LoadFloat64x8Slice(g[j:])
		mj := beta1.Mul(archsimd.LoadFloat64x8Slice(m[j:])).Add(oneMinusBeta1.Mul(gj))
		vj := beta2.Mul(archsimd.LoadFloat64x8Slice(v[j:])).Add(oneMinusBeta2.Mul(gj.Mul(gj)))
		mj.StoreSlice(m[j:])
		vj.StoreSlice(v[j:])
		update := stepV.Mul(mj).Div(vj.Sqrt().Add(epsV))
		archsimd.LoadFloat64x8Slice(theta[j:]).Sub(update).StoreSlice(theta[j:])
	}
	// Mark the vector registers' upper halves unused again: otherwise the
	// plain floating-point code that follows runs at about half speed
	// (see matrix/gemm.go).
	archsimd.ClearAVXUpperBits()
	adamRowGo(theta[j:], g[j:], m[j:], v[j:], b1, b2, step, eps)
}
