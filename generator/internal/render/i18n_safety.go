package render

// safetyWordsZh translates the UI words of the safety pages; see wordsZh.
var safetyWordsZh = map[string]string{
	"Safety record":             "安全记录",
	"Inspection rounds":         "隐患排查",
	"Hazards found":             "发现隐患",
	"Hazards fixed":             "已整改隐患",
	"Rectification rate":        "整改率",
	"Participants":              "参与人次",
	"Minor incidents":           "轻微事件",
	"Moderate incidents":        "一般事件",
	"Serious incidents":         "严重事件",
	"Open incidents":            "未处理事件",
	"Honors":                    "荣誉",
	"Honors of the period":      "本年度荣誉",
	"Earlier honors":            "历年荣誉",
	"Records":                   "记录明细",
	"Other periods":             "其他年度",
	"Safety figures":            "安全工作",
	"See the safety record":     "查看安全记录",
	"No honors in this period.": "本年度无荣誉记录。",
	"Hazard inspections and rectification, drills, incidents and honors of the period, with the change against the previous one.": "本年度隐患排查与整改、安全演练、安全事件和所获荣誉，以及与上年的比较。",
	"chart:incidents-by-month": "每月安全事件(按等级)",
	"level:national":           "国家级",
	"level:province":           "省级",
	"level:city":               "市级",
	"level:district":           "区级",
	"level:other":              "其他",
	"The yearly summary":       "年度总结",
}

// safetyWordsEn gives English words where the key is not the right English.
var safetyWordsEn = map[string]string{
	"chart:incidents-by-month": "Incidents by month and severity",
	"Hazards fixed":            "Hazards fixed",
	"level:province":           "provincial",
	"level:district":           "district",
}
