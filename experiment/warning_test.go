package experiment

import (
	"math"
	"strings"
	"testing"
)

func TestTrainingWarning(t *testing.T) {
	// 52.9 stands for MNIST's mean-image error (MeanImageSSE, about 53).
	tests := []struct {
		before, after, test, mean float64
		decay                     bool
		want                      string
	}{
		{100, 10, 9, 52.9, false, ""},
		{100, 60, 57, 52.9, false, "train longer (more -epochs)"},
		{100, 120, 118, 52.9, false, "smaller -lr"},
		{100, 100, 99, 52.9, false, "too small; try a larger -lr"}, // nothing changed
		{100, 100.5, 99, 52.9, false, "smaller -lr"},
		{100, math.NaN(), math.NaN(), 52.9, false, "smaller -lr"},
		{60, 263, 263, 52, true, "try a smaller -lr or -weight-decay"},
	}
	for _, tt := range tests {
		got := TrainingWarning(tt.before, tt.after, tt.test, tt.mean, "-lr", tt.decay, "more -epochs")
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("TrainingWarning(%v, %v, %v, %v, %v) = %q, want %q", tt.before, tt.after, tt.test, tt.mean, tt.decay, got, tt.want)
		}
	}
}
