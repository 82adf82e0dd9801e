package render

// noticeWordsZh translates the UI words of the notice pages; see wordsZh.
var noticeWordsZh = map[string]string{
	"Categories": "分类",
	"All":        "全部",
	"Archive":    "已过期通知",
	"Expired notices stay here for reference; what they say may no longer apply.": "以下通知已过有效期，仅供查阅，内容可能已不再适用。",
	"No current notices.":                                  "目前没有有效的通知。",
	"%s notices of %s":                                     "%[2]s%[1]s类通知",
	"Subscribe to notices (Atom feed)":                     "订阅通知（Atom 源）",
	"This notice has been replaced by a newer one:":        "本通知已有更新版本，请以新通知为准：",
	"This notice expired on %s and is kept for reference.": "本通知已于%s到期，仅供查阅。",
	"Last reviewed":                                        "最近核对",
	"Scan to read this notice online":                      "扫码查看网上原文",
	"Back to all notices":                                  "返回全部通知",
	"Notice":                                               "通知",
}

// noticeWordsEn gives English words where the key is not the right English.
var noticeWordsEn = map[string]string{
	"%s notices of %s": "%s notices of %s",
}
