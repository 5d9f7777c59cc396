package matrix

// Fast paths of packing for the tile sizes of the assembly kernels (6 rows
// of A, 8 columns of B). Packing is plain copying, but the general loops of
// gemm_pack.go copy one value at a time with a stride, or call copy for 8
// values; in a profile of a Hinton-net epoch with the AVX2 kernel packing
// took about 14% of the time. These loops fill a whole step of a sliver (6
// or 8 values) at once. Packing 780×256 values of a 784×784 matrix on a
// busy machine, best of 30: interleave6 76 µs against 150–160 µs for the
// general loop (with mr = 7), interleave8 77 µs against 150–160 µs.

// interleave6 sets dst[p·6 + r] = src[r·stride + p] for r < 6 and p < kb:
// six rows of a matrix, kb long, become kb steps of 6 values, the layout of
// an A sliver of 6 rows.
func interleave6(dst, src []float64, stride, kb int) {
	r0 := src[0*stride : 0*stride+kb]
	r1 := src[1*stride : 1*stride+kb][:len(r0)]
	r2 := src[2*stride : 2*stride+kb][:len(r0)]
	r3 := src[3*stride : 3*stride+kb][:len(r0)]
	r4 := src[4*stride : 4*stride+kb][:len(r0)]
	r5 := src[5*stride : 5*stride+kb][:len(r0)]
	dst = dst[:6*len(r0)]
	for p := range r0 {
		d := dst[6*p : 6*p+6 : 6*p+6]
		d[0], d[1], d[2], d[3], d[4], d[5] = r0[p], r1[p], r2[p], r3[p], r4[p], r5[p]
	}
}

// interleave8 is interleave6 for eight rows: dst[p·8 + r] = src[r·stride + p],
// the layout of a B sliver of 8 columns of a transposed operand.
func interleave8(dst, src []float64, stride, kb int) {
	r0 := src[0*stride : 0*stride+kb]
	r1 := src[1*stride : 1*stride+kb][:len(r0)]
	r2 := src[2*stride : 2*stride+kb][:len(r0)]
	r3 := src[3*stride : 3*stride+kb][:len(r0)]
	r4 := src[4*stride : 4*stride+kb][:len(r0)]
	r5 := src[5*stride : 5*stride+kb][:len(r0)]
	r6 := src[6*stride : 6*stride+kb][:len(r0)]
	r7 := src[7*stride : 7*stride+kb][:len(r0)]
	dst = dst[:8*len(r0)]
	for p := range r0 {
		d := dst[8*p : 8*p+8 : 8*p+8]
		d[0], d[1], d[2], d[3] = r0[p], r1[p], r2[p], r3[p]
		d[4], d[5], d[6], d[7] = r4[p], r5[p], r6[p], r7[p]
	}
}

// gather8 sets dst[p·8 : p·8+8] = src[p·stride : p·stride+8] for p < kb:
// eight neighbouring values from each of kb rows, the layout of a B sliver
// of 8 columns. Copying the 8 values as one array instead of calling copy
// measured about 15% faster. (The same for the 6 values of an A sliver of
// a transposed operand measured no faster, so that case stays in the
// general loop.)
func gather8(dst, src []float64, stride, kb int) {
	dst = dst[:8*kb]
	for p := 0; p < kb; p++ {
		*(*[8]float64)(dst[8*p:]) = *(*[8]float64)(src[p*stride:])
	}
}
