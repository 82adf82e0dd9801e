package render

import (
	"testing"
)

// TestCardsSayGoodOrBad: a key figure's change says whether it is good
// or bad news for that indicator, in words as well as colour, and a small
// count changes by a number of incidents, not by a percentage.
func TestCardsSayGoodOrBad(t *testing.T) {
	r, site := testSite(t, map[string]string{
		"data/inspections.csv": "date,scope,hazards_found,hazards_fixed,notes\n" +
			"2022-02-01,全校,10,9,\n2023-02-01,全校,10,9,\n2023-09-01,食堂,10,10,\n",
		"data/incidents.csv": "date,kind,description,severity,resolved\n" +
			"2022-03-01,跌倒,摔倒,minor,yes\n2022-04-01,跌倒,摔倒,minor,yes\n2022-05-01,跌倒,摔倒,minor,yes\n2022-06-01,跌倒,摔倒,minor,yes\n" +
			"2023-03-01,跌倒,摔倒,minor,yes\n2023-04-01,跌倒,摔倒,minor,yes\n2023-05-01,跌倒,摔倒,minor,yes\n2023-06-01,跌倒,摔倒,minor,yes\n2023-07-01,跌倒,摔倒,minor,yes\n",
	})
	got := map[string]Card{}
	for _, c := range r.Cards(site.Config.PeriodOf(2023)) {
		got[c.Label] = c
	}
	for _, tt := range []struct{ label, delta, tone, words string }{
		{"安全事件", "增加 1 起", "bad", "需关注"},       // 4 → 5 incidents: not "增加 25%"
		{"隐患整改率", "提高 5.0 个百分点", "good", "向好"}, // 90% → 95%
		{"维修单", "增加 2 次", "", ""},              // 2 → 4 repairs: neither good nor bad; a number, not 增加 100%
	} {
		c, ok := got[tt.label]
		if !ok {
			t.Errorf("no %s card among %v", tt.label, got)
			continue
		}
		if c.Tone != tt.tone || c.ToneText != tt.words {
			t.Errorf("%s: tone %q (%q), want %q (%q)", tt.label, c.Tone, c.ToneText, tt.tone, tt.words)
		}
		if c.Delta != tt.delta {
			t.Errorf("%s: change %q, want %q", tt.label, c.Delta, tt.delta)
		}
	}
}
