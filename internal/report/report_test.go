package report

import (
	"flag"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The parts of a page that selfContainedProblems reads: its tags, the
// attributes in a tag (html/template and internal/plot quote every value
// with ", and write a " inside one as &#34;), and its style element.
var (
	tagPattern   = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>`)
	attrPattern  = regexp.MustCompile(`\s([a-zA-Z:-]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?`)
	stylePattern = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
)

// selfContainedProblems lists what in page could load anything from
// elsewhere or run a script. No element may fetch or run anything but an
// image whose src is a PNG data: URI; an href must be a link (an a
// element) to an https page; no attribute may hold an event handler or a
// plain http: address; the style may not import or point at anything.
// Text is not read: html/template escapes its "<", so it cannot be a tag.
func selfContainedProblems(page string) []string {
	var problems []string
	for _, m := range tagPattern.FindAllStringSubmatch(page, -1) {
		tag := strings.ToLower(m[1])
		switch tag {
		case "script", "link", "iframe", "frame", "object", "embed", "base", "video", "audio", "source", "track", "image", "use", "foreignobject":
			problems = append(problems, fmt.Sprintf("the page holds a <%s> element", tag))
		}
		for _, a := range attrPattern.FindAllStringSubmatch(m[2], -1) {
			name, value := strings.ToLower(a[1]), strings.ToLower(strings.Trim(a[2], `"'`))
			switch {
			case name == "src":
				if tag != "img" || !strings.HasPrefix(value, "data:image/png;base64,") || a[2][0] != '"' {
					problems = append(problems, fmt.Sprintf("<%s src=%.30s…> is not an image from a quoted PNG data: URI", tag, a[2]))
				}
			case name == "href":
				if tag != "a" || !strings.HasPrefix(value, "https://") || a[2][0] != '"' {
					problems = append(problems, fmt.Sprintf("<%s href=%.30s…> is not a link to an https page", tag, a[2]))
				}
			case strings.HasPrefix(name, "on"), name == "srcset", name == "xlink:href", name == "style", name == "background":
				problems = append(problems, fmt.Sprintf("<%s> has a %s attribute", tag, name))
			case name == "http-equiv" && value != "content-security-policy":
				problems = append(problems, fmt.Sprintf("<%s http-equiv=%s>", tag, a[2]))
			case name == "xmlns" && value == "http://www.w3.org/2000/svg":
				// The name of SVG's XML namespace, which internal/plot
				// writes on every chart: a name, not an address.
			case strings.Contains(value, "http:"):
				problems = append(problems, fmt.Sprintf("<%s %s=%.40s…> names a plain http: address", tag, name, a[2]))
			}
		}
	}
	for _, m := range stylePattern.FindAllStringSubmatch(page, -1) {
		for _, bad := range []string{"@import", "url(", "@font-face"} {
			if strings.Contains(strings.ToLower(m[1]), bad) {
				problems = append(problems, fmt.Sprintf("the style holds %s", bad))
			}
		}
	}
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`) {
		problems = append(problems, "the page lacks its Content-Security-Policy")
	}
	return problems
}

// checkSelfContained fails the test for each of selfContainedProblems.
func checkSelfContained(t *testing.T, name, page string) {
	t.Helper()
	for _, p := range selfContainedProblems(page) {
		t.Errorf("%s: %s", name, p)
	}
}

// TestPagesAreSelfContained renders each command's page and checks that it
// needs nothing but itself, and that its charts and pictures are in it.
func TestPagesAreSelfContained(t *testing.T) {
	// Charts and pictures of each sample run.
	want := map[string][2]int{"train": {1, 3}, "pca": {3, 1}, "compare": {2, 1}}
	for name, p := range samplePages(t) {
		html := render(t, p)
		checkSelfContained(t, name, html)
		if got := [2]int{strings.Count(html, "<svg "), strings.Count(html, "<img ")}; got != want[name] {
			t.Errorf("%s: %d charts and %d pictures, want %d and %d", name, got[0], got[1], want[name][0], want[name][1])
		}
	}
}

// The checks themselves must catch what they look for: each of these
// pages would fetch something or run a script.
func TestCheckSelfContainedCatches(t *testing.T) {
	good := render(t, &Page{Title: "good"})
	for _, bad := range []string{
		`<script>alert(1)</script>`,
		`<img src="https://example.org/x.png">`,
		`<img src=x onerror=alert(1)>`,
		`<link rel="stylesheet" href="https://example.org/a.css">`,
		`<div style="background: url(https://example.org/a.png)">`,
		`<a href="http://example.org/">plain http</a>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=https://example.org/>unquoted</a>`,
		`<svg><image href="https://example.org/x.png"/></svg>`,
		`<p onclick="alert(1)">x</p>`,
		`<style>@import "https://example.org/a.css";</style>`,
		`<meta http-equiv="refresh" content="0; url=https://example.org/">`,
	} {
		page := strings.Replace(good, "</body>", bad+"</body>", 1)
		if len(selfContainedProblems(page)) == 0 {
			t.Errorf("selfContainedProblems finds nothing wrong with a page holding %s", bad)
		}
	}
	checkSelfContained(t, "good", good)
}

// hostile returns text that would break out of HTML, an attribute or an
// SVG document if it were not escaped, numbered so that each field can be
// found in the output.
func hostile(n int) string {
	return fmt.Sprintf(`<script>alert(%d)</script>"><img src=x onerror=alert(%d)>`, n, n)
}

// TestHostileTextIsEscaped puts markup into every text a page shows and
// checks that each is shown as written and none is read as markup.
func TestHostileTextIsEscaped(t *testing.T) {
	chart := lineChart(hostile(1))
	// The legend shortens long names, so the series gets a short one.
	chart.XLabel, chart.Series[0].Name = hostile(2), "<i>3</i>"
	p := &Page{
		Title: hostile(4), Lead: hostile(5), Command: hostile(6), Warning: hostile(7),
		Settings: []Setting{{Name: hostile(8), Value: "/home/student/" + hostile(9)}},
		Sections: []Section{{
			Heading: hostile(10), Text: []string{hostile(11)},
			Tables:   []Table{{Caption: hostile(12), Header: []string{hostile(13)}, Rows: [][]string{{hostile(14)}}}},
			Charts:   []Chart{{Plot: chart, Caption: hostile(15)}},
			Pictures: []Picture{{PNG: grey(t), Caption: hostile(16)}},
		}},
		References: []Reference{{Text: hostile(17), URL: "https://example.org/" + hostile(18)}},
	}
	html := render(t, p)
	checkSelfContained(t, "hostile", html)
	for n := 1; n <= 17; n++ {
		text := hostile(n)
		if n == 3 {
			text = "<i>3</i>"
		}
		// html/template and internal/plot escape < > " the same way.
		if escaped := template.HTMLEscapeString(text); !strings.Contains(html, escaped) {
			t.Errorf("field %d is not shown escaped as %s", n, escaped)
		}
	}
	if strings.Contains(html, "<i>") {
		t.Errorf("the series name is read as markup")
	}
	// The URL is percent-encoded instead, where html/template puts it.
	if !strings.Contains(html, `href="https://example.org/%3cscript%3ealert%2818%29%3c/script%3e%22%3e%3cimg%20src=x%20onerror=alert%2818%29%3e"`) {
		t.Errorf("the reference's URL is not percent-encoded")
	}
	// The picture's caption is its alt text, inside an attribute.
	if !strings.Contains(html, `alt="`+template.HTMLEscapeString(hostile(16))+`"`) {
		t.Errorf("the picture's caption is not its escaped alt text")
	}
}

// TestPageErrors: what cannot be shown is an error, and Save then leaves
// the file that was there before.
func TestPageErrors(t *testing.T) {
	good := grey(t)
	nan := lineChart("with a NaN")
	nan.Series[0].Y[1] = math.NaN()
	cases := []struct {
		name string
		p    Page
	}{
		{"not a PNG", Page{Sections: []Section{{Pictures: []Picture{{PNG: []byte("GIF89a, not a PNG")}}}}}},
		{"truncated PNG", Page{Sections: []Section{{Pictures: []Picture{{PNG: good[:len(good)/2]}}}}}},
		{"no bytes", Page{Sections: []Section{{Pictures: []Picture{{}}}}}},
		{"chart with NaN", Page{Sections: []Section{{Charts: []Chart{{Plot: nan}}}}}},
		{"chart without plot", Page{Sections: []Section{{Charts: []Chart{{Caption: "empty"}}}}}},
		{"row longer than header", Page{Sections: []Section{{Tables: []Table{{Header: []string{"a"}, Rows: [][]string{{"1", "2"}}}}}}}},
		{"plain http reference", Page{References: []Reference{{Text: "x", URL: "http://example.org/"}}}},
		{"javascript reference", Page{References: []Reference{{Text: "x", URL: "javascript:alert(1)"}}}},
	}
	path := filepath.Join(t.TempDir(), "report.html")
	for _, c := range cases {
		if err := os.WriteFile(path, []byte("the earlier report"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := c.p.Save(path)
		if err == nil {
			t.Errorf("%s: Save returned no error", c.name)
		}
		if b, _ := os.ReadFile(path); string(b) != "the earlier report" {
			t.Errorf("%s: the earlier file was replaced by %.40q", c.name, b)
		}
		if err := c.p.WriteHTML(&strings.Builder{}); err == nil {
			t.Errorf("%s: WriteHTML returned no error", c.name)
		}
	}
	// A page without problems replaces it, and nothing else is left.
	if err := (&Page{Title: "fine"}).Save(path); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "<!DOCTYPE html>") {
		t.Errorf("Save wrote %.40q, want an HTML document", b)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the folder holds %d files after Save, want 1", len(entries))
	}
}

func TestFlagSettings(t *testing.T) {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.Int("epochs", 5, "")
	fs.String("out", "out/train", "")
	fs.Float64("lr", 0.001, "")
	if err := fs.Parse([]string{"-out", "runs/<today>", "-lr", "0.01"}); err != nil {
		t.Fatal(err)
	}
	want := []Setting{ // sorted by name, as the flag package lists them
		{Name: "-epochs", Value: "5", Default: true},
		{Name: "-lr", Value: "0.01"},
		{Name: "-out", Value: "runs/<today>"},
	}
	if got := FlagSettings(fs); !reflect.DeepEqual(got, want) {
		t.Errorf("FlagSettings = %+v, want %+v", got, want)
	}
}

// TestFlagSettingsEscapes: a control character typed into a flag reaches
// the page's settings table escaped, not as it is.
func TestFlagSettingsEscapes(t *testing.T) {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.String("out", "out/train", "")
	if err := fs.Parse([]string{"-out", "a\x1b[2J\nb"}); err != nil {
		t.Fatal(err)
	}
	if got := FlagSettings(fs)[0].Value; got != `a\x1b[2J\nb` {
		t.Errorf("the -out setting reads %q, want the escape and newline escaped", got)
	}
}

func TestCommandLine(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "bottleneck train"},
		{[]string{"-epochs", "5", "-out", "runs/a_b-1.5", "-lr=0.01"}, "bottleneck train -epochs 5 -out runs/a_b-1.5 -lr=0.01"},
		{[]string{"-out", "my runs"}, "bottleneck train -out 'my runs'"},
		{[]string{"-out", "it's"}, `bottleneck train -out 'it'\''s'`},
		{[]string{"-out", ""}, "bottleneck train -out ''"},
		{[]string{"-out", "$HOME;rm"}, "bottleneck train -out '$HOME;rm'"},
		// A control character cannot reach the page or a terminal as it is.
		{[]string{"-out", "a\nb"}, `bottleneck train -out $'a\nb'`},
		{[]string{"-out", "x\x1b[31m'y\\"}, `bottleneck train -out $'x\x1b[31m\'y\\'`},
		{[]string{"-out", "caf\xe9"}, `bottleneck train -out $'caf\xe9'`},
	}
	for _, c := range cases {
		if got := CommandLine("bottleneck train", c.args); got != c.want {
			t.Errorf("CommandLine(%q) = %s, want %s", c.args, got, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	cases := []struct{ got, want string }{
		{count(0), "0"},
		{count(999), "999"},
		{count(1000), "1,000"},
		{count(60000), "60,000"},
		{count(-1234567), "-1,234,567"},
		{plural(1, "epoch"), "1 epoch"},
		{plural(10000, "test image"), "10,000 test images"},
		{fixed(math.NaN(), 2), "—"},
		{fixed(6.608985, 4), "6.6090"},
		{percent(0.73046), "73.05%"},
		{level(0.95), "95%"},
		{level(0.99), "99%"}, // 100·0.99 is 98.99999999999999 in float64
		{level(0.5), "50%"},
		{optional(nil, 2), "none"},
		{significant(4.73e-9, 3), "4.73e-09"},
		{significant(0.70649, 3), "0.706"},
		{at([]float64{1}, 1, 2), "—"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// rowPattern matches a table row with the given cells.
func hasRow(html string, cells ...string) bool {
	var b strings.Builder
	b.WriteString("<tr>")
	for _, c := range cells {
		b.WriteString("<td>" + template.HTMLEscapeString(c) + "</td>")
	}
	b.WriteString("</tr>")
	return strings.Contains(html, b.String())
}

func TestTrainPage(t *testing.T) {
	r := sampleTrain(t)
	r.TestSSE[2] = math.NaN() // a run without a test error for the last epoch
	html := render(t, Train(r))
	for _, row := range [][]string{
		{"1", "15.0000", "30.0000", "25.0000"},
		{"2", "6.0000", "12.0000", "11.0000"},
		{"3", "4.0000", "8.0000", "—"},
		{"drawing the mean training image", "52.9000"},
	} {
		if !hasRow(html, row...) {
			t.Errorf("no table row %q", row)
		}
	}
	if !strings.Contains(html, "trained for 3 epochs on 60,000 training images") {
		t.Errorf("the lead does not say what was run")
	}
	// -batch is a default: greyed, with a note saying what grey means.
	const note = "Settings in grey were not given on the command line"
	if !strings.Contains(html, `<tr class="default"><th scope="row" class="mono">-batch</th>`) || !strings.Contains(html, note) {
		t.Errorf("the default setting is not greyed and explained")
	}
	r.Settings = r.Settings[:1]
	if html := render(t, Train(r)); strings.Contains(html, note) || strings.Contains(html, `class="default"`) {
		t.Errorf("a page without defaults explains them")
	}

	// Without pictures the section is left out.
	r.Reconstructions, r.Filters, r.Denoising, r.LossChart = nil, nil, nil, nil
	html = render(t, Train(r))
	if strings.Contains(html, "<img") || strings.Contains(html, "<svg") || strings.Contains(html, "What the network learned") {
		t.Errorf("a run without pictures shows pictures")
	}
}

func TestPCAPage(t *testing.T) {
	html := render(t, PCA(samplePCA(t)))
	// The error table lists k = 0, 1, 2, 5, …, 400 and the chosen k = 87.
	for _, k := range []int{0, 1, 2, 5, 10, 20, 30, 50, 87, 100, 200, 400} {
		if !hasRow(html, fmt.Sprint(k), fixed(52.9/float64(1+k), 4)) {
			t.Errorf("no error row for k = %d", k)
		}
	}
	if !hasRow(html, "90%", "87", "87") || !hasRow(html, "50%", "11", "—") {
		t.Errorf("the variance levels are not listed with what is published")
	}
	if !strings.Contains(html, "(the fewest that keep 90% of the variance)") {
		t.Errorf("the lead does not say that k was chosen by -var")
	}
}

func TestComparePage(t *testing.T) {
	r := sampleCompare(t)
	html := render(t, Compare(r))
	if !hasRow(html, "linear AE, mini-batch", "21.3977", "21.0586", "0.0072°", "0.0035°", "4.7e-09", "0.706") {
		t.Errorf("no row for the mini-batch training")
	}
	// No median angles were given: the table has no column for them.
	if !hasRow(html, "2", "21.3000", "43.6100") || strings.Contains(html, "median angle</th></tr>") {
		t.Errorf("no epoch row for epoch 2, or a column for the median angles that were not given")
	}

	// Weight decay λ = 4 keeps only the first of the variances 5.1, 3.7,
	// 3.2 on, with s² = 1 − 4/5.1 in theory; without mini-batch training
	// its row, column and table are left out.
	r.WeightDecay, r.MiniBatch, r.MiniBatchAngles = 4, nil, nil
	r.Exact.S2 = []float64{0.2, 1e-6, 0.01}
	html = render(t, Compare(r))
	for _, row := range [][]string{
		{"1", "5.1000", "0.0500", "0.630000", "0.200000", "0.215686", "0.92727"},
		{"2", "3.7000", "0.0100", "0.350000", "0.000001", "0", "off"},
		{"3", "3.2000", "0.0200", "0.100000", "0.010000", "0", "not off yet"},
	} {
		if !hasRow(html, row...) {
			t.Errorf("no row %q", row)
		}
	}
	if !strings.Contains(html, "in theory 1 of the 3 stay on") {
		t.Errorf("the page does not say how many directions stay on")
	}
	if strings.Contains(html, "mini-batch") || strings.Contains(html, "Mini-batch") {
		t.Errorf("a run without mini-batch training mentions it")
	}
}

// TestTrainDenoisingCaption: the denoising picture's caption says how the
// digits were damaged, the run's noise or the 30% masking of a run
// without, and gives the error on them.
func TestTrainDenoisingCaption(t *testing.T) {
	for _, tc := range []struct{ noise, want string }{
		{"none", "with 30% of their pixels set to 0"},
		{"gauss:0.2", "corrupted by the run&#39;s noise, gauss:0.2"},
	} {
		r := sampleTrain(t)
		r.Noise = tc.noise
		html := render(t, Train(r))
		for _, want := range []string{tc.want, "21.50 per image"} {
			if !strings.Contains(html, want) {
				t.Errorf("noise %s: the page does not say %q", tc.noise, want)
			}
		}
	}
	r := sampleTrain(t)
	r.Denoising = nil
	if html := render(t, Train(r)); strings.Contains(html, "21.50") {
		t.Error("a run without a denoising picture still gives its error")
	}
}

// TestTrainPageOtherImages: a run on images that are not MNIST's 28×28
// (-data with other IDX files) says their size and count, and leaves out
// the published PCA figure, which is MNIST's.
func TestTrainPageOtherImages(t *testing.T) {
	r := sampleTrain(t)
	r.ImageRows, r.ImageCols, r.TestImages, r.Shape = 7, 5, 3, "35-8-35"
	html := render(t, Train(r))
	for _, want := range []string{"images of 7×5 pixels", "Σ over the 35 pixels", "the 35 weights into it drawn as a 7×5 image", "The first 3 test images, each above", "Top: the first 3 test images"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	for _, wrong := range []string{"13.87", "784", "MNIST", "28×28"} {
		if strings.Contains(html, wrong) {
			t.Errorf("the page of a 7×5 run says %q", wrong)
		}
	}
}
