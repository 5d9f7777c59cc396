package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"bottleneck/autoencoder"
	"bottleneck/internal/atomicfile"
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
	if ae.InputSize() != 28*28 {
		return fmt.Errorf("model %s takes %d inputs, not the 784 pixels of an MNIST image", *model, ae.InputSize())
	}
	test, err := loadMNISTTest(ctx, *data, stderr)
	if err != nil {
		return err
	}
	codes := ae.Encode(test.Images)
	if ctx.Err() != nil {
		return interrupted
	}
	err = atomicfile.Write(*out, func(w io.Writer) error {
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
	fmt.Fprintf(stdout, "wrote the %d-number codes of %d test images to %s\n", codes.Cols(), codes.Rows(), *out)
	return nil
}
