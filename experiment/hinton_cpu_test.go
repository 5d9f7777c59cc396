package experiment

import (
	"runtime"
	"testing"
	"time"
)

// TestProcessCPUSeconds checks that the CPU time read from /proc grows
// while the process computes, on Linux, where the file exists.
func TestProcessCPUSeconds(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/stat is Linux's")
	}
	before := processCPUSeconds()
	x := 0.0
	for start := time.Now(); processCPUSeconds()-before < 0.05; x += 1 {
		if time.Since(start) > 30*time.Second { // a spinning loop gets CPU within this even on a crowded machine
			t.Fatalf("CPU time stayed at %v for 30 s of spinning", before)
		}
	}
	_ = x
}
