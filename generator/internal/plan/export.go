package plan

import (
	"slices"
	"strconv"
	"strings"
)

// ExportFiles are the site paths of the district submission pack of a
// period (报送材料), written by the export command: the yearly summary as
// a Word document and its figures and tables as an Excel workbook. The
// export command, the pages linking them and the link checks all ask
// Export for them.
type ExportFiles struct {
	Dir  string // export/YEAR/
	Docx string // export/YEAR/summary-YEAR.docx
	Xlsx string // export/YEAR/figures-YEAR.xlsx
}

// Export returns the paths of the submission pack of period year.
func Export(year int) ExportFiles {
	y := strconv.Itoa(year)
	dir := "export/" + y + "/"
	return ExportFiles{Dir: dir, Docx: dir + "summary-" + y + ".docx", Xlsx: dir + "figures-" + y + ".xlsx"}
}

// All lists the files of the pack.
func (e ExportFiles) All() []string { return []string{e.Docx, e.Xlsx} }

// The steps that make Later files, by the View of their entries.
const (
	PDFStep    = "pdf"    // the pdf command: BookletPDF
	ExportStep = "export" // the export command: Export
)

// LaterFiles are the files step makes for period year, made and kept
// together: the booklet PDF, or both files of the submission pack.
func LaterFiles(step string, year int) []string {
	switch step {
	case PDFStep:
		return []string{BookletPDF(year)}
	case ExportStep:
		return Export(year).All()
	}
	return nil
}

// LaterOf says which step makes the Later file at path, and for which
// period.
func LaterOf(path string) (step string, year int, ok bool) {
	if y, ok := BookletPDFOf(path); ok {
		return PDFStep, y, true
	}
	rest, ok := strings.CutPrefix(path, "export/")
	if !ok || len(rest) < 5 {
		return "", 0, false
	}
	y, err := strconv.Atoi(rest[:4])
	if err != nil || !slices.Contains(Export(y).All(), path) {
		return "", 0, false
	}
	return ExportStep, y, true
}
