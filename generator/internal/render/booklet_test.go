package render

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"testing"
)

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

// TestBookletMarkKeepsPDFs: the mark is the hash of the page without its
// cover date, as the PDFs printed so far carry it.
func TestBookletMarkKeepsPDFs(t *testing.T) {
	coverDate := regexp.MustCompile(`<p class="cover-date">[^<]*</p>`)
	for _, page := range []string{
		"", `<p class="cover-date">印制于 2024年1月15日</p>`, `<p class="cover-date">x<b>y</b></p><p class="cover-date">z</p>`,
		`a<p class="cover-date">unclosed`, `<p class="cover-date"><p class="cover-date">2024</p>b`, `<p class="cover-date"></p>`,
	} {
		sum := sha256.Sum256(coverDate.ReplaceAll([]byte(page), nil))
		if want := MarkPrefix + hex.EncodeToString(sum[:]); BookletMark([]byte(page)) != want {
			t.Errorf("BookletMark(%q) is not the hash of the page without its cover date", page)
		}
	}
}
