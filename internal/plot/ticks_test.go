package plot

import (
	"math"
	"slices"
	"testing"
)

// labels returns the tick labels of an axis.
func labels(a axis) []string {
	var out []string
	for _, t := range a.ticks {
		out = append(out, t.label)
	}
	return out
}

func TestLinearAxis(t *testing.T) {
	tests := []struct {
		name       string
		lo, hi     float64
		target     int
		whole      bool
		wantLo     float64
		wantHi     float64
		wantLabels []string
	}{
		{"unit interval", 0, 1, 5, false, 0, 1, []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}},
		// 49/6 ≈ 8.2 rounds up to the nice step 10; the axis starts at 0, not 1.
		{"epochs 1 to 50", 1, 50, 6, true, 0, 50, []string{"0", "10", "20", "30", "40", "50"}},
		// 0.3/0.1 is 2.9999999999999996 in float64: the ends must still be ticks.
		{"ends on ticks despite rounding", 0.3, 0.7, 5, false, 0.3, 0.7, []string{"0.3", "0.4", "0.5", "0.6", "0.7"}},
		// 15.9/5 ≈ 3.2 rounds up to 5; the ends round out to -5 and 15.
		{"negative to positive", -3.7, 12.2, 5, false, -5, 15, []string{"-5", "0", "5", "10", "15"}},
		// A constant 3 is padded by 5% to [2.85, 3.15]; 0.3/5 = 0.06 rounds up to 0.1.
		{"constant", 3, 3, 5, false, 2.8, 3.2, []string{"2.8", "2.9", "3", "3.1", "3.2"}},
		// A constant 0 has no scale: it is padded by 1 to [-1, 1]; 2/5 = 0.4 rounds up to 0.5.
		{"constant zero", 0, 0, 5, false, -1, 1, []string{"-1", "-0.5", "0", "0.5", "1"}},
		// 1.5e-7/5 = 3e-8 rounds up to 5e-8, which needs more than 4 decimals.
		{"small values in scientific notation", 5e-8, 2e-7, 5, false, 5e-8, 2e-7, []string{"5e-8", "1e-7", "1.5e-7", "2e-7"}},
		{"large values in scientific notation", 0, 2e6, 5, false, 0, 2e6, []string{"0", "5e5", "1e6", "1.5e6", "2e6"}},
		// 2/6 would give steps of 0.5, but whole numbers (epochs) get step 1.
		{"whole numbers", 1, 3, 6, true, 1, 3, []string{"1", "2", "3"}},
		{"same range, not whole", 1, 3, 6, false, 1, 3, []string{"1", "1.5", "2", "2.5", "3"}},
		// A single epoch 30 is padded by 5% (1.5) either side, then rounded out.
		{"single whole number", 30, 30, 6, true, 28, 32, []string{"28", "29", "30", "31", "32"}},
		{"about 1e300", -1e300, 1e300, 5, false, -1e300, 1e300, []string{"-1e300", "-5e299", "0", "5e299", "1e300"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := linearAxis(tt.lo, tt.hi, tt.target, tt.whole)
			if got := labels(a); !slices.Equal(got, tt.wantLabels) {
				t.Errorf("labels = %q, want %q", got, tt.wantLabels)
			}
			if a.lo != tt.wantLo || a.hi != tt.wantHi {
				t.Errorf("range = [%v, %v], want [%v, %v]", a.lo, a.hi, tt.wantLo, tt.wantHi)
			}
			if !(a.lo <= tt.lo && a.hi >= tt.hi) { // NaN fails
				t.Errorf("range [%v, %v] does not cover the data [%v, %v]", a.lo, a.hi, tt.lo, tt.hi)
			}
			if a.ticks[0].at != a.lo || a.ticks[len(a.ticks)-1].at != a.hi {
				t.Errorf("first and last ticks %v, %v are not the ends of the axis [%v, %v]",
					a.ticks[0].at, a.ticks[len(a.ticks)-1].at, a.lo, a.hi)
			}
		})
	}
}

func TestLogAxis(t *testing.T) {
	tests := []struct {
		name       string
		lo, hi     float64
		wantLo     float64 // decades
		wantHi     float64
		wantLabels []string
	}{
		{"two decades get 1-2-5", 3, 60, 0, 2, []string{"1", "2", "5", "10", "20", "50", "100"}},
		{"one decade", 2, 3, 0, 1, []string{"1", "2", "5", "10"}},
		// 1 is a power of ten: it gets one decade either side.
		{"constant power of ten", 1, 1, -1, 1, []string{"0.1", "0.2", "0.5", "1", "2", "5", "10"}},
		// log10(1000) may round to just under 3: the end must still be 1000.
		{"exact powers of ten", 0.001, 1000, -3, 3, []string{"0.001", "0.01", "0.1", "1", "10", "100", "1000"}},
		{"small decades stay plain", 1e-4, 1, -4, 0, []string{"0.0001", "0.001", "0.01", "0.1", "1"}},
		// 12 decades: 12/6 = 2, a tick every second decade.
		{"many decades", 1e-12, 1, -12, 0, []string{"1e-12", "1e-10", "1e-8", "1e-6", "1e-4", "1e-2", "1e0"}},
		// 17 decades: 17/6 ≈ 2.8 rounds up to 5; the ends round out to multiples of 5.
		{"ends round out to the step", 3e-9, 2e7, -10, 10, []string{"1e-10", "1e-5", "1e0", "1e5", "1e10"}},
		// The smallest positive float64 is 4.9e-324, 324 decades below 1;
		// 324/6 = 54 rounds up to a tick every 100 decades.
		{"denormal", 5e-324, 1, -400, 0, []string{"1e-400", "1e-300", "1e-200", "1e-100", "1e0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := logAxis(tt.lo, tt.hi)
			if got := labels(a); !slices.Equal(got, tt.wantLabels) {
				t.Errorf("labels = %q, want %q", got, tt.wantLabels)
			}
			if a.lo != tt.wantLo || a.hi != tt.wantHi {
				t.Errorf("range = [%v, %v] decades, want [%v, %v]", a.lo, a.hi, tt.wantLo, tt.wantHi)
			}
			if f := a.frac(tt.lo); !(f >= 0 && f <= 1) {
				t.Errorf("frac(%v) = %v, outside [0, 1]", tt.lo, f)
			}
			if f := a.frac(tt.hi); !(f >= 0 && f <= 1) {
				t.Errorf("frac(%v) = %v, outside [0, 1]", tt.hi, f)
			}
		})
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct {
		raw   float64
		wantF int64
		wantE int
	}{
		{1, 1, 0},
		{1.01, 2, 0},
		{2, 2, 0},
		{2.5, 5, 0},
		{5.1, 1, 1},
		{0.07, 1, -1},
		{0.03, 5, -2},
		{3e5, 5, 5},
	}
	for _, tt := range tests {
		f, e := niceStep(tt.raw)
		if f != tt.wantF || e != tt.wantE {
			t.Errorf("niceStep(%v) = %d·10^%d, want %d·10^%d", tt.raw, f, e, tt.wantF, tt.wantE)
		}
	}
}

func TestDecimalString(t *testing.T) {
	tests := []struct {
		n    int64
		e    int
		sci  bool
		want string
	}{
		{0, 5, false, "0"},
		{0, -5, true, "0"},
		{3, -1, false, "0.3"},
		{25, -1, false, "2.5"},
		{-15, -3, false, "-0.015"},
		{2, 3, false, "2000"},
		{120, -1, false, "12"},
		{15, -7, true, "1.5e-6"},
		{1, 7, true, "1e7"},
		{-25, 5, true, "-2.5e6"},
		{1, 0, true, "1e0"},
	}
	for _, tt := range tests {
		if got := decimalString(tt.n, tt.e, tt.sci); got != tt.want {
			t.Errorf("decimalString(%d, %d, %v) = %q, want %q", tt.n, tt.e, tt.sci, got, tt.want)
		}
	}
}

func TestDecimalIsNearest(t *testing.T) {
	// 3·10⁻¹ must be the float64 that the literal 0.3 gives, not 3×0.1.
	if got := decimal(3, -1); got != 0.3 {
		t.Errorf("decimal(3, -1) = %v, want 0.3", got)
	}
	if got := decimal(7, 2); got != 700 {
		t.Errorf("decimal(7, 2) = %v, want 700", got)
	}
	if got := decimal(1, -300); !(math.Abs(got-1e-300)/1e-300 <= 1e-15) {
		t.Errorf("decimal(1, -300) = %v, want 1e-300", got)
	}
}
