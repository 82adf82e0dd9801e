// Package scale writes contract-conforming sites of any size, for
// benchmarks and for measuring the generator at district scale. The data
// is deterministic: the same preset always gives the same bytes.
package scale

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Preset is the size of a site.
type Preset struct {
	Name      string
	Periods   int // calendar years, ending with 2023
	Repairs   int // rows of repairs.csv
	Purchases int // rows of purchases.csv
	Notices   int
	Projects  int
	Workbook  bool // repairs as data/repairs.xlsx instead of .csv
}

// Presets are the sizes the benchmarks use.
var Presets = map[string]Preset{
	"small": {Name: "small", Periods: 3, Repairs: 1200, Purchases: 200, Notices: 10, Projects: 12},
	"large": {Name: "large", Periods: 20, Repairs: 200000, Purchases: 50000, Notices: 5000, Projects: 300},
	// large-xlsx is large with its repairs kept in a workbook.
	"large-xlsx": {Name: "large-xlsx", Periods: 20, Repairs: 200000, Purchases: 50000, Notices: 5000, Projects: 300, Workbook: true},
}

var (
	trades     = []string{"水道", "电工", "木工", "泥瓦", "空调设备"}
	items      = map[string][]string{"水道": {"台盆水管", "水龙头", "地漏疏通"}, "电工": {"灯具", "插座", "跳闸排障"}, "木工": {"门扇", "门锁", "移门铜条"}, "泥瓦": {"墙面修补", "地砖"}, "空调设备": {"空调清洗", "空调维修"}}
	locations  = []string{"教学楼A", "教学楼B", "实验楼", "办公楼", "食堂", "学生宿舍1号楼", "学生宿舍2号楼", "操场"}
	categories = []string{"办公用品", "清洁卫生", "教学设备", "体育器材", "安防设备", "维修材料", "家具"}
	channels   = []string{"政府采购", "询价", "零星采购"}
	kinds      = []string{"消防疏散", "防震疏散", "防溺水安全教育", "交通安全教育", "食品安全培训"}
	notices    = []string{"safety", "health", "traffic", "food", "facilities", "other"}
	statuses   = []string{"planned", "approved", "in_progress", "done", "done", "done", "cancelled"}
	projCats   = []string{"building", "grounds", "safety", "sports", "it", "other"}
	funding    = []string{"government", "school", "donation"}
)

// Write writes a site of preset p into dir, which must not exist or be empty.
func Write(dir string, p Preset) error {
	w := &writer{dir: dir, rng: rand.New(rand.NewPCG(1, uint64(p.Repairs)))}
	first := 2023 - p.Periods + 1
	w.file("data/site.yaml", fmt.Sprintf("title: 规模测试年报（%s）\nschool: 规模测试学校\noffice: 后勤处\nbase_url: https://example.edu.cn/scale/\nperiod: calendar\n", p.Name))
	w.csv("data/repairs.csv", "日期,工种,项目,数量,单位,地点,费用", p.Repairs, func(i int) string {
		t := trades[w.rng.IntN(len(trades))]
		it := items[t][w.rng.IntN(len(items[t]))]
		return fmt.Sprintf("%s,%s,%s,%d,件,%s,\"%s\"", w.day(first, p.Periods), t, it, 1+w.rng.IntN(5), locations[w.rng.IntN(len(locations))], thousands(20+w.rng.IntN(3000)))
	})
	if p.Workbook {
		w.workbook("data/repairs.csv")
	}
	w.csv("data/purchases.csv", "日期,类别,物品,数量,金额,采购方式,供应商", p.Purchases, func(i int) string {
		c := categories[w.rng.IntN(len(categories))]
		return fmt.Sprintf("%s,%s,%s物品%d,%d,\"%s\",%s,供应商%d", w.day(first, p.Periods), c, c, i%50, 1+w.rng.IntN(20), thousands(50+w.rng.IntN(90000)), channels[w.rng.IntN(len(channels))], w.rng.IntN(40))
	})
	w.csv("data/inspections.csv", "date,scope,hazards_found,hazards_fixed,notes", p.Periods*4, func(i int) string {
		found := 5 + w.rng.IntN(15)
		return fmt.Sprintf("%d-%02d-15,全校排查%d,%d,%d,", first+i/4, 1+3*(i%4), i, found, found-w.rng.IntN(3))
	})
	w.csv("data/drills.csv", "date,kind,participants,notes", p.Periods*8, func(i int) string {
		return fmt.Sprintf("%d-%02d-%02d,%s,\"%s\",", first+i/8, 1+(i%8), 10+i%8, kinds[w.rng.IntN(len(kinds))], thousands(200+w.rng.IntN(1200)))
	})
	w.csv("data/incidents.csv", "date,kind,severity,description,resolved", p.Periods*4, func(i int) string {
		return fmt.Sprintf("%d-%02d-%02d,设施,%s,设施故障%d,%s", first+i/4, 2+2*(i%4), 3+i%20, []string{"minor", "minor", "moderate"}[i%3], i, []string{"yes", "yes", "no"}[i%3])
	})
	w.csv("data/utilities.csv", "月份,用水,用电,用气,水费,电费", p.Periods*12, func(i int) string {
		return fmt.Sprintf("%d-%02d,%d,%d,%d,%d,%d", first+i/12, 1+i%12, 900+w.rng.IntN(900), 20000+w.rng.IntN(20000), 100+w.rng.IntN(300), 3000+w.rng.IntN(3000), 15000+w.rng.IntN(15000))
	})
	w.projects(first, p)
	for y := first; y <= 2023; y++ {
		w.file(fmt.Sprintf("content/years/%d.md", y), yearPage(y))
	}
	for i := 0; i < p.Notices; i++ {
		y := first + i%p.Periods
		w.file(fmt.Sprintf("content/notices/n%05d.md", i), fmt.Sprintf("---\ntitle: 第%d号通知：%s安全提示\ndate: %d-%02d-%02d\ncategory: %s\nsummary: 请家长留意本周的安全事项。\n---\n各位家长：\n\n本周请关注孩子上学放学途中的交通安全，**雨天**路滑，请提前出门。\n\n- 不在校门口停车\n- 按时接送\n- 关注天气变化\n\n后勤处\n", i, notices[i%len(notices)], y, 1+i%12, 1+i%28, notices[i%len(notices)]))
	}
	w.file("content/_index.md", "---\ntitle: 欢迎\n---\n累计维修 {{< count repairs period=all >}} 次。\n")
	return w.err
}

func yearPage(y int) string {
	return fmt.Sprintf(`---
title: %d年后勤工作总结
year: %d
summary: 本年度后勤工作概况。
---
## 一、维修

全年受理维修 {{< count repairs >}} 次，较上年 {{< delta count repairs >}}，其中水道 {{< count repairs trade=水道 >}} 次。

{{< chart repairs-by-trade >}}

## 二、安全

隐患整改率 {{< rate inspections hazards_fixed hazards_found >}}，演练 {{< count drills >}} 次。

## 三、采购

采购合计 {{< sum purchases amount >}} 元，较上年 {{< delta sum purchases amount >}}。

{{< timeline >}}
`, y, y)
}

func (w *writer) projects(first int, p Preset) {
	var b strings.Builder
	for i := 0; i < p.Projects; i++ {
		y := first + i%p.Periods
		st := statuses[i%len(statuses)]
		fmt.Fprintf(&b, "- id: project-%04d\n  title: 校园改造项目%d\n  category: %s\n  status: %s\n  start: %d-%02d-01\n", i, i, projCats[i%len(projCats)], st, y, 1+i%12)
		if st == "done" || st == "cancelled" {
			fmt.Fprintf(&b, "  end: %d-%02d-28\n", y, 1+i%12)
		}
		fmt.Fprintf(&b, "  cost: %d\n  funding: %s\n  summary: |\n    项目%d按计划实施，**验收合格**。\n", 10000+w.rng.IntN(900000), funding[i%len(funding)], i)
	}
	w.file("data/projects.yaml", b.String())
}

type writer struct {
	dir string
	rng *rand.Rand
	err error
}

func (w *writer) day(first, periods int) string {
	return fmt.Sprintf("%d-%02d-%02d", first+w.rng.IntN(periods), 1+w.rng.IntN(12), 1+w.rng.IntN(28))
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if len(s) > 3 {
		s = s[:len(s)-3] + "," + s[len(s)-3:]
	}
	return s
}

func (w *writer) file(name, text string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, []byte(text), 0o644)
}

func (w *writer) csv(name, header string, rows int, row func(int) string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	f, err := os.Create(p)
	if err != nil {
		w.err = err
		return
	}
	bw := bufio.NewWriter(f)
	fmt.Fprintln(bw, header)
	for i := 0; i < rows; i++ {
		fmt.Fprintln(bw, row(i))
	}
	if err := bw.Flush(); err != nil {
		w.err = err
	}
	if err := f.Close(); err != nil && w.err == nil {
		w.err = err
	}
}
