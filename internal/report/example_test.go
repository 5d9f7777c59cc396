package report_test

import (
	"flag"
	"fmt"
	"strings"

	"bottleneck/internal/plot"
	"bottleneck/internal/report"
)

// A page with a settings table, a table of numbers and a chart. Every text
// is escaped, so a setting holding markup is shown as written; the chart is
// inline SVG, and nothing is fetched from anywhere.
func Example() {
	page := &report.Page{
		Title: "Two epochs",
		Lead:  "A short run.",
		Settings: []report.Setting{
			{Name: "-epochs", Value: "2"},
			{Name: "-out", Value: "runs/<today>"},
		},
		Sections: []report.Section{{
			Heading: "Epoch by epoch",
			Tables: []report.Table{{
				Header: []string{"epoch", "test error"},
				Rows:   [][]string{{"1", "11.33"}, {"2", "9.07"}},
			}},
			Charts: []report.Chart{{Plot: &plot.Chart{
				Title:  "Test error",
				Series: []plot.Series{{Name: "test", X: []float64{1, 2}, Y: []float64{11.33, 9.07}}},
			}}},
		}},
	}
	var html strings.Builder
	if err := page.WriteHTML(&html); err != nil {
		fmt.Println(err)
		return
	}
	s := html.String()
	fmt.Println("tables:", strings.Count(s, "<table"))
	fmt.Println("charts:", strings.Count(s, "<svg "))
	fmt.Println("setting shown as written:", strings.Contains(s, "runs/&lt;today&gt;"))
	fmt.Println("scripts:", strings.Count(s, "<script"))
	// Output:
	// tables: 2
	// charts: 1
	// setting shown as written: true
	// scripts: 0
}

// The settings table of a command is its flags: those given on the command
// line, and the others with their defaults.
func ExampleFlagSettings() {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.Int("epochs", 5, "passes over the training images")
	fs.Float64("lr", 0.001, "learning rate")
	args := []string{"-lr", "0.01"}
	fs.Parse(args)

	fmt.Println(report.CommandLine("bottleneck train", args))
	for _, s := range report.FlagSettings(fs) {
		fmt.Println(s.Name, s.Value, s.Default)
	}
	// Output:
	// bottleneck train -lr 0.01
	// -epochs 5 true
	// -lr 0.01 false
}
