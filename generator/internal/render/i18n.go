package render

import (
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// wordsZh translates the UI's English keys into Chinese. English pages use
// wordsEn where the key itself is not the right English.
var wordsZh = map[string]string{
	"source":                          "来源",
	"sum of":                          "合计",
	"%d rows":                         "%d 行",
	"the first %s shown":              "仅列出前 %s 行",
	"all periods":                     "全部年度",
	"no data for the previous period": "上一周期无数据，不作比较",
	"unchanged":                       "与上年持平",
	"tone:good":                       "向好",
	"tone:bad":                        "需关注",
	"up":                              "增加",
	"down":                            "减少",
	"count":                           "数量",
	"month":                           "月份",
	"period":                          "年度",
	"%s by period":                    "历年%s",
	"chart:repairs-by-trade":          "各工种维修单数",
	"chart:repairs-by-month":          "每月维修单数（按工种）",
	"chart:purchases-by-category":     "各类别采购金额",
	"chart:utilities-monthly":         "每月水、电、气用量",
	"chart:inspections":               "各轮隐患排查：发现与整改",
	"chart:drills-by-kind":            "各类安全演练与教育",
	"chart:projects-by-status":        "建设项目状态",
	"Data table":                      "数据表",
	"Home":                            "首页",
	"Yearly summaries":                "年度总结",
	"Notices":                         "通知公告",
	"Skip to content":                 "跳到正文",
	"Key figures":                     "主要数据",
	"vs previous period":              "较上年",
	"Latest summary":                  "最新年度总结",
	"Read the summary":                "阅读全文",
	"Trends":                          "历年趋势",
	"Charts":                          "图表",
	"Contents":                        "目录",
	"Summary":                         "总结",
	"Latest notices":                  "最新通知",
	"Pinned":                          "置顶",
	"All notices":                     "全部通知",
	"Figures on this page come from the office's records; tap, hover over or tab to a number to see its source.": "本页数字均由后勤记录自动统计，点按、悬停或用 Tab 键选中数字可查看来源。",
	"Page not found": "页面不存在",
	"The page you asked for does not exist or has moved.": "您访问的页面不存在或已移动。",
	"Back to the home page":                               "返回首页",
	"Published by":                                        "发布：",
	"Built":                                               "生成于",
	"Figures as of":                                       "数据截至",
	"Logistics office":                                    "后勤处",
	"No narrative has been written for this period yet; the figures below come from the data.": "本年度尚未撰写总结，以下数据由记录自动统计。",
	"Projects of the period":      "本年度建设项目",
	"No projects in this period.": "本年度无建设项目。",
	"Category":                    "类别",
	"Status":                      "状态",
	"Cost":                        "投入",
	"Funding":                     "资金来源",
	"Title":                       "名称",
	"Start":                       "开始",
	"End":                         "结束",
	"Id":                          "编号",
	"Dates":                       "时间",
	"yuan":                        "元",
	"ongoing":                     "至今",
	"from %s":                     "%s起",
	"Periods":                     "年度",
	"Records":                     "记录",
	"Other pages":                 "其他页面",
	"previous":                    "上一年",
	"next":                        "下一年",
	"Repair orders":               "维修单",
	"Hazard rectification":        "隐患整改率",
	"Drills":                      "安全演练",
	"Incidents":                   "安全事件",
	"Purchases":                   "采购金额",
	"Water":                       "用水",
	"Electricity":                 "用电",
	"Projects":                    "建设项目",
	"status:planned":              "计划中",
	"status:approved":             "已立项",
	"status:in_progress":          "进行中",
	"status:done":                 "已完成",
	"status:cancelled":            "已取消",
	"category:building":           "校舍",
	"category:grounds":            "场地",
	"category:safety":             "安全",
	"category:sports":             "体育",
	"category:it":                 "信息化",
	"category:other":              "其他",
	"funding:government":          "财政拨款",
	"funding:donation":            "社会捐赠",
	"funding:school":              "学校自筹",
	"funding:other":               "其他",
	"severity:minor":              "轻微",
	"severity:moderate":           "一般",
	"severity:serious":            "严重",
	"bool:yes":                    "是",
	"bool:no":                     "否",
	"notice:safety":               "安全",
	"notice:health":               "卫生健康",
	"notice:traffic":              "交通",
	"notice:food":                 "饮食",
	"notice:facilities":           "设施",
	"notice:other":                "其他",
	"Published":                   "发布日期",
	"Expired":                     "已过期",
	"Expires":                     "有效期至",
	"Date":                        "日期",
	"Chart of the data":           "数据图表",
	"This chart needs JavaScript; the same numbers are in the data table below.": "图表需要 JavaScript；相同数据见下方数据表。",
}

var wordsEn = map[string]string{
	"tone:good":                       "better",
	"tone:bad":                        "worse",
	"Published by":                    "Published by ",
	"count":                           "Count",
	"month":                           "Month",
	"period":                          "Period",
	"source":                          "Source:",
	"no data for the previous period": "no data for the previous period",
	"chart:repairs-by-trade":          "Repair orders by trade",
	"chart:repairs-by-month":          "Repair orders by month and trade",
	"chart:purchases-by-category":     "Purchases by category",
	"chart:utilities-monthly":         "Water, electricity and gas by month",
	"chart:inspections":               "Hazards found and fixed per inspection round",
	"chart:drills-by-kind":            "Drills and safety education by kind",
	"chart:projects-by-status":        "Projects by status",
	"%d rows":                         "%d rows",
	"Logistics office":                "Logistics office",
	"yuan":                            "yuan",
	"status:planned":                  "planned",
	"status:approved":                 "approved",
	"status:in_progress":              "in progress",
	"status:done":                     "done",
	"status:cancelled":                "cancelled",
	"severity:minor":                  "minor",
	"severity:moderate":               "moderate",
	"severity:serious":                "serious",
	"bool:yes":                        "yes",
	"bool:no":                         "no",
}

// tableTitle names a table in the UI language.
func (r *Renderer) tableTitle(name string) string {
	s := model.SchemaOf(name)
	switch {
	case name == "projects" && r.lang.en:
		return "Projects"
	case name == "projects":
		return "建设项目"
	case s == nil:
		return name
	case r.lang.en:
		return s.TitleEn
	}
	return s.Title
}

// columnLabel names a column in the UI language: its Chinese alias, or
// its English key made readable.
func (r *Renderer) columnLabel(table, key string) string {
	if s := model.SchemaOf(table); s != nil {
		if c, ok := s.Column(key); ok {
			if r.lang.en {
				return humanize(c.Key)
			}
			return c.Alias
		}
	}
	if table == "projects" {
		return r.lang.T(humanize(key))
	}
	return key
}

// columnUnit is the unit of a column's numbers in the UI language (元,
// 千瓦时, kWh), or "" when the contract gives it none.
func (r *Renderer) columnUnit(table, key string) string {
	zh, en := columnUnits(model.SchemaOf(table), table, key)
	if r.lang.en {
		return en
	}
	return zh
}

// columnUnits is the unit of a column of the contract in Chinese and English.
func columnUnits(s *model.Schema, table, key string) (zh, en string) {
	if s != nil {
		if c, ok := s.Column(key); ok {
			return c.Unit, c.UnitEn
		}
	}
	if table == "projects" && key == "cost" {
		return model.Money, "yuan"
	}
	return "", ""
}

// withUnit adds a unit to a column heading: 费用（元）, Cost (yuan).
func (r *Renderer) withUnit(label, unit string) string {
	switch {
	case unit == "":
		return label
	case r.lang.en:
		return label + " (" + unit + ")"
	}
	return label + "（" + unit + "）"
}

func humanize(key string) string {
	s := strings.ReplaceAll(key, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// label translates a coded value such as status:done; an unknown value is
// shown as written.
func (l Lang) label(prefix, value string) string {
	key := prefix + ":" + value
	if w, ok := l.words[key]; ok {
		return w
	}
	if l.en {
		return strings.ReplaceAll(value, "_", " ")
	}
	return value
}

// valueLabel shows a cell value in the UI language where the value is a
// code (severity, yes/no, project status, category, funding).
func (r *Renderer) valueLabel(table, column, value string) string {
	t := r.q.Table(table)
	if t == nil {
		return value
	}
	i := t.Col(column)
	if i < 0 {
		return value
	}
	switch t.Columns[i].Kind {
	case model.Severity:
		return r.lang.label("severity", query.Normalize(model.Severity, value))
	case model.Bool:
		return r.lang.label("bool", query.Normalize(model.Bool, value))
	}
	if table == "projects" {
		switch t.Columns[i].Key {
		case "status", "category", "funding":
			return r.lang.label(t.Columns[i].Key, value)
		}
	}
	return value
}
