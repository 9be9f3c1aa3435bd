"""A figure's values over time as inline SVG made at build time, so it reads without JavaScript."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from babel.dates import format_skeleton
from markupsafe import Markup, escape

from render.formats import PartialDate, format_number, format_partial, format_tick, parse_partial, partial_period
from render.paths import slugify
from render.topics import Figure, Report

COLOURS = ("#1f5f9e", "#b0411a", "#2e7531", "#6a3d9a", "#7a5c00", "#b0195a", "#00727d", "#5d4037")
SHAPES = ("circle", "square", "triangle", "diamond", "down", "hexagon")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 16, 44
INSET = 14  # px between the frame and the first or last marker, so no marker sits on an axis
MIN_SPAN = 14  # days shown at least, so a single date is not stretched over the whole width
DAY_GAP = 26  # px between two day labels (room for the larger phone font)
MONTH_LABEL = 110  # px a full month name needs ("septembre 2024") at the phone font; shorter bands get "sept."
OFF_SCALE = 3.0  # a hedged value this many times above every firm one is drawn at the top, its figure written
BEYOND_LABEL = 80  # px an off-scale value's label ("↑ 100 000") needs


@dataclass(frozen=True)
class Series:
    """One claimant as carried by one source: a line on the chart and a legend entry."""

    source: str
    claimant: str | None
    label: str
    colour: str
    shape: str
    points: tuple[Report, ...]


@dataclass(frozen=True)
class Chart:
    """The SVG and its legend; empty svg when fewer than two dated values exist."""

    svg: Markup
    series: tuple[Series, ...]
    periods: bool = False  # some value is dated to a month or a year only: drawn across that period
    ranges: bool = False  # some value is a range ("entre 10 000 et 12 000"): a bar from end to end
    beyond: bool = False  # some hedged value is far above the firm ones: drawn at the top with its figure


def marker(shape: str, x: float, y: float, colour: str, hollow: bool, size: float = 5.0) -> str:
    """One point, drawn with a shape per series so colour is never the only cue."""
    fill = "#ffffff" if hollow else colour
    style = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    s = size
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {style}/>'
    if shape == "square":
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {style}/>'
    corners = {
        "triangle": [(0, -1.2), (1.1, 0.9), (-1.1, 0.9)],
        "down": [(0, 1.2), (1.1, -0.9), (-1.1, -0.9)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "hexagon": [(math.cos(a) * 1.15, math.sin(a) * 1.15) for a in (i * math.pi / 3 for i in range(6))],
    }[shape]
    points = " ".join(f"{x + dx * s:.1f},{y + dy * s:.1f}" for dx, dy in corners)
    return f'<polygon points="{points}" {style}/>'


def legend_marker(shape: str, colour: str, hollow: bool = False) -> Markup:
    """A small standalone marker for the HTML legend, matching the chart."""
    return Markup(
        f'<svg class="legend-marker" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f"{marker(shape, 8, 8, colour, hollow)}</svg>")


def _y(report: Report) -> float | None:
    if report.value is not None:
        return float(report.value)
    if report.low is not None and report.high is not None:
        return (report.low + report.high) / 2
    return float(report.low) if report.low is not None else (
        float(report.high) if report.high is not None else None)


def _nice_step(top: float) -> float:
    raw = top / 4 if top > 0 else 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _day(date: PartialDate) -> int:
    """Where a date sits on the time axis: a month mid-month and a year mid-year, never on the 1st."""
    if date.day:
        return date.as_date().toordinal()
    if date.month:
        return dt.date(date.year, date.month, 15).toordinal()
    return dt.date(date.year, 7, 1).toordinal()


def _months(low: int, high: int) -> list[tuple[int, int, dt.date]]:
    """The calendar months the axis crosses, each as (first shown day, last shown day, its 1st)."""
    first = dt.date.fromordinal(low).replace(day=1)
    months = []
    while first.toordinal() <= high:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((max(low, first.toordinal()), min(high, following.toordinal() - 1), first))
        first = following
    return months


def _spaced(days: list[int], x_of: Callable[[int], float], gap: float) -> list[int]:
    """The days that get a text label: spaced enough not to overlap, the last one kept."""
    chosen: list[int] = []
    for day in days:
        if not chosen or x_of(day) - x_of(chosen[-1]) >= gap:
            chosen.append(day)
    if days and chosen[-1] != days[-1] and len(chosen) > 1:
        chosen[-1] = days[-1]
    return chosen


def _time_axis(dates: list[PartialDate], x_of: Callable[[int], float], low: int, high: int,
               locale: str) -> list[str]:
    """A real calendar under the plot: a tick at each month's start, each month named in its band, and
    the day of each dated value on a row above when the axis is short enough to read days."""
    axis_y = HEIGHT - BOTTOM
    out = []
    months = _months(low, high)
    for start, _, first in months:
        if first.toordinal() == start and start != low:
            x = x_of(start - 0.5)  # between the last day of a month and the 1st of the next
            out.append(f'<line class="month" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{axis_y + 30}"/>')
    for start, end, first in months:
        left, right = max(LEFT, x_of(start - 0.5)), min(WIDTH - RIGHT, x_of(end + 0.5))
        width = right - left
        if width >= MONTH_LABEL:
            text = format_partial(first.strftime("%Y-%m"), locale)
        elif width >= 44:
            text = format_skeleton("MMM", first, locale=locale)
        else:
            continue
        out.append(f'<text class="tick" x="{(left + right) / 2:.1f}" y="{axis_y + 36}" text-anchor="middle">'
                   f"{escape(text)}</text>")
    days = sorted({d.as_date().toordinal() for d in dates if d.day})
    for day in days:
        x = x_of(day)
        out.append(f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 5}"/>')
    if high - low <= 92:
        for day in _spaced(days, x_of, DAY_GAP):
            out.append(f'<text class="tick day" x="{x_of(day):.1f}" y="{axis_y + 17}" text-anchor="middle">'
                       f"{dt.date.fromordinal(day).day}</text>")
    return out


def _dodge(placed: list[tuple[Series, Report, PartialDate, float]]) -> dict[str, float]:
    """Small horizontal offsets for values published the same day, so no marker hides another."""
    by_day: dict[int, list[str]] = {}
    for _, claim, date, _ in placed:
        by_day.setdefault(_day(date), []).append(claim.claim_id)
    offsets = {}
    for ids in by_day.values():
        for index, claim_id in enumerate(ids):
            offsets[claim_id] = (index - (len(ids) - 1) / 2) * 9.0
    return offsets


def series_of(figure: Figure, source_name: Callable[[str], str],
              who: Callable[[str], str] = str) -> tuple[Series, ...]:
    """Claims grouped by (source, claimant), in source order, each with its colour and shape."""
    groups: dict[tuple[str, str], list[Report]] = {}
    seen: set[tuple[object, ...]] = set()
    for claim in figure.counting:
        said = (claim.article_id, claim.value, claim.low, claim.high, claim.qualifier, claim.hedged, claim.claimant)
        if said in seen:  # a headline repeating its body is one value, not two markers side by side
            continue
        seen.add(said)
        groups.setdefault((claim.source, claim.claimant or ""), []).append(claim)
    series = []
    for index, (source, claimant) in enumerate(sorted(groups)):
        label = source_name(source) + (f" — {who(claimant)}" if claimant else "")
        series.append(Series(source, claimant or None, label, COLOURS[index % len(COLOURS)],
                             SHAPES[index % len(SHAPES)], tuple(groups[(source, claimant)])))
    return tuple(series)


def _description(placed: list[tuple[Series, Report, PartialDate, float]], gettext: Callable[[str], str],
                 locale: str) -> str:
    """The chart's text alternative: the values as reported (a range's ends, not the midpoint its marker
    sits at), from the earliest to the latest day an article may have been published, and the hedged ones."""
    ranged = [(c.low, c.high) if c.low is not None and c.high is not None else (y, y) for _, c, _, y in placed]
    first = min((d for *_, d, _ in placed), key=lambda d: (partial_period(d)[0], d.iso))
    last = max((d for *_, d, _ in placed), key=lambda d: (partial_period(d)[1], d.iso))
    values = {"count": len(placed), "sources": len({s.source for s, *_ in placed}),
              "low": format_number(min(low for low, _ in ranged), locale),
              "high": format_number(max(high for _, high in ranged), locale),
              "start": format_partial(first.iso, locale), "end": format_partial(last.iso, locale)}
    if first != last:
        text = gettext("%(count)d valeurs de %(sources)d sources, de %(low)s à %(high)s, publiées entre %(start)s "
                       "et %(end)s.")
    elif first.day:
        text = gettext("%(count)d valeurs de %(sources)d sources, de %(low)s à %(high)s, publiées le %(start)s.")
    else:
        text = gettext("%(count)d valeurs de %(sources)d sources, de %(low)s à %(high)s, publiées en %(start)s.")
    text %= values
    hedged = sum(1 for _, c, _, _ in placed if c.hedged)
    if hedged:
        text += " " + gettext("Au conditionnel ou non confirmées (marqueurs creux) : %(num)d.") % {"num": hedged}
    return text + " " + gettext("Le tableau qui suit donne chaque valeur.")


def build(figure: Figure, source_name: Callable[[str], str], gettext: Callable[[str], str],
          locale: str, who: Callable[[str], str] = str) -> Chart:
    """The figure's chart: x is the article's date (or the earlier date the figure's sentence opens with), y the
    value; hollow markers for hedged values."""
    series = series_of(figure, source_name, who)
    # x is when the figure was stated: its article's date, or the earlier date its sentence opens with
    placed = [(s, c, parse_partial(c.as_of or c.published), _y(c)) for s in series for c in s.points]
    placed = [(s, c, d, y) for s, c, d, y in placed if d is not None and y is not None]
    if len(placed) < 2:  # one value is no evolution: the table of values says it better
        return Chart(Markup(""), series)
    low = min(partial_period(d)[0] for _, _, d, _ in placed)
    high = max(partial_period(d)[1] for _, _, d, _ in placed)
    if high - low < MIN_SPAN:
        low -= (MIN_SPAN - (high - low)) // 2
        high = low + MIN_SPAN
    top = max(max(y, c.high or 0) for _, c, _, y in placed)
    firm_top = max((max(y, c.high or 0) for _, c, _, y in placed if not c.hedged), default=0)
    if firm_top > 0 and top > OFF_SCALE * firm_top:
        top = firm_top  # one rumour must not flatten every sourced value against the axis
    step = _nice_step(top)
    y_max = step * math.ceil(top / step) if top > 0 else 1
    if top > 0 and y_max - top < step * 0.15:
        y_max += step  # room above the highest marker, so it does not sit on the top line
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    axis_y = TOP + plot_h

    def x_of(day: float) -> float:
        return LEFT + INSET + (day - low) / (high - low) * (plot_w - 2 * INSET)

    def y_of(value: float) -> float:
        return TOP + plot_h - min(value, y_max) / y_max * plot_h

    base = f"chart-{slugify(figure.id)}"
    title = gettext("%(label)s : valeurs selon les sources au fil du temps") % {"label": figure.label}
    desc = _description(placed, gettext, locale)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{base}-t {base}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{base}-t">{escape(title)}</title>',
        f'<desc id="{base}-d">{escape(desc)}</desc>',
    ]
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = y_of(tick)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
                   f"{escape(format_tick(tick, step, locale))}</text>")
        tick += step
    out += _time_axis([d for _, _, d, _ in placed], x_of, low, high, locale)
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis_y}" y2="{axis_y}"/>')
    dodge = _dodge(placed)
    beyond: list[tuple[float, float]] = []  # (x, value) of the values drawn at the top
    for s in series:
        points = sorted(((x_of(_day(d)) + dodge[c.claim_id], y_of(y), c) for s2, c, d, y in placed if s2 is s),
                        key=lambda p: (p[0], p[1]))
        if len(points) > 1 and _one_value_per_article(s2c for _, _, s2c in points):
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            out.append(f'<polyline class="series" points="{path}" fill="none" stroke="{s.colour}"/>')
        for x, y, claim in points:
            date = parse_partial(claim.as_of or claim.published)
            if date is not None and not date.day:  # a month (year) date: the whole period it may mean
                start, end = partial_period(date)
                out.append(f'<line class="period" x1="{x_of(start - 0.5):.1f}" x2="{x_of(end + 0.5):.1f}" '
                           f'y1="{y:.1f}" y2="{y:.1f}" stroke="{s.colour}"/>')
            if claim.low is not None and claim.high is not None:
                out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_of(claim.low):.1f}" '
                           f'y2="{y_of(claim.high):.1f}" stroke="{s.colour}" stroke-width="2"/>')
            out.append(marker(s.shape, x, y, s.colour, claim.hedged))
            shown = _y(claim)
            if shown is not None and shown > y_max:
                beyond.append((x, claim.high if claim.low is not None and claim.high is not None else shown))
    out += _beyond_labels(beyond, locale)
    out.append("</svg>")
    periods = any(not d.day for _, _, d, _ in placed)
    ranges = any(c.low is not None and c.high is not None for _, c, _, _ in placed)
    return Chart(Markup("".join(out)), series, periods, ranges, bool(beyond))


def _beyond_labels(beyond: list[tuple[float, float]], locale: str) -> list[str]:
    """The figures of the values drawn at the top: one label for neighbours of one value, a row lower for a
    different value too close to the previous label, so no two labels print over each other."""
    out: list[str] = []
    groups: list[list[tuple[float, float]]] = []
    for x, value in sorted(beyond):
        if groups and groups[-1][-1][1] == value and x - groups[-1][-1][0] < BEYOND_LABEL:
            groups[-1].append((x, value))
        else:
            groups.append([(x, value)])
    last_x, row = -math.inf, 0
    for group in groups:
        x, value = group[-1]
        row = row + 1 if x - last_x < BEYOND_LABEL else 0
        last_x = x
        if x > WIDTH - RIGHT - BEYOND_LABEL:  # no room on the right: the label ends left of the group
            anchor, x = "end", group[0][0] - 9
        else:
            anchor, x = "start", x + 9
        out.append(f'<text class="tick beyond" x="{x:.1f}" y="{TOP + 4 + 14 * row:.1f}" '
                   f'text-anchor="{anchor}">↑ {escape(format_number(value, locale))}</text>')
    return out


def _one_value_per_article(reports: Iterable[Report]) -> bool:
    """Whether a line may join the series' markers: two values of one article (killed, then wounded; a part,
    then the whole) are two measures side by side, not a figure that changed over time."""
    values: dict[str, tuple[Any, Any, Any]] = {}
    for report in reports:
        stated = (report.value, report.low, report.high)
        if values.setdefault(report.article_id, stated) != stated:
            return False
    return True
