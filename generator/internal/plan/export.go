package plan

import "strconv"

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
