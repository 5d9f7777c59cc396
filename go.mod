module bottleneck

go 1.24
