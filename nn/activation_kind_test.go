package nn

import (
	"reflect"
	"testing"
)

// TestParseActivation: every name parses to the kind whose layer and name
// are its own, and an unknown name is an error.
func TestParseActivation(t *testing.T) {
	for _, tt := range []struct {
		name  string
		kind  ActivationKind
		layer Layer
	}{
		{"sigmoid", SigmoidKind, &Sigmoid{}},
		{"tanh", TanhKind, &Tanh{}},
		{"relu", ReLUKind, &ReLU{}},
		{"linear", LinearKind, Identity{}},
		{"identity", LinearKind, Identity{}},
	} {
		k, err := ParseActivation(tt.name)
		if err != nil || k != tt.kind {
			t.Errorf("ParseActivation(%q) = %v, %v; want %v", tt.name, k, err, tt.kind)
			continue
		}
		if got := k.New(); reflect.TypeOf(got) != reflect.TypeOf(tt.layer) {
			t.Errorf("%v.New() is a %T, want a %T", k, got, tt.layer)
		}
		if a, b := k.New(), k.New(); a == b && reflect.TypeOf(a).Kind() == reflect.Pointer {
			t.Errorf("%v.New() returned the same layer twice", k)
		}
		if want := map[string]string{"identity": "linear"}[tt.name]; k.String() != tt.name && k.String() != want {
			t.Errorf("%v.String() = %q", k, k.String())
		}
	}
	if k, err := ParseActivation("softmax"); err == nil || k != 0 {
		t.Errorf("ParseActivation(\"softmax\") = %v, %v; want an error", k, err)
	}
	if s := ActivationKind(0).String(); s != "ActivationKind(0)" {
		t.Errorf("the zero kind is %q", s)
	}
}
