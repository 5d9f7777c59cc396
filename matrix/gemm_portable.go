package matrix

// portableKernel is the micro-kernel in plain Go, for any architecture. Its
// 2×2 tile of c lives in 4 local variables that the compiler keeps in
// registers: each step p loads 2 values of A and 2 of B and does 4
// multiply-adds with them, where the triple loop does two loads per
// multiply-add.
//
// Why so small a tile: on amd64 the compiler has 15 floating-point registers
// for it and computes all the products of a step before adding them, so a
// 2×4 tile (8 accumulators, 6 operands, 8 products) spills to the stack and
// measured 5–10% slower than 2×2; a 4×4 tile took 1.7 times as long as 2×4.
// The blocking around the micro-kernel (packing, kc, mc, nc) matters more
// than the tile size here.
//
// Block sizes: an A sliver and a B sliver of kc = 256 steps take
// (2+2)·256·8 bytes = 8 KiB, well inside a 32 KiB L1 data cache; a packed
// A block of mc = 128 rows takes 256 KiB of L2; a packed B panel of
// nc = 1024 columns takes 2 MiB (L2 or L3).
var portableKernel = kernel{
	name: "portable",
	mr:   2, nr: 2,
	kc: 256, mc: 128, nc: 1024,
	micro: microPortable2x2,
}

// microPortable2x2 adds a packed 2×kc sliver of A times a packed kc×2 sliver
// of B to the 2×2 tile of c that starts at c[0] with row stride ldc:
//
//	c(i, j) += Σ_p a(i, p)·b(p, j)   for p = 0, 1, …, kc−1 in order
func microPortable2x2(kc int, a, b, c []float64, ldc int) {
	// cij accumulates c(i, j), starting from the value already in c, so
	// that each element is summed over k in increasing order.
	c0, c1 := c[0:2:2], c[ldc:ldc+2:ldc+2]
	c00, c01 := c0[0], c0[1]
	c10, c11 := c1[0], c1[1]
	a, b = a[:2*kc], b[:2*kc]
	for p := 0; p < kc; p++ {
		ap := a[2*p : 2*p+2 : 2*p+2] // column p of the A sliver: a(0..1, p)
		bp := b[2*p : 2*p+2 : 2*p+2] // row p of the B sliver: b(p, 0..1)
		a0, a1 := ap[0], ap[1]
		b0, b1 := bp[0], bp[1]
		c00 += a0 * b0
		c01 += a0 * b1
		c10 += a1 * b0
		c11 += a1 * b1
	}
	c0[0], c0[1] = c00, c01
	c1[0], c1[1] = c10, c11
}
