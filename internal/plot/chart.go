// Package plot draws line charts as SVG files with the standard library only.
// It is just big enough for the experiments of bottleneck: training and test
// error per epoch, the variance explained by each principal component, test
// error against the number of components, and principal angles over training.
//
// A Chart has a title, axis labels and one or more Series. WriteSVG checks the
// data (every value finite, X and Y of the same length, positive values on a
// logarithmic axis) and returns an error, never a panic, when something is
// wrong. The output is a fixed 640×400 picture and is deterministic: the same
// chart always gives the same bytes, so a figure in docs/ only changes when
// its numbers do.
package plot

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"bottleneck/internal/atomicfile"
)

// Chart is a line chart with one or more series that share both axes.
type Chart struct {
	Title, XLabel, YLabel string   // drawn as written (any text is escaped); "" leaves it out
	LogY                  bool     // logarithmic y axis (errors spanning decades); the x axis is always linear
	Series                []Series // drawn in order, coloured and listed in the legend in that order
}

// Series is one line of a chart: the points (X[i], Y[i]) joined in order.
type Series struct {
	Name   string    // shown in the legend
	X, Y   []float64 // same length
	Points bool      // draw markers as well as the line
}

// WriteSVG writes the chart to w as an SVG document. It returns an error if
// the chart has no series or more than 19, a series is empty, X and Y differ in length, a
// value is NaN, ±Inf or beyond ±1e300, or LogY is set and a y value is zero or negative.
// Nothing is written when the chart is invalid.
func (c *Chart) WriteSVG(w io.Writer) error {
	if err := c.validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	c.render(&buf)
	_, err := w.Write(buf.Bytes())
	return err
}

// Save writes the chart as an SVG file at path. The file is replaced
// atomically: if anything fails, what was at path before is left untouched.
func (c *Chart) Save(path string) error {
	if err := c.validate(); err != nil {
		return err
	}
	return atomicfile.Write(path, c.WriteSVG)
}

// validate returns an error that names the chart and the series for the first
// problem it finds in the data.
func (c *Chart) validate() error {
	if len(c.Series) == 0 {
		return fmt.Errorf("plot: chart %q has no series; add at least one", c.Title)
	}
	if len(c.Series) > maxSeries {
		return fmt.Errorf("plot: chart %q has %d series but the legend holds at most %d; draw fewer (a chart with more lines cannot be read anyway)", c.Title, len(c.Series), maxSeries)
	}
	for i, s := range c.Series {
		where := fmt.Sprintf("chart %q: series %d (%q)", c.Title, i, s.Name)
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("plot: %s: X has %d values but Y has %d; they must have the same length", where, len(s.X), len(s.Y))
		}
		if len(s.X) == 0 {
			return fmt.Errorf("plot: %s has no points", where)
		}
		for j := range s.X {
			if !isFinite(s.X[j]) {
				return fmt.Errorf("plot: %s: X[%d] is %v; every value must be finite", where, j, s.X[j])
			}
			if !isFinite(s.Y[j]) {
				return fmt.Errorf("plot: %s: Y[%d] is %v; every value must be finite", where, j, s.Y[j])
			}
			if math.Abs(s.X[j]) > maxAbs || math.Abs(s.Y[j]) > maxAbs {
				return fmt.Errorf("plot: %s: point %d (%v, %v) is beyond ±%v; rescale the data", where, j, s.X[j], s.Y[j], maxAbs)
			}
			if c.LogY && s.Y[j] <= 0 {
				return fmt.Errorf("plot: %s: Y[%d] is %v, which a logarithmic y axis cannot show; drop it or set LogY to false", where, j, s.Y[j])
			}
		}
	}
	return nil
}

// maxAbs is the largest magnitude a value may have. Beyond it, rounding an
// axis out to the next tick could overflow float64 (whose largest value is
// about 1.8e308).
const maxAbs = 1e300

func isFinite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
