//go:build arm64 && !purego

package matrix

import "testing"

// TestBestKernelARM64: every arm64 CPU has NEON, so the NEON kernel is the
// default (also under user-mode emulation, which emulates NEON).
func TestBestKernelARM64(t *testing.T) {
	if bestKernel != &neonKernel {
		t.Errorf("bestKernel is %q, want neon", bestKernel.name)
	}
}
