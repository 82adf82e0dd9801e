// Package check holds the rules that look at a whole loaded site and at
// its rendered pages, after every file has been read on its own. Each rule
// returns positioned findings (model.ErrorList) and none stops at the
// first. build runs Charts before rendering and Site after it; the check
// command prints what they find as FILE:LINE:COL: level: message (or JSON
// Lines with --format json), and build prints the warnings and fails on
// the errors. Positions count lines from 1 and columns in characters.
//
// The rules, with the level of what they report:
//
// Charts (charts.go): a chart of data/charts.yaml names a table the site
// has (warning) and columns that table has (error).
//
// Content (content.go, text.go): the published text — page bodies, front
// matter values, site.yaml, projects.yaml, honors.yaml, charts.yaml —
// holds
//
//   - no unfilled template blank (error): a run of two or more
//     underscores (共__次, 20__年), or x/X standing for a number (x月x日,
//     x万元, 第x次, 整改率为x%, 20xx年). An x next to an ASCII letter (box,
//     Excel, xlsx), between digits (3x4) or in X光/X射线/X线 is not a
//     blank. Blanks are not looked for in fenced code blocks, `code spans`,
//     data references, link destinations, HTML tags and URLs;
//   - no personal data (error), anywhere, code included: an 18-character
//     resident ID number with a valid ISO 7064 MOD 11-2 check digit and a
//     possible birth date, or a mainland mobile number (1[3-9] and 9 more
//     digits, also as 138-1234-5678, 138 1234 5678 or +86…), not part of a
//     longer run of digits. Text listed under allow: in site.yaml (exact
//     strings, e.g. the school's hotline) is not reported;
//   - no image without alt text, ![](x.png) (warning).
//
// Tables (tables.go): every cell of every CSV table is published (the
// booklet's appendix lists the rows), so cells are checked for blanks and
// personal data as above (error; at most 100 per table). A row dated after
// the build time is a warning (a month is in the future from the month
// after the current one), and so is a row whose every value equals an
// earlier row's (dates and numbers compare by value: 2023/3/1 = 2023-03-01),
// reported at the later row with the earlier line. Rows with more or fewer
// cells than the header, bad dates and numbers are load's errors.
//
// Pages (pages.go): a notice that is pinned and whose expires day is past
// (warning, at pinned:); a yearly summary of a period in which no table
// has a row (warning, at year:).
//
// Rules (rules.go): the safety rules of site.yaml rules:, evaluated by
// query.Compliance — the same results the safety record's compliance
// panel shows (warnings: a shortfall is a fact about the school to act on,
// not a mistake in the site):
//
//   - drills_per_term: N — each term that is over has at least N rows in
//     drills.csv. A calendar period has the terms January–June and
//     July–December; a school year the five months from period_start
//     (September–January) and the rest (February–August). Reported at the
//     rule in site.yaml;
//   - inspection_interval_days: N — no gap of more than N days between
//     consecutive inspection rounds of a period, from the period's start to
//     the first round, or from the last round to the period's end (to
//     today while the period runs: the next round is overdue). Reported at
//     the inspection row that ends (or, at the end, starts) the gap;
//   - rectification_min_rate: N — sum(hazards_fixed) / sum(hazards_found)
//     of the period is at least N %. Periods with no hazard found are not
//     judged;
//   - any other name: a warning listing the known rules.
//
// Links (links.go): every href and src of the rendered HTML pages that
// points into the site (a relative link, a path under base_url's path, or
// an absolute URL under base_url) must match an output file (error); a
// folder link dir/ needs dir/index.html. A link to #id on the same page
// needs an element with that id (error); a link that climbs above the
// site's root is an error. Links to other hosts, mailto:, tel: and data:
// are not checked. booklet/YEAR.pdf is valid when the pdf command is
// printing it or the output folder already has it. A broken link written
// in Markdown is reported where the Markdown writes it (once, although a
// yearly summary is on its page and in the booklet); one from a layout at
// the site's layout file that holds it, or at "layouts" for a built-in one.
// Which output pages show a Markdown file, and which files a later step
// makes, the package asks the plan (plan.Shows, plan.Later).
//
// Notices (notices.go): superseded_by names another notice (error: the
// message lists the notices it may name), not the notice itself, and
// makes no loop (error); a notice shows no chart (error at the reference:
// a notice page loads no script); a site with notices and no base_url is
// a warning (no feed, no QR codes on printed notices).
package check
