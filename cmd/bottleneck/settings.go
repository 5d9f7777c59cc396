package main

import (
	"errors"
	"fmt"

	"bottleneck/experiment"
)

// flagNames maps the names the library gives its settings (the JSON names
// of autoencoder.Config and of the experiment results) to the flags that
// set them.
var flagNames = map[string]string{
	"layers":             "layers",
	"activation":         "act",
	"code_activation":    "code-act",
	"output_activation":  "out-act",
	"tied":               "tied",
	"allow_overcomplete": "overcomplete",
	"epochs":             "epochs",
	"batch":              "batch",
	"learning_rate":      "lr",
	"weight_decay":       "weight-decay",
	"train_n":            "train-n",
	"optimizer":          "opt",
	"n":                  "n",
	"step":               "step",
	"tolerance":          "tol",
}

// settingError turns the error of a run's settings check into a usage
// error that names the flag at fault with its value as given, such as
// "-lr -1: the learning rate must be a positive number". A setting no flag
// of fs sets is named by the sentence alone. Any other error is returned as
// it is.
func settingError(fs *flagSet, err error) error {
	var se *experiment.SettingError
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Detail
	flag := flagNames[se.Field]
	if f := fs.Lookup(flag); f != nil {
		msg = fmt.Sprintf("-%s %s: %s", flag, brief(f.Value.String()), se.Detail)
	}
	if errors.Is(err, experiment.ErrMemory) {
		if se.Field == "batch" {
			msg += ": choose a smaller -batch"
		} else {
			msg += ": choose smaller -layers"
		}
	}
	return usageError{msg}
}
