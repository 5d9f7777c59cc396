package course

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Grader says how one exercise is graded: by which files of package
// course/probe, run in a test binary of which package of the copy.
type Grader struct {
	Exercise string // the exercise's name, e.g. "linear-forward"
	Points   int    // its points; the marks in the reference give the same
	Package  string // the package's folder from the module root, e.g. "nn"
	// Files are the files of course/probe that hold its calls and
	// checks, besides the shared probeCommon.
	Files []string
}

// graders lists the graders in the order of the lecture and the docs. It
// is the table grading counts by: a copy's stamp says which exercises its
// student was given, never what they are worth. The graders of package
// autoencoder go through a whole training step, so they come after the
// exercises of package nn they depend on.
var graders = []Grader{
	{"linear-forward", 2, "nn", []string{"nn_linear.go"}},
	{"linear-backward", 3, "nn", []string{"nn_linear.go"}},
	{"activation-derivatives", 3, "nn", []string{"nn_activation.go"}},
	{"half-squared-error", 2, "nn", []string{"nn_loss.go"}},
	{"binary-cross-entropy", 2, "nn", []string{"nn_loss.go"}},
	{"sigmoid-cross-entropy", 2, "nn", []string{"nn_loss.go"}},
	{"sgd-momentum", 2, "nn", []string{"nn_optimizer.go"}},
	{"adam", 3, "nn", []string{"nn_optimizer.go"}},
	{"tied-gradient", 3, "nn", []string{"nn_linear.go"}},
	{"weight-decay", 2, "autoencoder", []string{"ae_net.go", "ae_exercises.go"}},
	{"training-step", 3, "autoencoder", []string{"ae_net.go", "ae_exercises.go"}},
	{"kl-sparsity", 3, "autoencoder", []string{"ae_net.go", "ae_exercises.go"}},
	{"denoising-noise", 2, "autoencoder", []string{"ae_noise.go"}},
	{"contractive", 3, "autoencoder", []string{"ae_net.go", "ae_exercises.go"}},
	{"pca-mean-covariance", 4, "pca", []string{"pca.go"}},
	{"pca-project-reconstruct", 3, "pca", []string{"pca.go"}},
	{"principal-angles", 3, "pca", []string{"pca.go"}},
}

// probeDir is the folder of package course/probe, from the module root.
const probeDir = "course/probe"

// probeCommon are the files of course/probe every grader is built with.
var probeCommon = []string{"probe.go", "check.go"}

// probeFiles holds package course/probe's sources. Grade puts them into
// the copy with go test -overlay, in place of whatever the copy's
// course/probe holds, so that a student's edits there do not count.
//
//go:embed probe/*.go
var probeFiles embed.FS

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

// files returns the names of the probe files the graders gs are built
// with, sorted.
func probeFilesOf(gs []Grader) []string {
	names := slices.Clone(probeCommon)
	for _, g := range gs {
		for _, f := range g.Files {
			if !slices.Contains(names, f) {
				names = append(names, f)
			}
		}
	}
	slices.Sort(names)
	return names
}

// sources returns the names and contents of the probe files gs are built
// with.
func probeSources(gs []Grader) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range probeFilesOf(gs) {
		b, err := probeFiles.ReadFile(path.Join("probe", name))
		if err != nil {
			return nil, fmt.Errorf("course: the graders of %s: %w", names(gs), err)
		}
		out[name] = b
	}
	return out, nil
}

func names(gs []Grader) string {
	var ns []string
	for _, g := range gs {
		ns = append(ns, g.Exercise)
	}
	return strings.Join(ns, ", ")
}

// Hash returns the SHA-256, in hex, of the files the grader is built with.
// A copy's stamp records it, so that grading can tell whether the graders
// changed since the copy was made.
func (g Grader) Hash() string {
	src, err := probeSources([]Grader{g})
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, name := range probeFilesOf([]Grader{g}) {
		fmt.Fprintf(h, "%s %d\n", name, len(src[name]))
		h.Write(src[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}
