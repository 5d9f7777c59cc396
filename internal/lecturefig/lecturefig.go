// Package lecturefig draws the lecture's pictures of the autoencoder again,
// with the shape of every matrix written on them: the figure
// docs/lecture-shapes.svg that docs/autoencoder.md shows. The test of this
// package checks the file against Shapes and rewrites it when run with
// -update:
//
//go:generate go test -run TestShapesFile -update
package lecturefig

import (
	"fmt"

	"bottleneck/internal/plot"
)

// File is where the figure lives, relative to this package's folder.
const File = "../../docs/lecture-shapes.svg"

// Colours of the boxes: weights, biases, and the rows a batch is made of.
const (
	weightFill = "#dde8f3"
	biasFill   = "#f6d8ae"
	rowFill    = "#e8f1d8"
)

// side returns the drawn length, in pixels, of a matrix side of n entries:
// long enough to read, and in proportion between 32 and 785.
func side(n int) float64 {
	if n == 1 {
		return 16
	}
	return 20 + 140*float64(n)/785
}

// Shapes returns the figure: on top, the lecture's basic autoencoder of
// 09:20 and 14:01 as the products [x 1]·[W₁; b₁] → h → [h 1]·[W₁′; b₁′] →
// x̂ with d code units; below, the stacked autoencoder of 16:19,
// 784-256-d-256-784 with d = 32 as in bottleneck train, as arrays of nodes
// joined by W₁, W₂, W₂′ and W₁′.
func Shapes() *plot.Diagram {
	d := &plot.Diagram{Width: 1000, Height: 700}
	text := func(x, y float64, s string) { d.Texts = append(d.Texts, plot.Text{X: x, Y: y, S: s}) }
	box := func(x, y, w, h float64, fill, name string) {
		d.Boxes = append(d.Boxes, plot.Box{X: x, Y: y, W: w, H: h, Fill: fill, Name: name})
	}

	// Top: one hidden layer, one image as a row.
	d.Texts = append(d.Texts, plot.Text{X: 500, Y: 28, S: "09:20 and 14:01 — one hidden layer of d nodes; one image x is a row, the bias node is the appended 1", Bold: true})
	const mid = 160.0 // the line the row vectors sit on
	row := func(x, w float64, name string) { box(x, mid-side(1)/2, w, side(1), rowFill, name) }

	// [x 1]: 1×785, then · [W₁; b₁]: 785×d.
	row(70, 150, "x")
	row(220, 10, "1")
	text(150, 265, "[x 1]: 1×785")
	text(150, 281, "x: 1×784")
	d.Texts = append(d.Texts, plot.Text{X: 245, Y: mid + 4, S: "·", Bold: true})
	wd := side(32)
	box(270, mid-80, wd, 150, weightFill, "W₁")
	box(270, mid+70, wd, 10, biasFill, "")
	text(270+wd/2, 265, "[W₁; b₁]: 785×d")
	text(270+wd/2, 281, "W₁: 784×d, b₁: 1×d")
	d.Arrows = append(d.Arrows, plot.Arrow{X1: 305, Y1: mid, X2: 375, Y2: mid, Label: "σ"})

	// h, then [h 1]: 1×(d+1) · [W₁′; b₁′]: (d+1)×784.
	row(385, wd, "h")
	row(385+wd, 10, "1")
	text(400, 225, "h: 1×d, the code")
	text(400, 265, "[h 1]: 1×(d+1)")
	d.Texts = append(d.Texts, plot.Text{X: 445, Y: mid + 4, S: "·", Bold: true})
	box(470, mid-(wd+10)/2, 160, wd, weightFill, "W₁′")
	box(470, mid-(wd+10)/2+wd, 160, 10, biasFill, "")
	text(550, 265, "[W₁′; b₁′]: (d+1)×784")
	text(550, 281, "W₁′: d×784, b₁′: 1×784")
	d.Arrows = append(d.Arrows, plot.Arrow{X1: 645, Y1: mid, X2: 715, Y2: mid, Label: "σ"})
	row(725, 150, "x̂")
	text(800, 265, "x̂: 1×784")

	text(190, 60, "encoder f")
	text(550, 60, "decoder g")
	text(270, 320, "h = σ([x 1]·[W₁; b₁]) = σ(x·W₁ + b₁)")
	text(700, 320, "x̂ = σ([h 1]·[W₁′; b₁′]) = σ(h·W₁′ + b₁′)")
	text(500, 340, "A batch of n images stacks n such rows: X is n×784, H is n×d, X̂ is n×784 (docs/autoencoder.md, (F1)–(F4)).")
	text(500, 360, "Blue: weights; orange: the bias row, the weights of the node that holds 1; green: rows of data.")

	// Bottom: the stacked autoencoder, as arrays of nodes.
	d.Texts = append(d.Texts, plot.Text{X: 500, Y: 400, S: "16:19 — the stacked autoencoder, 784-256-d-256-784 with d = 32, as in bottleneck train", Bold: true})
	const base = 530.0 // the centre line of the arrays
	layers := []struct {
		n          int
		name, size string
	}{{784, "x", "1×784"}, {256, "h₁", "1×256"}, {32, "h", "1×d"}, {256, "h₂′", "1×256"}, {784, "x̂", "1×784"}}
	weights := []struct{ w, b string }{
		{"W₁: 784×256", "b₁: 1×256"}, {"W₂: 256×d", "b₂: 1×d"},
		{"W₂′: d×256", "b₂′: 1×256"}, {"W₁′: 256×784", "b₁′: 1×784"},
	}
	const first, step, bar = 90.0, 205.0, 18.0
	for i, l := range layers {
		x := first + float64(i)*step
		h := side(l.n)
		box(x-bar/2, base-h/2, bar, h, rowFill, "")
		text(x, base+h/2+18, l.name+": "+l.size)
		if i < len(weights) {
			x1, x2 := x+bar/2+6, x+step-bar/2-6
			d.Arrows = append(d.Arrows, plot.Arrow{X1: x1, Y1: base, X2: x2, Y2: base, Label: weights[i].w})
			text((x1+x2)/2, base+20, weights[i].b)
		}
	}
	// Each label centred over its half: the encoder from x to h, the decoder from h to x̂.
	text(first+step, 440, "encoder f: W₁, W₂")
	text(first+3*step, 440, "decoder g: W₂′, W₁′")
	text(500, 650, "bottleneck train: ReLU on h₁ and h₂′, a linear code h, a sigmoid x̂; the weights are named W1, W2, W2′, W1′ as the lecture names them.")
	text(500, 670, fmt.Sprintf("Drawn lengths grow with the number of entries (%.0f for 784, %.0f for 256, %.0f for 32), not to scale below 32.", side(784), side(256), side(32)))
	return d
}
