package experiment

import (
	"fmt"
	"math"
)

// TrainingWarning says what is wrong with a run that left the test error
// where it was, made it worse, or did not beat drawing the mean image, or
// "" if nothing is. before and after are
// the errors of the untrained and the trained network on the same test
// images; lrName names the setting of the learning rate as the user knows
// it (a flag such as "-lr"), decay says whether weight decay was on (too
// large a one does the same harm), longer names the settings that train
// longer.
func TrainingWarning(before, after, testSSE, meanSSE float64, lrName string, decay bool, longer string) string {
	switch {
	case after == before || math.Abs(after-before) <= 1e-9*before:
		return fmt.Sprintf("training left the test error where it was (%.3g): the learning rate is probably too small; try a larger %s", after, lrName)
	case !(after < before) && decay: // NaN too
		return fmt.Sprintf("training made the test error worse (%.3g before, %.3g after): the learning rate or the weight decay is probably too large; try a smaller %s or -weight-decay", before, after, lrName)
	case !(after < before):
		return fmt.Sprintf("training made the test error worse (%.3g before, %.3g after): the learning rate is probably too large; try a smaller %s", before, after, lrName)
	case !(testSSE <= meanSSE):
		return fmt.Sprintf("test error %.3g is still worse than drawing the mean training image every time (%.3g): the network has not learned the digits yet; train longer (%s) or try another %s", testSSE, meanSSE, longer, lrName)
	}
	return ""
}
