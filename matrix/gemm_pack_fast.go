package matrix

// Fast paths of packing for the tile sizes of the assembly kernels (6 rows
// of A, 8 columns of B). Packing is plain copying, but the general loops of
// gemm_pack.go copy one value at a time with a stride, or call copy for 8
// values while walking down 8 columns of every row for each sliver. These
// loops fill a whole step of a sliver (6 or 8 values) at once, and
// gatherRows8 reads each row of B once, from start to end.
//
// What they saved, measured with go test -cpuprofile on one core of a busy
// machine: packing the 784×256 B of the forward product 128×784 · 784×256
// sliver after sliver took 30% of the product's time, row after row
// (gatherRows8) 8%; packing 780×256 values of a 784×784 matrix, best of
// 30 on the same run, took 76 µs with interleave6 against 150–160 µs with
// the general loop, and 77 µs with interleave8 against 150–160 µs.

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

// gatherRows8 packs the first width columns (a multiple of 8) of kb rows
// of a matrix into slivers of 8 columns: dst[s·kb + p·8 + j] =
// src[p·stride + s + j]. It reads each row once from start to end, so the
// hardware prefetcher streams it in, and hands 8 values to each sliver.
func gatherRows8(dst, src []float64, stride, kb, width int) {
	dst = dst[:width*kb]
	for p := 0; p < kb; p++ {
		row := src[p*stride : p*stride+width]
		for s := 0; s+8 <= len(row); s += 8 {
			r, d := row[s:s+8:s+8], dst[s*kb+8*p:s*kb+8*p+8:s*kb+8*p+8]
			d[0], d[1], d[2], d[3] = r[0], r[1], r[2], r[3]
			d[4], d[5], d[6], d[7] = r[4], r[5], r[6], r[7]
		}
	}
}
