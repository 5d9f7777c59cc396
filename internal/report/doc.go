// Package report writes one page per run: report.html, beside a command's
// other outputs, with the settings, the epoch table, the curves, the
// pictures and the numbers. It is what a student hands in and a teacher
// opens, on screen or printed on A4.
//
// The page is one self-contained file. Its style is inline, charts are
// inline SVG drawn by internal/plot, and PNG pictures are data: URIs; it
// has no script and fetches nothing, which a Content-Security-Policy in the
// page itself enforces. Only links to papers lead elsewhere.
//
// A Page is plain data: a title, a lead paragraph, a settings table and
// sections of prose, tables, charts and pictures. Train, PCA and Compare
// build the page of each command from the values the command already has;
// their doc comments show the few lines that write it. Page.Save renders
// the page with html/template and writes it atomically.
//
// Escaping. Every string of a Page is text and is escaped by html/template,
// whatever it holds. Two values are marked as trusted instead, each in one
// function of render.go: the SVG of a chart, which only plot.Chart.WriteSVG
// makes (it escapes every text it draws), and a picture's data: URI, which
// is built from base64. A Chart therefore holds a *plot.Chart, never SVG
// bytes: SVG from anywhere else could carry a script.
package report
