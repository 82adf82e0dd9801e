package render

import (
	"strings"
	"testing"
)

// TestCompliancePanel: the safety record shows each rule of site.yaml with
// its status and every shortfall, in the site's language.
func TestCompliancePanel(t *testing.T) {
	out, errs := renderSite(t, map[string]string{
		"data/site.yaml": "title: 年报\nschool: 测试小学\nbase_url: https://example.edu.cn/hq/\n" +
			"rules: {drills_per_term: 1, inspection_interval_days: 200, rectification_min_rate: 95}\n",
		"data/drills.csv": "date,kind\n2023-03-01,消防疏散\n",
	})
	if len(errs.Errors()) > 0 {
		t.Fatal(errs)
	}
	page := out["safety/2023/index.html"]
	for _, want := range []string{
		`<h2 id="rules-h">安全制度执行情况</h2>`,
		`<li class="rule rule-fails"><span class="rule-status">未达标</span> <span class="rule-title">每学期安全演练不少于 1 次</span>`,
		`<li>2023年7月1日至2023年12月31日学期安全演练 0 次</li>`,
		`<li>2023年2月1日至2023年9月1日两轮排查间隔 212 天</li>`,
		`<li>整改率 95%</li>`, // 19 of 20: 95% is not under 95%
	} {
		if want == `<li>整改率 95%</li>` {
			if strings.Contains(page, want) {
				t.Errorf("a rate equal to the minimum is reported:\n%s", page)
			}
			continue
		}
		if !strings.Contains(page, want) {
			t.Errorf("safety/2023/ lacks %s", want)
		}
	}
	if !strings.Contains(page, `rule-complies"><span class="rule-status">达标</span> <span class="rule-title">隐患整改率不低于 95%</span>`) {
		t.Errorf("the rate rule is not shown as complying")
	}
	// 2022 has repairs but no drill and no inspection: the rules are
	// broken (nothing was recorded), and the rate cannot be judged.
	p2022 := out["safety/2022/index.html"]
	for _, want := range []string{
		`<li>2022年1月1日至2022年6月30日学期安全演练 0 次</li>`,
		`<li>2022年1月1日至2022年12月31日没有隐患排查记录（365 天）</li>`,
		`<li class="rule rule-pending"><span class="rule-status">尚待评估</span> <span class="rule-title">隐患整改率不低于 95%</span></li>`,
	} {
		if !strings.Contains(p2022, want) {
			t.Errorf("safety/2022/ lacks %s", want)
		}
	}
}
