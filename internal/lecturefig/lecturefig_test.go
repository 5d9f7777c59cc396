package lecturefig

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/lecture-shapes.svg from Shapes")

// svgText parses an SVG document with encoding/xml, failing on anything
// that is not well-formed, and returns all its text joined by newlines.
func svgText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var texts []string
	depth, root := 0, ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = tok.Name.Local
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	if root != "svg" || depth != 0 {
		t.Fatalf("root element %q, depth %d at the end; want one closed <svg>", root, depth)
	}
	return strings.Join(texts, "\n")
}

// TestShapesNamesEveryMatrix checks that the figure is well-formed and
// names every matrix of both networks with its shape, the shapes being
// those of docs/autoencoder.md's derivation and of the default
// 784-256-32-256-784 network of bottleneck train.
func TestShapesNamesEveryMatrix(t *testing.T) {
	var buf bytes.Buffer
	if err := Shapes().WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	text := svgText(t, buf.Bytes())
	for _, want := range []string{
		// the one-hidden-layer network, symbolic in the code size d
		"[x 1]: 1×785", "x: 1×784", "[W₁; b₁]: 785×d", "W₁: 784×d, b₁: 1×d",
		"h: 1×d", "[h 1]: 1×(d+1)", "[W₁′; b₁′]: (d+1)×784", "W₁′: d×784, b₁′: 1×784", "x̂: 1×784",
		// the stacked network
		"x: 1×784", "W₁: 784×256", "b₁: 1×256", "h₁: 1×256", "W₂: 256×d", "b₂: 1×d", "h: 1×d",
		"W₂′: d×256", "b₂′: 1×256", "h₂′: 1×256", "W₁′: 256×784", "b₁′: 1×784", "x̂: 1×784",
		"encoder f", "decoder g",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the figure does not say %q", want)
		}
	}
}

// TestShapesFile checks that docs/lecture-shapes.svg is what Shapes draws
// now; go test -run TestShapesFile -update (or go generate) rewrites it.
func TestShapesFile(t *testing.T) {
	var buf bytes.Buffer
	if err := Shapes().WriteSVG(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := Shapes().Save(File); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(File)
	if err != nil {
		t.Fatalf("%v (go generate ./internal/lecturefig writes it)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s differs from what Shapes draws: run go generate ./internal/lecturefig", File)
	}
}
