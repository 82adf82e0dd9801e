package render

// safetyWordsZh translates the UI words of the safety pages; see wordsZh.
var safetyWordsZh = map[string]string{}

// safetyWordsEn gives English words where the key is not the right English.
var safetyWordsEn = map[string]string{}
