package report

import "flag"

// FlagSettings returns one Setting per flag of fs, sorted by name as the
// flag package lists them: named "-name", valued as the flag prints its
// value, and marked Default when the flag was not given on the command
// line. Call it after fs.Parse.
func FlagSettings(fs *flag.FlagSet) []Setting {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var settings []Setting
	fs.VisitAll(func(f *flag.Flag) {
		settings = append(settings, Setting{Name: "-" + f.Name, Value: f.Value.String(), Default: !given[f.Name]})
	})
	return settings
}
