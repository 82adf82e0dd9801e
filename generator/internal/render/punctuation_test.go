package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/houqin/report/generator/internal/starter"
)

// halfWidthNextToHan finds an ASCII , : ; ( ) ! or ? written directly
// against a Chinese character: Chinese text takes the full-width ，：；（）！？.
var halfWidthNextToHan = regexp.MustCompile(`\p{Han}[,:;()!?]|[,:;()!?]\p{Han}`)

// notProse matches what is not Chinese prose in Markdown: fenced code,
// code spans, shortcodes (whose arguments match the data as they are),
// link targets, URLs and the emphasis markers around words.
var notProse = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`|\\{\\{[<%].*?[%>]\\}\\}|\\]\\([^)\n]*\\)|https?://[^\\s)）]+")

// dataNames are values that the data and the shortcodes match on, so
// they keep the spelling of the ledger they came from.
var dataNames = []string{"干粉灭火器(4kg)"}

// halfWidth returns the places in text where ASCII punctuation touches a
// Chinese character.
func halfWidth(text string) []string {
	text = notProse.ReplaceAllString(text, " ")
	text = strings.NewReplacer("**", "", "__", "").Replace(text)
	for _, n := range dataNames {
		text = strings.ReplaceAll(text, n, " ")
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if halfWidthNextToHan.MatchString(line) {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

func TestHalfWidthFinder(t *testing.T) {
	for text, want := range map[string]bool{
		"2023年,后勤处 7 名工作人员":                                    true,
		"各年度项目投入(已批准、在建和已完成)":                                  true,
		"**泥瓦与空调设备**:分别受理":                                     true,
		"感谢您的支持!":                                              true,
		"2023年，后勤处 7 名工作人员围绕“有报即修”的思路":                         false,
		"共 {{< count repairs trade=水道 >}} 次，较上年 1,050 元":       false,
		"{{< sum purchases quantity item=\"干粉灭火器(4kg)\" >}} 具": false,
		"邮箱：houqin@example.edu.cn，网址 https://例子.cn/a,b":        false,
		"`水道:1` 和 [通知](../通知(旧)/)":                             false,
	} {
		if got := len(halfWidth(text)) > 0; got != want {
			t.Errorf("halfWidth(%q) found something: %v, want %v", text, got, want)
		}
	}
}

// TestChinesePunctuation keeps ASCII punctuation out of the Chinese that
// readers see: the UI words of the zh maps, and the example school's and
// the starter site's content and data (prose, table cells, YAML values
// and the Chinese comments of the YAML files).
func TestChinesePunctuation(t *testing.T) {
	for _, words := range []map[string]string{wordsZh, noticeWordsZh, safetyWordsZh, timelineWordsZh, bookletWordsZh} {
		for key, w := range words {
			for _, bad := range halfWidth(w) {
				t.Errorf("zh UI word %q: %q uses ASCII punctuation next to Chinese; use ，：；（）！？", key, bad)
			}
		}
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]fs.FS{"example site": os.DirFS(root), "starter site": starter.Files()}
	for name, fsys := range sites {
		checked := 0
		for _, dir := range []string{"content", "data"} {
			err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(fsys, p)
				if err != nil {
					return err
				}
				var bad []string
				switch path.Ext(p) {
				case ".md":
					bad = markdownHalfWidth(t, p, b)
				case ".yaml":
					bad = yamlHalfWidth(t, p, b)
				case ".csv":
					bad = csvHalfWidth(t, p, b)
				default:
					return nil
				}
				checked++
				for _, s := range bad {
					t.Errorf("%s %s: %q uses ASCII punctuation next to Chinese; use ，：；（）！？", name, p, s)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if checked < 10 {
			t.Errorf("%s: checked only %d files", name, checked)
		}
	}
}

func markdownHalfWidth(t *testing.T, p string, b []byte) []string {
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	var bad []string
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		if front, body, ok := strings.Cut(rest, "\n---\n"); ok {
			bad = yamlHalfWidth(t, p, []byte(front))
			text = body
		}
	}
	return append(bad, halfWidth(text)...)
}

func yamlHalfWidth(t *testing.T, p string, b []byte) []string {
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Errorf("%s: %v", p, err)
		return nil
	}
	var bad []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			bad = append(bad, halfWidth(v)...)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	for _, line := range strings.Split(string(b), "\n") {
		if c, ok := strings.CutPrefix(strings.TrimSpace(line), "#"); ok {
			bad = append(bad, halfWidth(c)...)
		}
	}
	return bad
}

func csvHalfWidth(t *testing.T, p string, b []byte) []string {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) { // an Excel export in GB18030, as offices save them
		var err error
		if b, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s: %v", p, err)
		return nil
	}
	var bad []string
	for i, row := range rows {
		for _, cell := range row {
			for _, s := range halfWidth(cell) {
				bad = append(bad, fmt.Sprintf("row %d: %s", i+1, s))
			}
		}
	}
	return bad
}
