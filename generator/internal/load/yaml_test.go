package load

import (
	"reflect"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

func TestConfig(t *testing.T) {
	var errs model.ErrorList
	cfg := config("data/site.yaml", "title: 年报\r\nschool: 示例小学\r\nlanguage: en\r\nbase_url: https://example.edu.cn/houqin\r\nperiod: school-year\r\nperiod_start: \"08-15\"\r\nunsafe_html: yes\r\nallow: [\"12345678\"]\r\nrules: {drills_per_term: 2}\r\n", &errs)
	sameMessages(t, errs)
	if cfg.Title != "年报" || cfg.School != "示例小学" || !cfg.En() || cfg.BaseURL != "https://example.edu.cn/houqin/" ||
		cfg.Period != model.SchoolYear || cfg.PeriodStart != (model.MonthDay{Month: 8, Day: 15}) || !cfg.UnsafeHTML ||
		len(cfg.Allow) != 1 || cfg.Rules["drills_per_term"] != 2 {
		t.Errorf("config = %+v", cfg)
	}
	if p := cfg.Pos["language"]; p != (model.Pos{File: "data/site.yaml", Line: 3, Col: 11}) {
		t.Errorf("Pos[language] = %v", p)
	}
}

func TestConfigDefaults(t *testing.T) {
	var errs model.ErrorList
	cfg := config("data/site.yaml", "title: 年报\nschool: 示例小学\n", &errs)
	sameMessages(t, errs)
	if cfg.Language != "zh-CN" || cfg.Period != model.Calendar || cfg.PeriodStart.String() != "09-01" || cfg.BaseURL != "" {
		t.Errorf("defaults = %+v", cfg)
	}
}

func TestYAMLErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            []string
	}{{
		name: "site.yaml",
		file: "data/site.yaml",
		src:  "school: 示例小学\nlanguage: fr\nbase_url: example.edu.cn\nperiod: term\ntitel: x\n",
		want: []string{
			`data/site.yaml:1:1: missing title: add title: followed by the site's name, e.g. title: 示例小学后勤工作年报`,
			`data/site.yaml:2:11: language "fr" is not supported: use zh-CN or en`,
			`data/site.yaml:3:11: base_url "example.edu.cn" is not an absolute http(s) URL: write it like https://example.edu.cn/houqin/`,
			`data/site.yaml:4:9: period "term" is not valid: use calendar or school-year`,
			`data/site.yaml:5:1: warning: unknown key "titel" in site.yaml: the known keys are title, school, language, base_url, period, period_start, unsafe_html, office, description, allow, rules, booklet`,
		},
	}, {
		name: "projects",
		file: "data/projects.yaml",
		src: `- id: Building 2
  title: 加固
  category: building
  status: ongoing
  start: 2023-07
  end: 2023-06-30
  cost: 约100万
- id: gym
  title: 体育馆
  category: sports
  status: done
  start: 2023-08-31
  cost: "1,250,000"
- id: gym
  category: it
  status: planned
  start: 2023/9
  colour: red
`,
		want: []string{
			`data/projects.yaml:1:7: project id "Building 2" is not valid: use only lowercase letters a-z, digits and "-", e.g. building-2`,
			`data/projects.yaml:4:11: status "ongoing" is not valid: use planned, approved, in_progress, done or cancelled`,
			`data/projects.yaml:6:8: end 2023-06-30 is before start 2023-07: correct one of them`,
			`data/projects.yaml:7:9: cost "约100万" is not a number: write digits, e.g. 1250 or 1,250.50; write the amount in 元, e.g. 1.5万元 as 15000`,
			`data/projects.yaml:14:3: missing title: add title: followed by the project's name`,
			`data/projects.yaml:14:7: duplicate project id "gym": it is also used at data/projects.yaml:8:7`,
			`data/projects.yaml:18:3: warning: unknown key "colour" in a project: the known keys are id, title, category, status, start, end, cost, funding, summary`,
		},
	}, {
		name: "honors",
		file: "data/honors.yaml",
		src:  "- {date: 2023-12, title: 省级平安校园, level: province}\n- {date: 2023-13, title: x, level: county}\n- {title: y, level: city}\n",
		want: []string{
			`data/honors.yaml:2:10: date "2023-13" is not a date or a month: write a day (2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日) or a month (2023-09, 2023/9, 2023.9 or 2023年9月)`,
			`data/honors.yaml:2:36: level "county" is not valid: use national, province, city, district or other`,
			`data/honors.yaml:3:4: missing date: add date: followed by a date or month, e.g. date: 2023-12`,
		},
	}, {
		name: "charts",
		file: "data/charts.yaml",
		src:  "- id: a\n  type: donut\n  table: repairs\n- id: a\n  type: bar\n  x: month\n",
		want: []string{
			`data/charts.yaml:1:3: missing x: add x: followed by a column, or month or year`,
			`data/charts.yaml:2:9: type "donut" is not valid: use bar, line, pie or stacked-bar`,
			`data/charts.yaml:4:3: missing table: add table: followed by a table name, e.g. table: repairs`,
			`data/charts.yaml:4:7: duplicate chart id "a": it is also used at data/charts.yaml:1:7`,
		},
	}, {
		name: "not a list",
		file: "data/honors.yaml",
		src:  "title: x\n",
		want: []string{`data/honors.yaml:1:6: data/honors.yaml must be a list of honors, each starting with "- ", e.g. - {date: 2023-12, title: 省级平安校园, level: province}`},
	}, {
		name: "syntax error",
		file: "data/projects.yaml",
		src:  "- id: a\n  title: [x\n",
		want: []string{`data/projects.yaml:2:10: YAML syntax: sequence end token ']' not found`},
	}, {
		name: "alias bomb",
		file: "data/charts.yaml",
		src:  "- &a {id: a}\n" + strings.Repeat("- *a\n", maxAliases+1),
		want: []string{`data/charts.yaml:102:3: more than 100 aliases (*name) in one file: write the values out instead`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var errs model.ErrorList
			switch tc.file {
			case "data/site.yaml":
				config(tc.file, tc.src, &errs)
			case "data/projects.yaml":
				projects(tc.file, tc.src, &errs)
			case "data/honors.yaml":
				honors(tc.file, tc.src, &errs)
			case "data/charts.yaml":
				charts(tc.file, tc.src, &errs)
			}
			errs.Sort()
			sameMessages(t, errs, tc.want...)
		})
	}
}

func TestProjects(t *testing.T) {
	var errs model.ErrorList
	src := "- id: building-2\n  title: 加固\n  category: building\n  status: in_progress\n  start: 2023-07\n  end: 2023-08-31\n  cost: 1,250,000\n  funding: government\n  summary: |\n    第一行\n"
	ps := projects("data/projects.yaml", src, &errs)
	sameMessages(t, errs)
	if len(ps) != 1 {
		t.Fatalf("got %d projects", len(ps))
	}
	p := ps[0]
	if p.ID != "building-2" || p.Start.String() != "2023-07" || p.End.String() != "2023-08-31" || !p.HasCost || p.Cost != 1250000 || p.Summary != "第一行\n" {
		t.Errorf("project = %+v", p)
	}
	if p.Pos.String() != "data/projects.yaml:1:3" || p.FieldPos["cost"].String() != "data/projects.yaml:7:9" {
		t.Errorf("positions = %v %v", p.Pos, p.FieldPos)
	}
}

func TestCharts(t *testing.T) {
	var errs model.ErrorList
	cs := charts("data/charts.yaml", "- id: plumbing-by-month\n  title: 水道维修\n  type: bar\n  table: repairs\n  x: month\n  y: quantity\n  where: {trade: 水道, location: 一楼}\n", &errs)
	sameMessages(t, errs)
	if len(cs) != 1 || len(cs[0].Where) != 2 || !reflect.DeepEqual(cs[0].Where[0], model.Filter{Column: "trade", Value: "水道", Pos: model.Pos{File: "data/charts.yaml", Line: 7, Col: 18}}) {
		t.Errorf("charts = %+v", cs)
	}
}
