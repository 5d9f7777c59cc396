//go:build arm64 && !purego

package matrix

// This file makes the NEON micro-kernel (gemm_neon_arm64.s) the kernel of
// arm64, and holds its Go side: the declaration of the assembly function and
// a wrapper that checks the slices are long enough before handing their
// addresses to it, so that a mistake in the driver panics in Go instead of
// reading or writing past a slice in assembly. Every arm64 CPU that runs Go
// has NEON (Advanced SIMD is part of ARMv8-A), so nothing is detected.

// neonKernel computes 6×8 tiles with NEON fused multiply-adds
// (gemm_neon_arm64.s). Same block sizes as the AVX2 kernel of amd64: an A
// sliver and a B sliver of kc = 256 steps take 28 KiB of L1.
var neonKernel = kernel{
	name: "neon",
	mr:   6, nr: 8,
	kc: 256, mc: 120, nc: 1024,
	micro: microNEON,
}

func init() {
	availableKernels = append(availableKernels, &neonKernel)
	bestKernel = &neonKernel
}

// microNEON6x8 is the NEON micro-kernel (gemm_neon_arm64.s): it adds a
// packed 6×kc sliver of A at a times a packed kc×8 sliver of B at b to the
// 6×8 tile of c at c with row stride ldc.
//
//go:noescape
func microNEON6x8(kc int, a, b, c *float64, ldc int)

// microNEON checks the bounds and calls microNEON6x8.
func microNEON(kc int, a, b, c []float64, ldc int) {
	if kc <= 0 {
		return
	}
	_, _, _ = a[6*kc-1], b[8*kc-1], c[5*ldc+7]
	microNEON6x8(kc, &a[0], &b[0], &c[0], ldc)
}
