package matrix

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// useKernel chooses the kernel name for the rest of the test and puts the
// one in use back when the test ends.
func useKernel(t *testing.T, name string) {
	t.Helper()
	old := Kernel()
	if err := SetKernel(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := SetKernel(old); err != nil {
			t.Error(err)
		}
	})
}

func TestSetKernel(t *testing.T) {
	for _, kern := range append(slices.Clone(availableKernels), &referenceKernel) {
		useKernel(t, kern.name)
		if got := Kernel(); got != kern.name {
			t.Errorf("after SetKernel(%q), Kernel() = %q", kern.name, got)
		}
	}
}

func TestSetKernelUnknown(t *testing.T) {
	before := Kernel()
	for _, name := range []string{"", "Reference", "avx1024", "gonum"} {
		err := SetKernel(name)
		if !errors.Is(err, ErrUnknownKernel) {
			t.Errorf("SetKernel(%q) = %v, want an error wrapping ErrUnknownKernel", name, err)
		}
		if Kernel() != before {
			t.Errorf("SetKernel(%q) failed but changed the kernel to %q", name, Kernel())
		}
	}
}

// TestReferenceKernelIsMulRef: with SetKernel("reference") every product
// the package offers is MulRef's loop, to the bit: Mul, MulTransA and
// MulTransB against MulRef on the transposes copied out, Gram against
// MulRef(aᵀ, a), and AddMulTransA against the loop started from c.
func TestReferenceKernelIsMulRef(t *testing.T) {
	useKernel(t, "reference")
	rng := rand.New(rand.NewPCG(11, 12))
	a, b := randDense(rng, 70, 40, 1), randDense(rng, 40, 90, 0) // 70×40 · 40×90, a with a stride
	at, bt := opCopy(a, true), opCopy(b, true)                   // 40×70, 90×40
	want := New(70, 90)
	want.MulRef(a, b)

	got := New(70, 90)
	got.Mul(a, b)
	if !identical(got, want) {
		t.Errorf("Mul differs from MulRef by up to %g", maxDiff(got, want))
	}
	got.MulTransA(at, b)
	if !identical(got, want) {
		t.Errorf("MulTransA differs from MulRef by up to %g", maxDiff(got, want))
	}
	got.MulTransB(a, bt)
	if !identical(got, want) {
		t.Errorf("MulTransB differs from MulRef by up to %g", maxDiff(got, want))
	}

	g, wantG := New(40, 40), New(40, 40)
	g.Gram(a)
	wantG.MulRef(at, a)
	if !identical(g, wantG) {
		t.Errorf("Gram differs from MulRef by up to %g", maxDiff(g, wantG))
	}

	// AddMulTransA(aᵀ, b) adds a·b to c₀, summing from c₀ in increasing k:
	// c(i, j) = ((c₀(i, j) + a(i, 0)·b(0, j)) + a(i, 1)·b(1, j)) + …
	c0 := randDense(rng, 70, 90, 0)
	wantAcc := New(70, 90)
	for i := 0; i < 70; i++ {
		for j := 0; j < 90; j++ {
			s := c0.At(i, j)
			for k := 0; k < 40; k++ {
				s += a.At(i, k) * b.At(k, j)
			}
			wantAcc.Set(i, j, s)
		}
	}
	got.Copy(c0)
	got.AddMulTransA(at, b)
	if !identical(got, wantAcc) {
		t.Errorf("AddMulTransA differs from the loop started at c₀ by up to %g", maxDiff(got, wantAcc))
	}
}

// TestMicroKernelsCheckBounds: every micro-kernel, handed a sliver or a
// tile shorter than kc steps need, panics instead of reading or writing
// past the slice (the assembly ones check in their Go wrapper).
func TestMicroKernelsCheckBounds(t *testing.T) {
	const kc = 5
	for _, kern := range availableKernels {
		a, b := make([]float64, kern.mr*kc), make([]float64, kern.nr*kc)
		c := make([]float64, kern.mr*kern.nr)
		short := []struct {
			name    string
			a, b, c []float64
		}{
			{"A sliver", a[: len(a)-1 : len(a)-1], b, c},
			{"B sliver", a, b[: len(b)-1 : len(b)-1], c},
			{"tile", a, b, c[: len(c)-1 : len(c)-1]},
		}
		for _, s := range short {
			if panics(func() { kern.micro(kc, s.a, s.b, s.c, kern.nr) }) == "" {
				t.Errorf("%s: a %s one value short did not panic", kern.name, s.name)
			}
		}
		// The right lengths do not panic.
		if msg := panics(func() { kern.micro(kc, a, b, c, kern.nr) }); msg != "" {
			t.Errorf("%s: slivers of the right length panicked: %s", kern.name, msg)
		}
	}
}
