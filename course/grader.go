package course

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
)

// Grader says how one exercise is graded: by which tests of the reference,
// run in which package of the copy.
type Grader struct {
	Exercise string   // the exercise's name, e.g. "linear-forward"
	Points   int      // its points; the marks in the reference give the same
	Package  string   // the package's folder from the module root, e.g. "nn"
	File     string   // the grader's file, in testdata/graders/<Package>
	Tests    []string // the test functions in File; the exercise passes when all pass
}

// graders lists the graders in the order of the lecture and the docs. The
// graders of package autoencoder go through a whole training step, so
// they come after the exercises of package nn they depend on.
var graders = []Grader{
	{"linear-forward", 2, "nn", "grade_linear_forward_test.go", []string{"TestGradeLinearForward"}},
	{"linear-backward", 3, "nn", "grade_linear_backward_test.go", []string{"TestGradeLinearBackward"}},
	{"activation-derivatives", 3, "nn", "grade_activations_test.go", []string{"TestGradeActivationDerivatives"}},
	{"half-squared-error", 2, "nn", "grade_half_squared_error_test.go", []string{"TestGradeHalfSquaredError"}},
	{"binary-cross-entropy", 2, "nn", "grade_binary_cross_entropy_test.go", []string{"TestGradeBinaryCrossEntropy"}},
	{"sigmoid-cross-entropy", 2, "nn", "grade_sigmoid_cross_entropy_test.go", []string{"TestGradeSigmoidCrossEntropy"}},
	{"sgd-momentum", 2, "nn", "grade_momentum_test.go", []string{"TestGradeMomentum"}},
	{"adam", 3, "nn", "grade_adam_test.go", []string{"TestGradeAdam"}},
	{"tied-gradient", 3, "nn", "grade_tied_gradient_test.go", []string{"TestGradeTiedGradient"}},
	{"weight-decay", 2, "autoencoder", "grade_weight_decay_test.go", []string{"TestGradeWeightDecay"}},
	{"training-step", 3, "autoencoder", "grade_training_step_test.go", []string{"TestGradeTrainingStep"}},
	{"kl-sparsity", 3, "autoencoder", "grade_kl_sparsity_test.go", []string{"TestGradeKLSparsity"}},
	{"denoising-noise", 2, "autoencoder", "grade_denoising_noise_test.go", []string{"TestGradeDenoisingNoise"}},
	{"contractive", 3, "autoencoder", "grade_contractive_test.go", []string{"TestGradeContractive"}},
	{"pca-mean-covariance", 4, "pca", "grade_mean_covariance_test.go", []string{"TestGradeMeanCovariance"}},
	{"pca-project-reconstruct", 3, "pca", "grade_project_reconstruct_test.go", []string{"TestGradeProjectReconstruct"}},
	{"principal-angles", 3, "pca", "grade_principal_angles_test.go", []string{"TestGradePrincipalAngles"}},
}

// graderHelpers is the file of helpers, in each package's folder of
// graders, that every grader of that package is built with.
const graderHelpers = "grade_helpers_test.go"

// graderFiles holds the graders. Under testdata the go tool ignores them
// in the reference; Grade puts them into the copy with go test -overlay.
//
//go:embed testdata/graders
var graderFiles embed.FS

// Graders returns the graders this package carries, in the order of the
// lecture.
func Graders() []Grader { return slices.Clone(graders) }

// graderFor returns the grader of the named exercise.
func graderFor(name string) (Grader, bool) {
	i := slices.IndexFunc(graders, func(g Grader) bool { return g.Exercise == name })
	if i < 0 {
		return Grader{}, false
	}
	return graders[i], true
}

// sources returns the names and contents of the files the grader is built
// with: its package's helpers and its own file.
func (g Grader) sources() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range []string{graderHelpers, g.File} {
		b, err := graderFiles.ReadFile(path.Join("testdata/graders", g.Package, name))
		if err != nil {
			return nil, fmt.Errorf("course: the grader of %s: %w", g.Exercise, err)
		}
		out[name] = b
	}
	return out, nil
}

// Hash returns the SHA-256, in hex, of the files the grader is built with.
// A copy's stamp records it, so that grading can tell whether the graders
// changed since the copy was made.
func (g Grader) Hash() string {
	src, err := g.sources()
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, name := range []string{graderHelpers, g.File} {
		fmt.Fprintf(h, "%s %d\n", name, len(src[name]))
		h.Write(src[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// testPattern returns the -test.run pattern that selects exactly the
// grader's tests.
func (g Grader) testPattern() string {
	p := "^("
	for i, t := range g.Tests {
		if i > 0 {
			p += "|"
		}
		p += t
	}
	return p + ")$"
}
