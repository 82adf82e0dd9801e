package render

import "testing"

// TestBookletMarkIgnoresPrintDate: a build on a later day prints another
// date on the booklet's cover, and keeps the PDF all the same.
func TestBookletMarkIgnoresPrintDate(t *testing.T) {
	a := []byte(`<p class="cover-date">印制于 2024年1月15日</p><p>维修 419 次</p>`)
	b := []byte(`<p class="cover-date">印制于 2024年3月2日</p><p>维修 419 次</p>`)
	c := []byte(`<p class="cover-date">印制于 2024年3月2日</p><p>维修 420 次</p>`)
	if BookletMark(a) != BookletMark(b) {
		t.Error("the print date changes the mark")
	}
	if BookletMark(b) == BookletMark(c) {
		t.Error("a changed figure does not change the mark")
	}
}
