package plot

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"bottleneck/internal/atomicfile"
)

// Diagram is a drawing of labelled boxes, arrows and text on a white page,
// for the figures that are not charts: the shapes of the matrices of a
// network, say. Coordinates are in pixels from the top left corner. Like a
// Chart, the same diagram always gives the same bytes.
type Diagram struct {
	Width, Height float64 // the page, > 0
	Boxes         []Box
	Arrows        []Arrow
	Texts         []Text
}

// Box is a rectangle with an optional fill, drawn before the arrows and
// texts. Name, if not empty, is written at its centre.
type Box struct {
	X, Y, W, H float64 // top left corner and size, W and H > 0
	Fill       string  // a colour such as "#dde8f3"; "" is white
	Name       string
}

// Arrow is a straight line from (X1, Y1) to (X2, Y2) with a head at the
// second end, and an optional label centred above its middle.
type Arrow struct {
	X1, Y1, X2, Y2 float64
	Label          string
}

// Text is a line of text; Anchor is "start", "middle" (the default when
// empty) or "end", as in SVG; Bold draws it in bold.
type Text struct {
	X, Y   float64
	S      string
	Anchor string
	Bold   bool
}

// WriteSVG writes the diagram to w as an SVG document. It returns an error,
// and writes nothing, if the page is not positive or a coordinate is not
// finite.
func (d *Diagram) WriteSVG(w io.Writer) error {
	if err := d.validate(); err != nil {
		return err
	}
	var buf bytes.Buffer
	d.render(&buf)
	_, err := w.Write(buf.Bytes())
	return err
}

// Save writes the diagram as an SVG file at path, replaced atomically.
func (d *Diagram) Save(path string) error {
	if err := d.validate(); err != nil {
		return err
	}
	return atomicfile.Write(path, d.WriteSVG)
}

func (d *Diagram) validate() error {
	if !(d.Width > 0 && d.Height > 0) || !isFinite(d.Width) || !isFinite(d.Height) {
		return fmt.Errorf("plot: diagram page %v×%v: width and height must be positive and finite", d.Width, d.Height)
	}
	for i, b := range d.Boxes {
		if !allFinite(b.X, b.Y, b.W, b.H) || !(b.W > 0 && b.H > 0) {
			return fmt.Errorf("plot: diagram box %d (%q): corner and size must be finite, size positive", i, b.Name)
		}
	}
	for i, a := range d.Arrows {
		if !allFinite(a.X1, a.Y1, a.X2, a.Y2) {
			return fmt.Errorf("plot: diagram arrow %d (%q): ends must be finite", i, a.Label)
		}
	}
	for i, t := range d.Texts {
		if !allFinite(t.X, t.Y) {
			return fmt.Errorf("plot: diagram text %d (%q): position must be finite", i, t.S)
		}
	}
	return nil
}

func allFinite(v ...float64) bool {
	for _, x := range v {
		if !isFinite(x) {
			return false
		}
	}
	return true
}

func (d *Diagram) render(buf *bytes.Buffer) {
	fmt.Fprintf(buf, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="sans-serif" font-size="%d">`+"\n",
		num(d.Width), num(d.Height), num(d.Width), num(d.Height), fontSize)
	buf.WriteString(`<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/></marker></defs>` + "\n")
	fmt.Fprintf(buf, `<rect width="%s" height="%s" fill="white"/>`+"\n", num(d.Width), num(d.Height))
	for _, b := range d.Boxes {
		fill := b.Fill
		if fill == "" {
			fill = "white"
		}
		fmt.Fprintf(buf, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#333333"/>`+"\n",
			num(b.X), num(b.Y), num(b.W), num(b.H), escape(fill))
		if b.Name != "" {
			fmt.Fprintf(buf, `<text x="%s" y="%s" dy="4" text-anchor="middle">%s</text>`+"\n",
				num(b.X+b.W/2), num(b.Y+b.H/2), escape(b.Name))
		}
	}
	for _, a := range d.Arrows {
		fmt.Fprintf(buf, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333333" stroke-width="1.5" marker-end="url(#head)"/>`+"\n",
			num(a.X1), num(a.Y1), num(a.X2), num(a.Y2))
		if a.Label != "" {
			fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="middle">%s</text>`+"\n",
				num((a.X1+a.X2)/2), num(math.Min(a.Y1, a.Y2)-6), escape(a.Label))
		}
	}
	for _, t := range d.Texts {
		anchor := t.Anchor
		if anchor == "" {
			anchor = "middle"
		}
		weight := ""
		if t.Bold {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(buf, `<text x="%s" y="%s" text-anchor="%s"%s>%s</text>`+"\n", num(t.X), num(t.Y), escape(anchor), weight, escape(t.S))
	}
	buf.WriteString("</svg>\n")
}
