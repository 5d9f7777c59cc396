package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"strings"

	"bottleneck/internal/atomicfile"
)

// page.html is the page's template, with its style sheet inline.
//
//go:embed page.html
var pageHTML string

var pageTemplate = template.Must(template.New("page.html").Parse(pageHTML))

// WriteHTML writes the page to w as one HTML document that needs nothing
// else: its style is inline, the charts are inline SVG and the pictures are
// data: URIs. It returns an error, and writes nothing, if a chart's data
// cannot be drawn, a picture is not a PNG file, a table row has more cells
// than its header, or a reference's URL is not an https address.
func (p *Page) WriteHTML(w io.Writer) error {
	data, err := p.render()
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Save writes the page as an HTML file at path (report.html beside a run's
// other outputs). The file is replaced atomically: if anything fails, what
// was at path before is left untouched.
func (p *Page) Save(path string) error {
	data, err := p.render()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

// The values the template shows: the page's own, with every chart drawn and
// every picture turned into a data: URI.
type (
	pageView struct {
		Title, Lead, Command, Warning string
		Settings                      []Setting
		AnyDefault                    bool // a setting is shown greyed, as a default
		Sections                      []sectionView
		References                    []Reference
	}
	sectionView struct {
		Heading  string
		Text     []string
		Tables   []Table
		Charts   []chartView
		Pictures []pictureView
	}
	chartView struct {
		SVG     template.HTML
		Caption string
	}
	pictureView struct {
		Src           template.URL
		Width, Height int
		Caption       string
	}
)

// render checks the page, draws its charts, encodes its pictures and
// executes the template.
func (p *Page) render() ([]byte, error) {
	v := pageView{Title: p.Title, Lead: p.Lead, Command: p.Command, Warning: p.Warning,
		Settings: p.Settings, References: p.References}
	for _, s := range p.Settings {
		v.AnyDefault = v.AnyDefault || s.Default
	}
	for _, r := range p.References {
		if r.URL != "" && !strings.HasPrefix(r.URL, "https://") {
			return nil, fmt.Errorf("report: reference %q: URL %q is not an https address", r.Text, r.URL)
		}
	}
	for _, s := range p.Sections {
		sv := sectionView{Heading: s.Heading, Text: s.Text, Tables: s.Tables}
		for i, t := range s.Tables {
			for j, row := range t.Rows {
				if len(row) > len(t.Header) {
					return nil, fmt.Errorf("report: section %q: table %d (%q): row %d has %d cells but the header only %d",
						s.Heading, i, t.Caption, j, len(row), len(t.Header))
				}
			}
		}
		for i, c := range s.Charts {
			svg, err := chartSVG(c)
			if err != nil {
				return nil, fmt.Errorf("report: section %q: chart %d: %w", s.Heading, i, err)
			}
			sv.Charts = append(sv.Charts, chartView{SVG: svg, Caption: c.Caption})
		}
		for i, pic := range s.Pictures {
			pv, err := pictureData(pic)
			if err != nil {
				return nil, fmt.Errorf("report: section %q: picture %d (%q): %w", s.Heading, i, pic.Caption, err)
			}
			sv.Pictures = append(sv.Pictures, pv)
		}
		v.Sections = append(v.Sections, sv)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return buf.Bytes(), nil
}

// chartSVG draws c with internal/plot and marks the result as safe HTML.
//
// This is one of the two places where the package tells html/template to
// trust a value instead of escaping it. It is safe because plot.Chart and
// plot.Scatter write every text they draw (titles, labels, legend names)
// through an XML escaper and everything else from numbers and fixed
// strings. Never widen
// this to SVG from anywhere else: a file read from disk, or bytes a caller
// hands in, could hold a <script> element or an event handler.
func chartSVG(c Chart) (template.HTML, error) {
	var buf bytes.Buffer
	var err error
	switch {
	case c.Plot != nil:
		err = c.Plot.WriteSVG(&buf)
	case c.Scatter != nil:
		err = c.Scatter.WriteSVG(&buf)
	default:
		err = fmt.Errorf("no plot")
	}
	if err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// pictureData checks that pic holds a whole PNG file, reads its size and
// turns it into a data: URI.
//
// This is the other place where html/template is told to trust a value: a
// URI that html/template does not know to be harmless would be replaced by
// "#ZgotmplZ". It is safe because the URI is built here from a fixed prefix
// and base64, whose alphabet (A–Z, a–z, 0–9, +, /, =) cannot end the
// attribute or start anything else.
func pictureData(pic Picture) (pictureView, error) {
	img, err := png.Decode(bytes.NewReader(pic.PNG))
	if err != nil {
		return pictureView{}, fmt.Errorf("not a PNG file: %w", err)
	}
	size := img.Bounds().Size()
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pic.PNG)
	return pictureView{Src: template.URL(src), Width: size.X, Height: size.Y, Caption: pic.Caption}, nil
}
