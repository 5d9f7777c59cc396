//go:build amd64 && !purego

package matrix

// The package asks the CPU itself which vector instructions it has (the
// standard library's internal/cpu cannot be imported, and the module
// requires nothing). Two questions for each instruction set: does the CPU
// have the instructions (CPUID), and does the operating system save the
// wider registers when it switches threads (XGETBV)? Without the second, a
// thread switch would corrupt the registers the kernels accumulate in.

// cpuid executes CPUID with EAX = leaf and ECX = subleaf (cpu_amd64.s).
//
//go:noescape
func cpuid(leaf, subleaf uint32) (eax, ebx, ecx, edx uint32)

// xgetbv returns XCR0, the vector state the OS saves (cpu_amd64.s).
//
//go:noescape
func xgetbv() (eax, edx uint32)

// x86Features are the instruction sets the kernels need, as this CPU and
// operating system support them.
type x86Features struct {
	avx2FMA bool // AVX2 and FMA3, with the 256-bit ymm registers saved by the OS
	// avx512 is AVX-512 Foundation, with the 512-bit zmm and mask registers
	// saved. No kernel uses it yet: the machine the kernels were written
	// on (an AMD EPYC of the Zen 3 generation) has no AVX-512, so an
	// AVX-512 kernel could not be tested there (on Zen 4, which runs a
	// 512-bit FMA as two 256-bit halves, it would add registers, not peak
	// speed).
	avx512 bool
}

// Bits of CPUID and XCR0, from the Intel® 64 and IA-32 Architectures
// Software Developer's Manual, volume 2 (CPUID) and volume 1, section 13.3
// (XCR0); AMD documents the same bits.
const (
	cpuid1ECXFMA     = 1 << 12 // leaf 1, ECX: fused multiply-add (FMA3)
	cpuid1ECXOSXSAVE = 1 << 27 // leaf 1, ECX: the OS has enabled XGETBV
	cpuid1ECXAVX     = 1 << 28 // leaf 1, ECX: AVX
	cpuid7EBXAVX2    = 1 << 5  // leaf 7, subleaf 0, EBX: AVX2
	cpuid7EBXAVX512F = 1 << 16 // leaf 7, subleaf 0, EBX: AVX-512 Foundation

	xcr0SSE    = 1 << 1             // xmm registers
	xcr0AVX    = 1 << 2             // upper halves of the ymm registers
	xcr0AVX512 = 1<<5 | 1<<6 | 1<<7 // opmask k0–k7, upper halves of zmm0–15, zmm16–31
)

// detectX86 asks the CPU and the OS which kernels can run.
func detectX86() x86Features {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return x86Features{}
	}
	_, _, ecx1, _ := cpuid(1, 0)
	_, ebx7, _, _ := cpuid(7, 0)
	if ecx1&cpuid1ECXOSXSAVE == 0 || ecx1&cpuid1ECXAVX == 0 {
		return x86Features{} // the OS does not say what it saves: no AVX
	}
	xcr0, _ := xgetbv()
	osYMM := xcr0&(xcr0SSE|xcr0AVX) == xcr0SSE|xcr0AVX
	osZMM := osYMM && xcr0&xcr0AVX512 == xcr0AVX512
	return x86Features{
		avx2FMA: osYMM && ebx7&cpuid7EBXAVX2 != 0 && ecx1&cpuid1ECXFMA != 0,
		avx512:  osZMM && ebx7&cpuid7EBXAVX512F != 0 && ecx1&cpuid1ECXFMA != 0,
	}
}
