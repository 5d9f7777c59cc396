package course

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ClassRow is the grade of one folder of a class.
type ClassRow struct {
	Folder string  // the folder's name
	Result *Result // nil if it could not be graded
	Err    error   // why it could not be graded, e.g. a *NotCopyError
	// Note says that the copy's stamp lists other exercises than the
	// stamps of most copies of the class ("" if it agrees): its grade may
	// leave out exercises that were assigned.
	Note string
}

// ClassResult is the grade of a folder of copies.
type ClassResult struct {
	Rows []ClassRow
}

// GradeClass grades every folder inside opts.Dir as a copy (the same
// options apply to each, Dir aside), in the order of their names. A folder
// that cannot be graded gets a row with its error. GradeClass itself
// returns an error only if it cannot read opts.Dir, if no folder in it has
// a go.mod (a *NotCopyError: it is no folder of copies), or if ctx ends.
// A copy whose stamp lists other exercises than most copies' stamps gets a
// ClassRow.Note; its grade stays as its stamp makes it.
func GradeClass(ctx context.Context, opts GradeOptions) (*ClassResult, error) {
	entries, err := os.ReadDir(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("course: %w", err)
	}
	// A symbolic link to a folder gets a row, which says that it is one
	// (checkPlainFiles): left out silently, a student would vanish.
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool {
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(opts.Dir, e.Name()))
			return err != nil || !fi.IsDir()
		}
		return !e.IsDir()
	})
	if !slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		_, err := os.Stat(filepath.Join(opts.Dir, e.Name(), "go.mod"))
		return err == nil
	}) {
		return nil, &NotCopyError{Dir: opts.Dir, Reason: "it has no go.mod, and none of its folders has one: it is neither a copy nor a folder of copies"}
	}
	res := &ClassResult{}
	var copies []stampedCopy // the copies graded
	for _, e := range entries {
		one := opts
		one.Dir = filepath.Join(opts.Dir, e.Name())
		r, err := Grade(ctx, one)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("course: grading stopped: %w", ctx.Err())
		}
		if err == nil {
			c := stampedCopy{row: len(res.Rows)}
			// Grade has read the stamp already: only ErrNoStamp is left.
			if stamp, err := ReadStamp(one.Dir); err == nil {
				c.stamped = true
				for _, se := range stamp.Exercises {
					c.names = append(c.names, se.Name)
				}
			}
			copies = append(copies, c)
		}
		res.Rows = append(res.Rows, ClassRow{Folder: e.Name(), Result: r, Err: err})
	}
	for i, note := range stampNotes(copies, opts.Only != nil) {
		res.Rows[copies[i].row].Note = note
	}
	return res, nil
}

// Exercises returns the names of the exercises graded in any row, in the
// order they first appear.
func (c *ClassResult) Exercises() []string {
	var names []string
	for _, row := range c.Rows {
		if row.Result == nil {
			continue
		}
		for _, e := range row.Result.Exercises {
			if !slices.Contains(names, e.Name) {
				names = append(names, e.Name)
			}
		}
	}
	return names
}

// csvText returns the text s as a CSV cell that a spreadsheet shows as
// text: one that begins with =, +, -, @, a tab or a carriage return would
// be read as a formula (a folder named "=cmd|calc", say), so it gets a
// leading apostrophe, which spreadsheets take to mean "text" and do not
// show. Control and format characters are written out first (printable).
func csvText(s string) string {
	s = printable(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes one line per folder: its name, its points for each
// exercise (an empty cell where its copy does not have that exercise), the
// total, the most it could have had, why it scored 0 on the exercises it
// failed ("exercise: first failure", one after another, separated by
// " | "), how its code ran (Result.Isolation), and notes: why it could not
// be graded, or its ClassRow.Note.
// Text cells that a spreadsheet would read as a formula are neutralised
// (csvText).
func (c *ClassResult) WriteCSV(w io.Writer) error {
	names := c.Exercises()
	cw := csv.NewWriter(w)
	header := append(append([]string{"folder"}, names...), "total", "max_points", "failures", "isolation", "notes")
	for i := range header {
		header[i] = csvText(header[i])
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, row := range c.Rows {
		line := make([]string, len(header))
		line[0] = csvText(row.Folder)
		if row.Result != nil {
			for _, e := range row.Result.Exercises {
				line[1+slices.Index(names, e.Name)] = strconv.Itoa(e.Points)
			}
			line[len(names)+1] = strconv.Itoa(row.Result.Points)
			line[len(names)+2] = strconv.Itoa(row.Result.MaxPoints)
		}
		var failures []string
		if row.Result != nil {
			for _, e := range row.Result.Exercises {
				if !e.Passed {
					failures = append(failures, e.Name+": "+shorten(e.Message, csvMessage))
				}
			}
		}
		line[len(names)+3] = csvText(strings.Join(failures, " | "))
		if row.Result != nil {
			line[len(names)+4] = csvText(row.Result.Isolation)
		}
		var notes []string
		if row.Err != nil {
			notes = append(notes, oneLine(row.Err.Error()))
		}
		if row.Note != "" {
			notes = append(notes, row.Note)
		}
		line[len(names)+5] = csvText(strings.Join(notes, "; "))
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvMessage is the widest first failure WriteCSV writes in full.
const csvMessage = 300

// ClassRecord is one copy of a class in WriteJSON's document.
type ClassRecord struct {
	Folder    string           `json:"folder"`
	Exercises []ExerciseResult `json:"exercises"`  // nil if it could not be graded
	Points    int              `json:"points"`     // 0 if it could not be graded
	MaxPoints int              `json:"max_points"` // 0 if it could not be graded
	Notes     []string         `json:"notes"`      // the grade's notes and ClassRow.Note
	Isolation string           `json:"isolation"`  // Result.Isolation
	Error     string           `json:"error,omitempty"`
}

// WriteJSON writes the class as one JSON document,
// {"copies": [record, ...]}, a ClassRecord for each folder in the order of
// the rows.
func (c *ClassResult) WriteJSON(w io.Writer) error {
	doc := struct {
		Copies []ClassRecord `json:"copies"`
	}{Copies: []ClassRecord{}}
	for _, row := range c.Rows {
		r := ClassRecord{Folder: row.Folder, Notes: []string{}}
		if row.Result != nil {
			r.Exercises, r.Points, r.MaxPoints = row.Result.Exercises, row.Result.Points, row.Result.MaxPoints
			r.Notes = append(r.Notes, row.Result.Notes...)
			r.Isolation = row.Result.Isolation
		}
		if row.Note != "" {
			r.Notes = append(r.Notes, row.Note)
		}
		if row.Err != nil {
			r.Error = oneLine(row.Err.Error())
		}
		doc.Copies = append(doc.Copies, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// Unisolated returns the first Result.Isolation of the class that is not
// "isolated" (and not empty), or "".
func (c *ClassResult) Unisolated() string {
	for _, row := range c.Rows {
		if row.Result != nil && row.Result.Isolation != "" && row.Result.Isolation != "isolated" {
			return row.Result.Isolation
		}
	}
	return ""
}
