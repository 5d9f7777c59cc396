// Package classify puts the code to use, as the lecture says after
// training: the decoder is cut off, and the codes of the images are fed to
// a classifier. The classifier is softmax regression — one linear layer
// z = x·W + b followed by a softmax, trained on the cross-entropy of the
// labels — built from the pieces of package nn and trained with its
// optimizers. It takes any features: the codes of an autoencoder, principal
// components, or the raw pixels, so that the three compare.
//
// Softmax regression on MNIST's raw pixels reaches about 92% of the test
// images; codes that keep what tells the digits apart should do about as
// well with far fewer numbers.
package classify
