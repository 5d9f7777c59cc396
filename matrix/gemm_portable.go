package matrix

// portableKernel is the micro-kernel in plain Go, for any architecture. Its
// 2×4 tile of c lives in 8 local variables that the compiler keeps in
// registers: each step p loads 2 values of A and 4 of B and does 8
// multiply-adds with them, where the triple loop does two loads per
// multiply-add. (A 4×4 tile would reuse each load more, but its 16
// accumulators plus 8 operands do not fit in amd64's 16 floating-point
// registers; with the spills it took 1.7 times as long as 2×4 when measured.)
//
// Block sizes: an A sliver and a B sliver of kc = 256 steps take
// (2+4)·256·8 bytes = 12 KiB, well inside a 32 KiB L1 data cache; a packed
// A block of mc = 128 rows takes 256 KiB of L2; a packed B panel of
// nc = 1024 columns takes 2 MiB (L2 or L3).
var portableKernel = kernel{
	name: "portable",
	mr:   2, nr: 4,
	kc: 256, mc: 128, nc: 1024,
	micro: microPortable2x4,
}

// microPortable2x4 adds a packed 2×kc sliver of A times a packed kc×4 sliver
// of B to the 2×4 tile of c that starts at c[0] with row stride ldc.
func microPortable2x4(kc int, a, b, c []float64, ldc int) {
	// cij accumulates c(i, j), starting from the value already in c.
	c0, c1 := c[0:4:4], c[ldc:ldc+4:ldc+4]
	c00, c01, c02, c03 := c0[0], c0[1], c0[2], c0[3]
	c10, c11, c12, c13 := c1[0], c1[1], c1[2], c1[3]
	a, b = a[:2*kc], b[:4*kc]
	for p := 0; p < kc; p++ {
		ap := a[2*p : 2*p+2 : 2*p+2] // column p of the A sliver: a(0..1, p)
		bp := b[4*p : 4*p+4 : 4*p+4] // row p of the B sliver: b(p, 0..3)
		a0, a1 := ap[0], ap[1]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
	}
	c0[0], c0[1], c0[2], c0[3] = c00, c01, c02, c03
	c1[0], c1[1], c1[2], c1[3] = c10, c11, c12, c13
}
