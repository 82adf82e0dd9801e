package render

// noticeWordsZh translates the UI words of the notice pages; see wordsZh.
var noticeWordsZh = map[string]string{}

// noticeWordsEn gives English words where the key is not the right English.
var noticeWordsEn = map[string]string{}
