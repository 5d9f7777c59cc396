//go:build goexperiment.simd && amd64

package matrix

import "simd/archsimd"

// This file holds the micro-kernels written with Go's SIMD package,
// simd/archsimd, which exists only when building with GOEXPERIMENT=simd.
// The init function below makes the best one the default kernel if the CPU
// has the instructions it needs; otherwise the portable kernel stays.
//
// A Float64x8 is one 512-bit AVX-512 register holding 8 float64s (a
// Float64x4 is a 256-bit AVX2 register holding 4). x.MulAdd(y, z) is the
// fused multiply-add x·y + z on every lane in one instruction.
//
// Fused multiply-add rounds once where a multiply followed by an add rounds
// twice, and these kernels add each slab of kc steps into a fresh
// accumulator before adding it to c. So they agree with MulRef to a
// tolerance, not bit for bit. Each element is still summed in an order that
// depends only on k and kc, never on how the work is split, so the result
// does not depend on GOMAXPROCS.
//
// Why 4 rows of 16 (or 8) columns: the tile's accumulators must stay in
// registers. AVX-512 has 32 vector registers, but in these kernels Go 1.26's
// register allocator used only 15 of them (X0–X14), and a 4×16 tile needs 8
// accumulators, 2 vectors of B and 2 for the broadcast value of A: 12.
// Larger tiles (6×16, 8×16, 4×24) spilled accumulators to the stack and ran
// at a third of the speed when measured; 4×16 ran at about 32–40 GFLOP/s on
// one core of the AMD EPYC this was written on, 3×16 and 2×32 at about the
// same.

// simdAVX512Kernel computes 4×16 tiles with AVX-512.
//
// Block sizes: an A sliver (4×256) and a B sliver (256×16) of kc = 256
// steps take 40 KiB, about the L1 data cache (32 KiB) plus what the
// hardware prefetcher brings in (kc = 128 measured the same); a packed A
// block of mc = 128 rows takes 256 KiB of L2; a B panel of nc = 1024
// columns 2 MiB.
var simdAVX512Kernel = kernel{
	name: "archsimd-avx512",
	mr:   4, nr: 16,
	kc: 256, mc: 128, nc: 1024,
	micro: microAVX512x4x16,
}

// simdAVX2Kernel computes 4×8 tiles with AVX2 and FMA, for x86 CPUs without
// AVX-512. Same block sizes as the AVX-512 kernel.
var simdAVX2Kernel = kernel{
	name: "archsimd-avx2",
	mr:   4, nr: 8,
	kc: 256, mc: 128, nc: 1024,
	micro: microAVX2x4x8,
}

func init() {
	if archsimd.X86.AVX() {
		clearVectorUpper = archsimd.ClearAVXUpperBits
	}
	if archsimd.X86.AVX2() && archsimd.X86.FMA() {
		availableKernels = append(availableKernels, &simdAVX2Kernel)
	}
	if archsimd.X86.AVX512() {
		availableKernels = append(availableKernels, &simdAVX512Kernel)
	}
}

// microAVX512x4x16 adds a packed 4×kc sliver of A times a packed kc×16
// sliver of B to the 4×16 tile of c that starts at c[0] with row stride ldc.
func microAVX512x4x16(kc int, a, b, c []float64, ldc int) {
	// Row i of the tile: ciL sums columns 0–7, ciH columns 8–15. They start
	// at zero and are added to c at the end. (Starting them from c instead
	// measured about 20% slower with Go 1.26: the compiler then moved the
	// accumulators between registers on every step.)
	var zero archsimd.Float64x8
	c0L, c0H := zero, zero
	c1L, c1H := zero, zero
	c2L, c2H := zero, zero
	c3L, c3H := zero, zero
	a, b = a[:4*kc], b[:16*kc]
	for p := 0; p < kc; p++ {
		ap := a[4*p : 4*p+4 : 4*p+4]      // column p of the A sliver: a(0..3, p)
		bp := b[16*p : 16*p+16 : 16*p+16] // row p of the B sliver: b(p, 0..15)
		bL := archsimd.LoadFloat64x8Slice(bp[0:8])
		bH := archsimd.LoadFloat64x8Slice(bp[8:16])
		// For each row i: broadcast a(i, p) to all 8 lanes, then
		// c(i, 0..15) += a(i, p)·b(p, 0..15) in two fused multiply-adds.
		a0 := archsimd.BroadcastFloat64x8(ap[0])
		c0L, c0H = a0.MulAdd(bL, c0L), a0.MulAdd(bH, c0H)
		a1 := archsimd.BroadcastFloat64x8(ap[1])
		c1L, c1H = a1.MulAdd(bL, c1L), a1.MulAdd(bH, c1H)
		a2 := archsimd.BroadcastFloat64x8(ap[2])
		c2L, c2H = a2.MulAdd(bL, c2L), a2.MulAdd(bH, c2H)
		a3 := archsimd.BroadcastFloat64x8(ap[3])
		c3L, c3H = a3.MulAdd(bL, c3L), a3.MulAdd(bH, c3H)
	}
	addStore8(c[0*ldc:0*ldc+16], c0L, c0H)
	addStore8(c[1*ldc:1*ldc+16], c1L, c1H)
	addStore8(c[2*ldc:2*ldc+16], c2L, c2H)
	addStore8(c[3*ldc:3*ldc+16], c3L, c3H)
}

// addStore8 adds lo to row[0:8] and hi to row[8:16].
func addStore8(row []float64, lo, hi archsimd.Float64x8) {
	lo.Add(archsimd.LoadFloat64x8Slice(row[0:8])).StoreSlice(row[0:8])
	hi.Add(archsimd.LoadFloat64x8Slice(row[8:16])).StoreSlice(row[8:16])
}

// microAVX2x4x8 is microAVX512x4x16 with 256-bit vectors: it adds a packed
// 4×kc sliver of A times a packed kc×8 sliver of B to the 4×8 tile of c.
func microAVX2x4x8(kc int, a, b, c []float64, ldc int) {
	var zero archsimd.Float64x4
	c0L, c0H := zero, zero
	c1L, c1H := zero, zero
	c2L, c2H := zero, zero
	c3L, c3H := zero, zero
	a, b = a[:4*kc], b[:8*kc]
	for p := 0; p < kc; p++ {
		ap := a[4*p : 4*p+4 : 4*p+4] // column p of the A sliver: a(0..3, p)
		bp := b[8*p : 8*p+8 : 8*p+8] // row p of the B sliver: b(p, 0..7)
		bL := archsimd.LoadFloat64x4Slice(bp[0:4])
		bH := archsimd.LoadFloat64x4Slice(bp[4:8])
		a0 := archsimd.BroadcastFloat64x4(ap[0])
		c0L, c0H = a0.MulAdd(bL, c0L), a0.MulAdd(bH, c0H)
		a1 := archsimd.BroadcastFloat64x4(ap[1])
		c1L, c1H = a1.MulAdd(bL, c1L), a1.MulAdd(bH, c1H)
		a2 := archsimd.BroadcastFloat64x4(ap[2])
		c2L, c2H = a2.MulAdd(bL, c2L), a2.MulAdd(bH, c2H)
		a3 := archsimd.BroadcastFloat64x4(ap[3])
		c3L, c3H = a3.MulAdd(bL, c3L), a3.MulAdd(bH, c3H)
	}
	addStore4(c[0*ldc:0*ldc+8], c0L, c0H)
	addStore4(c[1*ldc:1*ldc+8], c1L, c1H)
	addStore4(c[2*ldc:2*ldc+8], c2L, c2H)
	addStore4(c[3*ldc:3*ldc+8], c3L, c3H)
}

// addStore4 adds lo to row[0:4] and hi to row[4:8].
func addStore4(row []float64, lo, hi archsimd.Float64x4) {
	lo.Add(archsimd.LoadFloat64x4Slice(row[0:4])).StoreSlice(row[0:4])
	hi.Add(archsimd.LoadFloat64x4Slice(row[4:8])).StoreSlice(row[4:8])
}
