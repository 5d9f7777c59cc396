package mnist

// File describes one of the four MNIST files as the mirrors serve it
// (gzip-compressed), and what it holds once decompressed.
type File struct {
	Name      string // name on the mirrors and on disk, e.g. "train-images-idx3-ubyte.gz"
	Size      int64  // bytes of the .gz file
	SHA256    string // SHA-256 of the .gz file, in hex
	RawSize   int64  // bytes once decompressed
	RawSHA256 string // SHA-256 once decompressed, in hex
}

// RawName is the name of the decompressed file: Name without ".gz".
func (f File) RawName() string { return f.Name[:len(f.Name)-len(".gz")] }

// The four files. Sizes and SHA-256 sums of the .gz files are those the
// mirrors serve (docs/design.md, "MNIST facts"); the decompressed sizes and sums
// were computed from those verified files with Python's gzip and hashlib.
var (
	TrainImages = File{"train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
		47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"}
	TrainLabels = File{"train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
		60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"}
	TestImages = File{"t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
		7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"}
	TestLabels = File{"t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
		10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"}
)

// Files lists the four MNIST files in the order Fetch fetches them.
var Files = []File{TrainImages, TrainLabels, TestImages, TestLabels}

// Mirrors are the base URLs that serve the four files, tried in this order.
// The original site, yann.lecun.com, refuses many clients since 2024.
var Mirrors = []string{
	"https://ossci-datasets.s3.amazonaws.com/mnist/",
	"https://storage.googleapis.com/cvdf-datasets/mnist/",
}
