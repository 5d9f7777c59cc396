package autoencoder

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestUnmarshalRefusesNonFiniteWeights: a model whose weights hold NaN or
// ±Inf — as a diverged run would leave — is refused on reading, even when
// the file is otherwise well formed (its checksum right).
func TestUnmarshalRefusesNonFiniteWeights(t *testing.T) {
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		ae, err := New(Config{Layers: []int{4, 2}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear"}, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		ae.Params()[2].Value.Set(1, 3, v) // W1′ (2×4)
		data, err := ae.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		_, err = Unmarshal(data)
		if want := "W1′ holds"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("a weight %v: error %v, want one saying %q", v, err, want)
		}
	}
}
