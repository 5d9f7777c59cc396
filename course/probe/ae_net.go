package probe

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// The autoencoders the exercises of package autoencoder run on: sigmoid
// units throughout, weights drawn from the seed (so both halves know
// them), and, on grade's side, the objective written out as loops, whose
// gradient is taken by central differences.

// netSpec is an autoencoder's shape.
type netSpec struct {
	layers []int // input to code
	tied   bool
	loss   autoencoder.Loss
}

func (s netSpec) String() string {
	what := fmt.Sprint(s.layers)
	if s.tied {
		what += " tied"
	}
	return fmt.Sprintf("a %s sigmoid autoencoder, %s", what, s.loss)
}

// shapes returns the names and shapes of the parameters, in the order of
// (*autoencoder.Autoencoder).Params: the encoder's W1, b1, W2, … then the
// decoder's from the code outwards, Wd′, bd′, …, W1′, b1′ (no W′ when
// tied).
func (s netSpec) shapes() (names []string, shapes [][2]int) {
	d := len(s.layers) - 1
	for k := 1; k <= d; k++ {
		names = append(names, fmt.Sprintf("W%d", k), fmt.Sprintf("b%d", k))
		shapes = append(shapes, [2]int{s.layers[k-1], s.layers[k]}, [2]int{1, s.layers[k]})
	}
	for k := d; k >= 1; k-- {
		if !s.tied {
			names = append(names, fmt.Sprintf("W%d′", k))
			shapes = append(shapes, [2]int{s.layers[k], s.layers[k-1]})
		}
		names = append(names, fmt.Sprintf("b%d′", k))
		shapes = append(shapes, [2]int{1, s.layers[k-1]})
	}
	return names, shapes
}

// drawParams draws the parameters' values.
func (s netSpec) drawParams(rng *rand.Rand) []*matrix.Dense {
	_, shapes := s.shapes()
	var ps []*matrix.Dense
	for _, sh := range shapes {
		ps = append(ps, uniform(rng, sh[0], sh[1], -1, 1))
	}
	return ps
}

// build makes the autoencoder of the spec with the given values, on the
// student's side.
func (s netSpec) build(values []*matrix.Dense) *autoencoder.Autoencoder {
	ae, err := autoencoder.New(autoencoder.Config{Layers: s.layers, Activation: "sigmoid", CodeActivation: "sigmoid",
		OutputActivation: "sigmoid", Loss: s.loss, Tied: s.tied, AllowOvercomplete: true}, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		panic(err)
	}
	names, _ := s.shapes()
	ps := ae.Params()
	if len(ps) != len(names) {
		panic(fmt.Sprintf("probe: %s has %d parameters, want %d", s, len(ps), len(names)))
	}
	for i, p := range ps {
		if p.Name != names[i] {
			panic(fmt.Sprintf("probe: %s: parameter %d is %s, want %s", s, i, p.Name, names[i]))
		}
		p.Value.Copy(values[i])
	}
	return ae
}

// refNet is the spec with its values, on grade's side.
type refNet struct {
	spec   netSpec
	values []*matrix.Dense
}

// weights returns the weight matrices (Params order) and the decoder's,
// from the code outwards, as used in the forward pass.
func (n refNet) layersOf() (enc, encB, dec, decB []*matrix.Dense) {
	d := len(n.spec.layers) - 1
	i := 0
	for k := 0; k < d; k++ {
		enc, encB = append(enc, n.values[i]), append(encB, n.values[i+1])
		i += 2
	}
	for k := d - 1; k >= 0; k-- {
		if n.spec.tied {
			dec = append(dec, transposed(enc[k]))
		} else {
			dec = append(dec, n.values[i])
			i++
		}
		decB = append(decB, n.values[i])
		i++
	}
	return
}

func transposed(m *matrix.Dense) *matrix.Dense {
	t := matrix.New(m.Cols(), m.Rows())
	for i := 0; i < m.Rows(); i++ {
		for j, v := range m.Row(i) {
			t.Set(j, i, v)
		}
	}
	return t
}

// forward returns the code, the logits of the output and the
// reconstruction, with loops.
func (n refNet) forward(x *matrix.Dense) (code, logits, xhat *matrix.Dense) {
	enc, encB, dec, decB := n.layersOf()
	a := x
	for k := range enc {
		a = mapped(plusRow(mulLoops(a, enc[k], false, false), encB[k]), sigma)
	}
	code = a
	for k := range dec {
		logits = plusRow(mulLoops(a, dec[k], false, false), decB[k])
		a = mapped(logits, sigma)
	}
	return code, logits, a
}

// A refPenalty is a penalty as grade works it out: from the net, its code
// and reconstruction on a batch of n.
type refPenalty func(n refNet, code, xhat *matrix.Dense) float64

// objective returns (1/n)·L(clean, x̂) of the input plus the penalties.
func (n refNet) objective(input, clean *matrix.Dense, pens []refPenalty) float64 {
	code, logits, xhat := n.forward(input)
	rows := float64(clean.Rows())
	loss := 0.0
	for i := 0; i < clean.Rows(); i++ {
		for j, t := range clean.Row(i) {
			if n.spec.loss == autoencoder.CrossEntropy {
				l, _ := sigmoidCrossEntropyElem(logits.At(i, j), t)
				loss += l
			} else {
				d := xhat.At(i, j) - t
				loss += d * d / 2
			}
		}
	}
	j := loss / rows
	for _, p := range pens {
		j += p(n, code, xhat)
	}
	return j
}

// sse returns Σ (x − x̂)² per image.
func (n refNet) sse(x *matrix.Dense) float64 {
	_, _, xhat := n.forward(x)
	s := 0.0
	for i := 0; i < x.Rows(); i++ {
		for j, v := range x.Row(i) {
			d := xhat.At(i, j) - v
			s += d * d
		}
	}
	return s / float64(x.Rows())
}

// numGrad returns the gradient of f with respect to each of the values, by
// central differences.
func (n refNet) numGrad(f func() float64) []*matrix.Dense {
	const h = 1e-5
	var out []*matrix.Dense
	for _, v := range n.values {
		g := matrix.New(v.Dims())
		for i := 0; i < v.Rows(); i++ {
			row := v.Row(i)
			for j := range row {
				keep := row[j]
				row[j] = keep + h
				up := f()
				row[j] = keep - h
				down := f()
				row[j] = keep
				g.Row(i)[j] = (up - down) / (2 * h)
			}
		}
		out = append(out, g)
	}
	return out
}

// gradient checks a gradient against central differences: every entry
// within 1e-6 of the largest entry's size (at least 1).
func gradient(label string, want *matrix.Dense) Check {
	scale := 1.0
	for i := 0; i < want.Rows(); i++ {
		for _, v := range want.Row(i) {
			scale = math.Max(scale, math.Abs(v))
		}
	}
	return judged(label, func(m *matrix.Dense) string {
		if m.Rows() != want.Rows() || m.Cols() != want.Cols() {
			return fmt.Sprintf("is %d×%d, want %d×%d", m.Rows(), m.Cols(), want.Rows(), want.Cols())
		}
		for i := 0; i < m.Rows(); i++ {
			for j := 0; j < m.Cols(); j++ {
				if g, w := m.At(i, j), want.At(i, j); !(math.Abs(g-w) <= 1e-6*scale) {
					return fmt.Sprintf("entry (%d, %d) is %s, by central differences", i, j, differ(g, w))
				}
			}
		}
		return ""
	})
}

// The penalties, as grade works them out.

func refWeightDecay(lambda float64) refPenalty {
	return func(n refNet, _, _ *matrix.Dense) float64 {
		names, _ := n.spec.shapes()
		s := 0.0
		for i, v := range n.values {
			if names[i][0] != 'W' {
				continue
			}
			for r := 0; r < v.Rows(); r++ {
				for _, w := range v.Row(r) {
					s += w * w
				}
			}
		}
		return lambda / 2 * s
	}
}

func refKL(rho, beta float64) refPenalty {
	return func(_ refNet, code, _ *matrix.Dense) float64 {
		s := 0.0
		for j := 0; j < code.Cols(); j++ {
			m := 0.0
			for i := 0; i < code.Rows(); i++ {
				m += code.At(i, j)
			}
			m = math.Min(math.Max(m/float64(code.Rows()), 1e-12), 1-1e-12)
			s += rho*math.Log(rho/m) + (1-rho)*math.Log((1-rho)/(1-m))
		}
		return beta * s
	}
}

func refContractive(lambda float64) refPenalty {
	return func(n refNet, code, _ *matrix.Dense) float64 {
		w := n.values[0] // W1, in×code
		s := 0.0
		for i := 0; i < code.Rows(); i++ {
			for j, h := range code.Row(i) {
				norm := 0.0
				for r := 0; r < w.Rows(); r++ {
					norm += w.At(r, j) * w.At(r, j)
				}
				d := h * (1 - h)
				s += d * d * norm
			}
		}
		return lambda * s / float64(code.Rows())
	}
}

func refCodeL1(lambda float64) refPenalty {
	return func(_ refNet, code, _ *matrix.Dense) float64 {
		s := 0.0
		for i := 0; i < code.Rows(); i++ {
			for _, h := range code.Row(i) {
				s += math.Abs(h)
			}
		}
		return lambda * s / float64(code.Rows())
	}
}

func refOutputPenalty(mu float64) refPenalty {
	return func(_ refNet, _, xhat *matrix.Dense) float64 {
		s := 0.0
		for i := 0; i < xhat.Rows(); i++ {
			for _, v := range xhat.Row(i) {
				s += v * v
			}
		}
		return mu * s / (2 * float64(xhat.Rows()))
	}
}

// outputPenalty is Ω = μ·(1/2n) Σ x̂², a penalty on the reconstruction,
// on the student's side: its delta μ·x̂/n goes to the output of the last
// layer, and with cross-entropy must pass through the output sigmoid.
type outputPenalty struct{ mu float64 }

func (p outputPenalty) Penalty(b *autoencoder.Batch) float64 {
	return refOutputPenalty(p.mu)(refNet{}, nil, b.Reconstruction())
}

func (p outputPenalty) AddGradient(b *autoencoder.Batch) {
	b.Delta(b.NumLayers()-1).AddScaled(p.mu/float64(b.Rows()), b.Reconstruction())
}

// putGrads records every parameter's gradient.
func putGrads(out *Recorder, what string, ae *autoencoder.Autoencoder) {
	for _, p := range ae.Params() {
		out.PutMatrix(what+": the gradient of "+p.Name, p.Grad)
	}
}

// fillGrads puts junk into every gradient, as an earlier step leaves.
func fillGrads(ae *autoencoder.Autoencoder, v float64) {
	for _, p := range ae.Params() {
		p.Grad.Fill(v)
	}
}

// gradsOf returns a copy of every parameter's gradient.
func gradsOf(ae *autoencoder.Autoencoder) []*matrix.Dense {
	var gs []*matrix.Dense
	for _, p := range ae.Params() {
		gs = append(gs, p.Grad.Clone())
	}
	return gs
}
