// Command bottleneck runs the experiments of the autoencoder lecture on
// MNIST: it trains the undercomplete autoencoder, compares a linear one with
// PCA, and draws what they learned.
//
// Usage:
//
//	bottleneck <command> [flags]
//
// Run "bottleneck help" for the list of commands and "bottleneck <command>
// -h" for the flags of one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"bottleneck/internal/quote"
	"bottleneck/internal/sandbox"
	"bottleneck/mnist/mnistdata"
)

// command is one subcommand of bottleneck.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists the subcommands in the order "help" shows them.
var commands = []command{
	{"train", "train the lecture's stacked autoencoder (784-256-32-256-784) on MNIST and draw what it learned", runTrain},
	{"encode", "write the code of every test image, with its label, as CSV", runEncode},
	{"classify", "classify the digits by their codes, by as many principal components, by pixels", runClassify},
	{"export", "write a trained model's weights as NumPy's .npz, for Python", runExport},
	{"gradcheck", "check a small autoencoder's gradients numerically, parameter by parameter", runGradcheck},
	{"pca", "fit PCA on MNIST: variance kept, reconstruction error, components", runPCA},
	{"hinton", "reproduce Hinton & Salakhutdinov (2006): a deep autoencoder pretrained by RBMs against PCA", runHinton},
	{"compare", "train a linear autoencoder and compare its subspace with PCA's", runCompare},
	{"fetch", "download MNIST (or verify the files present) by SHA-256", runFetch},
	{"show", "draw the first training digits into a PNG", runShow},
	{"bench", "time whole training epochs on MNIST and report GFLOP/s", runBench},
	{"assign", "write a student copy with the exercises blanked", runAssign},
	{"grade", "grade a student copy (or a folder of them): results checked by this program", runGrade},
	{"todo", "list the exercises still blank in a student copy, file:line and points", runTodo},
}

func main() {
	sandbox.Main() // the sandbox's init, when grading started this binary as one
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status: 0 on
// success, 2 for a usage error (unknown command, bad flag), 1 for a failure
// at run time (missing data, unwritable output, diverging training, a
// standard output that cannot be written, Ctrl-C).
func run(args []string, stdout, stderr io.Writer) int {
	out := &stdoutWriter{w: stdout}
	if len(args) == 0 {
		// No command is a usage error, as for the go command: the help goes
		// to standard error and the status is 2, so that a script that
		// forgot its command fails.
		printHelp(stderr)
		return 2
	}
	if isHelpWord(args[0]) {
		// "help train" is "train -h"; help about help ("help help",
		// "-h -h") is the general help, like "help" alone.
		if len(args) >= 2 && !isHelpWord(args[1]) {
			args = []string{args[1], "-h"}
		} else {
			printHelp(out)
			return finish("bottleneck", out.Err(), stderr)
		}
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		// Ctrl-C or SIGTERM, or a standard output that fails, cancels ctx:
		// long work stops at its next check and nothing half-done is saved
		// (see watchSignals for what happens if it does not stop).
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		out.failed = cancel
		defer watchSignals(cancel, c.name, stderr)()
		err := c.run(ctx, args[1:], out, stderr)
		if out.Err() != nil {
			err = out.Err() // what made the command stop, or what it could not print
		}
		return finish("bottleneck "+c.name, err, stderr)
	}
	fmt.Fprintf(stderr, "bottleneck: unknown command %q (run \"bottleneck help\" for the list)\n", args[0])
	return 2
}

// finish prints err, if it is one, on one line after the program's name,
// and returns the exit status it calls for.
func finish(name string, err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %v\n", name, oneLine(err))
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// isHelpWord reports whether arg asks for help rather than naming a command.
func isHelpWord(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "-help" || arg == "--help"
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "bottleneck: the undercomplete autoencoder of the lecture, on MNIST.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: bottleneck <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run \"bottleneck <command> -h\" for the flags of a command.")
	fmt.Fprintln(w, "MNIST is read from -data DIR, else $MNIST_DIR, else the user cache directory if")
	fmt.Fprintln(w, "\"bottleneck fetch\" filled it, else the copy built into the program.")
	fmt.Fprintln(w, "Outputs are written when a command has finished, all together, replacing the")
	fmt.Fprintln(w, "previous run's; an existing file keeps its permissions, a symbolic link is")
	fmt.Fprintln(w, "followed, and a device or named pipe given as -out is refused.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, mnistdata.Attribution)
}

// usageError is an error in how the program was called: a bad flag value or
// an unknown name. It makes the program exit with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// usagef returns a usageError with a formatted message.
func usagef(format string, a ...any) error {
	return usageError{fmt.Sprintf(format, a...)}
}

// oneLine folds a multi-line error message onto one line, and writes its
// other control characters as Go escapes (\x1b): a message that quotes a
// path raw, as an error of the os package does, must not recolour the
// terminal either.
func oneLine(err error) string {
	return quote.Printable(strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " "))
}

// flagSet is a subcommand's flag.FlagSet together with the text its -h
// prints.
type flagSet struct {
	*flag.FlagSet
	usage func()
}

// newFlagSet returns a flag set for a subcommand whose -h prints the given
// description followed by every flag with its default, on stdout. A wrong
// flag prints nothing but the one-line error (see parseFlags), so that
// stdout stays clean for -json.
func newFlagSet(name, description string, stdout io.Writer) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError)}
	fs.FlagSet.Usage = func() {} // the flag package calls it on every error
	fs.FlagSet.SetOutput(io.Discard)
	fs.usage = func() {
		fmt.Fprintf(stdout, "Usage: bottleneck %s [flags]\n\n%s\n\nFlags:\n", name, strings.TrimSpace(description))
		fs.FlagSet.SetOutput(stdout)
		fs.FlagSet.PrintDefaults()
		fs.FlagSet.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args with fs. A request for help prints the usage and
// returns flag.ErrHelp; a bad flag returns a one-line usageError; stray
// arguments after the flags are an error too.
func parseFlags(fs *flagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.usage()
			return flag.ErrHelp
		}
		return usagef("%v (run \"bottleneck %s -h\" for the flags)", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (run \"bottleneck %s -h\" for the flags)", fs.Arg(0), fs.Name())
	}
	return nil
}

// interrupted is returned by a command that stopped because of Ctrl-C or
// SIGTERM.
var interrupted = errors.New("interrupted; nothing was saved")

// orInterrupted returns interrupted in place of an error that Ctrl-C caused
// (a cancelled context), and err itself otherwise.
func orInterrupted(err error) error {
	if errors.Is(err, context.Canceled) {
		return interrupted
	}
	return err
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
