// Package matrix holds the hand-written dense float64 matrices that the rest
// of bottleneck computes with.
//
// A Dense is stored row-major with a stride: element (i, j) sits at
// data[i*stride+j]. A view of a row range (SliceRows) shares the data of its
// parent, so a mini-batch is a window on the data set, not a copy.
//
// Operations that write follow gonum's convention: the receiver is the
// destination, c.Mul(a, b) sets c = a·b. The receiver must already have the
// result's shape; nothing is allocated on the way, so a training loop can
// make its buffers once and reuse them. Misuse — a shape mismatch, an index
// out of range — panics with a message that names the operation and the
// shapes, for example "matrix: Mul: shape mismatch 3×4 · 5×2".
//
// MulRef is the textbook triple loop, kept as the reference that every
// faster kernel is tested against. The fast products (Mul, MulTransA,
// MulTransB, AddMulTransA, Gram) pack their operands into blocks that fit
// the caches, share the work among the cores and, on amd64 CPUs with AVX2
// and on arm64, use micro-kernels written in assembly with vector
// instructions, chosen at start-up from what the CPU has. That machinery
// lives in gemm.go and the files gemm_*.go and cpu_*.go, apart from the files a reader opens
// first (dense.go, mul.go, elementwise.go). SetKernel("reference") turns it all off: every
// product then runs MulRef's loop on one goroutine, the textbook path to
// step through in a debugger.
package matrix
