package plot

import (
	"math"
	"strconv"
	"strings"
)

// axis maps data values to a fraction of one side of the plot area. For a
// logarithmic axis lo, hi and every tick's at are in decades (log10 units).
type axis struct {
	lo, hi float64
	log    bool
	ticks  []tick
}

// tick is one labelled mark on an axis.
type tick struct {
	at    float64 // position in axis units (log10 of the value for a log axis)
	label string
}

// frac returns where the data value v lies between the axis ends: 0 at lo,
// 1 at hi.
func (a axis) frac(v float64) float64 {
	if a.log {
		v = math.Log10(v)
	}
	return a.fracAt(v)
}

// fracAt is frac for a position already in axis units, such as a tick's at.
func (a axis) fracAt(at float64) float64 {
	return (at - a.lo) / (a.hi - a.lo)
}

// tolerance absorbs rounding when deciding whether a value sits exactly on a
// tick (0.3/0.1 is 2.9999999999999996 in float64, not 3).
const tolerance = 1e-9

// linearAxis returns an axis that covers [lo, hi] (lo ≤ hi) with about target
// ticks spaced by a "nice" step: 1, 2 or 5 times a power of ten. The ends of
// the axis are rounded out to the ticks around lo and hi. A range that is
// empty (a single point or a constant series) is padded first, so that the
// data sits in the middle of the axis. With whole set (all values are whole
// numbers, such as epochs or numbers of components) the step is at least 1,
// so that no tick falls between two of them.
func linearAxis(lo, hi float64, target int, whole bool) axis {
	if span := hi - lo; span <= tolerance*math.Max(math.Abs(lo), math.Abs(hi)) || span < 1e-200 {
		mid := lo/2 + hi/2
		pad := 0.05 * math.Abs(mid) // ±5% of the value
		if pad < 1e-200 {
			pad = 1 // around zero (or almost) there is no scale to take 5% of
		}
		lo, hi = mid-pad, mid+pad
	}
	f, e := niceStep((hi - lo) / float64(target))
	if whole && e < 0 {
		f, e = 1, 0
	}
	step := decimal(f, e)
	kmin := int64(math.Floor(lo/step + tolerance))
	kmax := int64(math.Ceil(hi/step - tolerance))
	// Scientific notation when plain labels would need more than 4 decimals
	// or 7 digits.
	sci := e < -4 || math.Max(math.Abs(lo), math.Abs(hi)) >= 1e6
	a := axis{lo: decimal(kmin*f, e), hi: decimal(kmax*f, e)}
	for k := kmin; k <= kmax; k++ {
		a.ticks = append(a.ticks, tick{at: decimal(k*f, e), label: decimalString(k*f, e, sci)})
	}
	return a
}

// niceStep returns the smallest step f·10^e, with f one of 1, 2 or 5, that
// is at least raw (raw > 0).
func niceStep(raw float64) (f int64, e int) {
	e = int(math.Floor(math.Log10(raw)))
	for _, f := range []int64{1, 2, 5} {
		if decimal(f, e) >= raw*(1-tolerance) {
			return f, e
		}
	}
	return 1, e + 1
}

// logAxis returns a logarithmic axis covering [lo, hi] (0 < lo ≤ hi) whose
// ends are whole decades. Up to two decades are marked at 1, 2 and 5 times
// each power of ten; up to eight at every power of ten; beyond that at every
// second, fifth, tenth, ... power, so that about six labels remain.
func logAxis(lo, hi float64) axis {
	emin := int(math.Floor(math.Log10(lo) + tolerance))
	emax := int(math.Ceil(math.Log10(hi) - tolerance))
	if emin == emax { // a constant power of ten: one decade either side
		emin, emax = emin-1, emax+1
	}
	sci := emin < -4 || emax > 5 // same rule as linearAxis
	a := axis{log: true}
	switch decades := emax - emin; {
	case decades <= 2:
		for e := emin; e < emax; e++ {
			for _, m := range []int64{1, 2, 5} {
				a.ticks = append(a.ticks, tick{at: float64(e) + math.Log10(float64(m)), label: decimalString(m, e, sci)})
			}
		}
		a.ticks = append(a.ticks, tick{at: float64(emax), label: decimalString(1, emax, sci)})
	default:
		every := 1
		if decades > 8 {
			f, e := niceStep(float64(decades) / 6)
			every = int(decimal(f, max(e, 0)))
		}
		emin = floorDiv(emin, every) * every
		emax = -floorDiv(-emax, every) * every
		for e := emin; e <= emax; e += every {
			a.ticks = append(a.ticks, tick{at: float64(e), label: decimalString(1, e, sci)})
		}
	}
	a.lo, a.hi = float64(emin), float64(emax)
	return a
}

// floorDiv returns ⌊a/b⌋ for b > 0 (Go's / truncates toward zero).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// decimal returns n·10^e as the float64 nearest to that decimal number.
// Dividing by an exact power of ten (rather than multiplying by an inexact
// 0.1) keeps 3·10⁻¹ at 0.3 instead of 0.30000000000000004.
func decimal(n int64, e int) float64 {
	if e >= 0 {
		return float64(n) * math.Pow10(e)
	}
	return float64(n) / math.Pow10(-e)
}

// decimalString formats n·10^e exactly and compactly: "0", "2.5", "0.001",
// "2000", or with sci "2.5e-6", "1e7".
func decimalString(n int64, e int, sci bool) string {
	if n == 0 {
		return "0"
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	for n%10 == 0 {
		n, e = n/10, e+1
	}
	digits := strconv.FormatInt(n, 10)
	if sci {
		mantissa := digits[:1]
		if len(digits) > 1 {
			mantissa += "." + digits[1:]
		}
		return sign + mantissa + "e" + strconv.Itoa(e+len(digits)-1)
	}
	if e >= 0 {
		return sign + digits + strings.Repeat("0", e)
	}
	if pad := -e + 1 - len(digits); pad > 0 { // at least one digit before the point
		digits = strings.Repeat("0", pad) + digits
	}
	point := len(digits) + e
	return sign + digits[:point] + "." + digits[point:]
}
