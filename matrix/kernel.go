package matrix

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
)

// bestKernel is the fastest kernel this build and CPU can run: the portable
// kernel unless the init function of an assembly kernel's file
// (gemm_asm_amd64.go, gemm_asm_arm64.go) replaced it after checking the CPU. Mul, MulTransA, MulTransB, AddMulTransA and Gram use it unless
// SetKernel chose another one.
var bestKernel = &portableKernel

// availableKernels lists every fast kernel this build and this CPU can
// run, so that the tests can check each one against MulRef.
var availableKernels = []*kernel{&portableKernel}

// chosen is the kernel SetKernel chose, or nil for bestKernel. It is an
// atomic pointer so that SetKernel may be called while other goroutines
// multiply.
var chosen atomic.Pointer[kernel]

// active returns the kernel the products use now.
func active() *kernel {
	if k := chosen.Load(); k != nil {
		return k
	}
	return bestKernel
}

// Kernel returns the name of the matrix-product kernel in use: "avx2"
// (assembly, on amd64 CPUs with AVX2 and FMA), "neon" (assembly, on arm64),
// "portable" (plain Go, any other CPU or architecture, or a build with the
// purego tag), or whatever SetKernel chose ("portable", "reference").
func Kernel() string { return active().name }

// ErrUnknownKernel is wrapped by the error SetKernel returns for a name
// that is not a kernel this build and CPU can run.
var ErrUnknownKernel = errors.New("unknown kernel")

// SetKernel chooses the kernel that Mul, MulTransA, MulTransB, AddMulTransA
// and Gram use from now on, by the name Kernel reports: "portable", an
// assembly kernel this build and CPU can run ("avx2", "neon"), or
// "reference". Package nn follows the choice for its element-wise loops:
// with "portable" and "reference" they are plain Go too.
//
// "reference" is the textbook path. Every product is then MulRef's triple
// loop (transposed where the product says so) on one goroutine, Apply runs
// on one goroutine, and package nn takes its plain loops too: Adam's update
// as Kingma and Ba write it, the logistic function element by element. A
// training run gives the same numbers as with the fast kernels up to
// rounding, and a student can step through every multiply-add of it in a
// debugger; it is slow (a step of the 784-256-32 network on a batch of 128
// took about 25 times as long as with the portable kernel, 4.7 s against
// 0.18 s on a busy 2-core machine). To use it, call
//
//	if err := matrix.SetKernel("reference"); err != nil { … }
//
// at the start of the program or test, before the network is trained.
//
// SetKernel returns an error wrapping ErrUnknownKernel, and changes
// nothing, for any other name. A product that is running when SetKernel is
// called finishes with the kernel it started with.
func SetKernel(name string) error {
	if name == referenceKernel.name {
		chosen.Store(&referenceKernel)
		return nil
	}
	names := []string{referenceKernel.name}
	for _, k := range availableKernels {
		if k.name == name {
			chosen.Store(k)
			return nil
		}
		names = append(names, k.name)
	}
	return fmt.Errorf("matrix: SetKernel: %w %q (this build and CPU run %s)", ErrUnknownKernel, name, strings.Join(names, ", "))
}
