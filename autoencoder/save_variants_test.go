package autoencoder

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSaveLoadVariantConfig: a model file keeps the loss, the penalties and
// the noise of its Config, and the loaded model has the same penalties.
func TestSaveLoadVariantConfig(t *testing.T) {
	cfgs := []Config{
		{Layers: []int{12, 20}, Activation: "sigmoid", CodeActivation: "sigmoid", OutputActivation: "sigmoid",
			Loss: CrossEntropy, L1: 0.25, Sparsity: 0.05, SparsityWeight: 3, Contractive: 0.1, Noise: Noise{SaltPepper, 0.1}},
		{Layers: []int{12, 6, 3}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid", Noise: Noise{Gaussian, 0.2}, Tied: true},
		{Layers: []int{12, 12}, Activation: "linear", CodeActivation: "linear", OutputActivation: "linear", AllowOvercomplete: true},
	}
	for _, cfg := range cfgs {
		ae, err := New(cfg, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "model")
		if err := Save(path, ae); err != nil {
			t.Fatal(err)
		}
		got, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Config, cfg) {
			t.Errorf("saved %+v, loaded %+v", cfg, got.Config)
		}
		if len(got.Penalties()) != len(ae.Penalties()) {
			t.Errorf("%s: %d penalties after loading, %d before", cfg.Shape(), len(got.Penalties()), len(ae.Penalties()))
		}
	}
}

// withConfigJSON returns the model file data with its configuration
// replaced by cfg, the lengths and the checksum fixed: a file as another
// version of the program could have written it.
func withConfigJSON(t *testing.T, data []byte, cfg string) []byte {
	t.Helper()
	at := len(fileMagic) + 4 + 8
	n := int(binary.LittleEndian.Uint32(data[at:]))
	var out bytes.Buffer
	out.Write(data[:at])
	putUint32(&out, len(cfg))
	out.WriteString(cfg)
	out.Write(data[at+4+n:])
	b := out.Bytes()
	binary.LittleEndian.PutUint64(b[len(fileMagic)+4:], uint64(len(b)))
	return withChecksum(b)
}

// TestLoadConfigWithoutVariantFields: a model written before the loss,
// penalties and noise existed reads as squared error with none of them;
// a file whose configuration names an unknown loss, a bad noise or an
// invalid penalty is refused with the sentinel that says why.
func TestLoadConfigWithoutVariantFields(t *testing.T) {
	ae := smallModel(t, false)
	data, err := ae.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	old := `{"layers":[12,6,3],"activation":"relu","code_activation":"relu","output_activation":"sigmoid","tied":false,"allow_overcomplete":false}`
	got, err := Unmarshal(withConfigJSON(t, data, old))
	if err != nil {
		t.Fatal(err)
	}
	if got.Config.Loss != SquaredError || got.Config.Noise.On() || len(got.Penalties()) != 0 {
		t.Errorf("an old config reads as loss %v, noise %v, %d penalties", got.Config.Loss, got.Config.Noise, len(got.Penalties()))
	}
	var cfg map[string]any
	if err := json.Unmarshal([]byte(old), &cfg); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field string
		value any
		is    error
	}{
		{"loss", "mse", ErrUnknownLoss},
		{"noise", "blur:0.3", ErrNoiseKind},
		{"noise", "mask:1.5", ErrNoiseLevel},
		{"l1", -1, ErrPenaltyWeight},
		{"sparsity", 0.05, ErrPenaltyWeight}, // a target without a weight
		{"contractive", 0.1, ErrContractiveEncoder},
	}
	for _, tt := range tests {
		bad := map[string]any{}
		for k, v := range cfg {
			bad[k] = v
		}
		bad[tt.field] = tt.value
		text, err := json.Marshal(bad)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Unmarshal(withConfigJSON(t, data, string(text)))
		if !errors.Is(err, tt.is) || !strings.HasPrefix(err.Error(), "bad configuration") {
			t.Errorf("%s = %v: error %v, want a bad configuration wrapping %v", tt.field, tt.value, err, tt.is)
		}
	}
}
