//go:build arm64 && !purego

#include "textflag.h"

// func microNEON6x8(kc int, a, b, c *float64, ldc int)
//
// The NEON micro-kernel: adds a packed 6×kc sliver of A times a packed
// kc×8 sliver of B to the 6×8 tile of c that starts at c with row stride
// ldc (in float64s). It is microPortable2x2 (gemm_portable.go) on a larger
// tile, with vector registers:
//
//	c(i, j) += Σ_p a(i, p)·b(p, j)   for p = 0, 1, …, kc−1 in order
//
// A NEON register holds 2 float64s, and there are 32 of them. Twenty-four
// hold the tile of c, four hold a row of the B sliver, and two take turns
// holding one value of A copied into both lanes (LD1R, "load and
// replicate"):
//
//	                   B sliver, row p (8 values, 64 bytes)
//	                 ┌──────────┬──────────┬──────────┬──────────┐
//	                 │ V24 =    │ V25 =    │ V26 =    │ V27 =    │
//	                 │ b(p,0..1)│ b(p,2..3)│ b(p,4..5)│ b(p,6..7)│
//	                 └──────────┴──────────┴──────────┴──────────┘
//	A sliver, col p   tile of c
//	┌─────────────┐  ┌──────────┬──────────┬──────────┬──────────┐
//	│ a(0,p)→V28  │  │ V0       │ V1       │ V2       │ V3       │
//	│ a(1,p)→V29  │  │ V4       │ V5       │ V6       │ V7       │
//	│ a(2,p)→V28  │  │ V8       │ V9       │ V10      │ V11      │
//	│ a(3,p)→V29  │  │ V12      │ V13      │ V14      │ V15      │
//	│ a(4,p)→V28  │  │ V16      │ V17      │ V18      │ V19      │
//	│ a(5,p)→V29  │  │ V20      │ V21      │ V22      │ V23      │
//	└─────────────┘  └──────────┴──────────┴──────────┴──────────┘
//
// Each step p loads the row of B (one LD1 of four registers), replicates
// each of the six values of A in turn and does 24 fused multiply-adds
// (FMLA, written VFMLA in Go's assembler):
//
//	V(4i+q) += a(i, p)·V(24+q)      c(i, 2q..2q+1) += a(i, p)·b(p, 2q..2q+1)
//
// Order of summation: the accumulators start at zero, every step adds its
// product with one rounding (fused multiply-add), and at the end the slab's
// sum is added to c, as in the amd64 kernels (gemm_avx2_amd64.s). Go's
// assembler has no vector FADD, so that last addition is an FMLA by a
// vector of ones: c + 1·sum rounds once, exactly like c + sum.
//
// Registers: R0 walks the A sliver (48 bytes per step), R1 the B sliver
// (64 bytes per step), R2 counts the steps left, R3 points at row i of the
// tile of c, R4 is ldc in bytes.
TEXT ·microNEON6x8(SB), NOSPLIT, $0-40
	MOVD kc+0(FP), R2
	MOVD a+8(FP), R0
	MOVD b+16(FP), R1
	MOVD c+24(FP), R3
	MOVD ldc+32(FP), R4
	LSL  $3, R4, R4 // ldc in bytes

	// The accumulators start at zero (x XOR x = 0).
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	VEOR V16.B16, V16.B16, V16.B16
	VEOR V17.B16, V17.B16, V17.B16
	VEOR V18.B16, V18.B16, V18.B16
	VEOR V19.B16, V19.B16, V19.B16
	VEOR V20.B16, V20.B16, V20.B16
	VEOR V21.B16, V21.B16, V21.B16
	VEOR V22.B16, V22.B16, V22.B16
	VEOR V23.B16, V23.B16, V23.B16

	CMP $0, R2
	BLE store

	// for p := 0; p < kc; p++  (microPortable2x2's loop over p)
loop:
	VLD1.P 64(R1), [V24.D2, V25.D2, V26.D2, V27.D2] // b(p, 0..7), then R1 to row p+1

	VLD1R.P 8(R0), [V28.D2] // row 0: V28 = a(0, p) in both lanes
	VFMLA   V24.D2, V28.D2, V0.D2
	VFMLA   V25.D2, V28.D2, V1.D2
	VFMLA   V26.D2, V28.D2, V2.D2
	VFMLA   V27.D2, V28.D2, V3.D2
	VLD1R.P 8(R0), [V29.D2] // row 1
	VFMLA   V24.D2, V29.D2, V4.D2
	VFMLA   V25.D2, V29.D2, V5.D2
	VFMLA   V26.D2, V29.D2, V6.D2
	VFMLA   V27.D2, V29.D2, V7.D2
	VLD1R.P 8(R0), [V28.D2] // row 2
	VFMLA   V24.D2, V28.D2, V8.D2
	VFMLA   V25.D2, V28.D2, V9.D2
	VFMLA   V26.D2, V28.D2, V10.D2
	VFMLA   V27.D2, V28.D2, V11.D2
	VLD1R.P 8(R0), [V29.D2] // row 3
	VFMLA   V24.D2, V29.D2, V12.D2
	VFMLA   V25.D2, V29.D2, V13.D2
	VFMLA   V26.D2, V29.D2, V14.D2
	VFMLA   V27.D2, V29.D2, V15.D2
	VLD1R.P 8(R0), [V28.D2] // row 4
	VFMLA   V24.D2, V28.D2, V16.D2
	VFMLA   V25.D2, V28.D2, V17.D2
	VFMLA   V26.D2, V28.D2, V18.D2
	VFMLA   V27.D2, V28.D2, V19.D2
	VLD1R.P 8(R0), [V29.D2] // row 5; R0 is now at column p+1
	VFMLA   V24.D2, V29.D2, V20.D2
	VFMLA   V25.D2, V29.D2, V21.D2
	VFMLA   V26.D2, V29.D2, V22.D2
	VFMLA   V27.D2, V29.D2, V23.D2

	SUBS $1, R2, R2
	BNE  loop

	// for i := 0; i < 6; i++: c(i, 0..7) += the slab's sum for row i,
	// computed as c + 1·sum with V30 = (1, 1).
store:
	FMOVD $(1.0), F30
	VDUP  V30.D[0], V30.D2

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 0 of c
	VFMLA V0.D2, V30.D2, V24.D2
	VFMLA V1.D2, V30.D2, V25.D2
	VFMLA V2.D2, V30.D2, V26.D2
	VFMLA V3.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	ADD   R4, R3, R3

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 1
	VFMLA V4.D2, V30.D2, V24.D2
	VFMLA V5.D2, V30.D2, V25.D2
	VFMLA V6.D2, V30.D2, V26.D2
	VFMLA V7.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	ADD   R4, R3, R3

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 2
	VFMLA V8.D2, V30.D2, V24.D2
	VFMLA V9.D2, V30.D2, V25.D2
	VFMLA V10.D2, V30.D2, V26.D2
	VFMLA V11.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	ADD   R4, R3, R3

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 3
	VFMLA V12.D2, V30.D2, V24.D2
	VFMLA V13.D2, V30.D2, V25.D2
	VFMLA V14.D2, V30.D2, V26.D2
	VFMLA V15.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	ADD   R4, R3, R3

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 4
	VFMLA V16.D2, V30.D2, V24.D2
	VFMLA V17.D2, V30.D2, V25.D2
	VFMLA V18.D2, V30.D2, V26.D2
	VFMLA V19.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	ADD   R4, R3, R3

	VLD1  (R3), [V24.D2, V25.D2, V26.D2, V27.D2] // row 5
	VFMLA V20.D2, V30.D2, V24.D2
	VFMLA V21.D2, V30.D2, V25.D2
	VFMLA V22.D2, V30.D2, V26.D2
	VFMLA V23.D2, V30.D2, V27.D2
	VST1  [V24.D2, V25.D2, V26.D2, V27.D2], (R3)
	RET
