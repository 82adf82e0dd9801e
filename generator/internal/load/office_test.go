package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// TestOfficeFiles: every workbook and CSV file that LibreOffice saved
// with the habits of office ledgers (testdata/office/make.sh) gives the
// same table, cell for cell, as the same records written as a clean CSV
// file, and with no error.
func TestOfficeFiles(t *testing.T) {
	root := filepath.Join("..", "..", "..", "testdata", "office")
	cases, err := filepath.Glob(filepath.Join(root, "*", "want"))
	if err != nil || len(cases) < 6 {
		t.Fatalf("test files of testdata/office: %v, %v (run testdata/office/make.sh)", cases, err)
	}
	for _, want := range cases {
		dir := filepath.Dir(want)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			got, errs := officeSite(t, filepath.Join(dir, "data"))
			if e := errs.Errors(); len(e) > 0 {
				t.Errorf("errors:\n%v", e)
			}
			clean, errs := officeSite(t, want)
			if len(errs) > 0 {
				t.Fatalf("the clean CSV files: %v", errs)
			}
			if len(got.Tables) != len(clean.Tables) {
				t.Errorf("tables %v, want %v", names(got.Tables), names(clean.Tables))
			}
			for name, tb := range clean.Tables {
				if got.Tables[name] == nil {
					t.Errorf("no table %s", name)
					continue
				}
				if g, w := summary(got.Tables[name]), summary(tb); g != w {
					t.Errorf("table %s:\n got %s\nwant %s", name, g, w)
				}
			}
		})
	}
}

// officeSite loads a site whose data/ holds the files of dir.
func officeSite(t *testing.T, dir string) (*model.Site, model.ErrorList) {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	site, errs := loadData(t, files)
	if site == nil {
		t.Fatal(errs)
	}
	return site, errs
}

func names(m map[string]*model.Table) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
