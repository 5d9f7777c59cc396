package nn_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/mnist/mnistdata"
	"bottleneck/nn"
)

// The lecture's basic autoencoder, 784-d-784 with sigmoid units, exactly as
// docs/autoencoder.md derives it: one forward pass, the loss, one backward
// pass and one step of gradient descent on the first 128 MNIST training
// images, each line labelled with its equation in docs/autoencoder.md.
// What it prints is the Output comment at the end; go test ./nn -run
// Example_lecture checks it, and shows what it got wherever it differs
// (change d, η or n and see).
func Example_lecture() {
	train, err := mnist.Source{FS: mnistdata.FS(), Name: "the embedded copy"}.LoadTrain(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	const n, d = 128, 32 // images in the batch, size of the code
	X := train.Images.SliceRows(0, n)

	rng := rand.New(rand.NewPCG(1, 2))
	enc, dec := nn.NewLinear(784, d), nn.NewLinear(d, 784) // W₁, b₁ and W₁′, b₁′
	nn.GlorotUniform(enc.W, rng)
	nn.GlorotUniform(dec.W, rng)
	sigH, sigOut := &nn.Sigmoid{}, &nn.Sigmoid{}
	params := append(enc.Params(), dec.Params()...)
	show := func(eq, what string, m *matrix.Dense) {
		w := 22 // columns for what; the hat of X̂ is a combining mark and takes none
		for _, r := range what {
			if !unicode.Is(unicode.Mn, r) {
				w--
			}
		}
		fmt.Printf("%-5s %s%s %d×%d\n", eq, what, strings.Repeat(" ", max(w, 0)), m.Rows(), m.Cols())
	}
	show("data", fmt.Sprintf("X, %d training images", n), X)
	show("init", "W₁", enc.W)
	show("init", "b₁", enc.B)
	show("init", "W₁′", dec.W)
	show("init", "b₁′", dec.B)

	// Forward pass, the lecture's 09:20 slide in rows.
	A1 := enc.Forward(X) // A₁ = X·W₁ + b₁
	show("(F1)", "A₁ = X·W₁ + b₁", A1)
	H := sigH.Forward(A1) // H = σ(A₁), the code
	show("(F2)", "H = σ(A₁)", H)
	A1p := dec.Forward(H) // A₁′ = H·W₁′ + b₁′
	show("(F3)", "A₁′ = H·W₁′ + b₁′", A1p)
	Xhat := sigOut.Forward(A1p) // X̂ = σ(A₁′)
	show("(F4)", "X̂ = σ(A₁′)", Xhat)

	// The loss and its gradient: the lecture's ½‖X − X̂‖² (16:19), per image.
	dXhat := matrix.New(n, 784)
	J := nn.MeanHalfSquaredError(Xhat, X, dXhat) // J and dX̂ = (X̂ − X)/n
	fmt.Printf("(L2)  J = (1/n)·½‖X̂ − X‖²  %.4f before the step\n", J)
	show("(D1)", "dX̂ = (X̂ − X)/n", dXhat)

	// Backward pass: the lecture's "back propagation", stage by stage.
	nn.ZeroGrad(params)
	dA1p := sigOut.Backward(dXhat) // dA₁′ = dX̂ ⊙ X̂ ⊙ (1 − X̂)
	show("(D2)", "dA₁′ = dX̂⊙X̂⊙(1−X̂)", dA1p)
	dH := dec.Backward(dA1p) // dW₁′ = Hᵀ·dA₁′, db₁′ = colsum(dA₁′), dH = dA₁′·W₁′ᵀ
	show("(B1)", "dW₁′ = Hᵀ·dA₁′", dec.DW)
	show("(B2)", "db₁′ = colsum(dA₁′)", dec.DB)
	show("(B3)", "dH = dA₁′·W₁′ᵀ", dH)
	dA1 := sigH.Backward(dH) // dA₁ = dH ⊙ H ⊙ (1 − H)
	show("(D3)", "dA₁ = dH⊙H⊙(1−H)", dA1)
	enc.BackwardParams(dA1) // dW₁ = Xᵀ·dA₁, db₁ = colsum(dA₁); no dX: X is data
	show("(B1)", "dW₁ = Xᵀ·dA₁", enc.DW)
	show("(B2)", "db₁ = colsum(dA₁)", enc.DB)

	// One step of gradient descent, θ ← θ − η·dθ, on W₁, b₁, W₁′, b₁′.
	sgd := &nn.SGD{LearningRate: 2}
	sgd.Step(params)
	numbers := 0
	for _, p := range params {
		numbers += p.Value.Rows() * p.Value.Cols()
	}
	fmt.Printf("(S)   θ ← θ − η·dθ, η = %g  on W₁, b₁, W₁′, b₁′: %d numbers\n", sgd.LearningRate, numbers)

	// The same batch through the moved weights.
	after := nn.MeanHalfSquaredError(sigOut.Forward(dec.Forward(sigH.Forward(enc.Forward(X)))), X, nil)
	fmt.Printf("(L2)  J = (1/n)·½‖X̂ − X‖²  %.4f after the step\n", after)

	// Output:
	// data  X, 128 training images 128×784
	// init  W₁                     784×32
	// init  b₁                     1×32
	// init  W₁′                    32×784
	// init  b₁′                    1×784
	// (F1)  A₁ = X·W₁ + b₁         128×32
	// (F2)  H = σ(A₁)              128×32
	// (F3)  A₁′ = H·W₁′ + b₁′      128×784
	// (F4)  X̂ = σ(A₁′)             128×784
	// (L2)  J = (1/n)·½‖X̂ − X‖²  91.1458 before the step
	// (D1)  dX̂ = (X̂ − X)/n         128×784
	// (D2)  dA₁′ = dX̂⊙X̂⊙(1−X̂)      128×784
	// (B1)  dW₁′ = Hᵀ·dA₁′         32×784
	// (B2)  db₁′ = colsum(dA₁′)    1×784
	// (B3)  dH = dA₁′·W₁′ᵀ         128×32
	// (D3)  dA₁ = dH⊙H⊙(1−H)       128×32
	// (B1)  dW₁ = Xᵀ·dA₁           784×32
	// (B2)  db₁ = colsum(dA₁)      1×32
	// (S)   θ ← θ − η·dθ, η = 2  on W₁, b₁, W₁′, b₁′: 50992 numbers
	// (L2)  J = (1/n)·½‖X̂ − X‖²  30.4662 after the step
}
