package plot

// The picture's fixed size and layout, in SVG user units (pixels).
const (
	width, height = 640, 400
	fontSize      = 12 // tick labels, axis labels, legend
	titleSize     = 15
	charWidth     = 7 // estimated width of one character at fontSize in a sans-serif font
	marginTop     = 40
	marginBottom  = 50
	legendRow     = 18 // height of one legend entry
	swatchLength  = 24
	maxLegendPart = width / 3 // the legend never takes more of the width than this

	// maxSeries is how many legend rows fit below the top margin, with the
	// legend box's 8 units of padding and 10 to spare at the bottom: 19.
	maxSeries = (height - marginTop - 8 - 10) / legendRow
)

// palette holds the colours series are drawn in, in order: the colour-blind
// safe set of Okabe and Ito (2008), without its yellow, which is too faint
// on white.
var palette = []string{
	"#0072B2", // blue
	"#D55E00", // vermillion
	"#009E73", // bluish green
	"#CC79A7", // reddish purple
	"#E69F00", // orange
	"#56B4E9", // sky blue
	"#000000", // black
}

// dashes are the line patterns (SVG stroke-dasharray) used when there are
// more series than colours: series i gets colour i mod 7 and the dash
// pattern i/7 mod 4, so the first 28 series all look different.
var dashes = []string{"", "6 3", "2 3", "8 3 2 3"}

// seriesStyle returns the colour and dash pattern of series i.
func seriesStyle(i int) (colour, dash string) {
	return palette[i%len(palette)], dashes[(i/len(palette))%len(dashes)]
}
