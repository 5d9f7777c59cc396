//go:build amd64 && !purego

#include "textflag.h"

// func microAVX2x6x8(kc int, a, b, c *float64, ldc int)
//
// The AVX2 micro-kernel: adds a packed 6×kc sliver of A times a packed
// kc×8 sliver of B to the 6×8 tile of c that starts at c with row stride
// ldc (in float64s). It is microPortable2x2 (gemm_portable.go) on a larger
// tile, with vector registers:
//
//	c(i, j) += Σ_p a(i, p)·b(p, j)   for p = 0, 1, …, kc−1 in order
//
// A ymm register holds 4 float64s, and there are 16 of them. Twelve hold
// the tile of c, two hold a row of the B sliver, and two take turns
// holding one value of A copied into all four lanes ("broadcast"):
//
//	                    B sliver, row p (8 values, 64 bytes)
//	                  ┌───────────────────┬───────────────────┐
//	                  │ Y12 = b(p, 0..3)  │ Y13 = b(p, 4..7)  │
//	                  └───────────────────┴───────────────────┘
//	A sliver, col p   tile of c, c(i, 0..3)  c(i, 4..7)
//	┌─────────────┐   ┌───────────────────┬───────────────────┐
//	│ a(0,p)→Y14  │   │ Y0                │ Y1                │
//	│ a(1,p)→Y15  │   │ Y2                │ Y3                │
//	│ a(2,p)→Y14  │   │ Y4                │ Y5                │
//	│ a(3,p)→Y15  │   │ Y6                │ Y7                │
//	│ a(4,p)→Y14  │   │ Y8                │ Y9                │
//	│ a(5,p)→Y15  │   │ Y10               │ Y11               │
//	└─────────────┘   └───────────────────┴───────────────────┘
//
// Each step p loads the row of B (2 loads), broadcasts each of the six
// values of A in turn and does 12 fused multiply-adds:
//
//	Y(2i)   += a(i, p)·Y12      c(i, 0..3) += a(i, p)·b(p, 0..3)
//	Y(2i+1) += a(i, p)·Y13      c(i, 4..7) += a(i, p)·b(p, 4..7)
//
// 12 FMAs per step keep both FMA units of a Zen 4 or a Skylake busy for 6
// cycles, long enough to hide the 4-cycle latency of each accumulator.
//
// Order of summation: the accumulators start at zero, every step adds its
// product with one rounding (fused multiply-add), and at the end the slab's
// sum is added to c. Each element is summed in increasing p whatever the
// other elements do; see gemm.go for why this makes the result
// independent of GOMAXPROCS.
//
// Registers: AX walks the A sliver (6 float64s = 48 bytes per step), BX
// the B sliver (8 float64s = 64 bytes per step), CX counts the steps left,
// DI points at row i of the tile of c, R8 is ldc in bytes.
// STEP(ao, bo) is one step p of the loop below, for the column of the A
// sliver at ao(AX) and the row of the B sliver at bo(BX): load the row of
// B, broadcast each of the six values of A in turn, 12 fused multiply-adds.
#define STEP(ao, bo) \
	VMOVUPD      bo(BX), Y12    \ // Y12 = b(p, 0..3)
	VMOVUPD      bo+32(BX), Y13 \ // Y13 = b(p, 4..7)
	VBROADCASTSD ao(AX), Y14    \ // row 0: Y14 = a(0, p) in all lanes
	VFMADD231PD  Y12, Y14, Y0   \
	VFMADD231PD  Y13, Y14, Y1   \
	VBROADCASTSD ao+8(AX), Y15  \ // row 1
	VFMADD231PD  Y12, Y15, Y2   \
	VFMADD231PD  Y13, Y15, Y3   \
	VBROADCASTSD ao+16(AX), Y14 \ // row 2
	VFMADD231PD  Y12, Y14, Y4   \
	VFMADD231PD  Y13, Y14, Y5   \
	VBROADCASTSD ao+24(AX), Y15 \ // row 3
	VFMADD231PD  Y12, Y15, Y6   \
	VFMADD231PD  Y13, Y15, Y7   \
	VBROADCASTSD ao+32(AX), Y14 \ // row 4
	VFMADD231PD  Y12, Y14, Y8   \
	VFMADD231PD  Y13, Y14, Y9   \
	VBROADCASTSD ao+40(AX), Y15 \ // row 5
	VFMADD231PD  Y12, Y15, Y10  \
	VFMADD231PD  Y13, Y15, Y11

TEXT ·microAVX2x6x8(SB), NOSPLIT, $0-40
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), AX
	MOVQ b+16(FP), BX
	MOVQ c+24(FP), DI
	MOVQ ldc+32(FP), R8
	SHLQ $3, R8 // ldc in bytes

	// The accumulators start at zero (x XOR x = 0).
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11

	TESTQ CX, CX
	JLE   store

	// for p := 0; p < kc; p++  (microPortable2x2's loop over p), four
	// steps at a time while four are left (STEP is one step, p = k), then
	// one at a time: fewer instructions that only count and advance.
	CMPQ CX, $4
	JLT  tail

loop4:
	STEP(0, 0)
	STEP(48, 64)
	STEP(96, 128)
	STEP(144, 192)
	ADDQ $192, AX // four columns of the A sliver on
	ADDQ $256, BX // four rows of the B sliver on
	SUBQ $4, CX
	CMPQ CX, $4
	JGE  loop4

tail:
	TESTQ CX, CX
	JLE   store

loop1:
	STEP(0, 0)
	ADDQ $48, AX // next column of the A sliver
	ADDQ $64, BX // next row of the B sliver
	DECQ CX
	JNZ  loop1

	// for i := 0; i < 6; i++: c(i, 0..7) += the slab's sum for row i
store:
	VADDPD  0(DI), Y0, Y0
	VMOVUPD Y0, 0(DI)
	VADDPD  32(DI), Y1, Y1
	VMOVUPD Y1, 32(DI)
	ADDQ    R8, DI
	VADDPD  0(DI), Y2, Y2
	VMOVUPD Y2, 0(DI)
	VADDPD  32(DI), Y3, Y3
	VMOVUPD Y3, 32(DI)
	ADDQ    R8, DI
	VADDPD  0(DI), Y4, Y4
	VMOVUPD Y4, 0(DI)
	VADDPD  32(DI), Y5, Y5
	VMOVUPD Y5, 32(DI)
	ADDQ    R8, DI
	VADDPD  0(DI), Y6, Y6
	VMOVUPD Y6, 0(DI)
	VADDPD  32(DI), Y7, Y7
	VMOVUPD Y7, 32(DI)
	ADDQ    R8, DI
	VADDPD  0(DI), Y8, Y8
	VMOVUPD Y8, 0(DI)
	VADDPD  32(DI), Y9, Y9
	VMOVUPD Y9, 32(DI)
	ADDQ    R8, DI
	VADDPD  0(DI), Y10, Y10
	VMOVUPD Y10, 0(DI)
	VADDPD  32(DI), Y11, Y11
	VMOVUPD Y11, 32(DI)

	// Mark the upper halves of the ymm registers unused, so that the
	// scalar floating-point code that runs next pays no penalty for them.
	VZEROUPPER
	RET
