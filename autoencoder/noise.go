package autoencoder

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"bottleneck/matrix"
)

// NoiseKind names a way of corrupting the input of a denoising
// autoencoder.
type NoiseKind int

const (
	// NoNoise leaves the input clean: the plain autoencoder. It is the
	// zero value.
	NoNoise NoiseKind = iota
	// Masking sets each value to 0 with probability Level, independently:
	// pixels dropped at random ("mask:0.3"). A net trained on masked
	// inputs has seen images whose mean is 1 − Level times the clean one;
	// given clean images it may reconstruct them less well than masked
	// ones.
	Masking
	// Gaussian adds normal noise of standard deviation Level to each value
	// ("gauss:0.2"); corrupted values may leave [0, 1]. Vincent et al.
	// (2010) add this noise, and the salt and pepper below.
	Gaussian
	// SaltPepper sets each value, with probability Level, to 0 or to 1
	// with equal chances ("saltpepper:0.1"): about Level/2 of the values
	// become 1 and Level/2 become 0. Vincent et al. (2010) set a fixed
	// fraction Level of each image's values to 0 or 1 by a fair coin, the
	// same on average.
	SaltPepper
)

// noiseNames are the names of the kinds in ParseNoise's syntax, indexed by
// NoiseKind.
var noiseNames = []string{NoNoise: "none", Masking: "mask", Gaussian: "gauss", SaltPepper: "saltpepper"}

// Noise is the corruption of a denoising autoencoder (Vincent et al.,
// 2008): the encoder is given a corrupted copy x̃ of each image, and the
// loss compares the reconstruction g(f(x̃)) with the clean image x. To undo
// the noise the code must capture how the pixels depend on one another,
// not copy them, which is why a denoising autoencoder may have a code as
// large as its input.
type Noise struct {
	Kind  NoiseKind
	Level float64 // the probability for Masking and SaltPepper, σ for Gaussian
}

// On reports whether n corrupts anything.
func (n Noise) On() bool { return n.Kind != NoNoise }

// String returns n in the syntax ParseNoise reads: "mask:0.3",
// "gauss:0.2", "saltpepper:0.1", or "none".
func (n Noise) String() string {
	if n.Kind == NoNoise {
		return "none"
	}
	if n.Kind < 0 || int(n.Kind) >= len(noiseNames) {
		return fmt.Sprintf("NoiseKind(%d):%v", int(n.Kind), n.Level)
	}
	return noiseNames[n.Kind] + ":" + strconv.FormatFloat(n.Level, 'g', -1, 64)
}

// ParseNoise reads a corruption written as kind:level — "mask:0.3",
// "gauss:0.2" or "saltpepper:0.1" — or "none" (or "") for no noise. The
// probabilities of mask and saltpepper must lie in [MinNoiseLevel, 1), the
// σ of gauss in [MinNoiseLevel, 1]. Its errors are *ConfigError with Field "noise", wrapping
// ErrNoiseSyntax, ErrNoiseKind, ErrNotFinite or ErrNoiseLevel.
func ParseNoise(s string) (Noise, error) {
	if s == "" || s == "none" {
		return Noise{}, nil
	}
	kindName, levelText, ok := strings.Cut(s, ":")
	if !ok {
		return Noise{}, noiseError(ErrNoiseSyntax, "write the noise as kind:level, such as mask:0.3")
	}
	kind := NoNoise
	for k, name := range noiseNames {
		if kindName == name && NoiseKind(k) != NoNoise {
			kind = NoiseKind(k)
		}
	}
	if kind == NoNoise {
		return Noise{}, noiseError(ErrNoiseKind, "unknown noise kind %q (want mask, gauss or saltpepper)", kindName)
	}
	level, err := strconv.ParseFloat(levelText, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) { // out of range gives ±Inf or 0, refused below
		return Noise{}, noiseError(ErrNoiseSyntax, "noise level %q is not a number", levelText)
	}
	n := Noise{Kind: kind, Level: level}
	if err := n.validate(); err != nil {
		return Noise{}, err
	}
	return n, nil
}

// validate checks that n is NoNoise or a known kind with a level in its
// range.
func (n Noise) validate() error {
	switch {
	case n.Kind == NoNoise:
		return nil
	case n.Kind < 0 || int(n.Kind) >= len(noiseNames):
		return noiseError(ErrNoiseKind, "unknown noise kind %d", int(n.Kind))
	case math.IsNaN(n.Level) || math.IsInf(n.Level, 0):
		return noiseError(ErrNotFinite, "the noise level must be a finite number")
	case n.Kind == Gaussian && !(n.Level >= MinNoiseLevel && n.Level <= 1):
		return noiseError(ErrNoiseLevel, "the standard deviation of gauss noise must lie in [%g, 1]: pixels lie in [0, 1], and a larger σ drowns them", MinNoiseLevel)
	case n.Kind != Gaussian && !(n.Level >= MinNoiseLevel && n.Level < 1):
		return noiseError(ErrNoiseLevel, "the probability of %s noise must lie in [%g, 1)", noiseNames[n.Kind], MinNoiseLevel)
	}
	return nil
}

// MinNoiseLevel is the smallest level ParseNoise and Validate accept: a
// probability of 0.001 touches less than one pixel of a 784-pixel image,
// and anything smaller (1e-320, say) would label a run denoising, and let
// it have a code as large as its input, while it corrupts nothing.
const MinNoiseLevel = 0.001

func noiseError(sentinel error, format string, args ...any) error {
	return &ConfigError{Field: "noise", Err: sentinel, Detail: fmt.Sprintf(format, args...)}
}

// MarshalText writes n as String does, so that a Config's JSON reads
// "noise":"mask:0.3".
func (n Noise) MarshalText() ([]byte, error) {
	if err := n.validate(); err != nil {
		return nil, err
	}
	return []byte(n.String()), nil
}

// UnmarshalText reads n as ParseNoise does.
func (n *Noise) UnmarshalText(text []byte) error {
	v, err := ParseNoise(string(text))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// Corrupt sets dst to a corrupted copy of x, drawing every random number
// from rng, row after row, so that the same rng state gives the same
// corruption whatever GOMAXPROCS is. dst and x: n×d; dst may be x. With
// NoNoise dst is a plain copy.
func (n Noise) Corrupt(dst, x *matrix.Dense, rng *rand.Rand) {
	if dr, dc := dst.Dims(); dr != x.Rows() || dc != x.Cols() {
		panic(fmt.Sprintf("autoencoder: Noise.Corrupt: shape mismatch destination %d×%d, input %d×%d", dr, dc, x.Rows(), x.Cols()))
	}
	if n.Kind < 0 || int(n.Kind) >= len(noiseNames) {
		panic(fmt.Sprintf("autoencoder: Noise.Corrupt: unknown noise kind %d", int(n.Kind)))
	}
	// exercise denoising-noise (2 points): for every value of x, row after row, into dst: Masking sets it to 0 with probability p = n.Level; Gaussian adds p·N(0, 1); SaltPepper, with probability p, sets it to 0 or 1 at even odds
	p := n.Level
	for i := 0; i < x.Rows(); i++ {
		d, s := dst.Row(i), x.Row(i)
		for j, v := range s {
			switch n.Kind {
			case Masking:
				if rng.Float64() < p {
					v = 0
				}
			case Gaussian:
				v += p * rng.NormFloat64()
			case SaltPepper:
				if rng.Float64() < p {
					v = float64(rng.IntN(2)) // 0 (pepper) or 1 (salt)
				}
			}
			d[j] = v
		}
	}
	// end exercise denoising-noise
}
