package matrix

// This file is the textbook path that SetKernel("reference") chooses: every
// product by the triple loop of MulRef, on one goroutine.

// referenceKernel stands for the textbook path. It has no micro-kernel:
// gemmWith and gram see it and call refProduct instead of the blocked
// driver.
var referenceKernel = kernel{name: "reference"}

// usingReference reports whether SetKernel chose the textbook path, for
// the code outside the products (Apply) that then runs on one goroutine.
func usingReference() bool { return active() == &referenceKernel }

// refProduct sets c = op(a)·op(b), or adds the product to c when accumulate
// is set, by MulRef's triple loop:
//
//	c(i, j) = Σₖ op(a)(i, k)·op(b)(k, j)
//
// where op(a) is aᵀ when transA is set (op(a)(i, k) = a(k, i)), and likewise
// for b. c is r×c, op(a) r×k and op(b) k×c.
func refProduct(transA, transB bool, a, b, c *Dense, accumulate bool) {
	inner := a.cols
	if transA {
		inner = a.rows
	}
	for i := 0; i < c.rows; i++ {
		for j := 0; j < c.cols; j++ {
			sum := 0.0
			if accumulate {
				sum = c.At(i, j)
			}
			for k := 0; k < inner; k++ {
				sum += opAt(a, transA, i, k) * opAt(b, transB, k, j)
			}
			c.Set(i, j, sum)
		}
	}
}

// opAt returns element (i, j) of op(x): x(j, i) when trans is set, x(i, j)
// otherwise.
func opAt(x *Dense, trans bool, i, j int) float64 {
	if trans {
		return x.At(j, i)
	}
	return x.At(i, j)
}
