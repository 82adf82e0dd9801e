package check

import (
	"strings"
	"testing"
)

func TestBlanks(t *testing.T) {
	tests := []struct {
		line string
		want []string // the blanks, in order
	}{
		{"本学期共__次,其中水道___次", []string{"__", "___"}},
		{"20__年x月x日", []string{"__", "x", "x"}},
		{"价值x万x千元,约x平米", []string{"x", "x", "x"}},
		{"整改x,整改率为x%。第X次", []string{"x", "x", "X"}},
		{"20xx年,共维修 x 次", []string{"xx", "x"}},
		{"box、Excel、报表.xlsx、X光机、X射线、3x4 米、press x to、a_b", nil},
		{"单个下划线 a_b 和 hazards_fixed", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range blanks(tt.line, urls(tt.line)) {
			got = append(got, h.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("blanks(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestPersonal(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"电话 13812345678。", []string{"13812345678"}},
		{"电话 138-1234-5678 或 138 1234 5678", []string{"138-1234-5678", "138 1234 5678"}},
		{"+8613812345678", []string{"8613812345678"}},
		{"身份证 11010519491231002X", []string{"11010519491231002X"}},
		{"身份证 110105201003070017", []string{"110105201003070017"}},
		{"校验位错 110105201003070018, 长数字 123813812345678, 座机 0731-55550000, 12345678901", nil},
		{"值班 13900001111", nil}, // allowed
	}
	for _, tt := range tests {
		var got []string
		for _, h := range personal(tt.line, []string{"13900001111"}) {
			got = append(got, h.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("personal(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestSuspect(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"共__次", true}, {"x月x日", true}, {"X光机", true}, {"13812345678", true},
		{"138-1234-5678", true}, {"138 1234 5678", true}, {"11010519491231002X", true},
		{"2023-09-01", false}, {"1,250.50", false}, {"水道", false}, {"a_b", false},
		{"0731-55550000", false}, {"1234567890", false}, {"", false},
	} {
		if got := suspect(tt.s); got != tt.want {
			t.Errorf("suspect(%q) = %v, want %v", tt.s, got, tt.want)
		}
		if got := suspect([]byte(tt.s)); got != tt.want {
			t.Errorf("suspect([]byte(%q)) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
