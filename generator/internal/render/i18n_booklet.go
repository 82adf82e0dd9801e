package render

// bookletWordsZh translates the UI words of the booklet pages; see wordsZh.
var bookletWordsZh = map[string]string{}

// bookletWordsEn gives English words where the key is not the right English.
var bookletWordsEn = map[string]string{}
