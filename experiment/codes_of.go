package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// ErrCodeNotFinite is wrapped by the error of Codes for a model that gives
// a code that is not a finite number: its weights are too large.
var ErrCodeNotFinite = errors.New("the model's weights are too large to give numbers")

// Codes returns the codes of the rows of x (n×in → n×code), each prepared
// as the model was trained (Config.Prepare: a -binarize model's
// binarized), a thousand rows at a time. It returns ctx's error if ctx is
// cancelled before it is done, and an error wrapping ErrCodeNotFinite at
// the first code that is NaN or infinite, naming the image by which ("test"
// or "training") and its index, so that every program that encodes says
// what is wrong with the model the same way.
func Codes(ctx context.Context, ae *autoencoder.Autoencoder, x *matrix.Dense, which string) (*matrix.Dense, error) {
	codes := matrix.New(x.Rows(), ae.CodeSize())
	for i0 := 0; i0 < x.Rows(); i0 += 1000 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i1 := min(i0+1000, x.Rows())
		codes.SliceRows(i0, i1).Copy(ae.Encode(ae.Config.Prepare(x.SliceRows(i0, i1))))
		for i := i0; i < i1; i++ {
			for j, v := range codes.Row(i) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, fmt.Errorf("the code of %s image %d is %v at h%d: %w; train it again, with a smaller learning rate", which, i, v, j, ErrCodeNotFinite)
				}
			}
		}
	}
	return codes, nil
}
