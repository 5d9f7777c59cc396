package experiment

import "errors"

// SettingError is the error a run returns for a setting it cannot use: the
// setting at fault, named as in the result's JSON ("epochs",
// "learning_rate"), so that a program can map it to its own flag; a
// sentinel saying what is wrong, for errors.Is; and a sentence for a
// person.
type SettingError struct {
	Field  string // e.g. "batch", "weight_decay"
	Err    error  // one of the Err… sentinels of this package
	Detail string // one sentence for a person, without the setting's name
}

// Error returns the setting's name and the sentence.
func (e *SettingError) Error() string { return "experiment: " + e.Field + ": " + e.Detail }

// Unwrap returns the sentinel.
func (e *SettingError) Unwrap() error { return e.Err }

// The sentinel errors of this package, for errors.Is.
var (
	// ErrOutOfRange: a number outside the range the setting allows.
	ErrOutOfRange = errors.New("setting out of range")
	// ErrUnknownOptimizer: an optimizer name other than sgd, momentum and
	// adam.
	ErrUnknownOptimizer = errors.New("unknown optimizer")
	// ErrMemory: a network or a batch that needs more memory than a run
	// allows.
	ErrMemory = errors.New("needs too much memory")
	// ErrTooSlow: a gradient check that would run for hours.
	ErrTooSlow = errors.New("would take too long")
	// ErrData: data that does not fit the settings (too few images,
	// images of another size than the network's input).
	ErrData = errors.New("data does not fit the settings")
)

// outOfRange returns a *SettingError wrapping ErrOutOfRange.
func outOfRange(field, detail string) error {
	return &SettingError{Field: field, Err: ErrOutOfRange, Detail: detail}
}
