package report

import "bottleneck/internal/plot"

// Page is one run's report: what was run, with which settings, and what came
// out. Every string in it is plain text: it is escaped when the page is
// written, so a path or a flag value holding "<script>" is shown as written.
type Page struct {
	Title      string      // the page's heading and the browser tab's name
	Lead       string      // one paragraph under the title: what was run and the main result
	Command    string      // the command line that made the run, so that it can be repeated; "" leaves it out
	Warning    string      // shown in a box under the lead when the run went wrong; "" for a good run
	Settings   []Setting   // the settings table, in the order given
	Sections   []Section   // in order, each under its own heading
	References []Reference // listed at the end
}

// Setting is one row of the settings table, usually a command-line flag.
type Setting struct {
	Name, Value string
	Default     bool // the value is the default, not given on the command line: shown greyed
}

// Section is a part of the page under a heading. Its parts are shown in this
// order: the paragraphs, the tables, the charts, the pictures. A section that
// needs another order is better split in two.
type Section struct {
	Heading  string
	Text     []string // paragraphs of prose
	Tables   []Table
	Charts   []Chart
	Pictures []Picture
}

// Table is a table of numbers (or words) with a header row. Every row should
// have as many cells as the header; the first column is read as the row's
// label and the others are right-aligned, as numbers are.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// Chart is a chart drawn by internal/plot, shown inline as SVG: a line
// chart (Plot) or a scatter plot (Scatter), one of the two.
type Chart struct {
	Plot    *plot.Chart   // its title is drawn in the picture
	Scatter *plot.Scatter // used when Plot is nil
	Caption string        // what to read in it; "" for none
}

// Picture is a PNG picture, shown inline (as a data: URI, so that the page
// needs no other file) at its own size or narrower.
type Picture struct {
	PNG     []byte // the bytes of a PNG file
	Caption string // also the picture's alternative text
}

// Reference is a paper or a page that the report's numbers come from.
type Reference struct {
	Text string // "Hinton & Salakhutdinov (2006), Reducing the dimensionality of data with neural networks, Science 313:504"
	URL  string // an https address, or "" for no link; anything else is an error when the page is written
}
