package report

import (
	"context"
	"flag"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// screenshots names a folder to write each page and its screenshot into,
// as train.html and train.png and so on, the screenshot cropped to the
// page, so that one can look at them (docs/report-example.png is
// train.png):
//
//	go test ./internal/report -run TestBrowser -args -screenshots=/tmp/shots
var screenshots = flag.String("screenshots", "", "write the screenshot of each page the browser test loads into this folder")

// chromium returns the path of a Chromium browser, or skips the test
// saying why.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("no chromium in PATH, so the page is not tested in a real browser: install Debian's chromium package (apt-get install chromium); .ci/run tries to")
	return ""
}

// The browser window. 900 pixels is wider than the page's column, as on a
// laptop; the height holds the longest of the test pages whole.
const windowWidth, windowHeight = 900, 5000

// screenshot writes p to a file, loads it in headless Chromium from a
// file:// URL and returns the screenshot of the window.
func screenshot(t *testing.T, browser string, p *Page) *image.RGBA {
	t.Helper()
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := p.Save(page); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "screenshot.png")
	// A generous limit, so that a hung browser fails the test instead of
	// blocking it; a busy machine takes a few seconds.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--force-device-scale-factor=1",
		"--user-data-dir="+t.TempDir(),
		"--screenshot="+shot,
		"--window-size="+strconv.Itoa(windowWidth)+","+strconv.Itoa(windowHeight),
		(&url.URL{Scheme: "file", Path: page}).String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("the browser wrote no screenshot: %v\n%s", err, out)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG file: %v", err)
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba
}

// markerColour is the colour of the twin page's figure i: full red, no
// green, and i in blue, which nothing else on a page is drawn in.
func markerColour(i int) color.RGBA {
	return color.RGBA{R: 255, G: 0, B: uint8(16 * i), A: 255}
}

// chartWidth, chartHeight are the size internal/plot draws every chart at.
const chartWidth, chartHeight = 640, 400

// twin returns a page laid out as p is, with every chart and picture
// replaced by a PNG of the same size in its own markerColour, so that a
// screenshot of the twin shows where p's figures are. It also returns the
// number of figures.
func twin(t *testing.T, p *Page) (*Page, int) {
	tw := *p
	tw.Sections = nil
	n := 0
	for _, s := range p.Sections {
		var markers []Picture
		for _, c := range s.Charts {
			markers = append(markers, Picture{PNG: solidPNG(t, chartWidth, chartHeight, markerColour(n)), Caption: c.Caption})
			n++
		}
		for _, pic := range s.Pictures {
			size := pngSize(t, pic.PNG)
			markers = append(markers, Picture{PNG: solidPNG(t, size.X, size.Y, markerColour(n)), Caption: pic.Caption})
			n++
		}
		s.Charts, s.Pictures = nil, markers
		tw.Sections = append(tw.Sections, s)
	}
	return &tw, n
}

// pngSize returns the width and height of a PNG file.
func pngSize(t *testing.T, b []byte) image.Point {
	v, err := pictureData(Picture{PNG: b})
	if err != nil {
		t.Fatal(err)
	}
	return image.Pt(v.Width, v.Height)
}

// find returns the smallest rectangle holding every pixel of img in colour
// c, and how many there are.
func find(img *image.RGBA, c color.RGBA) (image.Rectangle, int) {
	var r image.Rectangle
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				r = r.Union(image.Rect(x, y, x+1, y+1))
				n++
			}
		}
	}
	return r, n
}

// lumaStats returns the mean and the standard deviation of the luma
// (0 black to 255 white) of img's pixels in r, and the fraction of them
// that are not white.
func lumaStats(img *image.RGBA, r image.Rectangle) (mean, std, inked float64) {
	var sum, sum2 float64
	n, ink := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			l := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
			sum += l
			sum2 += l * l
			n++
			if c.R < 250 || c.G < 250 || c.B < 250 {
				ink++
			}
		}
	}
	mean = sum / float64(n)
	return mean, math.Sqrt(math.Max(0, sum2/float64(n)-mean*mean)), float64(ink) / float64(n)
}

// lastInkedRow returns the lowest row of img that is not all white: where
// the page ends.
func lastInkedRow(img *image.RGBA) int {
	b := img.Bounds()
	for y := b.Max.Y - 1; y >= b.Min.Y; y-- {
		if _, _, inked := lumaStats(img, image.Rect(b.Min.X, y, b.Max.X, y+1)); inked > 0 {
			return y
		}
	}
	return -1
}

// Thresholds of the browser test, from the screenshots of the three pages
// below in Chromium 156: the region of a chart has a luma standard
// deviation of 21 to 26 with 5% of its pixels inked, that of a picture of
// digits 49 to 98 with 97% or more; a blank region has 0 and 0%. The
// thresholds sit well between.
const (
	minFigureStd = 10
	minInked     = 0.01
)

// TestBrowserShowsPages loads the page of each command in headless
// Chromium, built from the pictures in docs/, and checks from the
// screenshot that the page rendered: it is not blank, and the region of
// every chart and picture, found in a twin page whose figures are solid
// colours, is not empty. The setting that would blank the page if its
// script ran checks the escaping in a real browser.
func TestBrowserShowsPages(t *testing.T) {
	browser := chromium(t)
	pages := map[string]*Page{"train": realisticTrain(t), "pca": PCA(samplePCA(t)), "compare": Compare(sampleCompare(t))}
	pages["pca"].Sections[len(pages["pca"].Sections)-1].Pictures[0].PNG = readDocs(t, "pca/components.png")
	pages["compare"].Sections[len(pages["compare"].Sections)-1].Pictures[0].PNG = readDocs(t, "pca/compare.png")
	pages["compare"].Settings = append(pages["compare"].Settings,
		Setting{Name: "-out", Value: `runs/<script>document.body.innerHTML = ""</script>`})

	for name, p := range pages {
		shot := screenshot(t, browser, p)
		twinPage, figures := twin(t, p)
		twinShot := screenshot(t, browser, twinPage)

		whole := shot.Bounds()
		if _, std, inked := lumaStats(shot, whole); std < minFigureStd || inked < minInked {
			t.Errorf("%s: the page looks blank: luma standard deviation %.1f, %.1f%% of the pixels inked", name, std, 100*inked)
		}
		end, twinEnd := lastInkedRow(shot), lastInkedRow(twinShot)
		if end >= whole.Max.Y-1 {
			t.Errorf("%s: the page is taller than the %d-pixel window: make windowHeight larger", name, windowHeight)
		}
		if end != twinEnd {
			t.Errorf("%s: the page ends at row %d but its twin at %d: the twin is laid out differently, so its figures do not mark the page's", name, end, twinEnd)
		}
		for i := 0; i < figures; i++ {
			r, n := find(twinShot, markerColour(i))
			if n == 0 || n != r.Dx()*r.Dy() {
				t.Errorf("%s: figure %d is not a solid rectangle in the twin's screenshot (%d pixels in %v)", name, i, n, r)
				continue
			}
			if r.Dx() < 100 || r.Dy() < 50 {
				t.Errorf("%s: figure %d is shown only %d×%d pixels large", name, i, r.Dx(), r.Dy())
			}
			mean, std, inked := lumaStats(shot, r)
			t.Logf("%s: figure %d at %v: luma mean %.0f, standard deviation %.1f, %.1f%% inked", name, i, r, mean, std, 100*inked)
			if std < minFigureStd || inked < minInked {
				t.Errorf("%s: figure %d at %v looks empty: luma standard deviation %.1f, %.1f%% of its pixels inked", name, i, r, std, 100*inked)
			}
		}
		if *screenshots != "" {
			writeScreenshot(t, filepath.Join(*screenshots, name+".png"), shot, end)
			if err := p.Save(filepath.Join(*screenshots, name+".html")); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// writeScreenshot writes the screenshot down to the page's last row, with
// a margin, to path.
func writeScreenshot(t *testing.T, path string, shot *image.RGBA, end int) {
	crop := shot.SubImage(image.Rect(0, 0, shot.Bounds().Dx(), min(end+40, shot.Bounds().Max.Y)))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, crop); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}
