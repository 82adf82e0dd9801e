#!/usr/bin/env bash
# Makes the test workbooks of testdata/office with LibreOffice, as offices
# make them: each case is written as a flat OpenDocument spreadsheet
# (.fods) with the habits of real ledgers (title rows, merged cells, date
# and currency cells, total rows with formulas, signature lines, a sheet
# per month), then saved by LibreOffice as .xlsx, as CSV or as
# tab-separated "Unicode text". CASE/want/ holds the same records as
# clean CSV: the tests check that both give the same figures.
#
# Needs: apt-get install libreoffice-calc-nogui
# Run from anywhere: bash testdata/office/make.sh
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# cell SPEC: one table cell. SPEC is TEXT, d:YYYY-MM-DD (a date cell
# shown as 2023年9月1日), n:NUMBER, c:NUMBER (currency, two decimals
# shown), r:NUMBER (a number shown rounded to whole units), f:FORMULA=VALUE,
# a prefix mN: merging N rows down from this cell, - for a cell covered by
# a merge, or nothing for a blank cell.
cell() {
  local spec=$1 span=""
  if [[ $spec =~ ^m([0-9]+):(.*)$ ]]; then
    span=" table:number-rows-spanned=\"${BASH_REMATCH[1]}\""
    spec=${BASH_REMATCH[2]}
  fi
  case $spec in
    -) echo -n '<table:covered-table-cell/>' ;;
    "") echo -n "<table:table-cell$span/>" ;;
    d:*) echo -n "<table:table-cell$span table:style-name=\"cd\" office:value-type=\"date\" office:date-value=\"${spec#d:}\"><text:p>${spec#d:}</text:p></table:table-cell>" ;;
    n:*) echo -n "<table:table-cell$span office:value-type=\"float\" office:value=\"${spec#n:}\"><text:p>${spec#n:}</text:p></table:table-cell>" ;;
    c:*) echo -n "<table:table-cell$span table:style-name=\"cc\" office:value-type=\"currency\" office:currency=\"CNY\" office:value=\"${spec#c:}\"><text:p>${spec#c:}</text:p></table:table-cell>" ;;
    r:*) echo -n "<table:table-cell$span table:style-name=\"cn\" office:value-type=\"float\" office:value=\"${spec#r:}\"><text:p>${spec#r:}</text:p></table:table-cell>" ;;
    f:*) local f=${spec#f:}
      echo -n "<table:table-cell$span table:formula=\"of:${f%=*}\" office:value-type=\"float\" office:value=\"${f##*=}\"><text:p>${f##*=}</text:p></table:table-cell>" ;;
    *) echo -n "<table:table-cell$span office:value-type=\"string\"><text:p>$spec</text:p></table:table-cell>" ;;
  esac
}

# sheet NAME: a sheet whose rows are the lines of standard input, cells
# separated by "|".
sheet() {
  echo "<table:table table:name=\"$1\">"
  while IFS= read -r line; do
    echo -n "<table:table-row>"
    IFS='|' read -ra cells <<<"$line|"
    for c in "${cells[@]}"; do cell "$c"; done
    echo "</table:table-row>"
  done
  echo "</table:table>"
}

# book FILE: a .fods of the sheets that standard input holds.
book() {
  cat >"$1" <<HEAD
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="D"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
<number:currency-style style:name="C"><number:currency-symbol>¥</number:currency-symbol><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:currency-style>
<number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
<style:style style:name="cd" style:family="table-cell" style:data-style-name="D"/>
<style:style style:name="cc" style:family="table-cell" style:data-style-name="C"/>
<style:style style:name="cn" style:family="table-cell" style:data-style-name="N0"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
HEAD
  cat >>"$1"
  echo '</office:spreadsheet></office:body></office:document>' >>"$1"
}

# save FODS DIR NAME FILTER: LibreOffice saves FODS as DIR/NAME with FILTER.
save() {
  local out="$work/out-$RANDOM"
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
    --convert-to "$4" --outdir "$out" "$1" >/dev/null 2>&1
  mkdir -p "$2"
  mv "$out"/* "$2/$3"
}

repairs_head='日期|工种|项目|数量|单位|地点|费用'

# 1. The example school's September repairs, one sheet: date cells,
# currency cells, a cost shown rounded.
book "$work/plain.fods" <<ROWS
$(sheet 维修 <<S
$repairs_head
d:2023-09-01|水道|水龙头|n:3|个|教学楼A|c:135
d:2023-09-01|电工|灯具及开关插座|n:6|只|食堂|c:176.5
d:2023-09-04|木工|门锁|n:2|把|2号教学楼|r:47.6
d:2023-09-05|泥瓦|地砖修补|n:1.5|平方米|实验楼|c:12.345
S
)
ROWS
save "$work/plain.fods" plain/data repairs.xlsx xlsx
mkdir -p plain/want
cat >plain/want/repairs.csv <<CSV
日期,工种,项目,数量,单位,地点,费用
2023-09-01,水道,水龙头,3,个,教学楼A,135
2023-09-01,电工,灯具及开关插座,6,只,食堂,176.5
2023-09-04,木工,门锁,2,把,2号教学楼,47.6
2023-09-05,泥瓦,地砖修补,1.5,平方米,实验楼,12.345
CSV

# 2. A ledger as it is printed: title, header with units, a date merged
# over three rows, a total row with a formula, signature lines. Saved as
# .xlsx, and as CSV the way "Save as CSV" writes it.
# frame merged|flat: the ledger, with the date merged over three rows or
# written on each (a CSV file keeps no merged cells: they are saved blank).
frame() {
  local d2=- d3=- first=m3:d:2023-10-09
  if [ "$1" = flat ]; then d2=d:2023-10-09 d3=d:2023-10-09 first=d:2023-10-09; fi
  sheet 维修 <<S
示例市青禾小学2023年10月维修台账||||||
||||||
日 期|工种|项目|数量（个）|单位|地点|费用(元)
$first|电工|跳闸排障|n:1|次|教学楼B|
$d2|水道|疏通地漏|n:2|次|实验楼|c:60
$d3|木工|课桌椅|n:12|套|3号教学楼|c:480
d:2023-10-16|电工|灯具及开关插座|n:4|只|食堂|c:96
合计|||f:=SUM([.D4:.D7])=19||||f:=SUM([.G4:.G7])=636
制表人：王敏|||审核：李建国|||
S
}
book "$work/frame.fods" <<ROWS
$(frame merged)
ROWS
book "$work/frame-flat.fods" <<ROWS
$(frame flat)
ROWS
save "$work/frame.fods" frame/data repairs.xlsx xlsx
save "$work/frame-flat.fods" frame-csv/data repairs.csv 'csv:Text - txt - csv (StarCalc):44,34,76,1'
save "$work/frame-flat.fods" frame-unicode-text/data repairs.txt 'txt:Text - txt - csv (StarCalc):9,34,65535,1'
for d in frame frame-csv frame-unicode-text; do
  mkdir -p $d/want
  cat >$d/want/repairs.csv <<CSV
日期,工种,项目,数量,单位,地点,费用
2023-10-09,电工,跳闸排障,1,次,教学楼B,
2023-10-09,水道,疏通地漏,2,次,实验楼,60
2023-10-09,木工,课桌椅,12,套,3号教学楼,480
2023-10-16,电工,灯具及开关插座,4,只,食堂,96
CSV
done

# 3. A sheet per month, and a sheet of explanations.
book "$work/monthly.fods" <<ROWS
$(sheet 11月 <<S
$repairs_head
d:2023-11-02|水道|水管|n:2|根|宿舍|c:88
d:2023-11-20|电工|插座|n:5|个|办公楼|c:75
S
)
$(sheet 12月 <<S
$repairs_head
d:2023-12-04|木工|门扇|n:1|扇|2号教学楼|c:210
S
)
$(sheet 说明 <<S
本台账由总务处每月填写，金额单位为元。
S
)
ROWS
save "$work/monthly.fods" monthly/data repairs.xlsx xlsx
mkdir -p monthly/want
cat >monthly/want/repairs.csv <<CSV
日期,工种,项目,数量,单位,地点,费用
2023-11-02,水道,水管,2,根,宿舍,88
2023-11-20,电工,插座,5,个,办公楼,75
2023-12-04,木工,门扇,1,扇,2号教学楼,210
CSV

# 4. One workbook for the office's ledgers: a sheet per table, named in
# Chinese, and a summary sheet; invoice numbers typed as text.
book "$work/ledger.fods" <<ROWS
$(sheet 维修 <<S
$repairs_head
d:2023-03-06|电工|灯管|n:10|支|教学楼A|c:150
S
)
$(sheet 采购 <<S
日期|类别|物品|数量|金额|采购方式|发票号
d:2023-03-10|办公用品|打印纸|n:20|c:2360|询价|00031245
d:2023-03-15|维修材料|水龙头|n:12|c:540|定点采购|00031302
S
)
$(sheet 隐患排查 <<S
日期|范围|发现隐患|已整改|备注
d:2023-03-01|全校|n:6|n:6|
d:2023-03-29|食堂|n:2|n:1|燃气管待更换
S
)
$(sheet 汇总 <<S
项目|金额
采购合计|f:=SUM([$$'采购'.E2:.E3])=2900
S
)
ROWS
save "$work/ledger.fods" ledger/data 后勤台账.xlsx xlsx
mkdir -p ledger/want
cat >ledger/want/repairs.csv <<CSV
日期,工种,项目,数量,单位,地点,费用
2023-03-06,电工,灯管,10,支,教学楼A,150
CSV
cat >ledger/want/purchases.csv <<CSV
日期,类别,物品,数量,金额,采购方式,发票号
2023-03-10,办公用品,打印纸,20,2360,询价,00031245
2023-03-15,维修材料,水龙头,12,540,定点采购,00031302
CSV
cat >ledger/want/inspections.csv <<CSV
日期,范围,发现隐患,已整改,备注
2023-03-01,全校,6,6,
2023-03-29,食堂,2,1,燃气管待更换
CSV

# 5. The example school's meter readings, kept as a workbook in data/ so
# that the example site reads one: a title, month cells (shown 2021年1月),
# amounts in yuan, a total row per year. Made from data/utilities.csv of
# an earlier version (testdata/office/utilities.csv), with python3.
python3 - utilities.csv >"$work/utilities-rows.txt" <<'PY'
import csv, sys, re
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
print("示例市青禾小学水电气抄表记录|||||")
print("月份|用水(吨)|用电(千瓦时)|用气(立方米)|水费(元)|电费(元)")
year, first = None, 3
def num(s, kind): return f"{kind}:{s.replace(',', '')}" if s else ""
for i, r in enumerate(rows[1:]):
    y, m = re.findall(r"\d+", r[0])
    if year and y != year:
        n = 2 + i  # the row of the last month, from 1
        print("小计|" + "|".join(f"f:=SUM([.{c}{first}:.{c}{n}])=0" for c in "BCDEF"))
        first = n + 2
    year = y
    print(f"d:{y}-{int(m):02d}-01|" + "|".join([num(r[1], "n"), num(r[2], "n"), num(r[3], "n"), num(r[4], "c"), num(r[5], "c")]))
PY
book "$work/utilities.fods" <<ROWS
$(sheet 水电气 <"$work/utilities-rows.txt")
ROWS
# Months are shown as 2021年1月.
sed -i 's|<number:date-style style:name="D">.*</number:date-style>|<number:date-style style:name="D"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text></number:date-style>|' "$work/utilities.fods"
save "$work/utilities.fods" ../../data utilities.xlsx xlsx

echo "made: $(find . -path '*/data/*' -type f | sort | tr '\n' ' ')"
