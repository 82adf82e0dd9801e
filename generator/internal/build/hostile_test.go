package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The hostile-site suite: inputs a school will never mean to write, but
// that a broken export, a copy from a USB stick or a curious pupil can
// produce. Each must give a clear, positioned error or a valid site, in
// bounded time and memory, and must never write outside the output folder.

const siteYAML = "title: 测试小学后勤年报\nschool: 测试小学\n"

// hostile is one case: the files of the site (nil data makes a folder),
// an optional setup for what a map cannot hold (symlinks), and what the
// result must satisfy.
type hostile struct {
	name  string
	files map[string][]byte
	setup func(t *testing.T, parent, site string)
	// valid: the site must build; otherwise it must fail with errors.
	valid bool
	// want is text the report must contain.
	want []string
	// check looks at the output folder of a valid build.
	check func(t *testing.T, out string)
	// limits
	timeout time.Duration
	maxHeap uint64
}

func TestHostileSites(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	binary := func(n int) []byte {
		b := make([]byte, n)
		rnd.Read(b)
		return b
	}
	cases := []hostile{
		{name: "empty site", files: map[string][]byte{}, want: []string{"data/site.yaml: missing"}},
		{name: "empty files", files: map[string][]byte{"data/site.yaml": {}, "data/repairs.csv": {}, "content/a.md": {}},
			want: []string{"data/site.yaml:1:1: missing title and school"}},
		{name: "only settings", files: map[string][]byte{"data/site.yaml": []byte(siteYAML)}, valid: true},
		{name: "truncated files", files: map[string][]byte{
			"data/site.yaml":        []byte(siteYAML + "description: 示例"[:len("description: 示例")-1]),
			"data/repairs.csv":      []byte("date,trade,item\n2023-09-01,水道,\"水管"),
			"data/projects.yaml":    []byte("- id: a\n  title: [unclosed"),
			"content/years/2023.md": []byte("---\ntitle: 2023\nyear: 20"),
			"content/about.md":      []byte("---\ntitle: 关于\n---\n共 {{< count repairs"),
		}, want: []string{
			"data/repairs.csv:2:1: a quoted cell of this row is not closed",
			"content/years/2023.md:1:1: the front matter is not closed",
			"data/projects.yaml:2:",
		}},
		{name: "binary files", files: map[string][]byte{
			"data/site.yaml":        []byte(siteYAML),
			"data/repairs.csv":      append([]byte("date,trade,item\n"), binary(1<<20)...),
			"data/staff.csv":        binary(4096),
			"data/projects.yaml":    binary(4096),
			"content/years/2023.md": binary(4096),
			"content/img/plan.png":  binary(4096),
		}, want: []string{"data/repairs.csv:1:1: the file is not text", "content/years/2023.md:1:1: the file is not text"}},
		{name: "deeply nested YAML", files: map[string][]byte{
			"data/site.yaml":     []byte(siteYAML),
			"data/projects.yaml": []byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000)),
			"data/honors.yaml":   []byte(nestedMap(2000)),
			"content/a.md":       []byte("---\ntitle: " + strings.Repeat("{a: ", 20000) + "b" + strings.Repeat("}", 20000) + "\n---\n正文\n"),
		}, want: []string{
			"data/projects.yaml:1:65: the YAML is nested more than 64 levels deep",
			"data/honors.yaml:67:1: the YAML is nested more than 64 levels deep",
			"content/a.md:2:264: the YAML is nested more than 64 levels deep",
		}},
		{name: "YAML alias bomb", files: map[string][]byte{
			"data/site.yaml":     []byte(siteYAML),
			"data/projects.yaml": []byte(billionLaughs(9, 9)),
			"data/honors.yaml":   []byte(billionLaughs(12, 10)),
			"content/a.md":       []byte("---\n" + billionLaughs(9, 9) + "title: a\n---\n正文\n"),
		}, want: []string{"data/honors.yaml", "more than 100 aliases"}},
		{name: "names with spaces and Chinese", files: map[string][]byte{
			"data/site.yaml":                  []byte(siteYAML),
			"data/repairs.csv":                []byte("date,trade,item\n2023-09-01,水道,水管\n"),
			"data/食堂 就餐.csv":                  []byte("日期,餐次,就餐人数\n2023-09-01,午餐,1102\n"),
			"content/关于 我们.md":                []byte("---\ntitle: 关于我们\n---\n\n![校园平面图](<../img/校园 平面图.png>) 共 {{< count \"食堂 就餐\" >}} 条。\n"),
			"content/img/校园 平面图.png":          []byte("PNG"),
			"content/notices/开学 安全 提醒.md":     []byte("---\ntitle: 开学安全提醒\ndate: 2023-09-01\ncategory: safety\n---\n\n[关于我们](../../关于%20我们/)\n"),
			"content/years/2023.md":           []byte("---\ntitle: 2023年\nyear: 2023\n---\n\n共 {{< count repairs >}} 次。\n"),
			"content/years/../../../evil.txt": nil, // cleaned by the map writer: stays inside
		}, valid: true, check: func(t *testing.T, out string) {
			for _, p := range []string{"关于 我们/index.html", "img/校园 平面图.png", "notices/开学 安全 提醒/index.html"} {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
					t.Errorf("missing output %s: %v", p, err)
				}
			}
		}},
		{name: "symlinks outside the site", files: map[string][]byte{
			"data/site.yaml":        []byte(siteYAML),
			"content/years/2023.md": []byte("---\ntitle: 2023年\nyear: 2023\n---\n\n正文。\n"),
		}, setup: symlinksOutside, valid: true, want: []string{"is a symbolic link; links are not followed"},
			check: func(t *testing.T, out string) {
				_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("TOPSECRET")) {
						t.Errorf("%s holds the content of a file outside the site", p)
					}
					return nil
				})
			}},
		{name: "output folder is a symlink", files: map[string][]byte{
			"data/site.yaml": []byte(siteYAML),
		}, setup: func(t *testing.T, parent, site string) {
			elsewhere := filepath.Join(parent, "elsewhere")
			if err := os.MkdirAll(elsewhere, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(elsewhere, "keep.txt"), []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, filepath.Join(parent, "out")); err != nil {
				t.Skipf("symlinks not supported: %v", err)
			}
		}, want: []string{"out exists and is not a folder"}},
		{name: "50 MB CSV", files: map[string][]byte{
			"data/site.yaml":        []byte(siteYAML),
			"data/repairs.csv":      bigCSV(50 << 20),
			"content/years/2023.md": []byte("---\ntitle: 2023年\nyear: 2023\n---\n\n共 {{< count repairs >}} 次。\n"),
		}, valid: true, timeout: 2 * time.Minute, maxHeap: 1500 << 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && c.maxHeap > 0 {
				t.Skip("large input: skipped with -short")
			}
			runHostile(t, c)
		})
	}
}

func runHostile(t *testing.T, c hostile) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	writeHostile(t, site, c.files)
	if c.setup != nil {
		c.setup(t, parent, site)
	}
	out := filepath.Join(parent, "out")
	before := listing(t, parent, out)
	if c.timeout == 0 {
		c.timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()

	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	go sampleHeap(&peak, done)
	start := time.Now()
	res, err := Build(ctx, Options{Site: site, Out: out, Now: buildTime, Charts: fakeRuntime(t)})
	elapsed := time.Since(start)
	close(done)
	t.Logf("%s: %v, peak heap %d MB, %d problems", c.name, elapsed.Round(time.Millisecond), peak.Load()>>20, len(res.Problems))

	if ctx.Err() != nil {
		t.Fatalf("the build did not finish within %v", c.timeout)
	}
	if c.maxHeap > 0 && peak.Load() > c.maxHeap {
		t.Errorf("peak heap %d MB, above %d MB", peak.Load()>>20, c.maxHeap>>20)
	}
	report := res.Problems.Error()
	for _, p := range res.Problems {
		if p.Pos.File == "" {
			t.Errorf("a problem without a file: %v", p)
		}
	}
	switch {
	case c.valid && err != nil:
		t.Fatalf("the site does not build: %v\n%s", err, report)
	case !c.valid && err == nil:
		t.Fatalf("want a clear error, got a site\n%s", report)
	case !c.valid && !errors.Is(err, ErrSite):
		report += "\n" + err.Error() // refused before building, e.g. by publish
	}
	for _, w := range c.want {
		if !strings.Contains(report, w) {
			t.Errorf("the report lacks %q:\n%.3000s", w, report)
		}
	}
	if c.check != nil {
		c.check(t, out)
	}
	if after := listing(t, parent, out); !equal(before, after) {
		t.Errorf("files outside the output folder changed:\nbefore %v\nafter  %v", before, after)
	}
}

// sampleHeap records the largest HeapAlloc until done is closed.
func sampleHeap(peak *atomic.Uint64, done chan struct{}) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var m runtime.MemStats
	for {
		runtime.ReadMemStats(&m)
		if m.HeapAlloc > peak.Load() {
			peak.Store(m.HeapAlloc)
		}
		select {
		case <-done:
			return
		case <-tick.C:
		}
	}
}

func writeHostile(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if rel, err := filepath.Rel(dir, p); err != nil || strings.HasPrefix(rel, "..") {
			continue // the test never writes outside its folder either
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if data == nil {
			continue
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listing lists every path under root except those under skip, with
// sizes, so that any write shows.
func listing(t *testing.T, root, skip string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == skip {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // a symlink in place of the output folder
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, fmt.Sprintf("%s %d %v", rel, info.Size(), info.Mode().Type()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// symlinksOutside links files and folders of the site to a secret outside it.
func symlinksOutside(t *testing.T, parent, site string) {
	secret := filepath.Join(parent, "secret")
	if err := os.MkdirAll(secret, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"secret.md":  "---\ntitle: TOPSECRET\n---\nTOPSECRET\n",
		"secret.csv": "date,trade,item\n2023-09-01,TOPSECRET,TOPSECRET\n",
		"page.html":  `{{define "main"}}TOPSECRET{{end}}`,
	} {
		if err := os.WriteFile(filepath.Join(secret, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"content/secret.md":   filepath.Join(secret, "secret.md"),
		"content/notices":     secret,
		"content/img.png":     filepath.Join(secret, "secret.csv"),
		"data/repairs.csv":    filepath.Join(secret, "secret.csv"),
		"layouts":             secret,
		"content/years/x.md":  "../../../secret/secret.md",
		"content/loop":        ".",
		"content/dangling.md": filepath.Join(secret, "missing.md"),
	}
	for name, target := range links {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}
}

// nestedMap is a YAML mapping nested depth levels deep by indentation.
func nestedMap(depth int) string {
	var b strings.Builder
	b.WriteString("- date: 2023-12\n  title: a\n  level: city\n  issuer:\n")
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat(" ", 4+i))
		b.WriteString("k:\n")
	}
	return b.String()
}

// billionLaughs is the classic alias bomb: levels anchors, each a list of
// width aliases of the one before.
func billionLaughs(levels, width int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\"]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < width; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// bigCSV is a repairs table of about size bytes.
func bigCSV(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 100)
	b.WriteString("date,trade,item,quantity,location\n")
	trades := []string{"水道", "电工", "木工"}
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "2023-%02d-%02d,%s,水管%d,%d,2号教学楼\n", i%12+1, i%28+1, trades[i%3], i%100, i%7+1)
	}
	return b.Bytes()
}
