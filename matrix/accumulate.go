package matrix

// AddMulTransA adds aᵀ·b to m without forming aᵀ or a temporary: a is k×r,
// b is k×c and m is r×c. In backpropagation this is the accumulation of the
// weight gradient over a mini-batch, dW += Xᵀ·dY, which otherwise takes a
// product into a temporary and a pass of Add. m must not share storage with
// a or b. Like Mul, the result does not depend on GOMAXPROCS.
func (m *Dense) AddMulTransA(a, b *Dense) {
	checkMul("AddMulTransA", m, a, b, a.cols, a.rows, b.rows, b.cols)
	gemmWith(active(), true, false, a, b, m, true)
}
