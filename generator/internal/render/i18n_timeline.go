package render

// timelineWordsZh translates the UI words of the timeline pages; see wordsZh.
var timelineWordsZh = map[string]string{}

// timelineWordsEn gives English words where the key is not the right English.
var timelineWordsEn = map[string]string{}
