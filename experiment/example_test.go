package experiment_test

import (
	"errors"
	"fmt"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
)

// A bad setting is refused before any work, with the setting named as in
// the result's JSON, so that a program can say which of its flags is
// wrong.
func ExampleTrainSettings_Validate() {
	s := experiment.TrainSettings{
		Config: autoencoder.Config{Layers: []int{784, 256, 32}, Activation: "relu", CodeActivation: "linear", OutputActivation: "sigmoid"},
		Epochs: 5, Batch: 128, Optimizer: "adam", LearningRate: -1, TrainN: 60000,
	}
	err := s.Validate()
	var se *experiment.SettingError
	if errors.As(err, &se) {
		fmt.Println(se.Field, errors.Is(err, experiment.ErrOutOfRange))
		fmt.Println(se.Detail)
	}
	// Output:
	// learning_rate true
	// the learning rate must be a positive number
}

// One epoch of the default network on all of MNIST's training images is
// about 126 billion floating-point operations in its matrix products.
func ExampleTrainingFLOPs() {
	fmt.Printf("%.4g\n", experiment.TrainingFLOPs([]int{784, 256, 32}, 60000))
	// Output:
	// 1.263e+11
}
