package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

const encodeHelp = `
Cut the decoder off a trained autoencoder and write the code of every test
image, one row per image: its label, then the code's numbers. The codes can
feed a classifier, as the lecture suggests.`

func runEncode(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("encode", encodeHelp, stdout)
	model := fs.String("model", "", "model file written by bottleneck train (e.g. out/train/autoencoder.model)")
	data := fs.String("data", "", dataFlagHelp)
	out := fs.String("out", "codes.csv", "CSV file to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *model == "" {
		return usagef("-model is required: give the file that bottleneck train wrote, e.g. -model out/train/autoencoder.model")
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	ae, err := autoencoder.Load(*model)
	if err != nil {
		return err
	}
	shape, err := readDataShape(*data, false, true)
	if err != nil {
		return err
	}
	if ae.InputSize() != shape.pixels() {
		return fmt.Errorf("model %s takes %d inputs, but the images in %s are %s", *model, ae.InputSize(), shape.dir, shape.size())
	}
	test, err := loadMNISTTest(ctx, *data, stderr)
	if err != nil {
		return err
	}
	codes, err := encodeAll(ctx, ae, test.Images)
	if err != nil {
		return err
	}
	o := newOutputSet()
	defer o.discard()
	err = o.write(*out, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString("label")
		for j := 0; j < codes.Cols(); j++ {
			fmt.Fprintf(bw, ",h%d", j)
		}
		bw.WriteString("\n")
		for i := 0; i < codes.Rows(); i++ {
			bw.WriteString(strconv.Itoa(int(test.Labels[i])))
			for _, v := range codes.Row(i) {
				bw.WriteByte(',')
				bw.WriteString(strconv.FormatFloat(v, 'g', 8, 64))
			}
			bw.WriteByte('\n')
		}
		return bw.Flush()
	})
	if err != nil {
		return err
	}
	if err := o.commit(ctx, "", ""); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the %d-number codes of %d test images to %s\n", codes.Cols(), codes.Rows(), *out)
	return nil
}

// encodeAll returns the codes of the rows of x (n×in → n×code), a thousand
// rows at a time, and stops with interrupted when ctx is cancelled.
func encodeAll(ctx context.Context, ae *autoencoder.Autoencoder, x *matrix.Dense) (*matrix.Dense, error) {
	codes := matrix.New(x.Rows(), ae.CodeSize())
	for i0 := 0; i0 < x.Rows(); i0 += 1000 {
		if ctx.Err() != nil {
			return nil, interrupted
		}
		i1 := min(i0+1000, x.Rows())
		codes.SliceRows(i0, i1).Copy(ae.Encode(x.SliceRows(i0, i1)))
	}
	return codes, nil
}
