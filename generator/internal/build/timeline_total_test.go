package build

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTimelineTotals: the timeline's total says what it includes. Of
// data/projects.yaml, the 11 projects done (1,452,017 元) and the one
// under way (1,250,000 元) count; the planned one (320,000 元) is told
// apart, and the cancelled one (35,000 元) counts nowhere, so the page
// never shows 3,057,017 元, the sum of every project.
func TestTimelineTotals(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	buildExample(t, out)
	for path, want := range map[string]string{
		"timeline/index.html":                  `<p class="lead">共 14 个项目。已完成、在建和已批准的项目投入 2,702,017 元。计划中的项目 320,000 元，未计入。已取消的 1 个项目不计入。</p>`,
		"timeline/status/cancelled/index.html": `<p class="lead">共 1 个项目。已取消的 1 个项目不计入。</p>`,
		"timeline/status/planned/index.html":   `<p class="lead">共 1 个项目。计划中的项目 320,000 元，未计入。</p>`,
	} {
		page := readFile(t, filepath.Join(out, path))
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", path, want)
		}
		if strings.Contains(page, "3,057,017") {
			t.Errorf("%s counts cancelled and planned projects in a total", path)
		}
	}
}
