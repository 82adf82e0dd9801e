package render

// bookletWordsZh translates the UI words of the booklet; see wordsZh.
var bookletWordsZh = map[string]string{
	"Download PDF":                        "下载 PDF",
	"Printed":                             "印制于",
	"Appendix: the records of the period": "附录：本年度记录明细",
	"Printable booklet":                   "打印版年报",
	"Submission pack: ":                   "报送材料：",
	"sep:list":                            "；",
	"Word document":                       "Word 文档",
	"Excel workbook":                      "Excel 统计表",
	"export:docx-name":                    "后勤工作总结",
	"export:xlsx-name":                    "后勤工作统计表",
	"page:before":                         "第 ",
	"page:middle":                         " 页 / 共 ",
	"page:after":                          " 页",
	"Appendix: summary of the records":    "附录：本年度记录汇总",
	"Other":                               "其他",
	"Total":                               "合计",
	"Rows":                                "行数",
	"summed up by %s":                     "按%s汇总",
	"list:and":                            "、",
	"%s in %s":                            "%s单位：%s",
	"count:%[1]s in %[2]s":                "%[1]s单位：%[2]s",
	"one row = 1 %s":                      "每行 1 %s",
}

// bookletWordsEn gives English words where the key is not the right English.
var bookletWordsEn = map[string]string{
	"export:docx-name":     " logistics summary",
	"export:xlsx-name":     " logistics figures",
	"page:before":          "Page ",
	"page:middle":          " of ",
	"page:after":           "",
	"list:and":             " and ",
	"count:%[1]s in %[2]s": "counted in %[2]s",
	"one row = 1 %s":       "one row per record (%s)",
	"sep:list":             "; ",
}
