//go:build amd64 && !purego

package matrix

// This file chooses the assembly micro-kernels for amd64 at start-up, from
// what the CPU and the operating system support (cpu_amd64.go), and holds
// the Go side of each kernel: the declaration of the assembly function and
// a wrapper that checks the slices are long enough before handing their
// addresses to it, so that a mistake in the driver panics in Go instead of
// reading or writing past a slice in assembly.

// avx2Kernel computes 6×8 tiles with AVX2 and fused multiply-adds
// (gemm_avx2_amd64.s).
//
// Block sizes: an A sliver (6×256) and a B sliver (256×8) of kc = 256
// steps take 28 KiB, inside a 32 KiB L1 data cache; a packed A block of
// mc = 120 rows (20 slivers) takes 240 KiB of L2; a B panel of nc = 1024
// columns 2 MiB.
var avx2Kernel = kernel{
	name: "avx2",
	mr:   6, nr: 8,
	kc: 256, mc: 120, nc: 1024,
	micro: microAVX2,
}

func init() {
	cpu := detectX86()
	if cpu.avx2FMA {
		availableKernels = append(availableKernels, &avx2Kernel)
		bestKernel = &avx2Kernel
	}
}

// microAVX2x6x8 is the AVX2 micro-kernel (gemm_avx2_amd64.s): it adds a
// packed 6×kc sliver of A at a times a packed kc×8 sliver of B at b to the
// 6×8 tile of c at c with row stride ldc.
//
//go:noescape
func microAVX2x6x8(kc int, a, b, c *float64, ldc int)

// microAVX2 checks the bounds and calls microAVX2x6x8.
func microAVX2(kc int, a, b, c []float64, ldc int) {
	if kc <= 0 {
		return
	}
	_, _, _ = a[6*kc-1], b[8*kc-1], c[5*ldc+7]
	microAVX2x6x8(kc, &a[0], &b[0], &c[0], ldc)
}
