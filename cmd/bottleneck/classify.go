package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"bottleneck/experiment"
)

const classifyHelp = `
Put a trained autoencoder's code to use, as the lecture suggests: cut the
decoder off, encode the 60,000 training images, train softmax regression on
their codes and measure its accuracy on the codes of the 10,000 test images.
For comparison, the same classifier is trained on as many principal
components of the training images as the code has numbers, and on the raw
pixels (about 92% for softmax regression on MNIST).

Prints the three accuracies in a table, or with -json the object
{"code_size", "code_accuracy", "pca_accuracy", "pixel_accuracy"} and nothing
else on stdout.`

func runClassify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("classify", classifyHelp, stdout)
	model := fs.String("model", "", "model file written by bottleneck train (e.g. out/train/autoencoder.model)")
	data := fs.String("data", "", dataFlagHelp)
	def := experiment.DefaultClassifyConfig()
	epochs := fs.Int("epochs", def.Epochs, "passes of each classifier over the training images")
	seed := fs.Uint64("seed", def.Seed, "random seed for the order of the training images")
	asJSON := fs.Bool("json", false, "print the accuracies as JSON on stdout (progress goes to stderr)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *model == "" {
		return usagef("-model is required: give the file that bottleneck train wrote, e.g. -model out/train/autoencoder.model")
	}
	if *epochs < 1 {
		return usagef("-epochs %d: need at least one pass over the training images", *epochs)
	}
	cfg := def
	cfg.Epochs, cfg.Seed = *epochs, *seed

	ae, err := loadModel(*model)
	if err != nil {
		return err
	}
	noteShuffled(stderr, "classify", ae)
	// The model must take the images: checked on the headers, before the
	// pixels are read.
	shape, err := readDataShape(*data, true, true)
	if err != nil {
		return err
	}
	if ae.InputSize() != shape.pixels() {
		return fmt.Errorf("model %s takes %d inputs, but the images in %s are %s", *model, ae.InputSize(), shape.dir, shape.size())
	}
	if err := shape.checkPCA(); err != nil {
		return err
	}
	train, test, err := loadMNIST(ctx, *data, stderr)
	if err != nil {
		return err
	}
	log := stdout
	if *asJSON {
		log = stderr
	}
	fmt.Fprintf(log, "softmax regression on the features of %d training images (%s, batch %d, adam lr %g), accuracy on %d test images; model %s\n",
		train.Len(), plural(cfg.Epochs, "epoch"), cfg.BatchSize, cfg.LearningRate, test.Len(), ae)
	r, err := experiment.Classify(ctx, ae, train, test, cfg)
	if err != nil {
		return orInterrupted(err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	pcaName := fmt.Sprintf("PCA, first %d components", r.PCAComponents)
	if r.PCAComponents < r.CodeSize {
		pcaName = fmt.Sprintf("PCA, all %d components", r.PCAComponents)
	}
	fmt.Fprintf(stdout, "%-28s %8s  %s\n", "features", "numbers", "test accuracy")
	fmt.Fprintf(stdout, "%-28s %8d  %12.2f%%\n", "autoencoder code", r.CodeSize, 100*r.CodeAccuracy)
	fmt.Fprintf(stdout, "%-28s %8d  %12.2f%%\n", pcaName, r.PCAComponents, 100*r.PCAAccuracy)
	fmt.Fprintf(stdout, "%-28s %8d  %12.2f%%\n", "raw pixels", r.Pixels, 100*r.PixelAccuracy)
	return nil
}
