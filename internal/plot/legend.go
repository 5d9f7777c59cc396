package plot

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// writeLegend draws the legend with its top left corner at (x, y): a box
// holding, for each series, a short line in its style (with a marker if the
// series has them) and its name.
func writeLegend(buf *bytes.Buffer, series []Series, names []string, legendWidth int, x, y float64) {
	buf.WriteString(`<g class="legend">` + "\n")
	fmt.Fprintf(buf, `<rect class="legend-box" x="%s" y="%s" width="%d" height="%d" fill="white" stroke="#cccccc"/>`+"\n",
		num(x), num(y), legendWidth, 8+legendRow*len(series))
	for i, s := range series {
		colour, dash := seriesStyle(i)
		mid := y + 4 + legendRow*float64(i) + legendRow/2 // middle of row i
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n",
			num(x+8), num(mid), num(x+8+swatchLength), num(mid), colour, dashAttr(dash))
		if s.Points || len(s.X) == 1 {
			fmt.Fprintf(buf, `<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", num(x+8+swatchLength/2), num(mid), colour)
		}
		fmt.Fprintf(buf, `<text x="%s" y="%s" dy="4">%s</text>`+"\n", num(x+8+swatchLength+6), num(mid), escape(names[i]))
	}
	buf.WriteString("</g>\n")
}

// legendNames returns the series' names as the legend shows them, shortened
// with "…" where the legend would otherwise take more than maxLegendPart,
// and the legend's width.
func legendNames(series []Series) (names []string, legendWidth int) {
	const extra = 8 + swatchLength + 6 + 8 // padding, swatch, gap, padding
	maxChars := (maxLegendPart - extra) / charWidth
	widest := 0
	for _, s := range series {
		name := s.Name
		if utf8.RuneCountInString(name) > maxChars {
			name = string([]rune(name)[:maxChars-1]) + "…"
		}
		names = append(names, name)
		widest = max(widest, textWidth(name))
	}
	return names, extra + widest
}

// textWidth estimates the width of s at fontSize. SVG has no way to measure
// text before it is drawn, so this counts characters.
func textWidth(s string) int {
	return charWidth * utf8.RuneCountInString(s)
}
