"""Writing the report: every page rendered from the Jinja2 templates in ``templates/``, into a new folder that
replaces the old report only when it is complete.

The report is a folder of static pages (no server, no network: it works from ``file://``): relative
links only, the stylesheet and the script in ``assets/``, a Content-Security-Policy that lets no
inline script run (article text is untrusted; the templates escape everything, and the policy is a
second lock). Pages of the report (paths relative to the report folder):

==========================  ==========================================================================
``index.html``              counts (each a link), the memoranda table (sortable, filterable), contents
``memoranda/<id>.html``     a memorandum's provision table, each provision linked to its sentence(s)
``provisions.html``         every provision of every memorandum in one table
``comparisons.html``        the comparisons; ``compare/<name>.html`` one side-by-side table each
``articles.html``           the articles; ``articles/<id>.html`` one article, its records highlighted
``speakers.html``           who said what; ``speakers/<name>.html`` one speaker's quotes
``entities.html``           entities; ``entities/<name>.html`` one entity's mentions
``dates.html``              date values; ``dates/<value>.html`` their mentions
``timeline.html``           memoranda and articles on a time axis (inline SVG) and by day
``problems.html``           errors and warnings of the run, and of the report's reading of the outputs
==========================  ==========================================================================
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import __version__
from .inputs import read_outputs
from .model import GROUP_ITEMS, KIND_NAMES, PAGE_ROWS, Article, Site
from .spans import Span, render
from .timeline import build_timeline

log = logging.getLogger("pipeline")
ASSETS = ("report.css", "report.js")
NAV = [
    ("index.html", "Overview"),
    ("articles.html", "Articles"),
    ("provisions.html", "Provisions"),
    ("comparisons.html", "Comparisons"),
    ("speakers.html", "Who said what"),
    ("entities.html", "Entities"),
    ("dates.html", "Dates"),
    ("timeline.html", "Timeline"),
    ("problems.html", "Problems"),
]


@dataclass
class ReportSummary:
    folder: Path
    pages: int = 0
    bytes: int = 0
    largest: tuple[str, int] = ("", 0)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"report: {self.pages} pages, {self.bytes / 1e6:.1f} MB (largest {self.largest[0]}, "
            f"{self.largest[1] / 1e3:,.0f} kB) -> {self.folder / 'index.html'}; {self.seconds:.1f}s"
        )


def _num(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=True,  # every template is HTML: article text and metadata are untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = _num
    env.filters["plural"] = _plural
    env.globals.update(nav=NAV, kind_names=KIND_NAMES, version=__version__)
    return env


# ---------------------------------------------------------------- the article body


def _title_of(kind: str, rec: dict[str, Any]) -> tuple[str, str]:
    """Tooltip and CSS label of a highlighted record."""
    if kind == "p":
        bits = [rec.get("category"), rec.get("party"), rec.get("status"), rec.get("memorandum_id")]
        return "provision: " + " · ".join(str(b) for b in bits if b), str(rec.get("category") or "")
    if kind == "q":
        who = rec.get("speaker_canonical") or rec.get("speaker") or "no speaker found"
        return f"quote ({rec.get('kind') or '?'}): {who}; cue: {rec.get('cue') or '-'}", str(who)
    if kind == "e":
        name = rec.get("kb_name") or rec.get("canonical") or rec.get("text")
        bits = [rec.get("label"), name, rec.get("kb_id"), rec.get("role"), rec.get("affiliation")]
        return "entity: " + " · ".join(str(b) for b in bits if b), str(rec.get("label") or "")
    if kind == "d":
        return f"date: {rec.get('type') or '?'} {rec.get('value') or '(no value)'}", str(rec.get("value") or "")
    return f"mention of {rec.get('name') or rec.get('memorandum_id')}", ""


def article_body(art: Article) -> Any:
    """The body as Markup, with provisions, quotes, memorandum mentions, dates, entities and boilerplate
    lines highlighted (see :mod:`.spans`)."""
    spans = []
    for kind, items in art.items.items():
        for it in items:
            if isinstance(it.start, int) and isinstance(it.end, int):
                title, label = _title_of(kind, it.rec)
                spans.append(Span(it.start, it.end, kind, it.index, it.anchor, title, label))
    for n, span in enumerate(art.doc.get("boilerplate") or []):
        if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
            spans.append(Span(span[0], span[1], "b", n, None, "boilerplate line (skipped by the extractors)"))
    return render(art.doc["text"], spans)


# ---------------------------------------------------------------- writing


class Writer:
    """Renders templates into files under ``folder`` and keeps the sizes."""

    def __init__(self, env: Environment, folder: Path, site: Site):
        self.env, self.folder, self.site = env, folder, site
        self.sizes: dict[str, int] = {}
        self._templates: dict[str, Any] = {}

    def page(self, path: str, template: str, **ctx: Any) -> None:
        depth = path.count("/")
        tpl = self._templates.get(template) or self._templates.setdefault(template, self.env.get_template(template))
        html = tpl.render(site=self.site, root="../" * depth, path=path, **ctx)
        data = html.encode("utf-8")
        out = self.folder / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.sizes[path] = len(data)


def _paged(w: Writer, lst, template: str, **ctx: Any) -> None:
    hrefs = lst.hrefs
    for n, (href, chunk) in enumerate(zip(hrefs, lst.chunks), 1):
        w.page(href, template, rows=chunk, page_no=n, page_hrefs=hrefs, nav_href=lst.base, **ctx)


def write_pages(w: Writer, site: Site) -> None:
    counts = site.counts()
    w.page("index.html", "index.html.j2", counts=counts, nav_href="index.html")
    _paged(w, site.article_list, "articles.html.j2")
    for art in site.articles.values():
        w.page(art.href, "article.html.j2", art=art, body=article_body(art), nav_href="articles.html")
    for memo in site.memos.values():
        w.page(memo.href, "memorandum.html.j2", memo=memo, nav_href="index.html")
    _paged(w, site.provision_list, "provisions.html.j2")
    w.page("comparisons.html", "comparisons.html.j2", nav_href="comparisons.html")
    for comp in site.comparisons:
        w.page(comp.href, "comparison.html.j2", comp=comp, nav_href="comparisons.html")
    for lst, heading in (
        (site.speaker_list, "Who said what"),
        (site.entity_list, "Entities"),
        (site.date_list, "Dates"),
    ):
        _paged(w, lst, "groups.html.j2", heading=heading)
    for group in site.speakers + site.entities + site.dates:
        for n, (href, chunk) in enumerate(zip(group.hrefs, group.by_page), 1):
            w.page(href, "group.html.j2", group=group, chunk=chunk, page_no=n, nav_href=f"{group.kind}.html")
    w.page("timeline.html", "timeline.html.j2", tl=build_timeline(site), nav_href="timeline.html")
    _paged(w, site.problem_list, "problems.html.j2")


def _copy_assets(folder: Path) -> int:
    total = 0
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        data = resources.files("pipeline.report").joinpath("static", name).read_bytes()
        (folder / "assets" / name).write_bytes(data)
        total += len(data)
    return total


def _swap_into_place(tmp: Path, dest: Path) -> None:
    """Replace ``dest`` by the finished ``tmp``: a reader sees the old report or the new one, never half of one."""
    old = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        os.replace(dest, old)
    os.replace(tmp, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_report(
    outputs: Path | str,
    dest: Path | str | None = None,
    title: str | None = None,
    page_rows: int = PAGE_ROWS,
    group_items: int = GROUP_ITEMS,
) -> ReportSummary:
    """Build the report of the outputs folder ``outputs`` into ``dest`` (default ``outputs/report``)."""
    t0 = time.perf_counter()
    outputs = Path(outputs)
    dest = Path(dest) if dest is not None else outputs / "report"
    site = Site(read_outputs(outputs), title=title, page_rows=page_rows, group_items=group_items)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        writer = Writer(environment(), tmp, site)
        write_pages(writer, site)
        assets = _copy_assets(tmp)
        _swap_into_place(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    largest = max(writer.sizes.items(), key=lambda kv: kv[1])
    summary = ReportSummary(
        dest,
        pages=len(writer.sizes),
        bytes=sum(writer.sizes.values()) + assets,
        largest=largest,
        seconds=round(time.perf_counter() - t0, 3),
        problems=[p["message"] for p in site.problems if p.get("stage") == "report"],
    )
    for message in summary.problems:
        log.warning("report: %s", message)
    return summary
