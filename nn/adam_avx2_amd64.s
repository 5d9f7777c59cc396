//go:build amd64 && !purego

#include "textflag.h"

// func adamAVX2(n int, theta, grad, m, v *float64, b1, oneMinusB1, b2, oneMinusB2, step, eps float64)
//
// adamRowGo (adam_fast.go) on four entries at a time, for n entries, n a
// multiple of 4: for every j,
//
//	m[j] = b1·m[j] + (1−b1)·g[j]
//	v[j] = b2·v[j] + (1−b2)·(g[j]·g[j])
//	θ[j] = θ[j] − step·m[j] / (√v[j] + eps)
//
// with the same operations in the same order and no fused multiply-add,
// each rounded once like Go's; square root and division are correctly
// rounded in both. So it gives the same bits as the Go loop.
//
// Registers: Y8–Y13 hold b1, 1−b1, b2, 1−b2, step and eps in all four
// lanes; AX is the index j in bytes, CX its end; DI, SI, DX, R8 point at
// θ, g, m, v.
TEXT ·adamAVX2(SB), NOSPLIT, $0-88
	MOVQ n+0(FP), CX
	SHLQ $3, CX // n in bytes
	MOVQ theta+8(FP), DI
	MOVQ grad+16(FP), SI
	MOVQ m+24(FP), DX
	MOVQ v+32(FP), R8
	VBROADCASTSD b1+40(FP), Y8
	VBROADCASTSD oneMinusB1+48(FP), Y9
	VBROADCASTSD b2+56(FP), Y10
	VBROADCASTSD oneMinusB2+64(FP), Y11
	VBROADCASTSD step+72(FP), Y12
	VBROADCASTSD eps+80(FP), Y13
	XORQ AX, AX
	CMPQ AX, CX
	JGE  done

	// for j := 0; j < n; j += 4  (adamRowGo's loop over j)
loop:
	VMOVUPD (SI)(AX*1), Y0      // g
	VMULPD  (DX)(AX*1), Y8, Y1  // b1·m
	VMULPD  Y0, Y9, Y2          // (1−b1)·g
	VADDPD  Y2, Y1, Y1          // m = b1·m + (1−b1)·g
	VMULPD  Y0, Y0, Y3          // g·g
	VMULPD  (R8)(AX*1), Y10, Y4 // b2·v
	VMULPD  Y3, Y11, Y3         // (1−b2)·(g·g)
	VADDPD  Y3, Y4, Y4          // v = b2·v + (1−b2)·(g·g)
	VMOVUPD Y1, (DX)(AX*1)
	VMOVUPD Y4, (R8)(AX*1)
	VSQRTPD Y4, Y5              // √v
	VADDPD  Y13, Y5, Y5         // √v + eps
	VMULPD  Y1, Y12, Y6         // step·m
	VDIVPD  Y5, Y6, Y6          // step·m / (√v + eps)
	VMOVUPD (DI)(AX*1), Y7
	VSUBPD  Y6, Y7, Y7          // θ − step·m / (√v + eps)
	VMOVUPD Y7, (DI)(AX*1)
	ADDQ    $32, AX
	CMPQ    AX, CX
	JLT     loop

done:
	VZEROUPPER
	RET
