package autoencoder

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"bottleneck/matrix"
)

// TestNoiseEdges: the edges of Noise that its other tests leave alone:
// String of a kind below or above the known ones, the smallest level
// accepted for gauss noise, and Corrupt given a destination of another
// shape.
func TestNoiseEdges(t *testing.T) {
	for _, tc := range []struct {
		n    Noise
		want string
	}{
		{Noise{Kind: -1, Level: 0.3}, "NoiseKind(-1):0.3"},
		{Noise{Kind: NoiseKind(len(noiseNames)), Level: 0.3}, "NoiseKind(" + strconv.Itoa(len(noiseNames)) + "):0.3"},
	} {
		if got := tc.n.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	for _, k := range []NoiseKind{-1, NoiseKind(len(noiseNames))} {
		if err := (Noise{Kind: k, Level: 0.3}).validate(); !errors.Is(err, ErrNoiseKind) {
			t.Errorf("kind %d: validate says %v, want ErrNoiseKind", k, err)
		}
	}
	if err := (Noise{Kind: Gaussian, Level: MinNoiseLevel}).validate(); err != nil {
		t.Errorf("gauss noise at the smallest level, %g: %v", MinNoiseLevel, err)
	}
	defer func() {
		if r, _ := recover().(string); !strings.Contains(r, "Noise.Corrupt: shape mismatch destination 2×3, input 3×3") {
			t.Errorf("Corrupt into a 2×3 destination: panic %q", r)
		}
	}()
	Noise{Kind: Gaussian, Level: 0.1}.Corrupt(matrix.New(2, 3), matrix.New(3, 3), rand.New(rand.NewPCG(1, 1)))
}
