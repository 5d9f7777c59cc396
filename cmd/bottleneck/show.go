package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"bottleneck/internal/quote"
	"bottleneck/picture"
)

const showDescription = `
Draw the first n training digits of MNIST into a PNG file: white digits on
black tiles, a light-grey gap between them, each pixel drawn as a
scale×scale block.`

// runShow draws the first -n training digits into the PNG file -out.
func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("show", showDescription, stdout)
	data := fs.String("data", "", dataFlagHelp)
	n := fs.Int("n", 64, "number of training digits to draw, from the first")
	out := fs.String("out", "", "PNG file to write (required), e.g. digits.png")
	columns := fs.Int("columns", 10, "digits per line of the picture")
	scale := fs.Int("scale", 2, "each pixel becomes a scale×scale block")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *out == "":
		return usagef("-out FILE.png is required: where to write the picture")
	case *n < 1:
		return usagef("-n %d: draw at least 1 digit", *n)
	case *columns < 1:
		return usagef("-columns %d: want at least 1", *columns)
	case *scale < 1 || *scale > 16:
		return usagef("-scale %d: want 1 to 16", *scale)
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(*out), ".png") {
		return usagef("-out %s: show writes a PNG picture; name the file .png", *out)
	}
	shape, err := readDataShape(*data, true, false)
	if err != nil {
		return err
	}
	if *n > shape.trainN {
		return usagef("-n %d: the training set has only %s", *n, plural(shape.trainN, "digit"))
	}
	// A picture of n images of rows×cols pixels, each drawn scale×scale;
	// 1<<28 pixels (a 16384×16384 picture, 1 GB in memory) is more than any
	// screen shows.
	if pixels := float64(*n) * float64(shape.pixels()) * float64(*scale) * float64(*scale); pixels > 1<<28 {
		return usagef("-n %d with -scale %d makes a picture of about %.0f million pixels (the images are %s), too large to draw; draw fewer digits or a smaller scale", *n, *scale, pixels/1e6, shape.size())
	}
	train, err := loadMNISTTrain(ctx, *data, stderr)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}

	digits := train.Images.SliceRows(0, *n) // n×784
	img := picture.Grid(digits, picture.GridOptions{TileRows: train.Rows, TileCols: train.Cols, Columns: *columns, Scale: *scale})
	if ctx.Err() != nil {
		return interrupted
	}
	o := newOutputSet()
	defer o.discard()
	if err := o.write(*out, pngWriter(img)); err != nil {
		return err
	}
	if err := o.commit(ctx, "", ""); err != nil {
		return err
	}
	b := img.Bounds()
	fmt.Fprintf(stdout, "wrote the first %s to %s (%d×%d pixels)\n", plural(*n, "training digit"), quote.Printable(*out), b.Dx(), b.Dy())
	return nil
}
