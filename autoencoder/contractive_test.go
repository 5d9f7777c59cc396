package autoencoder

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
	"bottleneck/nn"
)

// TestContractiveIsJacobianNorm compares the closed form with the squared
// Frobenius norm of the encoder's Jacobian found by central differences in
// the input, image by image: the penalty is what its name says.
func TestContractiveIsJacobianNorm(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	ae, err := New(Config{Layers: []int{6, 4}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Contractive: 0.5}, rng)
	if err != nil {
		t.Fatal(err)
	}
	randomizeBiases(ae, rng)
	x := randData(rng, 5, 6)
	b := newBatch(ae)
	b.forward(x, x)
	got := ae.Penalties()[0].Penalty(b)

	const h = 1e-5 // GradCheckStep: the central difference's error is ~1e-10 here
	sum := 0.0
	for n := 0; n < x.Rows(); n++ {
		for i := 0; i < x.Cols(); i++ {
			xp, xm := x.SliceRows(n, n+1).Clone(), x.SliceRows(n, n+1).Clone()
			xp.Set(0, i, xp.At(0, i)+h)
			xm.Set(0, i, xm.At(0, i)-h)
			hp, hm := ae.Encode(xp), ae.Encode(xm)
			for j := 0; j < hp.Cols(); j++ {
				d := (hp.At(0, j) - hm.At(0, j)) / (2 * h) // ∂hⱼ/∂xᵢ
				sum += d * d
			}
		}
	}
	want := 0.5 * sum / float64(x.Rows())
	if !(math.Abs(got-want) <= 1e-8*want) {
		t.Errorf("closed form %.12g, λ times the mean ‖J‖²_F by differences %.12g", got, want)
	}
}

// TestContractiveGradients checks the contractive penalty alone, with
// weight decay, with the sparsity penalties and with noise, both losses,
// tied and untied.
func TestContractiveGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 14))
	variants := []struct {
		name   string
		change func(c *Config)
		regs   []Regularizer
	}{
		{"alone", func(c *Config) {}, nil},
		{"large λ", func(c *Config) { c.Contractive = 5 }, nil},
		{"with weight decay", func(c *Config) {}, []Regularizer{WeightDecay{Lambda: 0.3}}},
		{"with L1 and KL", func(c *Config) { c.L1, c.Sparsity, c.SparsityWeight = 0.2, 0.1, 1 }, nil},
	}
	for _, v := range variants {
		for _, loss := range []Loss{SquaredError, CrossEntropy} {
			for _, tied := range []bool{false, true} {
				cfg := Config{Layers: []int{7, 4}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Loss: loss, Tied: tied, Contractive: 0.8}
				v.change(&cfg)
				ae, err := New(cfg, rng)
				if err != nil {
					t.Fatal(err)
				}
				randomizeBiases(ae, rng)
				x := randData(rng, 6, 7)
				name := fmt.Sprintf("contractive %s, %v tied=%v", v.name, loss, tied)
				checkObjective(t, name, ae, func() float64 { return ae.Objective(x, v.regs) })
			}
		}
	}
}

// TestContractiveFlattensTheEncoder: trained with the penalty, the encoder
// has a smaller mean ‖J_f(x)‖²_F on the data than trained without.
func TestContractiveFlattensTheEncoder(t *testing.T) {
	data := lowRankData(rand.New(rand.NewPCG(51, 51)), 500, 30, 4)
	jacobianNorm := func(lambda float64) float64 {
		rng := rand.New(rand.NewPCG(52, 52))
		ae, err := New(Config{Layers: []int{30, 10}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Contractive: lambda}, rng)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Train(ae, data, data.SliceRows(0, 0), TrainConfig{Epochs: 40, BatchSize: 50, Optimizer: nn.NewAdam(0.01), Rng: rng}); err != nil {
			t.Fatal(err)
		}
		b := newBatch(ae)
		b.forward(data, data)
		return (&Contractive{Lambda: 1}).Penalty(b)
	}
	plain, contracted := jacobianNorm(0), jacobianNorm(0.1)
	t.Logf("mean ‖J_f(x)‖²_F: plain %.4g, contractive λ = 0.1 %.4g", plain, contracted)
	if !(contracted < plain/2) {
		t.Errorf("mean ‖J‖²_F %.4g with the penalty, %.4g without: want at least halved", contracted, plain)
	}
}

// TestContractiveStepAllocatesNothing: the penalty keeps its two vectors
// from step to step.
func TestContractiveStepAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 14))
	ae, err := New(Config{Layers: []int{50, 20}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid", Contractive: 0.1, L1: 0.1, Sparsity: 0.05, SparsityWeight: 3}, rng)
	if err != nil {
		t.Fatal(err)
	}
	x := randData(rng, 16, 50)
	grad := matrix.New(16, 50)
	regs := ae.Penalties()
	ae.step(x, x, grad, regs)
	if allocs := testing.AllocsPerRun(5, func() { ae.step(x, x, grad, regs) }); allocs != 0 {
		t.Errorf("%v allocations per step with the penalties, want 0", allocs)
	}
}
