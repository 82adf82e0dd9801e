package render

// timelineWordsZh translates the UI words of the timeline pages; see wordsZh.
var timelineWordsZh = map[string]string{
	"Campus improvements":              "校园建设",
	"Filter projects":                  "筛选项目",
	"All":                              "全部",
	"%d projects.":                     "共 %d 个项目。",
	"Done, under way or approved: %s.": "已完成、在建和已批准的项目投入 %s。",
	"Planned, not yet committed: %s.":  "计划中的项目 %s，未计入。",
	"%d cancelled, not counted.":       "已取消的 %d 个项目不计入。",
	"planned to start %s":              "计划 %s 开工",
	"running for %d months":            "已进行 %d 个月",
	"%d projects completed in %s, costing %s in all.":                                      "%[2]s共完成 %[1]d 个项目，投入合计 %[3]s。",
	"Every campus improvement project: when, for how much, who paid, and where it stands.": "学校每一项校园建设与改造项目：何时进行、投入多少、资金来源和当前进展。",
	"chart:projects-by-funding":                                                            "各年度项目投入（已批准、在建和已完成，按资金来源）",
	"%s (apart, not in the total)":                                                         "%s（另列）",
	"%s apart, not in the total":                                                           "%s另列，不计入合计",
	"only %s":                                                                              "仅含%s",
	"without %s":                                                                           "不含%s",
	"list:or":                                                                              "、",
}

// timelineWordsEn gives English words where the key is not the right English.
var timelineWordsEn = map[string]string{
	"chart:projects-by-funding":    "Money committed by period and funding (approved, under way, done)",
	"list:or":                      " or ",
	"%s (apart, not in the total)": "%s (apart)",
}
