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
// faster kernel is tested against.
package matrix
