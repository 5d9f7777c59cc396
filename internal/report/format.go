package report

import (
	"math"
	"strconv"
)

// fixed formats v with the given number of decimals, or "—" when v is NaN
// (a number that was not measured, such as the test error of a run without
// test images).
func fixed(v float64, decimals int) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// significant formats v with the given number of significant digits, in
// exponent form when it is very small or large: 4.73e-09, 0.706.
func significant(v float64, digits int) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'g', digits, 64)
}

// optional formats *v with the given number of significant digits, or
// "none" when v is nil (a measure that is not defined for the run).
func optional(v *float64, digits int) string {
	if v == nil {
		return "none"
	}
	return significant(*v, digits)
}

// at formats values[i] with the given number of decimals, or "—" when
// values holds no element i.
func at(values []float64, i, decimals int) string {
	if i >= len(values) {
		return "—"
	}
	return fixed(values[i], decimals)
}

// count formats n with commas between groups of three digits: 60,000.
func count(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// plural returns "1 epoch", "2 epochs", "60,000 images" and so on.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}
