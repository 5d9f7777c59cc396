// Package nn holds the pieces of a neural network that the lecture's
// autoencoder is built from: layers with a forward and a backward pass,
// losses, optimizers, weight initialisation, and a numerical gradient check
// that students can run on their own layers.
//
// Shapes: a batch has one sample per row (n×features) and a linear layer
// computes Y = X·W + b with W of shape in×out (docs/design.md). This is the
// transpose of the column-vector form σ(W·x + b) of Nielsen's book and most
// textbooks; the lecture writes no formula for a layer. docs/autoencoder.md
// shows the two side by side.
//
// Backpropagation follows Nielsen's three stages: Forward through every
// layer, the loss writes its gradient with respect to the prediction, then
// Backward through the layers in reverse. As in micrograd, Backward adds into
// the parameter gradients (+=), so gradients must be zeroed explicitly with
// ZeroGrad before each step; an Optimizer then applies them.
//
// Where speed asks for more than the textbook loop — Adam's update and the
// logistic function, a row at a time on every core, and Adam's update with
// vector instructions on amd64 — the algorithm's file keeps
// the textbook form and calls a fast twin in a file of its own
// (adam_fast.go, sigmoid_rows.go). After matrix.SetKernel("reference") the
// textbook forms run, on one goroutine, with the products on MulRef's loop:
// slower, the same numbers up to rounding, and every step visible in a
// debugger.
package nn
