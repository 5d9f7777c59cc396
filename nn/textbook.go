package nn

import "bottleneck/matrix"

// textbook reports whether matrix.SetKernel("reference") chose the textbook
// path. nn then follows it too: Adam's update as Kingma and Ba write it and
// the logistic function element by element, both on one goroutine, where
// the fast path folds Adam's update, with vector instructions on amd64
// (adam_fast.go), and shares the logistic function's rows among the cores
// (sigmoid_rows.go). The two give the same numbers up to rounding.
func textbook() bool { return matrix.Kernel() == "reference" }
