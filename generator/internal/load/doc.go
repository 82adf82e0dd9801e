// Package load reads a site folder (an fs.FS rooted at the site) into a
// model.Site, with the position FILE:LINE:COL of every value, and reports
// every problem it finds at once, sorted, as a model.ErrorList. Messages say
// what would be valid, e.g.
//
//	data/repairs.csv:14:1: "2023-13-01" is not a date: write 2023-09-01, 2023/9/1 or 2023年9月1日
//
// # Files
//
// data/site.yaml is required; without it Site returns a nil site (and still
// reports the problems of every other file). data/NAME.csv, .xlsx (or
// .xlsm), .tsv and .txt are record tables: NAME is one of model.Schemas,
// by its name, Chinese title or an alias, or any other name (a custom
// table). A table may come in parts, joined in name order: the files
// data/NAME-PART.* (NAME followed by a separator or a digit), the files of
// a folder data/NAME/, and the sheets of a workbook (see sources.go). A
// workbook of another name fills the tables its sheets are named after.
// Two sources of one table that are not parts of it are an error naming
// both. .xls, .et, .ods, .numbers and .xlsb files are errors saying how
// to save them.
// data/projects.yaml, data/honors.yaml and data/charts.yaml are YAML
// records; other data/*.yaml files are ignored. Every .md file under
// content/ is a page; other files under content/ are listed in
// Site.Resources (site-relative, sorted). Every file under layouts/ is
// read into Site.Layouts, by its path under layouts/: load is the only
// package that reads the site folder.
// Names starting with "." or "~$" (Office lock files) or ending in "~" are
// ignored everywhere. Symbolic links are never followed: each is reported
// as a warning. Site.Files holds the text of every file read, decoded to
// UTF-8 without BOM, so that lines can be shown as the messages count them.
// A CSV file over 200 MB and a YAML or Markdown file over 10 MB is rejected.
// Site checks its context between files.
//
// # Text encodings
//
// Every file may be UTF-8 with or without BOM, UTF-16 with a BOM, or
// GB18030/GBK (what Excel writes for Chinese CSV). The encoding is chosen by
// what the bytes are: bytes that are not valid UTF-8 are read as GB18030.
// A file with NUL bytes, or that is not readable text either way, is an
// error. CRLF and LF line ends are both read.
//
// # site.yaml
//
// Keys: title (required), school (required), language (zh-CN, the
// default, or en), base_url (an absolute http or https URL; a final "/" is
// added), period (calendar, the default, or school-year), period_start
// ("MM-DD", default 09-01; only used with school-year), unsafe_html
// (yes/no), office, description, allow (a list of text) and rules (a
// mapping of names to numbers). An unknown key is a warning naming the
// known ones. Config.Pos holds the position of each key's value.
//
// # Record tables (CSV and workbooks)
//
// The header is the first row that names two of the table's columns, or
// all its required ones (in a custom table: the first row with two
// filled cells); rows above it are left out with a note (findHeader). A
// header cell names its column without its spaces and a unit in brackets
// or after a slash (金额(元), 日 期). Rows whose first filled cell is a
// total (合计, 小计 …) or starts a signature line (制表人：…) are left out
// with a note (frame.go). A workbook's sheets are read as CSV files are,
// from their cells as stored (xlsx.go, sheetxml.go), with merged cells
// filled down; positions there are FILE:SHEET!CELL (model.Pos.Sheet).
// A tab-separated text (Excel's "Unicode Text") is read with tabs.
// Problems of cells of one column that are alike are one message with
// their count and first lines.
//
// The header row names the columns. A header cell names a contract
// column by its English key (any case) or its Chinese alias; Column.Key is
// then the English key and Column.Header the cell as written. Other header
// cells are kept as extra columns, Key = Header = the cell as written, of
// kind Number when every non-blank cell is a number and Text otherwise. In
// a custom table the first column headed date, 日期, month or 月份 is its
// date column, with Key "date" or "month". A blank header cell drops its
// column; cells under it are errors. A missing required column, a
// duplicate column, a row with more or fewer cells than the header, a bad
// quote and a bad or blank required cell are errors at their exact line
// and column (columns count characters, not bytes). Rows whose cells are
// all blank are skipped. A file with only a header is an empty table.
// Reading goes on after an error, up to 1000 problems per file.
//
// Cells are trimmed. Value.Raw is the cell as written, except:
//
//   - a blank cell of a column with a default (repairs.quantity = 1) is
//     read as if the default were written (Raw "1", Set true);
//   - a severity (minor 轻微, moderate 一般, serious 严重) is stored as its
//     English word in Raw, so that filters and labels need one spelling.
//
// A blank cell otherwise has Set false. Numbers are digits with an
// optional sign and fraction and optional standard thousands grouping
// (1,250.50; not 1,2,3); full-width digits and commas are accepted, and an
// amount with ¥ or ￥ before it or 元 after it. Dates are 2023-09-01,
// 2023/9/1, 2023.9.1 or 2023年9月1日, with or without a time of day, and
// must exist; an Excel date number in a date column of a CSV file (20000
// to 80000) is read as its date with a note. Months are 2023-09, 2023/9,
// 2023.9 or 2023年9月. An extra column of identifiers (its header says so,
// or a cell has a leading zero or eleven digits) is text. Yes/no cells accept yes/no, true/false,
// 是/否, Y/N and 1/0. Row.Date is the value of the table's date (or month)
// column; Row.Line the line on which the row starts.
//
// # YAML records
//
// projects.yaml is a list of mappings: id (required, unique, a-z 0-9 and
// "-"), title, category and status (required; status is planned, approved,
// in_progress, done or cancelled), start (required) and end (a date or a
// month; end may not be before start), cost (a number, thousands
// separators allowed), funding and summary. honors.yaml: date (required,
// date or month), title (required), level (national, province, city,
// district or other) and issuer. charts.yaml: id (required, unique), title,
// type (required: bar, line, pie or stacked-bar), table and x (required),
// y, series and where (a mapping of columns to values). Table and column
// names of charts are checked by a later stage. Unknown keys are warnings.
// Pos is the entry's first key; FieldPos holds each key's value position.
// Anchors and aliases work; a file with more than 100 aliases is rejected.
//
// # Content
//
// A Markdown file starts with YAML front matter between two lines "---".
// content/_index.md is the home page (title). content/years/YEAR.md is the
// summary of period YEAR: title and year are required, the file name must
// be a four-digit year and year must equal it. content/notices/SLUG.md is
// a notice: title, date (a day) and category (safety, health, traffic,
// food, facilities or other) are required; pinned (yes/no), expires and
// reviewed (days), superseded_by (a notice slug) are optional. Any other
// content/PATH.md is a plain page with slug PATH (title required). Every
// page may set summary and draft; a draft is left out unless
// Options.Drafts. Page.Body is the text after the front matter and
// Page.BodyLine the file line on which it starts.
package load
