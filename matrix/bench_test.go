package matrix

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// linearShapes are the three products of a linear layer 784 → 256 on a
// mini-batch of 128 MNIST images (X: 128×784, W: 784×256, dY: 128×256):
//
//	forward  Y  = X·W    Mul        128×784 · 784×256
//	weights  dW = Xᵀ·dY  MulTransA  (128×784)ᵀ · 128×256
//	inputs   dX = dY·Wᵀ  MulTransB  128×256 · (784×256)ᵀ
//
// Each is 2·128·784·256 ≈ 51.4 million floating-point operations.
var linearShapes = []struct {
	name           string
	transA, transB bool
	ar, ac, br, bc int // shapes of the operands as stored
}{
	{"Forward128x784x256", false, false, 128, 784, 784, 256},
	{"WeightGrad784x128x256", true, false, 128, 784, 128, 256},
	{"InputGrad128x256x784", false, true, 128, 256, 784, 256},
}

// benchRefs are the simple loops the kernels are compared with: the
// textbook reference MulRef, and the row loop that was the package's kernel
// before (mulRowLoop). They know no transposes, so they get aT and bT:
// op(a) and op(b) copied out beforehand, outside the timed loop.
var benchRefs = []struct {
	name string
	run  func(aT, bT, c *Dense)
}{
	{"MulRef", func(aT, bT, c *Dense) { c.MulRef(aT, bT) }},
	{"RowLoop", mulRowLoop},
}

// BenchmarkLinear times the three products of a linear layer at the MNIST
// shapes, for each kernel, and reports GFLOP/s (2·m·n·k floating-point
// operations per product). The seed is fixed so every run sees the same
// numbers.
func BenchmarkLinear(b *testing.B) {
	for _, s := range linearShapes {
		rng := rand.New(rand.NewPCG(1, 2))
		x, y := randDense(rng, s.ar, s.ac, 0), randDense(rng, s.br, s.bc, 0)
		xT, yT := opCopy(x, s.transA), opCopy(y, s.transB)
		m, k := xT.Dims()
		n := yT.cols
		c := New(m, n)
		flops := 2 * float64(m) * float64(n) * float64(k)
		for _, ref := range benchRefs {
			b.Run(s.name+"/"+ref.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ref.run(xT, yT, c)
				}
				b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
			})
		}
		// Every kernel this build and CPU can run; the one Mul uses is
		// named Mul_ and its name.
		for _, kern := range availableKernels {
			name := kern.name
			if kern == active() {
				name = "Mul_" + name
			}
			b.Run(s.name+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					gemmWith(kern, s.transA, s.transB, x, y, c, false)
				}
				b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
			})
		}
	}
}

// BenchmarkGram compares Gram (one triangle, then mirrored) with the full
// product MulTransA on the covariance shape of MNIST, on a tenth of the
// training set: a is 6000×784, the result 784×784. Both report the flops of
// the full product, 2·n·d², so the figures compare times directly.
func BenchmarkGram(b *testing.B) {
	const n, d = 6000, 784
	rng := rand.New(rand.NewPCG(1, 2))
	a := randDense(rng, n, d, 0)
	c := New(d, d)
	flops := 2 * float64(n) * float64(d) * float64(d)
	for _, v := range []struct {
		name string
		run  func()
	}{
		{"Gram", func() { c.Gram(a) }},
		{"MulTransA", func() { c.MulTransA(a, a) }},
	} {
		b.Run(fmt.Sprintf("%s%dx%d", v.name, n, d), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.run()
			}
			b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
		})
	}
}

// BenchmarkWeightGradAccumulate compares two ways of accumulating the weight
// gradient of the 784 → 256 layer over a mini-batch of 128, dW += Xᵀ·dY:
// AddMulTransA in one pass, against MulTransA into a temporary followed by
// Add. GFLOP/s counts the product's 2·784·128·256 flops only.
func BenchmarkWeightGradAccumulate(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, dy := randDense(rng, 128, 784, 0), randDense(rng, 128, 256, 0)
	dw, tmp := New(784, 256), New(784, 256)
	flops := 2 * 784 * 128 * 256.0
	for _, v := range []struct {
		name string
		run  func()
	}{
		{"AddMulTransA", func() { dw.AddMulTransA(x, dy) }},
		{"MulTransA+Add", func() { tmp.MulTransA(x, dy); dw.Add(dw, tmp) }},
	} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v.run()
			}
			b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
		})
	}
}

// mulRowLoop sets c = a·b by the loop order i, k, j: row i of c is the sum
// of the rows k of b weighted by a(i, k). This was the package's kernel
// before the blocked one; it reads b row by row, which is kinder to the
// cache than MulRef's walk down the columns of b, so it is the fairer
// baseline for a simple loop.
func mulRowLoop(a, b, c *Dense) {
	for i := 0; i < c.rows; i++ {
		ci := c.Row(i)
		clear(ci)
		for k, aik := range a.Row(i) {
			bk := b.Row(k)
			for j := range ci {
				ci[j] += aik * bk[j]
			}
		}
	}
}

// BenchmarkSpeedupTwoCores measures what a second core brings to Mul,
// MulTransA and MulTransB at the MNIST shapes on a machine shared with other
// work, where the figures of a plain benchmark swing with the load. Each
// iteration times one product with GOMAXPROCS=1 and one with GOMAXPROCS=2,
// back to back so that both see the same background, and the benchmark
// reports the best time of each as GFLOP/s, and their ratio as "speedup".
// Run it with a fixed count, e.g. -benchtime 200x.
func BenchmarkSpeedupTwoCores(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, s := range linearShapes {
		rng := rand.New(rand.NewPCG(1, 2))
		x, y := randDense(rng, s.ar, s.ac, 0), randDense(rng, s.br, s.bc, 0)
		m, k := x.rows, x.cols
		if s.transA {
			m, k = k, m
		}
		n := y.cols
		if s.transB {
			n = y.rows
		}
		c := New(m, n)
		flops := 2 * float64(m) * float64(n) * float64(k)
		b.Run(s.name+"/Mul_"+Kernel(), func(b *testing.B) {
			best := [3]time.Duration{0, time.Hour, time.Hour}
			for b.Loop() {
				for procs := 1; procs <= 2; procs++ {
					runtime.GOMAXPROCS(procs)
					start := time.Now()
					gemm(s.transA, s.transB, x, y, c)
					best[procs] = min(best[procs], time.Since(start))
				}
			}
			b.ReportMetric(flops/float64(best[1].Nanoseconds()), "GFLOP/s-1core")
			b.ReportMetric(flops/float64(best[2].Nanoseconds()), "GFLOP/s-2cores")
			b.ReportMetric(float64(best[1])/float64(best[2]), "speedup")
		})
	}
}

// BenchmarkKernelsOneCore compares every kernel this build and CPU can run
// on one core, at the three MNIST shapes, on a machine shared with other
// work: each iteration runs one product with each kernel, back to back so
// that all see the same background, and the benchmark reports the best
// time of each as GFLOP/s (metric "GFLOP/s-" and the kernel's name). Run
// it with a fixed count, e.g. -benchtime 100x.
func BenchmarkKernelsOneCore(b *testing.B) {
	for _, s := range linearShapes {
		rng := rand.New(rand.NewPCG(1, 2))
		x, y := randDense(rng, s.ar, s.ac, 0), randDense(rng, s.br, s.bc, 0)
		xT, yT := opCopy(x, s.transA), opCopy(y, s.transB)
		m, k := xT.Dims()
		n := yT.cols
		c := New(m, n)
		flops := 2 * float64(m) * float64(n) * float64(k)
		b.Run(s.name, func(b *testing.B) {
			// Inside the sub-benchmark: b.Run sets GOMAXPROCS to the -cpu
			// value before calling it, so a setting made outside would be
			// undone and the products would share two cores.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			best := make([]time.Duration, len(availableKernels))
			for i := range best {
				best[i] = time.Hour
			}
			for b.Loop() {
				for i, kern := range availableKernels {
					start := time.Now()
					gemmWith(kern, s.transA, s.transB, x, y, c, false)
					best[i] = min(best[i], time.Since(start))
				}
			}
			for i, kern := range availableKernels {
				b.ReportMetric(flops/float64(best[i].Nanoseconds()), "GFLOP/s-"+kern.name)
			}
		})
	}
}

// BenchmarkMicroKernel times each kernel's micro-kernel alone on slivers of
// kc = 256 steps that stay in the L1 cache, on one core: the most a kernel
// can reach, against which the products above can be judged. It reports
// GFLOP/s (2·mr·nr·kc floating-point operations per call).
func BenchmarkMicroKernel(b *testing.B) {
	const kc = 256
	for _, kern := range availableKernels {
		rng := rand.New(rand.NewPCG(1, 2))
		a, bs := make([]float64, kern.mr*kc), make([]float64, kern.nr*kc)
		for i := range a {
			a[i] = rng.Float64()
		}
		for i := range bs {
			bs[i] = rng.Float64()
		}
		c := make([]float64, kern.mr*kern.nr)
		flops := 2 * float64(kern.mr*kern.nr*kc)
		b.Run(kern.name, func(b *testing.B) {
			for b.Loop() {
				kern.micro(kc, a, bs, c, kern.nr)
			}
			b.ReportMetric(flops*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GFLOP/s")
		})
	}
}

// BenchmarkDeepStepProducts times the matrix products of one training step
// of Hinton and Salakhutdinov's deep autoencoder, 784-1000-500-250-30 and
// its mirror, on a mini-batch of 128 images, with nothing else: per layer
// the forward Y = X·W, the weight gradient dW += Xᵀ·dY and (but for the
// first layer) the input gradient dX = dY·Wᵀ, in the order a step runs
// them, on the cores GOMAXPROCS gives. Its GFLOP/s is the most a whole
// training epoch of that net could reach with this kernel: an epoch adds
// the copy of the batch's rows, the activations, the bias sums, the loss,
// the clearing of the gradients, the check for NaN and Adam's update to
// these products. Best of all iterations (machines here are
// shared); run it with a fixed count, e.g. -benchtime 50x.
func BenchmarkDeepStepProducts(b *testing.B) {
	const batch = 128
	sizes := []int{784, 1000, 500, 250, 30, 250, 500, 1000, 784}
	rng := rand.New(rand.NewPCG(1, 2))
	type layer struct{ x, w, dw, y, dy, dx *Dense }
	var layers []layer
	flops := 0.0
	for i := 0; i+1 < len(sizes); i++ {
		in, out := sizes[i], sizes[i+1]
		l := layer{x: randDense(rng, batch, in, 0), w: randDense(rng, in, out, 0), dw: New(in, out),
			y: New(batch, out), dy: randDense(rng, batch, out, 0), dx: New(batch, in)}
		layers = append(layers, l)
		products := 3.0
		if i == 0 {
			products = 2
		}
		flops += products * 2 * batch * float64(in) * float64(out)
	}
	best := time.Hour
	for b.Loop() {
		start := time.Now()
		for _, l := range layers {
			l.y.Mul(l.x, l.w)
		}
		for i := len(layers) - 1; i >= 0; i-- {
			l := layers[i]
			l.dw.AddMulTransA(l.x, l.dy)
			if i > 0 {
				l.dx.MulTransB(l.dy, l.w)
			}
		}
		best = min(best, time.Since(start))
	}
	b.ReportMetric(flops/float64(best.Nanoseconds()), "GFLOP/s")
	b.ReportMetric(float64(best.Microseconds())*60000/batch/1e6, "s/epoch")
}
