//go:build amd64 && !purego

package matrix

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestDetectX86MatchesCPUInfo checks the package's own CPUID and XGETBV
// against what Linux tells in /proc/cpuinfo, whose flags list an
// instruction set only when the CPU has it and the kernel saves its
// registers: the same two questions detectX86 asks. Elsewhere it skips.
func TestDetectX86MatchesCPUInfo(t *testing.T) {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no /proc/cpuinfo to compare with: %v", err)
	}
	var flags []string
	for _, line := range strings.Split(string(data), "\n") {
		if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			flags = strings.Fields(value)
			break
		}
	}
	if flags == nil {
		t.Skip("/proc/cpuinfo has no flags line")
	}
	has := func(f string) bool { return slices.Contains(flags, f) }
	got := detectX86()
	if want := has("avx2") && has("fma"); got.avx2FMA != want {
		t.Errorf("detectX86().avx2FMA = %v, /proc/cpuinfo says avx2 and fma: %v", got.avx2FMA, want)
	}
	if want := has("avx512f") && has("fma"); got.avx512 != want {
		t.Errorf("detectX86().avx512 = %v, /proc/cpuinfo says avx512f and fma: %v", got.avx512, want)
	}
}

// TestBestKernelAMD64: the default kernel is the fastest one the CPU has.
func TestBestKernelAMD64(t *testing.T) {
	cpu := detectX86()
	want := "portable"
	if cpu.avx2FMA {
		want = "avx2"
	}
	if bestKernel.name != want {
		t.Errorf("bestKernel is %q on a CPU with %+v, want %q", bestKernel.name, cpu, want)
	}
}
