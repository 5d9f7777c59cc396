package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"bottleneck/experiment"
	"bottleneck/internal/quote"
	"bottleneck/mnist"
)

const encodeHelp = `
Cut the decoder off a trained autoencoder and write the code of every test
image (or, with -split train, every training image), one row per image: its
label, then the code's numbers. The codes can feed a classifier, as the
lecture suggests.`

func runEncode(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("encode", encodeHelp, stdout)
	model := fs.String("model", "", "model file written by bottleneck train (e.g. out/train/autoencoder.model)")
	data := fs.String("data", "", dataFlagHelp)
	out := fs.String("out", "codes.csv", "CSV file to write")
	split := fs.String("split", "test", "which images to encode: test (MNIST's 10,000) or train (its 60,000)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *split != "test" && *split != "train" {
		return usagef("-split %s: want test or train", quote.Brief(*split))
	}
	if *model == "" {
		return usagef("-model is required: give the file that bottleneck train wrote, e.g. -model out/train/autoencoder.model")
	}
	if err := checkOutFile(*out); err != nil {
		return err
	}
	if sameFile(*out, *model) {
		return usagef("-out %s is the model itself: writing the codes there would destroy it; name another file", *out)
	}
	ae, err := loadModel(*model)
	if err != nil {
		return err
	}
	noteShuffled(stderr, "encode", ae)
	shape, err := readDataShape(*data, *split == "train", *split == "test")
	if err != nil {
		return err
	}
	for _, f := range mnist.Files {
		for _, name := range []string{f.Name, f.RawName()} {
			if sameFile(*out, filepath.Join(shape.dir, name)) {
				return usagef("-out %s is one of the MNIST files: writing the codes there would destroy it; name another file", *out)
			}
		}
	}
	if ae.InputSize() != shape.pixels() {
		return fmt.Errorf("model %s takes %d inputs, but the images in %s are %s", *model, ae.InputSize(), shape.dir, shape.size())
	}
	load, which := loadMNISTTest, "test"
	if *split == "train" {
		load, which = loadMNISTTrain, "training"
	}
	images, err := load(ctx, *data, stderr)
	if err != nil {
		return err
	}
	codes, err := experiment.Codes(ctx, ae, images.Images, which)
	if err != nil {
		return orInterrupted(err)
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
			bw.WriteString(strconv.Itoa(int(images.Labels[i])))
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
	fmt.Fprintf(stdout, "wrote the %d-number codes of %d %s images to %s\n", codes.Cols(), codes.Rows(), which, quote.Printable(*out))
	return nil
}
