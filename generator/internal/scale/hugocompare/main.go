// Command hugocompare builds the same notices as plain Markdown with Hugo
// and with this generator, alternating, and prints the median wall time and
// peak memory of each and their ratio:
//
//	go run ./generator/internal/scale/hugocompare [-notices 5000] [-runs 5] [-hugo hugo] [-keep DIR]
//
// It also prints the CPU time each used (user and system, the system part
// being mostly the file system's work of making the folders and files).
// Hugo gets minimal layouts written for the comparison (a list page and a
// single page, no theme); the generator builds a site of notices only.
// Both write to a fresh output folder on every run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

func main() {
	notices := flag.Int("notices", 5000, "how many notices")
	runs := flag.Int("runs", 5, "runs of each, alternating")
	hugo := flag.String("hugo", "hugo", "the Hugo executable (Debian package hugo)")
	keep := flag.String("keep", "", "write the two sites and their outputs into this folder and keep them (default: a temporary folder, removed)")
	flag.Parse()
	if err := run(*notices, *runs, *hugo, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "hugocompare:", err)
		os.Exit(1)
	}
}

func run(n, runs int, hugo, keep string) error {
	dir := keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "hugocompare-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	gen := filepath.Join(dir, "generator")
	build := exec.Command("go", "build", "-o", gen, "./generator")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the generator (run from the repository root): %w", err)
	}
	hugoSite, ourSite := filepath.Join(dir, "hugo"), filepath.Join(dir, "ours")
	if err := writeSites(hugoSite, ourSite, n); err != nil {
		return err
	}
	runtime := filepath.Join(dir, "echarts.js") // a notices-only site draws no chart
	if err := os.WriteFile(runtime, []byte("/* no charts */"), 0o644); err != nil {
		return err
	}
	var hugoT, ourT, hugoU, ourU, hugoS, ourS []time.Duration
	var hugoM, ourM []int64
	stamp := time.Now().Format("150405") // outputs are new folders, even in a kept folder
	for i := 0; i < runs; i++ {
		out := filepath.Join(dir, fmt.Sprintf("out-hugo-%s-%d", stamp, i))
		r, err := measure(hugo, "--quiet", "--source", hugoSite, "--destination", out)
		if err != nil {
			return fmt.Errorf("hugo: %w", err)
		}
		hugoT, hugoM, hugoU, hugoS = append(hugoT, r.wall), append(hugoM, r.rss), append(hugoU, r.user), append(hugoS, r.sys)
		out = filepath.Join(dir, fmt.Sprintf("out-ours-%s-%d", stamp, i))
		r, err = measure(gen, "build", "--site", ourSite, "--out", out, "--chart-runtime", runtime)
		if err != nil {
			return fmt.Errorf("generator: %w", err)
		}
		ourT, ourM, ourU, ourS = append(ourT, r.wall), append(ourM, r.rss), append(ourU, r.user), append(ourS, r.sys)
	}
	ht, ot := median(hugoT), median(ourT)
	hm, om := median(hugoM), median(ourM)
	v, _ := exec.Command(hugo, "version").Output()
	fmt.Printf("%d notices, %d alternating runs each, medians (%s)\n", n, runs, firstLine(v))
	fmt.Printf("hugo       %8.3f s  %6d MB peak  (CPU: user %.2f s, system %.2f s)\n", ht.Seconds(), hm>>10, median(hugoU).Seconds(), median(hugoS).Seconds())
	fmt.Printf("generator  %8.3f s  %6d MB peak  (CPU: user %.2f s, system %.2f s)\n", ot.Seconds(), om>>10, median(ourU).Seconds(), median(ourS).Seconds())
	fmt.Printf("ratio      %8.2f (generator / hugo; target <= 0.5)\n", ot.Seconds()/ht.Seconds())
	return nil
}

// usage is what one run took.
type usage struct {
	wall, user, sys time.Duration
	rss             int64 // peak resident memory, KiB
}

// measure runs a command and returns what it took. The file system's
// pending writes (the previous run's thousands of files) are flushed
// first, so that no run pays for another.
func measure(name string, args ...string) (usage, error) {
	syscall.Sync()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, err
	}
	u := usage{wall: time.Since(start), user: cmd.ProcessState.UserTime(), sys: cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.rss = ru.Maxrss
	}
	return u, nil
}

func median[T time.Duration | int64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' {
			return string(b[:i])
		}
	}
	return string(b)
}

const body = "各位家长：\n\n本周请关注孩子上学放学途中的交通安全，**雨天**路滑，请提前出门。\n\n- 不在校门口停车\n- 按时接送\n- 关注天气变化\n\n后勤处\n"

// writeSites writes the same n notices for Hugo and for the generator.
func writeSites(hugo, ours string, n int) error {
	files := map[string]string{
		filepath.Join(hugo, "config.toml"):                        "baseURL = 'https://example.edu.cn/notices/'\ntitle = '通知'\nlanguageCode = 'zh-CN'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n",
		filepath.Join(hugo, "layouts", "_default", "baseof.html"): "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		filepath.Join(hugo, "layouts", "_default", "single.html"): "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01-02\" }} · {{ .Params.category }}</p>{{ .Content }}</article>{{ end }}\n",
		filepath.Join(hugo, "layouts", "_default", "list.html"):   "{{ define \"main\" }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"2006-01-02\" }}</li>{{ end }}</ul>{{ end }}\n",
		filepath.Join(hugo, "layouts", "index.html"):              "{{ define \"main\" }}<ul>{{ range first 10 .Site.RegularPages }}<li>{{ .Title }}</li>{{ end }}</ul>{{ end }}\n",
		filepath.Join(ours, "data", "site.yaml"):                  "title: 通知\nschool: 规模测试学校\nbase_url: https://example.edu.cn/notices/\n",
	}
	cats := []string{"safety", "health", "traffic", "food", "facilities", "other"}
	for i := 0; i < n; i++ {
		date := fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28)
		front := fmt.Sprintf("---\ntitle: 第%d号通知：安全提示\ndate: %s\ncategory: %s\nsummary: 请家长留意本周的安全事项。\n---\n", i, date, cats[i%len(cats)])
		files[filepath.Join(hugo, "content", "notices", fmt.Sprintf("n%05d.md", i))] = front + body
		files[filepath.Join(ours, "content", "notices", fmt.Sprintf("n%05d.md", i))] = front + body
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
