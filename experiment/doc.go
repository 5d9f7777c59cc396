// Package experiment runs the experiments of the lecture as functions, so
// that tests, docs and other programs reach them without a command line.
//
// Each run is a function that takes its settings and its data and returns
// a result struct: Train fits an autoencoder to MNIST and measures it,
// Bench times training epochs, and a GradCheck compares backpropagation's
// gradient with central differences. A result holds the numbers a run's
// summary.json holds, under the same JSON names, and what the run made
// besides (the trained network, its pictures, its loss chart). The run
// prints nothing and writes no file: package main (cmd/bottleneck) keeps
// the flags, the printing and the files, and tests call the functions
// directly.
//
// Settings come from outside the program, so every run checks them first
// and returns an error for a bad one: a *SettingError naming the setting
// as its result's JSON does (a program maps the name to its own flag), or
// the *autoencoder.ConfigError of the network's configuration. Both wrap a
// sentinel for errors.Is. A run that is given a progress function calls it
// as it goes; an error from it (a cancelled context, say) stops the run.
package experiment
