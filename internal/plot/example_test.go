package plot_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"bottleneck/internal/plot"
)

// The words a chart shows: the title, the tick labels (x axis, then y axis),
// the axis labels and the legend. The y axis runs from 5 to 40 (train and
// test error), so its nice step is 10 and it is rounded out to 0 and 40.
func ExampleChart_WriteSVG() {
	c := plot.Chart{
		Title:  "Reconstruction error",
		XLabel: "epoch",
		YLabel: "squared error per image",
		Series: []plot.Series{
			{Name: "train", X: []float64{1, 2, 3, 4}, Y: []float64{38, 14, 8, 5}},
			{Name: "test", X: []float64{1, 2, 3, 4}, Y: []float64{40, 16, 10, 7.5}, Points: true},
		},
	}
	var svg strings.Builder
	if err := c.WriteSVG(&svg); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.SplitN(svg.String(), "\n", 2)[0])

	// Print the content of every <text> element.
	d := xml.NewDecoder(strings.NewReader(svg.String()))
	var words []string
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
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
	// <svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400" font-family="sans-serif" font-size="12">
	// Reconstruction error | 1 | 2 | 3 | 4 | 0 | 10 | 20 | 30 | 40 | epoch | squared error per image | train | test
}

// A logarithmic axis cannot show zero: WriteSVG says which value is at fault
// instead of drawing a broken chart.
func ExampleChart_WriteSVG_error() {
	c := plot.Chart{
		Title: "loss",
		LogY:  true,
		Series: []plot.Series{
			{Name: "test", X: []float64{1, 2, 3}, Y: []float64{4, 1, 0}},
		},
	}
	err := c.WriteSVG(io.Discard)
	fmt.Println(err)
	// Output:
	// plot: chart "loss": series 0 ("test"): Y[2] is 0, which a logarithmic y axis cannot show; drop it or set LogY to false
}
