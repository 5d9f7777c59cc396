package plot

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// render draws a validated chart into buf.
func (c *Chart) render(buf *bytes.Buffer) {
	// The data's range, over all series.
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for i := range s.X {
			xlo, xhi = math.Min(xlo, s.X[i]), math.Max(xhi, s.X[i])
			ylo, yhi = math.Min(ylo, s.Y[i]), math.Max(yhi, s.Y[i])
		}
	}
	whole := true // are all x values whole numbers?
	for _, s := range c.Series {
		for _, x := range s.X {
			whole = whole && x == math.Trunc(x)
		}
	}
	xa := linearAxis(xlo, xhi, 6, whole) // about 6 ticks fit the width
	var ya axis
	if c.LogY {
		ya = logAxis(ylo, yhi)
	} else {
		ya = linearAxis(ylo, yhi, 5, false) // the plot is less high than wide
	}

	// Layout: the y tick labels decide the left margin, the legend the right.
	names, legendWidth := legendNames(c.Series)
	widest := 0
	for _, t := range ya.ticks {
		widest = max(widest, textWidth(t.label))
	}
	left := 10.0 + fontSize + 10 + float64(widest) + 6 // pad, y label, gap, tick labels, tick mark
	right := float64(width - 10 - legendWidth - 10)    // gap, legend, margin
	top, bottom := float64(marginTop), float64(height-marginBottom)
	// Pixel coordinates of data values (px, py) and of ticks (tickX, tickY).
	px := func(x float64) float64 { return left + xa.frac(x)*(right-left) }
	py := func(y float64) float64 { return bottom - ya.frac(y)*(bottom-top) }
	tickX := func(t tick) string { return num(left + xa.fracAt(t.at)*(right-left)) }
	tickY := func(t tick) string { return num(bottom - ya.fracAt(t.at)*(bottom-top)) }

	fmt.Fprintf(buf, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="%d">`+"\n",
		width, height, width, height, fontSize)
	fmt.Fprintf(buf, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	if c.Title != "" {
		fmt.Fprintf(buf, `<text x="%s" y="24" text-anchor="middle" font-size="%d" font-weight="bold">%s</text>`+"\n",
			num((left+right)/2), titleSize, escape(c.Title))
	}

	// Grid lines, the frame around the plot area, tick marks and tick labels.
	buf.WriteString(`<g stroke="#e5e5e5" stroke-width="1">` + "\n")
	for _, t := range xa.ticks {
		x := tickX(t)
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", x, num(top), x, num(bottom))
	}
	for _, t := range ya.ticks {
		y := tickY(t)
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(left), y, num(right), y)
	}
	buf.WriteString("</g>\n")
	fmt.Fprintf(buf, `<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#333333"/>`+"\n",
		num(left), num(top), num(right-left), num(bottom-top))
	buf.WriteString(`<g stroke="#333333">` + "\n")
	for _, t := range xa.ticks {
		x := tickX(t)
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", x, num(bottom), x, num(bottom+5))
	}
	for _, t := range ya.ticks {
		y := tickY(t)
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(left-5), y, num(left), y)
	}
	buf.WriteString("</g>\n")
	buf.WriteString(`<g fill="#333333">` + "\n")
	for _, t := range xa.ticks {
		x := tickX(t)
		fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", x, num(bottom+18), escape(t.label))
	}
	for _, t := range ya.ticks {
		// dy shifts the baseline down so that the digits centre on the tick.
		fmt.Fprintf(buf, `<text x="%s" y="%s" dy="4" text-anchor="end">%s</text>`+"\n", num(left-8), tickY(t), escape(t.label))
	}
	buf.WriteString("</g>\n")

	// Axis labels: x centred under the tick labels, y rotated along the left edge.
	if c.XLabel != "" {
		fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n",
			num((left+right)/2), num(bottom+40), escape(c.XLabel))
	}
	if c.YLabel != "" {
		fmt.Fprintf(buf, `<text transform="translate(%d %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
			10+fontSize, num((top+bottom)/2), escape(c.YLabel))
	}

	// The series, in order, so that later ones are drawn over earlier ones.
	buf.WriteString(`<g class="data">` + "\n")
	for i, s := range c.Series {
		colour, dash := seriesStyle(i)
		if len(s.X) > 1 {
			var pts strings.Builder
			for j := range s.X {
				if j > 0 {
					pts.WriteByte(' ')
				}
				pts.WriteString(num(px(s.X[j])) + "," + num(py(s.Y[j])))
			}
			fmt.Fprintf(buf, `<polyline fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"%s points="%s"/>`+"\n",
				colour, dashAttr(dash), pts.String())
		}
		if s.Points || len(s.X) == 1 { // a single point has no line to show
			fmt.Fprintf(buf, `<g fill="%s">`+"\n", colour)
			for j := range s.X {
				fmt.Fprintf(buf, `<circle cx="%s" cy="%s" r="3"/>`+"\n", num(px(s.X[j])), num(py(s.Y[j])))
			}
			buf.WriteString("</g>\n")
		}
	}
	buf.WriteString("</g>\n")

	writeLegend(buf, c.Series, names, legendWidth, right+10, top)
	buf.WriteString("</svg>\n")
}

// dashAttr returns the stroke-dasharray attribute for a dash pattern, or
// nothing for a solid line.
func dashAttr(dash string) string {
	if dash == "" {
		return ""
	}
	return ` stroke-dasharray="` + dash + `"`
}

// num formats a coordinate with at most two decimals, which is finer than a
// pixel and keeps the file small.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// escape returns s with the characters that XML reserves (& < > ' ") replaced
// by entities, so that any title, label or name is drawn as written.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writing to a strings.Builder cannot fail
	return b.String()
}
