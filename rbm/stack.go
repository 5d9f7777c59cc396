package rbm

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// upChunk is the number of rows Up passes through an RBM at once.
const upChunk = 500

// Up returns the hidden probabilities (or, for linear hidden units, the
// means) of every row of data: what the next RBM of a stack is trained on.
// data: n×visible, result: n×hidden.
func (r *RBM) Up(data *matrix.Dense) *matrix.Dense {
	n := data.Rows()
	out := matrix.New(n, r.Hidden())
	for i0 := 0; i0 < n; i0 += upChunk {
		i1 := min(i0+upChunk, n)
		r.HiddenProbs(out.SliceRows(i0, i1), data.SliceRows(i0, i1))
	}
	return out
}

// Sizes returns the layer sizes of a stack of RBMs, from the visible units
// of the first to the hidden units of the last: {784, 1000, 500, 250, 30}.
func Sizes(stack []*RBM) []int {
	sizes := []int{stack[0].Visible()}
	for _, r := range stack {
		sizes = append(sizes, r.Hidden())
	}
	return sizes
}

// Unroll turns a trained stack of RBMs into the starting point of a deep
// autoencoder, as in Fig. 1 of the paper: the encoder's layer k has the
// weights Wₖ and hidden biases cₖ of RBM k, the decoder's layer k the
// transposes Wₖᵀ and visible biases bₖ, untied from the encoder's (fine-tuning
// moves them apart). The hidden layers and the output are logistic; the code
// is linear if the top RBM's hidden units are, else logistic. The
// autoencoder's loss is the cross-entropy, as in the paper's fine-tuning.
//
// So the unrolled network computes the RBMs' deterministic up-down pass:
// hidden probabilities up the stack, visible probabilities down it.
//
// The stack must have at least one RBM, the hidden units of each must be the
// visible units of the next, and only the top RBM may have linear hidden
// units.
func Unroll(stack []*RBM) (*autoencoder.Autoencoder, error) {
	if len(stack) == 0 {
		return nil, fmt.Errorf("rbm: Unroll: no RBMs")
	}
	for k, r := range stack {
		if k+1 < len(stack) && r.Hidden() != stack[k+1].Visible() {
			return nil, fmt.Errorf("rbm: Unroll: RBM %d has %d hidden units, RBM %d has %d visible ones", k+1, r.Hidden(), k+2, stack[k+1].Visible())
		}
		if k+1 < len(stack) && r.LinearHidden {
			return nil, fmt.Errorf("rbm: Unroll: RBM %d of %d has linear hidden units; only the top one may", k+1, len(stack))
		}
	}
	code := "sigmoid"
	if stack[len(stack)-1].LinearHidden {
		code = "linear"
	}
	cfg := autoencoder.Config{
		Layers: Sizes(stack), Activation: "sigmoid", CodeActivation: code, OutputActivation: "sigmoid",
		Loss: autoencoder.CrossEntropy,
	}
	// New draws random weights, every one of which is overwritten below.
	ae, err := autoencoder.New(cfg, rand.New(rand.NewPCG(0, 0)))
	if err != nil {
		return nil, fmt.Errorf("rbm: Unroll: %w", err)
	}
	enc, dec := ae.Encoder.Linears(), ae.Decoder.Linears()
	last := len(stack) - 1
	for k, r := range stack {
		enc[k].W.Copy(r.W) // visible×hidden: in×out of encoder layer k
		enc[k].B.Copy(r.BH)
		d := dec[last-k]   // the decoder runs the stack backwards
		d.W.Transpose(r.W) // hidden×visible
		d.B.Copy(r.BV)
	}
	return ae, nil
}
