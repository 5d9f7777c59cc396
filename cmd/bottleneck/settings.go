package main

import (
	"errors"
	"fmt"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/internal/quote"
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
	"loss":               "loss",
	"l1":                 "l1",
	"sparsity":           "sparsity",
	"sparsity_weight":    "sparsity-weight",
	"contractive":        "contractive",
	"noise":              "noise",
	"binarize":           "binarize",
	"shuffle_pixels":     "shuffle-pixels",
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

// flagError turns the error of a settings check — an
// *autoencoder.ConfigError of the network cfg, an *experiment.SettingError
// of a run — into a usage error that names the flag at fault with its value
// as given, such as "-lr -1: the learning rate must be a positive number".
// A setting no flag of fs sets is named by the sentence alone. Any other
// error is returned as it is.
func flagError(fs *flagSet, cfg autoencoder.Config, err error) error {
	var field, detail string
	var ce *autoencoder.ConfigError
	var se *experiment.SettingError
	switch {
	case errors.As(err, &ce):
		field, detail = ce.Field, ce.Detail
	case errors.As(err, &se):
		field, detail = se.Field, se.Detail
	default:
		return err
	}
	switch {
	case errors.Is(err, autoencoder.ErrOvercomplete):
		others := ""
		if fs.Lookup("noise") != nil {
			others = ", or a penalty on the code (-l1, -sparsity, -contractive) or -noise to keep it from copying its input"
		}
		detail = fmt.Sprintf("code size %d is not smaller than input size %d: an autoencoder needs a bottleneck%s (-overcomplete allows it)",
			cfg.Layers[len(cfg.Layers)-1], cfg.Layers[0], others)
	case errors.Is(err, experiment.ErrMemory) && field == "batch":
		detail += ": choose a smaller -batch"
	case errors.Is(err, experiment.ErrMemory):
		detail += ": choose smaller -layers"
	}
	name := flagNames[field]
	f := fs.Lookup(name)
	if f == nil {
		return usageError{detail}
	}
	if errors.Is(err, autoencoder.ErrSparsityTarget) && !isSet(fs, name) && isSet(fs, "sparsity-weight") {
		// The weight alone was given: the target is missing, not wrong.
		return usagef("-sparsity-weight %s needs -sparsity, the target mean activation ρ of the code units in (0, 1), such as -sparsity 0.05",
			quote.Brief(fs.Lookup("sparsity-weight").Value.String()))
	}
	if errors.Is(err, autoencoder.ErrPenaltyWeight) && name == "sparsity" && !isSet(fs, "sparsity-weight") {
		// The target alone was given: say which flag the weight takes.
		return usagef("-sparsity %s needs -sparsity-weight, the weight β of the KL penalty β·Σ KL(ρ ‖ ρ̂ⱼ), such as -sparsity-weight 3",
			quote.Brief(f.Value.String()))
	}
	if errors.Is(err, autoencoder.ErrSparsityCode) && fs.Lookup("code-act") != nil {
		code := "-code-act " + quote.Brief(fs.Lookup("code-act").Value.String())
		if !isSet(fs, "code-act") {
			code = "-code-act not given, so " + quote.Brief(fs.Lookup("code-act").Value.String())
		}
		return usagef("-sparsity %s needs -code-act sigmoid: the KL penalty needs code units in (0, 1) (%s)", quote.Brief(f.Value.String()), code)
	}
	if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
		return usagef("-%s: %s", name, detail)
	}
	if !isSet(fs, name) {
		// Not typed: blame the default as such, not as a value given.
		return usagef("-%s (not given, so %s): %s", name, quote.Brief(f.Value.String()), detail)
	}
	return usagef("-%s %s: %s", name, quote.Brief(f.Value.String()), detail)
}
