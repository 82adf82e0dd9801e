package render

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rsc.io/qr"

	"github.com/houqin/report/generator/internal/model"
)

// renderSite renders a test site with the extra files and returns its
// output by path and its problems.
func renderSite(t *testing.T, extra map[string]string) (map[string]string, model.ErrorList) {
	t.Helper()
	r, _ := testSite(t, extra)
	files, errs := r.Render(context.Background())
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out, errs
}

func noticeFile(title, date, category, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\ncategory: " + category + "\n" + extra + "---\n" + body
}

// TestSupersededBy: the old notice keeps its page with a banner to the new
// one and leaves every list; the new one is listed.
func TestSupersededBy(t *testing.T) {
	out, errs := renderSite(t, map[string]string{
		"content/notices/old.md": noticeFile("旧菜谱说明", "2023-09-04", "food", "superseded_by: new\n", "旧的。\n"),
		"content/notices/new.md": noticeFile("新菜谱说明", "2023-12-11", "food", "reviewed: 2024-01-08\n", "新的。\n"),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	old := out["notices/old/index.html"]
	if !strings.Contains(old, `class="notice-banner notice-superseded"`) || !strings.Contains(old, `<a href="../../notices/new/">新菜谱说明</a>`) {
		t.Errorf("the superseded notice lacks its banner to the new one:\n%s", old)
	}
	for _, list := range []string{"notices/index.html", "notices/category/food/index.html", "index.html", "notices/feed.xml"} {
		if strings.Contains(out[list], "旧菜谱说明") {
			t.Errorf("%s lists the superseded notice", list)
		}
		if !strings.Contains(out[list], "新菜谱说明") {
			t.Errorf("%s does not list the newer notice", list)
		}
	}
	if !strings.Contains(out["notices/new/index.html"], `最近核对 <time datetime="2024-01-08">2024年1月8日</time>`) {
		t.Error("the reviewed date is not shown")
	}
}

// TestNoticeMeta: description and Open Graph tags for a shared link.
func TestNoticeMeta(t *testing.T) {
	body := "各位家长:\n\n" + strings.Repeat("请按时接送孩子,注意交通安全。", 8) + "\n"
	out, errs := renderSite(t, map[string]string{
		"content/notices/a.md": noticeFile("接送安排", "2023-09-01", "traffic", "", body),
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	page := out["notices/a/index.html"]
	for _, want := range []string{
		`<meta property="og:type" content="article">`,
		`<meta property="og:title" content="接送安排">`,
		`<meta property="og:url" content="https://example.edu.cn/hq/notices/a/">`,
		`<meta property="og:locale" content="zh_CN">`,
		`<meta name="description" content="各位家长: 请按时接送孩子,注意交通安全。请按时接送孩子`,
		`<link rel="alternate" type="application/atom+xml"`,
		`<figcaption>扫码查看网上原文<br><span class="notice-url">https://example.edu.cn/hq/notices/a/</span></figcaption>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if m := regexp.MustCompile(`<meta name="description" content="([^"]*)">`).FindStringSubmatch(page); m == nil || !strings.HasSuffix(m[1], "…") || len([]rune(m[1])) != 81 {
		t.Errorf("description is not the first 80 characters of the text: %v", m)
	}
}

// TestNoticesWithoutBaseURL: no feed and no QR code, and the build goes
// on (check warns).
func TestNoticesWithoutBaseURL(t *testing.T) {
	out, errs := renderSite(t, map[string]string{
		"data/site.yaml":       "title: 年报\nschool: 测试小学\n",
		"content/notices/a.md": noticeFile("甲", "2023-09-01", "safety", "", "x\n"),
	})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	if _, ok := out["notices/feed.xml"]; ok {
		t.Error("feed written without base_url")
	}
	if p := out["notices/a/index.html"]; strings.Contains(p, "<svg") || strings.Contains(p, "atom+xml") {
		t.Error("QR code or feed link without base_url")
	}
}

// TestExpiredNotices go to the archive section, still linked.
func TestExpiredNotices(t *testing.T) {
	out, _ := renderSite(t, map[string]string{
		"content/notices/old.md": noticeFile("暑期开放安排", "2023-07-03", "facilities", "pinned: true\nexpires: 2023-08-31\n", "x\n"),
		"content/notices/now.md": noticeFile("入冬保暖", "2023-11-30", "facilities", "", "x\n"),
	})
	list := out["notices/index.html"]
	archive := strings.Index(list, `id="archive-h"`)
	if archive < 0 || strings.Index(list, "暑期开放安排") < archive || strings.Index(list, "入冬保暖") > archive {
		t.Errorf("the expired notice is not (only) in the archive section:\n%s", list)
	}
	if !strings.Contains(list, `href="../notices/old/"`) {
		t.Error("the expired notice is not linked")
	}
	if !strings.Contains(out["notices/old/index.html"], "本通知已于2023年8月31日到期") {
		t.Error("the expired notice does not say so")
	}
}

// qrPath reads the module grid back from the SVG qrSVG draws.
func qrPath(t *testing.T, svg string) [][]bool {
	t.Helper()
	m := regexp.MustCompile(`viewBox="-4 -4 (\d+) \d+".* d="([^"]*)"`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no viewBox or path in %s", svg)
	}
	n, _ := strconv.Atoi(m[1])
	n -= 8
	grid := make([][]bool, n)
	for i := range grid {
		grid[i] = make([]bool, n)
	}
	x, y := 0, 0
	for _, c := range regexp.MustCompile(`([Mmh])([-\d.]+)(?: ([-\d.]+))?`).FindAllStringSubmatch(m[2], -1) {
		a, _ := strconv.ParseFloat(c[2], 64)
		switch c[1] {
		case "M":
			b, _ := strconv.ParseFloat(c[3], 64)
			x, y = int(a), int(b-0.5)
		case "m":
			x += int(a)
		case "h":
			for i := 0; i < int(a); i++ {
				grid[y][x+i] = true
			}
			x += int(a)
		}
	}
	return grid
}

// TestQRSVG: the path draws exactly the encoder's modules, and (when
// zbarimg is installed) the drawing scans back to the address.
func TestQRSVG(t *testing.T) {
	url := "https://example.edu.cn/houqin/notices/2023-school-gate-traffic/"
	svg, err := qrSVG(url)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(svg), "<path") != 1 {
		t.Error("the QR code is not one path")
	}
	code, err := qr.Encode(url, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	got := qrPath(t, string(svg))
	if len(got) != code.Size {
		t.Fatalf("%d modules a side, want %d", len(got), code.Size)
	}
	for y := range got {
		for x := range got[y] {
			if got[y][x] != code.Black(x, y) {
				t.Fatalf("module (%d,%d) is %v, want %v", x, y, got[y][x], code.Black(x, y))
			}
		}
	}
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Log("zbarimg not installed: not scanning the code")
		return
	}
	const scale, quiet = 8, 4
	side := (len(got) + 2*quiet) * scale
	img := image.NewGray(image.Rect(0, 0, side, side))
	for py := 0; py < side; py++ {
		for px := 0; px < side; px++ {
			mx, my := px/scale-quiet, py/scale-quiet
			c := color.Gray{255}
			if mx >= 0 && my >= 0 && mx < len(got) && my < len(got) && got[my][mx] {
				c = color.Gray{0}
			}
			img.SetGray(px, py, c)
		}
	}
	f := filepath.Join(t.TempDir(), "qr.png")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command(zbar, "-q", "--raw", f).Output()
	if err != nil {
		t.Fatalf("zbarimg cannot read the QR code: %v", err)
	}
	if got := strings.TrimSpace(string(text)); got != url {
		t.Errorf("the QR code reads %q, want %q", got, url)
	}
}

func TestExcerpt(t *testing.T) {
	for _, tc := range []struct {
		html string
		n    int
		want string
	}{
		{"<p>各位家长:</p>\n<p>请&lt;按时&gt;接送。</p>", 80, "各位家长: 请<按时>接送。"},
		{"<p>一二三四五六</p>", 4, "一二三四…"},
	} {
		if got := excerpt(tc.html, tc.n); got != tc.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tc.html, tc.n, got, tc.want)
		}
	}
}

// BenchmarkQRSVG measures the QR code every notice page carries.
func BenchmarkQRSVG(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := qrSVG("https://example.edu.cn/houqin/notices/n" + strconv.Itoa(10000+i) + "/"); err != nil {
			b.Fatal(err)
		}
	}
}
