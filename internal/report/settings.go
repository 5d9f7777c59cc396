package report

import (
	"flag"
	"strconv"
	"strings"

	"bottleneck/internal/quote"
)

// FlagSettings returns one Setting per flag of fs, sorted by name as the
// flag package lists them: named "-name", valued as the flag prints its
// value (control characters escaped, as quote.Printable writes them, so
// that a newline or a terminal escape typed into a flag cannot reach the
// page), and marked Default when the flag was not given on the command
// line. Call it after fs.Parse.
func FlagSettings(fs *flag.FlagSet) []Setting {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var settings []Setting
	fs.VisitAll(func(f *flag.Flag) {
		settings = append(settings, Setting{Name: "-" + f.Name, Value: quote.Printable(f.Value.String()), Default: !given[f.Name]})
	})
	return settings
}

// CommandLine returns the command line that repeats a run: command (such
// as "bottleneck train"), then each argument, quoted for a POSIX shell when
// it holds anything but letters, digits and - _ . / = , : + @ %.
func CommandLine(command string, args []string) string {
	line := command
	for _, a := range args {
		line += " " + shellQuote(a)
	}
	return line
}

// shellQuote returns s as a shell reads it back: as it is when that is
// safe, or else in single quotes, with each ' written as '\”; and when s
// holds a control character or invalid UTF-8, which would break the line
// (a newline) or act on a terminal (an escape), in the $'…' quotes of bash,
// zsh and ksh, which spell them \n, \x1b and so on.
func shellQuote(s string) string {
	if quote.Printable(s) != s {
		q := strconv.Quote(s)
		return "$'" + strings.ReplaceAll(q[1:len(q)-1], "'", `\'`) + "'"
	}
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=,:+@%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
