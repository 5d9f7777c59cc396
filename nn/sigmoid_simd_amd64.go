//go:build goexperiment.simd && amd64

package nn

import "simd/archsimd"

// With GOEXPERIMENT=simd, the logistic function runs on eight numbers at
// once with AVX-512. Go's math.Exp works on one number at a time, and a
// sigmoid output layer evaluates one exponential per pixel (100,352 in a
// batch of 128 MNIST images), which took more time than the matrix products
// of the layer once those were fast.
//
// The exponential below is the textbook method (the one math.Exp uses too):
// write x = k·ln 2 + r with k a whole number and |r| ≤ ½ln 2, so that
// eˣ = 2ᵏ·eʳ; take eʳ from its Taylor series, which converges fast for so
// small an r; and multiply by 2ᵏ exactly (VSCALEFPD). It agrees with
// math.Exp to a few units in the last place, not bit for bit, so the SIMD
// build trains to the same errors up to rounding.
func init() {
	if archsimd.X86.AVX512() {
		sigmoidRow = sigmoidRowAVX512
	}
}

// sigmoidRowAVX512 is sigmoidRowGo on eight entries at a time; the last
// len%8 entries go through sigmoidRowGo.
func sigmoidRowAVX512(dst, src []float64) {
	n := len(dst)
	src = src[:n]
	var zero archsimd.Float64x8
	one := archsimd.BroadcastFloat64x8(1)
	j := 0
	for ; j+8 <= n; j += 8 {
		x := archsimd.LoadFloat64x8Slice(src[j:])
		y := one.Div(one.Add(expAVX512(zero.Sub(x)))) // 1/(1+e⁻ˣ)
		y = x.Merge(y, x.IsNaN())                     // NaN stays NaN, so divergence is seen
		y.StoreSlice(dst[j:])
	}
	// Mark the vector registers' upper halves unused again: otherwise the
	// plain floating-point code that follows runs at about half speed
	// (see matrix/gemm.go).
	archsimd.ClearAVXUpperBits()
	sigmoidRowGo(dst[j:], src[j:])
}

// Constants of expAVX512. ln 2 is split in a high part whose product with
// any k up to 2¹¹ is exact and a low part for the rest (as in fdlibm).
const (
	log2e = 1.44269504088896338700e+00
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	// expLimit: e^±746 is beyond the range of float64 (e⁷¹⁰ overflows,
	// e⁻⁷⁴⁵ underflows to 0), so clamping there changes no result and
	// keeps k small.
	expLimit = 746
)

// expTaylor holds 1/n! for n = 13, 12, …, 0: the Taylor series of eʳ,
// highest power first for Horner's rule. For |r| ≤ ½ln 2 the first term
// left out, r¹⁴/14!, is below 5e-18, far under float64's resolution.
var expTaylor = [14]float64{
	1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800,
	1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24,
	1.0 / 6, 1.0 / 2, 1, 1,
}

// expAVX512 returns eˣ for eight x at once.
func expAVX512(x archsimd.Float64x8) archsimd.Float64x8 {
	x = x.Max(archsimd.BroadcastFloat64x8(-expLimit)).Min(archsimd.BroadcastFloat64x8(expLimit))
	k := x.Mul(archsimd.BroadcastFloat64x8(log2e)).RoundToEvenScaled(0) // k = round(x / ln 2)
	r := k.MulAdd(archsimd.BroadcastFloat64x8(-ln2Hi), x)               // r = x − k·ln 2, in two steps
	r = k.MulAdd(archsimd.BroadcastFloat64x8(-ln2Lo), r)
	p := archsimd.BroadcastFloat64x8(expTaylor[0])
	for _, c := range expTaylor[1:] {
		p = p.MulAdd(r, archsimd.BroadcastFloat64x8(c)) // p = p·r + c
	}
	return p.Scale(k) // eʳ·2ᵏ
}
