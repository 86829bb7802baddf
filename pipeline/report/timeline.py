"""The timeline: dated memoranda and articles' publication dates on a time axis, one SVG panel per year.

Years with nothing are left out, so a corpus of 2016 and 2025 articles is two readable panels rather
than one axis of empty years. On each panel a memorandum is a circle linked to its page (several on
one day stack up); the articles of a day are one bar, its height growing with their number, linked
to the article when there is one and to the day's row of the table under the panels otherwise.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date as Date

from .model import Article, Memo, Site, parse_day

WIDTH, LEFT, RIGHT = 1000, 62, 16
MEMO_BASE, MEMO_STEP, MEMO_STACK = 58, 13, 4  # y of the lowest memorandum circle, step up, most stacked
BAR_BASE, BAR_MAX, BAR_MIN = 170, 90, 6  # baseline of the article bars, tallest and shortest bar
AXIS_LABEL_Y, HEIGHT = 188, 198
MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]


@dataclass
class Day:
    day: Date
    memos: list[Memo] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"day-{self.day.isoformat()}"


@dataclass
class MemoPoint:
    memo: Memo
    x: float
    y: float
    day: Date


@dataclass
class Bar:
    day: Day
    x: float
    y: float
    height: float
    href: str  # root-relative page, or '#day-…' on the timeline page


@dataclass
class Panel:
    year: int
    memo_points: list[MemoPoint]
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # month starts: x, label
    width: int = WIDTH
    height: int = HEIGHT
    bar_width: float = 3.0


@dataclass
class Timeline:
    panels: list[Panel]
    days: list[Day]
    undated_articles: list[Article]
    undated_memos: list[Memo]


def _x(day: Date) -> float:
    days = 366 if calendar.isleap(day.year) else 365
    return round(LEFT + (day.timetuple().tm_yday - 0.5) / days * (WIDTH - LEFT - RIGHT), 1)


def build_timeline(site: Site) -> Timeline:
    days: dict[Date, Day] = {}
    undated_articles, undated_memos = [], []
    for art in site.article_list.rows:
        d = parse_day(art.date)
        if d is None:
            undated_articles.append(art)
        else:
            days.setdefault(d, Day(d)).articles.append(art)
    for memo in site.memo_list + site.memo_named:
        d = parse_day(memo.m.get("date"))
        if d is None:
            undated_memos.append(memo)
        else:
            days.setdefault(d, Day(d)).memos.append(memo)
    ordered = [days[d] for d in sorted(days)]
    most = max((len(d.articles) for d in ordered), default=1) or 1
    panels = []
    for year in sorted({d.day.year for d in ordered}):
        points, bars = [], []
        for day in (d for d in ordered if d.day.year == year):
            x = _x(day.day)
            for k, memo in enumerate(day.memos):
                points.append(MemoPoint(memo, x, MEMO_BASE - MEMO_STEP * min(k, MEMO_STACK), day.day))
            if day.articles:
                h = BAR_MIN + (BAR_MAX - BAR_MIN) * math.log1p(len(day.articles)) / math.log1p(most)
                href = day.articles[0].href if len(day.articles) == 1 else f"timeline.html#{day.anchor}"
                bars.append(Bar(day, x, round(BAR_BASE - h, 1), round(h, 1), href))
        ticks = [(_x(Date(year, m, 1)) - 0.5, MONTHS[m - 1]) for m in range(1, 13)]
        panels.append(Panel(year, points, bars, ticks))
    return Timeline(panels, ordered, undated_articles, undated_memos)
