"""The printable 问题通报: one self-contained HTML page with print CSS (A4, 仿宋/宋体, red header line).

Every piece of user text passes through `_e()` (HTML-escaped, quotes included) before it reaches the page, and
the page forbids scripts and outside resources through its Content-Security-Policy as a second line."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from html import escape
from typing import Any

from app.core import clock
from app.core.enums import BulletinStatus, ProblemCategory, ProblemStatus, label

CSS = """
@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "FangSong", "仿宋", "STFangsong", "SimSun", "宋体", serif; color: #000; font-size: 15pt;
       line-height: 1.7; margin: 0 auto; max-width: 180mm; padding: 12mm 0; }
header { text-align: center; }
.masthead { color: #c00; font-family: "SimSun", "宋体", serif; font-size: 34pt; font-weight: bold;
            letter-spacing: 6pt; margin: 0; }
.issue { margin: 4pt 0 0; font-size: 15pt; }
.issuer-line { display: flex; justify-content: space-between; font-size: 13pt; margin-top: 10pt; }
.rule { border: 0; border-top: 2.5pt solid #c00; margin: 6pt 0 18pt; }
.draft { color: #c00; border: 1.5pt solid #c00; display: inline-block; padding: 0 8pt; font-size: 13pt; }
h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 20pt; text-align: center; margin: 8pt 0 14pt; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 15pt; margin: 16pt 0 6pt; }
p { text-indent: 2em; margin: 0 0 6pt; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; line-height: 1.45; margin: 6pt 0 12pt; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: top; }
th { background: #f2f2f2; font-family: "SimHei", "黑体", sans-serif; font-weight: normal; }
td.num, th.num { text-align: center; white-space: nowrap; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
.empty { text-align: center; color: #555; }
footer { margin-top: 24pt; font-size: 12pt; border-top: 0.75pt solid #000; padding-top: 4pt; }
@media print { body { padding: 0; max-width: none; } .noprint { display: none; } }
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _paragraphs(text: str | None) -> str:
    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{_e(line)}</p>" for line in lines if line)


def _value(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _rows(cells: Iterable[Iterable[tuple[str, str]]]) -> str:
    return "".join(
        "<tr>" + "".join(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>" for cls, text in row) + "</tr>"
        for row in cells
    )


def _problems(problems: list[dict[str, Any]]) -> str:
    if not problems:
        return ""
    rows = []
    for index, p in enumerate(problems, start=1):
        status = label(ProblemStatus(p["status"])) + ("（超期）" if p.get("overdue") else "")
        deadline = _cn_date(date.fromisoformat(str(p["deadline"]))) if p.get("deadline") else "—"
        rows.append(
            [
                ("num", str(index)),
                ("", _e(p["org_name"])),
                ("", _e(p["description"])),
                ("num", _e(label(ProblemCategory(p["category"])))),
                ("num", _e(status)),
                ("num", _e(deadline)),
            ]
        )
    return (
        "<h2>一、通报问题</h2><table><thead><tr>"
        '<th class="num">序号</th><th>单位</th><th>问题</th><th class="num">类别</th>'
        '<th class="num">整改状态</th><th class="num">整改时限</th>'
        f"</tr></thead><tbody>{_rows(rows)}</tbody></table>"
    )


def _rankings(title: str | None, rankings: list[dict[str, Any]], numbered: bool) -> str:
    if not rankings:
        return ""
    heading = ("二、" if numbered else "一、") + (title or "排名情况")
    rows = [
        [("num", _e(r["rank"])), ("", _e(r["org_name"])), ("num", _e(_value(r.get("value")))), ("", _e(r.get("note")))]
        for r in rankings
    ]
    return (
        f"<h2>{_e(heading)}</h2><table><thead><tr>"
        '<th class="num">排名</th><th>单位</th><th class="num">指标值</th><th>备注</th>'
        f"</tr></thead><tbody>{_rows(rows)}</tbody></table>"
    )


def render(bulletin: dict[str, Any]) -> str:
    published = bulletin["status"] == BulletinStatus.published
    if published:
        issue = _e(bulletin["label"])
        when: datetime = bulletin["published_at"]
        dated = _cn_date(when.astimezone(clock.LOCAL_TZ).date())
    else:
        issue = '<span class="draft">草稿（未发布）</span>'
        dated = ""
    problems = bulletin["problems"]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(bulletin["title"])}（{_e(bulletin["label"] or "草稿")}）</title>
<style>{CSS}</style>
</head>
<body>
<header>
<p class="masthead">问题通报</p>
<p class="issue">{issue}</p>
<div class="issuer-line"><span>{_e(bulletin["org_name"])}</span><span>{_e(dated)}</span></div>
</header>
<hr class="rule">
<main>
<h1>{_e(bulletin["title"])}</h1>
{_paragraphs(bulletin["summary"])}
{_paragraphs(bulletin["body"])}
{_problems(problems)}
{_rankings(bulletin["ranking_title"], bulletin["rankings"], numbered=bool(problems))}
</main>
<footer>{_e(bulletin["org_name"])}　{_e(dated or "尚未发布")}　共通报问题 {len(problems)} 条</footer>
</body>
</html>
"""
