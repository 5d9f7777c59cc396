package matrix

import "fmt"

// MulRef sets m = a·b by the textbook triple loop:
//
//	m(i, j) = Σₖ a(i, k)·b(k, j)
//
// It is the reference: simple enough to check by eye, and every faster
// kernel in this package is tested against it. Use Mul in real work;
// SetKernel("reference") makes Mul and the other products run this loop,
// to step through training in a debugger.
func (m *Dense) MulRef(a, b *Dense) {
	checkMul("MulRef", m, a, b, a.rows, a.cols, b.rows, b.cols)
	for i := 0; i < a.rows; i++ {
		for j := 0; j < b.cols; j++ {
			sum := 0.0
			for k := 0; k < a.cols; k++ {
				sum += a.At(i, k) * b.At(k, j)
			}
			m.Set(i, j, sum)
		}
	}
}

// Mul sets m = a·b, with a of shape r×k, b of shape k×c and m of shape r×c.
// m must not share storage with a or b. It runs the blocked, parallel
// product of gemm.go with the kernel that Kernel names. The result does not
// depend on GOMAXPROCS: every element is summed over k in the same order
// however the work is split.
func (m *Dense) Mul(a, b *Dense) {
	checkMul("Mul", m, a, b, a.rows, a.cols, b.rows, b.cols)
	gemm(false, false, a, b, m)
}

// MulTransA sets m = aᵀ·b without forming aᵀ: a is k×r, b is k×c and m is
// r×c. In backpropagation this is the weight gradient dW = Xᵀ·dY.
func (m *Dense) MulTransA(a, b *Dense) {
	checkMul("MulTransA", m, a, b, a.cols, a.rows, b.rows, b.cols)
	gemm(true, false, a, b, m)
}

// MulTransB sets m = a·bᵀ without forming bᵀ: a is r×k, b is c×k and m is
// r×c. In backpropagation this is the input gradient dX = dY·Wᵀ.
func (m *Dense) MulTransB(a, b *Dense) {
	checkMul("MulTransB", m, a, b, a.rows, a.cols, b.cols, b.rows)
	gemm(false, true, a, b, m)
}

// checkMul panics unless op(a) (ar×ak) times op(b) (bk×bc) fits into m, and
// m is distinct from both operands.
func checkMul(op string, m, a, b *Dense, ar, ak, bk, bc int) {
	if ak != bk {
		panic(fmt.Sprintf("matrix: %s: shape mismatch %d×%d · %d×%d", op, ar, ak, bk, bc))
	}
	if m.rows != ar || m.cols != bc {
		panic(fmt.Sprintf("matrix: %s: destination %d×%d for a %d×%d · %d×%d product", op, m.rows, m.cols, ar, ak, bk, bc))
	}
	noAlias(op, m, a)
	noAlias(op, m, b)
}
