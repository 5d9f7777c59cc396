package probe

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
	"bottleneck/nn"
)

// The exercises of package autoencoder that go through a training step:
// training-step, weight-decay, kl-sparsity and contractive. They run
// through the package's exported API (Objective, ObjectiveCorrupted,
// Train), so they grade the exercises through everything a step runs.
// Objective and gradients are compared with grade's loops and central
// differences of them; a penalty is measured as the difference it makes
// to Objective, so that it is graded on its own, after another regularizer
// that adds to every gradient and to the code's delta (which it must add
// to, not overwrite).

// penaltyCase is a net, two sets of its parameters and a batch for each:
// the penalty is called twice, the second time on new weights and a new
// batch, so that state kept wrongly between calls shows.
type penaltyCase struct {
	spec   netSpec
	values [2][]*matrix.Dense
	xs     [2]*matrix.Dense
}

func drawPenaltyCase(rng *rand.Rand, spec netSpec, rows int, pin func([]*matrix.Dense)) penaltyCase {
	c := penaltyCase{spec: spec}
	for k := range 2 {
		c.values[k] = spec.drawParams(rng)
		if pin != nil {
			pin(c.values[k])
		}
		c.xs[k] = uniform(rng, rows+k, spec.layers[0], 0, 1)
	}
	return c
}

// A penaltyExercise is the cases of one penalty, with the penalty on
// either side.
type penaltyExercise struct {
	name  string
	what  string // the penalty, as the labels name it
	cases func(rng *rand.Rand) []penaltyCase
	reg   func() autoencoder.Regularizer // a new one for each case, used for both its calls
	ref   refPenalty
}

func penaltyLabel(e penaltyExercise, c penaltyCase, call int, what string) string {
	return fmt.Sprintf("%s on %s, call %d (a batch of %d): %s", e.what, c.spec, call+1, c.xs[call].Rows(), what)
}

func (e penaltyExercise) run(rng *rand.Rand, out *Recorder) {
	for _, c := range e.cases(rng) {
		ae := c.spec.build(c.values[0])
		reg := e.reg()
		for call := range 2 {
			for i, p := range ae.Params() {
				p.Value.Copy(c.values[call][i])
			}
			fillGrads(ae, 3)
			without := ae.Objective(c.xs[call], []autoencoder.Regularizer{earlier{}})
			before := gradsOf(ae)
			with := ae.Objective(c.xs[call], []autoencoder.Regularizer{earlier{}, reg})
			out.Put(penaltyLabel(e, c, call, "what it adds to the objective"), with-without)
			for i, p := range ae.Params() {
				added := p.Grad.Clone()
				added.Sub(added, before[i])
				out.PutMatrix(penaltyLabel(e, c, call, "what it adds to the gradient of "+p.Name), added)
			}
		}
	}
}

// earlier is a regularizer that comes before the one graded: it adds to
// every gradient and to the code's delta, which the one graded must add
// to, not overwrite.
type earlier struct{}

func (earlier) Penalty(*autoencoder.Batch) float64 { return 0 }

func (earlier) AddGradient(b *autoencoder.Batch) {
	for _, p := range b.AE.Params() {
		for i := 0; i < p.Grad.Rows(); i++ {
			for j := range p.Grad.Row(i) {
				p.Grad.Row(i)[j] += 0.25
			}
		}
	}
	d := b.CodeDelta()
	for i := 0; i < d.Rows(); i++ {
		for j := range d.Row(i) {
			d.Row(i)[j] += 0.5
		}
	}
}

func (e penaltyExercise) want(rng *rand.Rand) []Check {
	var checks []Check
	for _, c := range e.cases(rng) {
		names, _ := c.spec.shapes()
		for call := range 2 {
			net := refNet{spec: c.spec, values: c.values[call]}
			x := c.xs[call]
			f := func() float64 {
				code, _, xhat := net.forward(x)
				return e.ref(net, code, xhat)
			}
			checks = append(checks, scalar(penaltyLabel(e, c, call, "what it adds to the objective"), f(), 1e-11))
			for i, g := range net.numGrad(f) {
				checks = append(checks, gradient(penaltyLabel(e, c, call, "what it adds to the gradient of "+names[i]), g))
			}
		}
	}
	return checks
}

var (
	deep  = netSpec{layers: []int{6, 4, 3}}
	small = netSpec{layers: []int{5, 3}}
	tied  = netSpec{layers: []int{5, 3}, tied: true}
	wide  = netSpec{layers: []int{12, 4}}
)

// pinUnits makes code unit 0 of a one-layer encoder 1 on every image (its
// weights 0, its bias 50: σ(50) rounds to 1) and unit 2 exactly 0 (bias
// −800): the mean activations the KL penalty must keep away from 0 and 1.
func pinUnits(values []*matrix.Dense) {
	w, b := values[0], values[1]
	for i := 0; i < w.Rows(); i++ {
		w.Set(i, 0, 0)
		w.Set(i, 2, 0)
	}
	b.Set(0, 0, 50)
	b.Set(0, 2, -800)
}

var penaltyExercises = []penaltyExercise{
	{name: "weight-decay", what: "WeightDecay{Lambda: 0.3}",
		cases: func(rng *rand.Rand) []penaltyCase {
			return []penaltyCase{drawPenaltyCase(rng, deep, 4, nil), drawPenaltyCase(rng, tied, 3, nil)}
		},
		reg: func() autoencoder.Regularizer { return autoencoder.WeightDecay{Lambda: 0.3} }, ref: refWeightDecay(0.3)},
	{name: "kl-sparsity", what: "KLSparsity{Rho: 0.05, Beta: 3}",
		cases: func(rng *rand.Rand) []penaltyCase {
			return []penaltyCase{drawPenaltyCase(rng, small, 7, nil), drawPenaltyCase(rng, wide, 40, nil),
				drawPenaltyCase(rng, small, 6, pinUnits)}
		},
		reg: func() autoencoder.Regularizer { return autoencoder.KLSparsity{Rho: 0.05, Beta: 3} }, ref: refKL(0.05, 3)},
	{name: "contractive", what: "Contractive{Lambda: 0.5}",
		cases: func(rng *rand.Rand) []penaltyCase {
			return []penaltyCase{drawPenaltyCase(rng, small, 6, nil), drawPenaltyCase(rng, tied, 5, nil),
				drawPenaltyCase(rng, wide, 9, nil)}
		},
		reg: func() autoencoder.Regularizer { return &autoencoder.Contractive{Lambda: 0.5} }, ref: refContractive(0.5)},
}

func init() {
	for _, e := range penaltyExercises {
		register(exercise{name: e.name, run: e.run, want: e.want})
	}
	register(exercise{name: "training-step", run: stepRun, want: stepWant})
}

// stepCase is one training step's setting: the net, the regularizers and
// whether the encoder gets a corrupted input.
type stepCase struct {
	spec    netSpec
	regs    string // as the labels name them
	noisy   bool
	mkRegs  func() []autoencoder.Regularizer
	refRegs []refPenalty
	rows    int
}

var stepCases = []stepCase{
	{small, "no penalty", false, func() []autoencoder.Regularizer { return nil }, nil, 6},
	{small, "weight decay 0.3", true, func() []autoencoder.Regularizer {
		return []autoencoder.Regularizer{autoencoder.WeightDecay{Lambda: 0.3}}
	},
		[]refPenalty{refWeightDecay(0.3)}, 5},
	{small, "a penalty 0.4·(1/2n)Σx̂² on the reconstruction", false,
		func() []autoencoder.Regularizer { return []autoencoder.Regularizer{outputPenalty{0.4}} }, []refPenalty{refOutputPenalty(0.4)}, 4},
	{netSpec{layers: []int{5, 3}, loss: autoencoder.CrossEntropy}, "no penalty", false,
		func() []autoencoder.Regularizer { return nil }, nil, 6},
	{netSpec{layers: []int{5, 3}, loss: autoencoder.CrossEntropy}, "an L1 penalty 0.2 on the code and 0.4·(1/2n)Σx̂² on the reconstruction", true,
		func() []autoencoder.Regularizer {
			return []autoencoder.Regularizer{autoencoder.CodeL1{Lambda: 0.2}, outputPenalty{0.4}}
		}, []refPenalty{refCodeL1(0.2), refOutputPenalty(0.4)}, 6},
	{netSpec{layers: []int{6, 4, 3}, loss: autoencoder.CrossEntropy}, "no penalty", false,
		func() []autoencoder.Regularizer { return nil }, nil, 5},
	{netSpec{layers: []int{5, 3}, tied: true}, "no penalty", true, func() []autoencoder.Regularizer { return nil }, nil, 4},
}

// stepDraw draws the parameters and, per call, a clean batch and the
// encoder's input (a corrupted copy when the case is noisy).
func stepDraw(rng *rand.Rand, c stepCase) (values []*matrix.Dense, clean, input [2]*matrix.Dense) {
	values = c.spec.drawParams(rng)
	for k := range 2 {
		clean[k] = uniform(rng, c.rows+k, c.spec.layers[0], 0, 1)
		input[k] = clean[k]
		if c.noisy {
			input[k] = uniform(rng, c.rows+k, c.spec.layers[0], 0, 1)
		}
	}
	return
}

func stepLabel(c stepCase, call int, what string) string {
	input := "the clean batch"
	if c.noisy {
		input = "a corrupted input, the loss against the clean batch"
	}
	return fmt.Sprintf("a step of %s, %s, %s, call %d (a batch of %d): %s", c.spec, c.regs, input, call+1, c.rows+call, what)
}

func stepRun(rng *rand.Rand, out *Recorder) {
	for _, c := range stepCases {
		values, clean, input := stepDraw(rng, c)
		ae := c.spec.build(values)
		fillGrads(ae, 5) // junk from an earlier step
		for call := range 2 {
			out.Put(stepLabel(c, call, "the objective"), ae.ObjectiveCorrupted(input[call], clean[call], c.mkRegs()))
			putGrads(out, stepLabel(c, call, "after"), ae)
		}
		hist, err := autoencoder.Train(ae, clean[0], matrix.New(0, clean[0].Cols()), autoencoder.TrainConfig{
			Epochs: 1, BatchSize: clean[0].Rows(), Optimizer: &nn.SGD{LearningRate: 0}, Regularizers: c.mkRegs(),
			Rng: rand.New(rand.NewPCG(3, 4)),
		})
		if err != nil {
			panic(fmt.Sprintf("Train: %v", err))
		}
		out.Put(stepLabel(c, 0, "one epoch of Train on the clean batch, without an update: the objective it reports"), hist.TrainLoss[0])
		out.Put(stepLabel(c, 0, "one epoch of Train on the clean batch, without an update: Σ‖x − x̂‖² per image"), hist.TrainSSE[0])
	}
}

func stepWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, c := range stepCases {
		values, clean, input := stepDraw(rng, c)
		net := refNet{spec: c.spec, values: values}
		names, _ := c.spec.shapes()
		for call := range 2 {
			f := func() float64 { return net.objective(input[call], clean[call], c.refRegs) }
			checks = append(checks, scalar(stepLabel(c, call, "the objective"), f(), 1e-11))
			for i, g := range net.numGrad(f) {
				checks = append(checks, gradient(stepLabel(c, call, "after")+": the gradient of "+names[i], g))
			}
		}
		checks = append(checks,
			scalar(stepLabel(c, 0, "one epoch of Train on the clean batch, without an update: the objective it reports"),
				net.objective(clean[0], clean[0], c.refRegs), 1e-11),
			scalar(stepLabel(c, 0, "one epoch of Train on the clean batch, without an update: Σ‖x − x̂‖² per image"), net.sse(clean[0]), 1e-11))
	}
	return checks
}
