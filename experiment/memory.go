package experiment

import (
	"fmt"

	"bottleneck/autoencoder"
)

// MemoryLimit is the memory, in bytes, that CheckMemory lets a training run
// take: half of a 24 GB machine's memory, generous for anything MNIST
// needs (the deep 784-1000-500-250-30 network takes about 0.1 GB).
const MemoryLimit = 12 << 30

// CheckMemory refuses a network whose parameters, gradients and optimizer
// state, or whose batch buffers, would not fit in MemoryLimit, before
// anything is allocated. batch is the number of images a batch really
// holds. The error is a *SettingError wrapping ErrMemory, for "batch" when
// the batch buffers are the larger part, else for "layers".
func CheckMemory(cfg autoencoder.Config, batch int) error {
	weights, widest := 0.0, 0.0
	for i := 0; i+1 < len(cfg.Layers); i++ {
		a, b := float64(cfg.Layers[i]), float64(cfg.Layers[i+1])
		weights += 2 * (a*b + b) // encoder and decoder
		widest = max(widest, a, b)
	}
	// Value, gradient and two Adam moments per weight; a handful of batch
	// buffers per layer.
	params := 8 * 4 * weights
	buffers := 8 * 8 * float64(batch) * widest * float64(len(cfg.Layers))
	if params+buffers <= MemoryLimit {
		return nil
	}
	field := "layers"
	if buffers > params {
		field = "batch"
	}
	return &SettingError{Field: field, Err: ErrMemory,
		Detail: fmt.Sprintf("a %s network with batches of %d images needs about %.0f GB of memory, more than this program allows (%d GB)",
			cfg.Shape(), batch, (params+buffers)/1e9, MemoryLimit>>30)}
}
