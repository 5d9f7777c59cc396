package plot

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
)

// Scatter is a figure of one or more scatter plots side by side, each
// point coloured by the class it belongs to, with one legend of the
// classes for all of them: the two-number codes of digit images, say,
// beside their first two principal components.
//
// Like a Chart it is deterministic — the same numbers always give the
// same bytes — and WriteSVG checks the data and returns an error, never
// a panic.
type Scatter struct {
	Title   string         // above the panels; "" leaves it out
	Classes []string       // class names in legend order, at most 10; class c is drawn in classPalette[c]
	Panels  []ScatterPanel // drawn left to right
	// MarkMedians writes each class's name at the median of its points in
	// every panel (median x, median y), in black with a white outline, so
	// that a cluster can be named without telling colours apart.
	MarkMedians bool
}

// ScatterPanel is one plot of a Scatter: the points (X[i], Y[i]), point i
// of class Class[i]. Points are drawn in order, later over earlier, so
// points sorted by class would hide the first classes under the last;
// give them in the data's own order.
type ScatterPanel struct {
	Title, XLabel, YLabel string
	X, Y                  []float64
	Class                 []int // an index into Scatter.Classes, for every point
}

// The layout of a Scatter, in SVG user units. Each panel's plot area is a
// square of panelSide.
const (
	panelSide   = 360
	panelTop    = marginTop + 26 // room for the figure's title and the panel's
	panelGap    = 20             // between a panel's right edge and the next one's y label
	pointRadius = 1.5
	medianSize  = 16 // font size of the class names written at the medians
	maxPoints   = 1_000_000
)

// classPalette holds the colours of a Scatter's classes, in order: the
// nine colours of Paul Tol's "muted" scheme, made to stay apart for
// readers with any common colour blindness, and black. With ten classes
// no set of colours is safe for everyone, which is what MarkMedians is
// for.
var classPalette = []string{
	"#332288", // indigo
	"#88CCEE", // cyan
	"#117733", // green
	"#CC6677", // rose
	"#DDCC77", // sand
	"#44AA99", // teal
	"#AA4499", // purple
	"#000000", // black
	"#999933", // olive
	"#882255", // wine
}

// WriteSVG writes the figure to w as an SVG document. It returns an error,
// and writes nothing, if there are no classes or more than 10, no panel or
// more than 4, a panel has no points or more than a million, X, Y and
// Class differ in length, a value is not finite or beyond ±1e300, or a
// class is out of range.
func (s *Scatter) WriteSVG(w io.Writer) error {
	if err := s.validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	s.render(&buf)
	_, err := w.Write(buf.Bytes())
	return err
}

// validate returns an error naming the figure and the panel for the
// first problem it finds.
func (s *Scatter) validate() error {
	switch {
	case len(s.Classes) == 0:
		return fmt.Errorf("plot: scatter %q has no classes; name at least one", s.Title)
	case len(s.Classes) > len(classPalette):
		return fmt.Errorf("plot: scatter %q has %d classes but only %d colours tell them apart", s.Title, len(s.Classes), len(classPalette))
	case len(s.Panels) == 0:
		return fmt.Errorf("plot: scatter %q has no panels; add at least one", s.Title)
	case len(s.Panels) > 4:
		return fmt.Errorf("plot: scatter %q has %d panels; at most 4 fit side by side", s.Title, len(s.Panels))
	}
	for i, p := range s.Panels {
		where := fmt.Sprintf("scatter %q: panel %d (%q)", s.Title, i, p.Title)
		if len(p.X) != len(p.Y) || len(p.X) != len(p.Class) {
			return fmt.Errorf("plot: %s: X, Y and Class have %d, %d and %d values; they must have the same length", where, len(p.X), len(p.Y), len(p.Class))
		}
		if len(p.X) == 0 {
			return fmt.Errorf("plot: %s has no points", where)
		}
		if len(p.X) > maxPoints {
			return fmt.Errorf("plot: %s has %d points, more than the %d a picture can show", where, len(p.X), maxPoints)
		}
		for j := range p.X {
			if !isFinite(p.X[j]) || !isFinite(p.Y[j]) {
				return fmt.Errorf("plot: %s: point %d is (%v, %v); every value must be finite", where, j, p.X[j], p.Y[j])
			}
			if math.Abs(p.X[j]) > maxAbs || math.Abs(p.Y[j]) > maxAbs {
				return fmt.Errorf("plot: %s: point %d (%v, %v) is beyond ±%v; rescale the data", where, j, p.X[j], p.Y[j], maxAbs)
			}
			if c := p.Class[j]; c < 0 || c >= len(s.Classes) {
				return fmt.Errorf("plot: %s: point %d has class %d, outside [0, %d)", where, j, c, len(s.Classes))
			}
		}
	}
	return nil
}

// render draws a validated figure into buf.
func (s *Scatter) render(buf *bytes.Buffer) {
	// Each panel's axes, and where its plot area lies: from left to left +
	// panelSide, the y tick labels deciding its left margin.
	type placed struct {
		xa, ya axis
		left   float64
	}
	panels := make([]placed, len(s.Panels))
	x0 := 0.0
	for i, p := range s.Panels {
		xlo, xhi := minMax(p.X)
		ylo, yhi := minMax(p.Y)
		// About 6 ticks a side: fewer would round the axes out far beyond
		// the points.
		pl := placed{xa: linearAxis(xlo, xhi, 6, false), ya: linearAxis(ylo, yhi, 6, false)}
		pl.left = x0 + 10 + fontSize + 10 + float64(ticksWidth(pl.ya)) + 6 // pad, y label, gap, tick labels, tick mark
		panels[i] = pl
		x0 = pl.left + panelSide + panelGap
	}
	legendWidth := 8 + 8 + 6 + 8 // padding, marker, gap, padding
	widest := 0
	for _, c := range s.Classes {
		widest = max(widest, textWidth(c))
	}
	legendWidth += widest
	legendX := x0 - panelGap + 16
	w := int(math.Ceil(legendX)) + legendWidth + 10
	h := panelTop + panelSide + marginBottom
	top, bottom := float64(panelTop), float64(panelTop+panelSide)

	fmt.Fprintf(buf, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="%d">`+"\n",
		w, h, w, h, fontSize)
	fmt.Fprintf(buf, `<rect width="%d" height="%d" fill="white"/>`+"\n", w, h)
	if s.Title != "" {
		fmt.Fprintf(buf, `<text x="%s" y="24" text-anchor="middle" font-size="%d" font-weight="bold">%s</text>`+"\n",
			num(float64(w)/2), titleSize, escape(s.Title))
	}
	for i, p := range s.Panels {
		pl := panels[i]
		left, right := pl.left, pl.left+panelSide
		px := func(x float64) float64 { return left + pl.xa.frac(x)*panelSide }
		py := func(y float64) float64 { return bottom - pl.ya.frac(y)*panelSide }
		fmt.Fprintf(buf, `<g class="panel">`+"\n")
		if p.Title != "" {
			fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle" font-weight="bold">%s</text>`+"\n", num((left+right)/2), num(top-10), escape(p.Title))
		}
		writeFrame(buf, pl.xa, pl.ya, left, right, top, bottom, p.XLabel, p.YLabel)
		buf.WriteString(`<g class="data">` + "\n")
		for j := range p.X {
			fmt.Fprintf(buf, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n",
				num1(px(p.X[j])), num1(py(p.Y[j])), num(pointRadius), classPalette[p.Class[j]])
		}
		buf.WriteString("</g>\n")
		if s.MarkMedians {
			for c, name := range s.Classes {
				mx, my, ok := classMedian(p, c)
				if !ok {
					continue
				}
				// A white outline drawn under the letters keeps them
				// readable over points of any colour.
				fmt.Fprintf(buf, `<text x="%s" y="%s" dy="6" text-anchor="middle" font-size="%d" font-weight="bold" fill="black" stroke="white" stroke-width="3" paint-order="stroke">%s</text>`+"\n",
					num(px(mx)), num(py(my)), medianSize, escape(name))
			}
		}
		buf.WriteString("</g>\n")
	}

	// The legend: one row per class, a dot in its colour and its name.
	buf.WriteString(`<g class="legend">` + "\n")
	fmt.Fprintf(buf, `<rect class="legend-box" x="%s" y="%s" width="%d" height="%d" fill="white" stroke="#cccccc"/>`+"\n",
		num(legendX), num(top), legendWidth, 8+legendRow*len(s.Classes))
	for c, name := range s.Classes {
		mid := top + 4 + legendRow*float64(c) + legendRow/2
		fmt.Fprintf(buf, `<circle cx="%s" cy="%s" r="4" fill="%s"/>`+"\n", num(legendX+12), num(mid), classPalette[c])
		fmt.Fprintf(buf, `<text x="%s" y="%s" dy="4">%s</text>`+"\n", num(legendX+22), num(mid), escape(name))
	}
	buf.WriteString("</g>\n")
	buf.WriteString("</svg>\n")
}

// writeFrame draws a plot area's grid lines, frame, tick marks, tick
// labels and axis labels, for the axes xa and ya laid over [left, right] ×
// [top, bottom].
func writeFrame(buf *bytes.Buffer, xa, ya axis, left, right, top, bottom float64, xLabel, yLabel string) {
	tickX := func(t tick) string { return num(left + xa.fracAt(t.at)*(right-left)) }
	tickY := func(t tick) string { return num(bottom - ya.fracAt(t.at)*(bottom-top)) }
	buf.WriteString(`<g stroke="#e5e5e5" stroke-width="1">` + "\n")
	for _, t := range xa.ticks {
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", tickX(t), num(top), tickX(t), num(bottom))
	}
	for _, t := range ya.ticks {
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(left), tickY(t), num(right), tickY(t))
	}
	buf.WriteString("</g>\n")
	fmt.Fprintf(buf, `<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#333333"/>`+"\n",
		num(left), num(top), num(right-left), num(bottom-top))
	buf.WriteString(`<g stroke="#333333">` + "\n")
	for _, t := range xa.ticks {
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", tickX(t), num(bottom), tickX(t), num(bottom+5))
	}
	for _, t := range ya.ticks {
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(left-5), tickY(t), num(left), tickY(t))
	}
	buf.WriteString("</g>\n")
	buf.WriteString(`<g fill="#333333">` + "\n")
	for _, t := range xa.ticks {
		fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", tickX(t), num(bottom+18), escape(t.label))
	}
	for _, t := range ya.ticks {
		fmt.Fprintf(buf, `<text x="%s" y="%s" dy="4" text-anchor="end">%s</text>`+"\n", num(left-8), tickY(t), escape(t.label))
	}
	buf.WriteString("</g>\n")
	if xLabel != "" {
		fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", num((left+right)/2), num(bottom+40), escape(xLabel))
	}
	if yLabel != "" {
		// As in a Chart: 10 units left of the tick labels.
		x := left - 6 - float64(ticksWidth(ya)) - 10
		fmt.Fprintf(buf, `<text transform="translate(%s %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
			num(x), num((top+bottom)/2), escape(yLabel))
	}
}

// ticksWidth returns the width of the widest tick label of a.
func ticksWidth(a axis) int {
	widest := 0
	for _, t := range a.ticks {
		widest = max(widest, textWidth(t.label))
	}
	return widest
}

// minMax returns the smallest and the largest of v (not empty).
func minMax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// classMedian returns the median x and the median y of the points of class
// c in p, and false if it has none. For an even count it takes the mean of
// the two middle values.
func classMedian(p ScatterPanel, c int) (mx, my float64, ok bool) {
	var xs, ys []float64
	for j, k := range p.Class {
		if k == c {
			xs, ys = append(xs, p.X[j]), append(ys, p.Y[j])
		}
	}
	if len(xs) == 0 {
		return 0, 0, false
	}
	return median(xs), median(ys), true
}

// median returns the median of v (not empty), sorting v.
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return v[n/2-1]/2 + v[n/2]/2
}

// num1 formats a point's coordinate with one decimal: a tenth of a pixel
// is finer than the eye sees, and ten thousand points stay a small file.
func num1(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
