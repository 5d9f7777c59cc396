package plot

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// scatterDoc is what the tests read back from a Scatter's SVG.
type scatterDoc struct {
	width, height float64
	frames        [][4]float64 // x, y, width, height of each panel's plot area
	points        []dot        // every data point, in order, panel after panel
	legendDots    []string     // the colour of each legend entry
	texts         []string     // every text element's content, in order
	medianTexts   []string     // the class names written at the medians
}

// dot is one point drawn for the data.
type dot struct {
	x, y   float64
	colour string
}

// parseScatter decodes an SVG document with encoding/xml.
func parseScatter(t *testing.T, data []byte) scatterDoc {
	t.Helper()
	var doc scatterDoc
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string // the class of each open element
	var text *strings.Builder
	number := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("attribute %q is not a number", s)
		}
		return v
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				doc.width, doc.height = number(attr["width"]), number(attr["height"])
			}
			stack = append(stack, attr["class"])
			switch {
			case tok.Name.Local == "rect" && attr["class"] == "frame":
				doc.frames = append(doc.frames, [4]float64{number(attr["x"]), number(attr["y"]), number(attr["width"]), number(attr["height"])})
			case tok.Name.Local == "circle" && slices.Contains(stack, "data"):
				doc.points = append(doc.points, dot{number(attr["cx"]), number(attr["cy"]), attr["fill"]})
			case tok.Name.Local == "circle" && slices.Contains(stack, "legend"):
				doc.legendDots = append(doc.legendDots, attr["fill"])
			case tok.Name.Local == "text":
				text = &strings.Builder{}
				if attr["stroke"] == "white" {
					stack[len(stack)-1] = "median"
				}
			}
		case xml.CharData:
			if text != nil {
				text.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				doc.texts = append(doc.texts, text.String())
				if stack[len(stack)-1] == "median" {
					doc.medianTexts = append(doc.medianTexts, text.String())
				}
				text = nil
			}
			stack = stack[:len(stack)-1]
		}
	}
	return doc
}

// twoPanels is a figure of three points of two classes, drawn twice.
func twoPanels() *Scatter {
	return &Scatter{
		Title:   "codes",
		Classes: []string{"zero", "one"},
		Panels: []ScatterPanel{
			{Title: "PCA", XLabel: "c1", YLabel: "c2", X: []float64{0, 1, 2}, Y: []float64{0, 10, 20}, Class: []int{0, 1, 1}},
			{Title: "code", XLabel: "h1", YLabel: "h2", X: []float64{-1, 0, 1}, Y: []float64{5, 5, 6}, Class: []int{1, 0, 0}},
		},
		MarkMedians: true,
	}
}

func renderScatter(t *testing.T, s *Scatter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestScatterPoints: every point lies in its own panel's plot area, where
// its coordinates put it, in its class's colour; panels sit side by side
// within the picture; the legend has one dot per class.
func TestScatterPoints(t *testing.T) {
	s := twoPanels()
	doc := parseScatter(t, renderScatter(t, s))
	if len(doc.frames) != 2 || len(doc.points) != 6 {
		t.Fatalf("%d frames and %d points, want 2 and 6", len(doc.frames), len(doc.points))
	}
	left, right := doc.frames[0], doc.frames[1]
	if left[0]+left[2] >= right[0] || right[0]+right[2] >= doc.width || left[1]+left[3] >= doc.height {
		t.Errorf("panels %v and %v do not sit side by side in a %v×%v picture", left, right, doc.width, doc.height)
	}
	for i, p := range doc.points {
		panel, j := i/3, i%3
		f := doc.frames[panel]
		if p.x < f[0] || p.x > f[0]+f[2] || p.y < f[1] || p.y > f[1]+f[3] {
			t.Errorf("point %d of panel %d at (%v, %v), outside its plot area %v", j, panel, p.x, p.y, f)
		}
		if want := classPalette[s.Panels[panel].Class[j]]; p.colour != want {
			t.Errorf("point %d of panel %d is %s, want %s", j, panel, p.colour, want)
		}
	}
	// Larger x is further right, larger y higher up (smaller SVG y).
	if !(doc.points[0].x < doc.points[1].x && doc.points[1].x < doc.points[2].x) || !(doc.points[0].y > doc.points[1].y && doc.points[1].y > doc.points[2].y) {
		t.Errorf("the first panel's points %v do not rise to the right", doc.points[:3])
	}
	if !slices.Equal(doc.legendDots, classPalette[:2]) {
		t.Errorf("legend colours %v, want %v", doc.legendDots, classPalette[:2])
	}
	for _, want := range []string{"codes", "PCA", "code", "c1", "c2", "h1", "h2", "zero", "one"} {
		if !slices.Contains(doc.texts, want) {
			t.Errorf("no text %q in %q", want, doc.texts)
		}
	}
	// Each class's name at its median, in both panels.
	if want := []string{"zero", "one", "zero", "one"}; !slices.Equal(doc.medianTexts, want) {
		t.Errorf("names at the medians %q, want %q", doc.medianTexts, want)
	}
	s.MarkMedians = false
	if doc := parseScatter(t, renderScatter(t, s)); len(doc.medianTexts) != 0 {
		t.Errorf("MarkMedians false, yet %q written at medians", doc.medianTexts)
	}
}

// TestScatterDeterministic: the same numbers give the same bytes; a point
// moved by a pixel changes them.
func TestScatterDeterministic(t *testing.T) {
	a, b := renderScatter(t, twoPanels()), renderScatter(t, twoPanels())
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same figure differ")
	}
	moved := twoPanels()
	moved.Panels[0].X[1] = 1.05 // 1/20 of the range: many pixels
	if bytes.Equal(a, renderScatter(t, moved)) {
		t.Error("moving a point did not change the picture")
	}
}

// TestScatterMedian: the name goes at the median, which one far point
// does not drag away as it would a mean.
func TestScatterMedian(t *testing.T) {
	p := ScatterPanel{X: []float64{1, 2, 3, 100, 7}, Y: []float64{5, 4, 6, 5, 0}, Class: []int{0, 0, 0, 0, 1}}
	mx, my, ok := classMedian(p, 0)
	if !ok || mx != 2.5 || my != 5 {
		t.Errorf("median of class 0 is (%v, %v, %v), want (2.5, 5, true)", mx, my, ok)
	}
	if _, _, ok := classMedian(p, 2); ok {
		t.Error("class 2 has no points, yet a median")
	}
}

func TestScatterErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Scatter)
		want   string
	}{
		{"no classes", func(s *Scatter) { s.Classes = nil }, "no classes"},
		{"eleven classes", func(s *Scatter) { s.Classes = strings.Split("abcdefghijk", "") }, "11 classes"},
		{"no panels", func(s *Scatter) { s.Panels = nil }, "no panels"},
		{"five panels", func(s *Scatter) { s.Panels = append(s.Panels, s.Panels...); s.Panels = append(s.Panels, s.Panels[0]) }, "5 panels"},
		{"lengths differ", func(s *Scatter) { s.Panels[1].Class = []int{0} }, "3, 3 and 1 values"},
		{"empty panel", func(s *Scatter) { s.Panels[0] = ScatterPanel{Title: "e"} }, "has no points"},
		{"NaN", func(s *Scatter) { s.Panels[0].Y[2] = math.NaN() }, "point 2 is (2, NaN)"},
		{"infinite", func(s *Scatter) { s.Panels[1].X[0] = math.Inf(-1) }, "every value must be finite"},
		{"huge", func(s *Scatter) { s.Panels[1].X[0] = 1e301 }, "beyond ±1e+300"},
		{"class out of range", func(s *Scatter) { s.Panels[0].Class[1] = 2 }, "class 2, outside [0, 2)"},
		{"negative class", func(s *Scatter) { s.Panels[0].Class[1] = -1 }, "class -1"},
	}
	for _, tt := range tests {
		s := twoPanels()
		tt.change(s)
		var buf bytes.Buffer
		err := s.WriteSVG(&buf)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written for an invalid figure", tt.name, buf.Len())
		}
	}
}

// TestScatterOnePoint: a panel of one point (an empty range on both axes)
// is still drawn inside its frame.
func TestScatterOnePoint(t *testing.T) {
	s := &Scatter{Classes: []string{"a"}, Panels: []ScatterPanel{{X: []float64{3}, Y: []float64{0}, Class: []int{0}}}}
	doc := parseScatter(t, renderScatter(t, s))
	f, p := doc.frames[0], doc.points[0]
	if p.x <= f[0] || p.x >= f[0]+f[2] || p.y <= f[1] || p.y >= f[1]+f[3] {
		t.Errorf("the one point at (%v, %v) is not inside its frame %v", p.x, p.y, f)
	}
}

// TestClassColoursDistinct: no two classes share a colour, and none is
// white on the white background.
func TestClassColoursDistinct(t *testing.T) {
	seen := map[string]int{}
	for i, c := range classPalette {
		if j, ok := seen[c]; ok {
			t.Errorf("classes %d and %d share colour %s", j, i, c)
		}
		seen[c] = i
		if strings.EqualFold(c, "#ffffff") {
			t.Errorf("class %d is white", i)
		}
	}
}
