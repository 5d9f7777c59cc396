package rbm

import (
	"fmt"
	"math"
)

// Settings say how an RBM is trained by contrastive divergence.
type Settings struct {
	LearningRate    float64 // ε, for weights and biases alike: 0.1, or 0.001 for linear hidden units
	WeightCost      float64 // the L2 weight cost on W (not on the biases): 0.0002
	InitialMomentum float64 // the momentum of the first MomentumEpochs epochs: 0.5
	FinalMomentum   float64 // the momentum after them: 0.9
	MomentumEpochs  int     // 5
	BatchSize       int     // 100
	K               int     // the number of Gibbs steps of CD-k: 1
	// SampleVisible draws binary visible states in the Gibbs chain instead
	// of using their probabilities. The paper's recipe uses probabilities
	// (false); a chain that is to approach the model's distribution, CD-k
	// with large k, samples them.
	SampleVisible bool
}

// PaperSettings returns the settings of the authors' Matlab code for an
// RBM with logistic hidden units, or with linear ones (whose learning
// rate is a hundred times smaller, 0.001).
func PaperSettings(linearHidden bool) Settings {
	s := Settings{LearningRate: 0.1, WeightCost: 0.0002, InitialMomentum: 0.5, FinalMomentum: 0.9, MomentumEpochs: 5, BatchSize: 100, K: 1}
	if linearHidden {
		s.LearningRate = 0.001
	}
	return s
}

// Momentum returns the momentum of epoch (counted from 1).
func (s Settings) Momentum(epoch int) float64 {
	if epoch <= s.MomentumEpochs {
		return s.InitialMomentum
	}
	return s.FinalMomentum
}

// Validate reports what is wrong with s, or nil.
func (s Settings) Validate() error {
	nums := []struct {
		name string
		v    float64
		ok   bool
	}{
		{"learning rate", s.LearningRate, s.LearningRate > 0 && s.LearningRate <= 10},
		{"weight cost", s.WeightCost, s.WeightCost >= 0 && s.WeightCost < 1},
		{"initial momentum", s.InitialMomentum, s.InitialMomentum >= 0 && s.InitialMomentum < 1},
		{"final momentum", s.FinalMomentum, s.FinalMomentum >= 0 && s.FinalMomentum < 1},
	}
	for _, n := range nums {
		if !n.ok || math.IsNaN(n.v) {
			return fmt.Errorf("rbm: %s %v is out of range (learning rate in (0, 10], weight cost and momenta in [0, 1))", n.name, n.v)
		}
	}
	if s.BatchSize < 1 || s.K < 1 || s.MomentumEpochs < 0 {
		return fmt.Errorf("rbm: need a batch size ≥ 1, k ≥ 1 and momentum epochs ≥ 0 (got %d, %d, %d)", s.BatchSize, s.K, s.MomentumEpochs)
	}
	return nil
}
