package main

import (
	"bottleneck/experiment"
	"bottleneck/internal/report"
	"bottleneck/pca"
)

// comparePage is report.html of the run s, whose figures are figs and
// whose compare.png holds pic.
func comparePage(f compareFlags, s compareSummary, figs *experiment.CompareFigures, pic []byte) *report.Page {
	run := report.CompareRun{
		Command: f.command, Settings: f.flagValues,
		K: s.K, WeightDecay: s.WeightDecay, Variances: s.Variances, LiveS2: pca.LiveS2,
		TrainImages: s.TrainImages, PCATrainSSE: s.PCATrainSSE, PCATestSSE: s.PCATestSSE,
		Exact: report.Directions(s.Exact), ExactSettings: s.ExactSettings,
		MiniBatchSettings: s.MiniBatchSettings, MiniBatchTestSSE: s.MiniBatchTestSSE,
		MiniBatchMaxAngleDeg: s.MiniBatchMaxAngle, MiniBatchMedianAngleDeg: s.MiniBatchMedianAngle,
		PCASeconds: s.PCASeconds, ExactSeconds: s.ExactSeconds, MiniBatchSeconds: s.MiniBatchSeconds,
		DescentAngles: figs.DescentAngles, MiniBatchAngles: figs.MiniBatchAngles, Picture: pic,
	}
	if s.MiniBatchDecoder != nil {
		mb := report.Directions(s.MiniBatch)
		run.MiniBatch = &mb
	}
	page := report.Compare(run)
	if s.MiniBatchWarning != "" {
		page.Warning = "Mini-batch training: " + s.MiniBatchWarning
	}
	return page
}
