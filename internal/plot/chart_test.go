package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is what the tests read back from an SVG document.
type svgDoc struct {
	width, height string
	frame         [4]float64   // x, y, width, height of the plot area
	points        [][2]float64 // every line vertex and marker centre drawn for the data
	texts         []string     // the content of every text element, in order
	swatches      int          // lines in the legend
	legendRight   float64      // right edge of the legend's box
	legendBottom  float64      // bottom edge of the legend's box
}

// parseSVG decodes data with encoding/xml and collects what the tests check.
func parseSVG(data []byte) (svgDoc, error) {
	var doc svgDoc
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string // class of each open element ("" if none)
	inside := func(class string) bool { return slices.Contains(stack, class) }
	var text *strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return doc, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					return doc, fmt.Errorf("root element is %v, want svg in the SVG namespace", tok.Name)
				}
				doc.width, doc.height = attr["width"], attr["height"]
			}
			stack = append(stack, attr["class"])
			switch {
			case tok.Name.Local == "rect" && attr["class"] == "frame":
				for i, k := range []string{"x", "y", "width", "height"} {
					if doc.frame[i], err = strconv.ParseFloat(attr[k], 64); err != nil {
						return doc, err
					}
				}
			case tok.Name.Local == "polyline" && inside("data"):
				for _, p := range strings.Fields(attr["points"]) {
					x, y, ok := strings.Cut(p, ",")
					if !ok {
						return doc, fmt.Errorf("point %q is not x,y", p)
					}
					pt, err := parsePoint(x, y)
					if err != nil {
						return doc, err
					}
					doc.points = append(doc.points, pt)
				}
			case tok.Name.Local == "circle" && inside("data"):
				pt, err := parsePoint(attr["cx"], attr["cy"])
				if err != nil {
					return doc, err
				}
				doc.points = append(doc.points, pt)
			case tok.Name.Local == "rect" && attr["class"] == "legend-box":
				x, w := attr["x"], attr["width"]
				pt, err := parsePoint(x, w)
				if err != nil {
					return doc, err
				}
				doc.legendRight = pt[0] + pt[1]
				if pt, err = parsePoint(attr["y"], attr["height"]); err != nil {
					return doc, err
				}
				doc.legendBottom = pt[0] + pt[1]
			case tok.Name.Local == "line" && inside("legend"):
				doc.swatches++
			case tok.Name.Local == "text":
				text = new(strings.Builder)
			}
		case xml.CharData:
			if text != nil {
				text.Write(tok)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if tok.Name.Local == "text" {
				doc.texts = append(doc.texts, text.String())
				text = nil
			}
		}
	}
	return doc, nil
}

func parsePoint(x, y string) ([2]float64, error) {
	px, err := strconv.ParseFloat(x, 64)
	if err != nil {
		return [2]float64{}, err
	}
	py, err := strconv.ParseFloat(y, 64)
	return [2]float64{px, py}, err
}

// checkInFrame reports every data point drawn outside the plot area. The
// coordinates are rounded to 0.01, hence the tolerance.
func checkInFrame(t *testing.T, doc svgDoc) {
	t.Helper()
	x, y, w, h := doc.frame[0], doc.frame[1], doc.frame[2], doc.frame[3]
	if w <= 0 || h <= 0 {
		t.Fatalf("frame %v has no area", doc.frame)
	}
	const tol = 0.01
	for _, p := range doc.points {
		if !(p[0] >= x-tol && p[0] <= x+w+tol && p[1] >= y-tol && p[1] <= y+h+tol) { // NaN fails
			t.Errorf("point %v is outside the frame %v", p, doc.frame)
		}
	}
}

func render(t *testing.T, c *Chart) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := c.WriteSVG(&buf); err != nil {
		t.Fatalf("WriteSVG: %v", err)
	}
	return buf.Bytes()
}

func TestWriteSVGErrors(t *testing.T) {
	ok := []float64{1, 2, 3}
	tests := []struct {
		name  string
		chart Chart
		want  string // part of the error message
	}{
		{"no series", Chart{Title: "t"}, `plot: chart "t" has no series`},
		{"too many series", Chart{Title: "angles", Series: make([]Series, 20)}, `chart "angles" has 20 series but the legend holds at most 19`},
		{"empty series", Chart{Series: []Series{{Name: "a"}}}, `series 0 ("a") has no points`},
		{"length mismatch", Chart{Series: []Series{{Name: "a", X: ok, Y: ok}, {Name: "b", X: ok, Y: ok[:2]}}},
			`series 1 ("b"): X has 3 values but Y has 2`},
		{"NaN in X", Chart{Series: []Series{{X: []float64{1, math.NaN()}, Y: []float64{1, 2}}}}, "X[1] is NaN"},
		{"+Inf in Y", Chart{Series: []Series{{X: ok, Y: []float64{1, 2, math.Inf(1)}}}}, "Y[2] is +Inf"},
		{"-Inf in Y", Chart{Series: []Series{{X: ok, Y: []float64{math.Inf(-1), 2, 3}}}}, "Y[0] is -Inf"},
		{"too large", Chart{Series: []Series{{X: ok, Y: []float64{1, 2e300, 3}}}}, "point 1 (2, 2e+300) is beyond ±1e+300"},
		{"zero with LogY", Chart{LogY: true, Series: []Series{{X: ok, Y: []float64{1, 0, 3}}}}, "Y[1] is 0, which a logarithmic y axis cannot show"},
		{"negative with LogY", Chart{LogY: true, Series: []Series{{X: ok, Y: []float64{-1, 2, 3}}}}, "Y[0] is -1, which a logarithmic y axis cannot show"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tt.chart.WriteSVG(&buf)
			if err == nil {
				t.Fatalf("WriteSVG returned no error, want one containing %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), "plot: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to start with \"plot: \" and contain %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("WriteSVG wrote %d bytes for an invalid chart, want none", buf.Len())
			}
			path := filepath.Join(t.TempDir(), "chart.svg")
			if err := tt.chart.Save(path); err == nil {
				t.Errorf("Save returned no error")
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Save of an invalid chart left a file at %s (stat: %v)", path, err)
			}
		})
	}
}

// sample is a chart like the experiments draw, with text that needs escaping.
func sample() *Chart {
	return &Chart{
		Title:  `Error <784-30-784> & "PCA"`,
		XLabel: "epoch",
		YLabel: "squared error per image",
		LogY:   true,
		Series: []Series{
			{Name: "train", X: []float64{1, 2, 3, 4}, Y: []float64{40, 12, 6.5, 5.1}},
			{Name: "test <held out>", X: []float64{1, 2, 3, 4}, Y: []float64{41, 13, 7.2, 6}, Points: true},
			{Name: "PCA, k=30", X: []float64{4}, Y: []float64{13.87}},
		},
	}
}

func TestWriteSVGText(t *testing.T) {
	data := render(t, sample())
	doc, err := parseSVG(data)
	if err != nil {
		t.Fatalf("output does not parse as XML: %v\n%s", err, data)
	}
	if doc.width != "640" || doc.height != "400" {
		t.Errorf("size %s×%s, want 640×400", doc.width, doc.height)
	}
	for _, want := range []string{`Error <784-30-784> & "PCA"`, "epoch", "squared error per image", "train", "test <held out>", "PCA, k=30"} {
		if !slices.Contains(doc.texts, want) {
			t.Errorf("no text element reads %q; texts: %q", want, doc.texts)
		}
	}
	// The y axis spans 5.1 to 41: whole decades 1 to 100, marked at 1, 2, 5.
	for _, want := range []string{"1", "2", "5", "10", "20", "50", "100"} {
		if !slices.Contains(doc.texts, want) {
			t.Errorf("no tick label %q; texts: %q", want, doc.texts)
		}
	}
	if !bytes.Contains(data, []byte("&lt;784-30-784&gt; &amp;")) {
		t.Errorf("title not escaped in the raw output")
	}
	if doc.legendRight <= doc.frame[0]+doc.frame[2] || doc.legendRight > width-5 {
		t.Errorf("legend ends at x = %v, want it right of the plot (%v) and at least 5 from the edge (%d)",
			doc.legendRight, doc.frame[0]+doc.frame[2], width)
	}
	if doc.swatches != 3 {
		t.Errorf("legend has %d swatches, want one per series (3)", doc.swatches)
	}
	// 4 + 4 line vertices, 4 markers for "test", 1 marker for the single point.
	if len(doc.points) != 13 {
		t.Errorf("drew %d data points, want 13", len(doc.points))
	}
	checkInFrame(t, doc)
}

func TestWriteSVGPositions(t *testing.T) {
	// Corners of the data land on the corners of the frame, and the middle of
	// each axis in the middle: 5 on [0, 10], and 10 on a log axis [1, 100].
	tests := []struct {
		name string
		logY bool
		y    []float64
	}{
		{"linear", false, []float64{0, 5, 10}},
		{"log", true, []float64{1, 10, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{LogY: tt.logY, Series: []Series{{X: []float64{0, 5, 10}, Y: tt.y}}}
			doc, err := parseSVG(render(t, &c))
			if err != nil {
				t.Fatal(err)
			}
			x, y, w, h := doc.frame[0], doc.frame[1], doc.frame[2], doc.frame[3]
			want := [][2]float64{{x, y + h}, {x + w/2, y + h/2}, {x + w, y}}
			if len(doc.points) != len(want) {
				t.Fatalf("points %v, want %v", doc.points, want)
			}
			for i := range want {
				// Coordinates are written to 0.01.
				if !(math.Abs(doc.points[i][0]-want[i][0]) <= 0.01 && math.Abs(doc.points[i][1]-want[i][1]) <= 0.01) {
					t.Errorf("point %d at %v, want %v", i, doc.points[i], want[i])
				}
			}
		})
	}
}

func TestWriteSVGDegenerate(t *testing.T) {
	tests := []struct {
		name  string
		chart Chart
	}{
		{"single point", Chart{Series: []Series{{X: []float64{3}, Y: []float64{7}}}}},
		{"single point at zero", Chart{Series: []Series{{X: []float64{0}, Y: []float64{0}}}}},
		{"single point, log", Chart{LogY: true, Series: []Series{{X: []float64{3}, Y: []float64{7}}}}},
		{"constant", Chart{Series: []Series{{X: []float64{1, 2, 3}, Y: []float64{2, 2, 2}}}}},
		{"constant power of ten, log", Chart{LogY: true, Series: []Series{{X: []float64{1, 2}, Y: []float64{100, 100}}}}},
		{"vertical", Chart{Series: []Series{{X: []float64{5, 5}, Y: []float64{1, 2}}}}},
		{"no title or labels", Chart{Series: []Series{{X: []float64{0, 1}, Y: []float64{0, 1}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := render(t, &tt.chart)
			doc, err := parseSVG(data)
			if err != nil {
				t.Fatalf("output does not parse: %v", err)
			}
			if len(doc.points) == 0 {
				t.Errorf("nothing drawn")
			}
			checkInFrame(t, doc)
			if bytes.Contains(data, []byte("NaN")) || bytes.Contains(data, []byte("Inf")) {
				t.Errorf("output contains NaN or Inf:\n%s", data)
			}
		})
	}
}

func TestWriteSVGDeterministic(t *testing.T) {
	a := render(t, sample())
	b := render(t, sample())
	if !bytes.Equal(a, b) {
		t.Errorf("two renderings of the same chart differ")
	}
}

func TestMostSeriesFit(t *testing.T) {
	c := Chart{}
	for i := range maxSeries {
		c.Series = append(c.Series, Series{Name: fmt.Sprint("angle ", i+1), X: []float64{0, 1}, Y: []float64{0, float64(i)}})
	}
	doc, err := parseSVG(render(t, &c))
	if err != nil {
		t.Fatal(err)
	}
	if doc.swatches != maxSeries {
		t.Errorf("legend has %d swatches, want %d", doc.swatches, maxSeries)
	}
	if doc.legendBottom > height {
		t.Errorf("legend ends at y = %v, below the picture (%d)", doc.legendBottom, height)
	}
}

func TestSeriesStylesDistinct(t *testing.T) {
	// 7 colours × 4 dash patterns = 28 distinct styles.
	seen := map[[2]string]int{}
	for i := range 28 {
		c, d := seriesStyle(i)
		if j, ok := seen[[2]string{c, d}]; ok {
			t.Errorf("series %d and %d share colour %s and dash %q", j, i, c, d)
		}
		seen[[2]string{c, d}] = i
	}
}

func TestLongLegendNameIsShortened(t *testing.T) {
	long := strings.Repeat("ab", 100)
	c := Chart{Series: []Series{{Name: long, X: []float64{0, 1}, Y: []float64{0, 1}}}}
	doc, err := parseSVG(render(t, &c))
	if err != nil {
		t.Fatal(err)
	}
	var name string
	for _, s := range doc.texts {
		if strings.HasPrefix(s, "abab") {
			name = s
		}
	}
	if !strings.HasSuffix(name, "…") || len(name) >= len(long) {
		t.Errorf("legend shows %q, want a shortened name ending in …", name)
	}
	if doc.legendRight <= doc.frame[0]+doc.frame[2] || doc.legendRight > width-5 {
		t.Errorf("legend ends at x = %v, want it right of the plot (%v) and at least 5 from the edge (%d)",
			doc.legendRight, doc.frame[0]+doc.frame[2], width)
	}
	if doc.frame[0]+doc.frame[2] < width/2 {
		t.Errorf("plot area %v takes less than half the width", doc.frame)
	}
}

func TestSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loss.svg")
	if err := sample().Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := render(t, sample()); !bytes.Equal(got, want) {
		t.Errorf("saved file differs from WriteSVG's output")
	}
	// A failed Save leaves the good file alone.
	bad := Chart{Title: "bad"}
	if err := bad.Save(path); err == nil {
		t.Fatal("Save of a chart with no series returned no error")
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, got) {
		t.Errorf("a failed Save changed the file")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteSVGWriterError(t *testing.T) {
	if err := sample().WriteSVG(failingWriter{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteSVG to a failing writer returned %v, want the writer's error", err)
	}
}

func FuzzWriteSVG(f *testing.F) {
	f.Add(0.0, 0.0, 1.0, 1.0, false, "train")
	f.Add(1.0, 40.0, 50.0, 3.0, true, "<&>")
	f.Add(3.0, 7.0, 3.0, 7.0, true, "")
	f.Add(-1e300, 5e-324, 1e300, 1e-300, true, "\x00\xff")
	f.Fuzz(func(t *testing.T, x0, y0, x1, y1 float64, logY bool, name string) {
		c := Chart{Title: name, XLabel: name, YLabel: name, LogY: logY,
			Series: []Series{{Name: name, X: []float64{x0, x1}, Y: []float64{y0, y1}, Points: true}}}
		var buf bytes.Buffer
		if err := c.WriteSVG(&buf); err != nil {
			if !strings.HasPrefix(err.Error(), "plot: ") {
				t.Errorf("error %q does not start with \"plot: \"", err)
			}
			return
		}
		doc, err := parseSVG(buf.Bytes())
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, buf.Bytes())
		}
		checkInFrame(t, doc)
	})
}
