package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// TestDiagramRefusesBadGeometry: a page or a coordinate that is not finite,
// or a box of no size, is an error, and nothing is written.
func TestDiagramRefusesBadGeometry(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		d    Diagram
		want string // a word the error must contain
	}{
		{"no page", Diagram{}, "page"},
		{"page NaN wide", Diagram{Width: nan, Height: 10}, "page"},
		{"page infinitely high", Diagram{Width: 10, Height: inf}, "page"},
		{"box at NaN", Diagram{Width: 10, Height: 10, Boxes: []Box{{X: nan, W: 1, H: 1, Name: "W₁"}}}, "W₁"},
		{"box of no width", Diagram{Width: 10, Height: 10, Boxes: []Box{{W: 0, H: 1, Name: "b₁"}}}, "b₁"},
		{"arrow to infinity", Diagram{Width: 10, Height: 10, Arrows: []Arrow{{X2: inf, Label: "σ"}}}, "σ"},
		{"text at NaN", Diagram{Width: 10, Height: 10, Texts: []Text{{Y: nan, S: "h: 1×d"}}}, "h: 1×d"},
	} {
		var buf bytes.Buffer
		err := tc.d.WriteSVG(&buf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one that names %q", tc.name, err, tc.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written despite the error", tc.name, buf.Len())
		}
	}
}

// TestDiagramWellFormed: every part is drawn, text is escaped, the result
// parses as XML and the same diagram gives the same bytes.
func TestDiagramWellFormed(t *testing.T) {
	d := &Diagram{Width: 200, Height: 100,
		Boxes:  []Box{{X: 10, Y: 10, W: 40, H: 20, Fill: "#dde8f3", Name: "W₁ <784×d>"}},
		Arrows: []Arrow{{X1: 60, Y1: 20, X2: 120, Y2: 20, Label: "σ & more"}},
		Texts:  []Text{{X: 100, Y: 90, S: "x̂: 1×784", Bold: true}},
	}
	var a, b bytes.Buffer
	if err := d.WriteSVG(&a); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same diagram gave different bytes")
	}
	dec := xml.NewDecoder(bytes.NewReader(a.Bytes()))
	counts := map[string]int{}
	var text []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			counts[tok.Name.Local]++
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				text = append(text, s)
			}
		}
	}
	// 1 page + 1 box; 1 line for the arrow; 3 texts: box name, arrow label, text.
	if counts["rect"] != 2 || counts["line"] != 1 || counts["text"] != 3 {
		t.Errorf("elements %v, want 2 rect, 1 line, 3 text", counts)
	}
	if got := strings.Join(text, "|"); got != "W₁ <784×d>|σ & more|x̂: 1×784" {
		t.Errorf("texts %q", got)
	}
}
