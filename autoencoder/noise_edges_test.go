package autoencoder

import (
	"errors"
	"fmt"
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
	for _, dst := range [][2]int{{2, 3}, {3, 2}} { // fewer rows, then fewer columns
		func() {
			defer func() {
				want := fmt.Sprintf("Noise.Corrupt: shape mismatch destination %d×%d, input 3×3", dst[0], dst[1])
				if r, _ := recover().(string); !strings.Contains(r, want) {
					t.Errorf("Corrupt into a %d×%d destination: panic %q", dst[0], dst[1], r)
				}
			}()
			Noise{Kind: Gaussian, Level: 0.1}.Corrupt(matrix.New(dst[0], dst[1]), matrix.New(3, 3), rand.New(rand.NewPCG(1, 1)))
		}()
	}
}
