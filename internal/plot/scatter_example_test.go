package plot_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"bottleneck/internal/plot"
)

// Two digits placed by two numbers each, by PCA and by a code, in one
// figure: the words it shows are the titles, the tick labels and axis
// labels of each panel, the class names at the medians, and the legend.
func ExampleScatter_WriteSVG() {
	s := plot.Scatter{
		Title:   "two digits",
		Classes: []string{"0", "1"},
		Panels: []plot.ScatterPanel{
			{Title: "PCA", XLabel: "component 1", YLabel: "component 2",
				X: []float64{-2, -1, 1, 2}, Y: []float64{0, 1, 0, 1}, Class: []int{0, 0, 1, 1}},
			{Title: "code", XLabel: "h₁", YLabel: "h₂",
				X: []float64{0, 0.1, 0.9, 1}, Y: []float64{0, 0.2, 0.8, 1}, Class: []int{0, 0, 1, 1}},
		},
		MarkMedians: true,
	}
	var svg strings.Builder
	if err := s.WriteSVG(&svg); err != nil {
		fmt.Println(err)
		return
	}
	d := xml.NewDecoder(strings.NewReader(svg.String()))
	var words []string
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				words = append(words, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	fmt.Println(strings.Join(words, " | "))
	// Output:
	// two digits | PCA | -2 | -1 | 0 | 1 | 2 | 0 | 0.2 | 0.4 | 0.6 | 0.8 | 1 | component 1 | component 2 | 0 | 1 | code | 0 | 0.2 | 0.4 | 0.6 | 0.8 | 1 | 0 | 0.2 | 0.4 | 0.6 | 0.8 | 1 | h₁ | h₂ | 0 | 1 | 0 | 1
}
