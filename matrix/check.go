package matrix

import (
	"fmt"
	"unsafe"
)

// sameShape panics unless a and b have the same shape.
func sameShape(op string, a, b *Dense) {
	if a.rows != b.rows || a.cols != b.cols {
		panic(fmt.Sprintf("matrix: %s: shape mismatch %d×%d and %d×%d", op, a.rows, a.cols, b.rows, b.cols))
	}
}

// noAlias panics if dst shares storage with src. Products and transposes
// read their inputs while writing their destination, so the two must be
// distinct.
func noAlias(op string, dst, src *Dense) {
	if len(dst.data) == 0 || len(src.data) == 0 {
		return
	}
	// Compare the address ranges of the two slices. This reads addresses
	// only; it never dereferences them.
	d0 := uintptr(unsafe.Pointer(&dst.data[0]))
	d1 := d0 + uintptr(len(dst.data))*8
	s0 := uintptr(unsafe.Pointer(&src.data[0]))
	s1 := s0 + uintptr(len(src.data))*8
	if d0 < s1 && s0 < d1 {
		panic(fmt.Sprintf("matrix: %s: destination %d×%d shares storage with an operand %d×%d", op, dst.rows, dst.cols, src.rows, src.cols))
	}
}
