"""A figure's values over time as inline SVG made at build time, so it reads without JavaScript."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from render.formats import PartialDate, format_number, format_partial, format_tick, parse_partial
from render.paths import slugify
from render.topics import Figure, Report

COLOURS = ("#1f5f9e", "#b0411a", "#2e7531", "#6a3d9a", "#7a5c00", "#b0195a", "#00727d", "#5d4037")
SHAPES = ("circle", "square", "triangle", "diamond", "down", "hexagon")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 16, 44
LABEL_GAP = 96  # px between two date labels


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
    """The SVG and its legend; empty svg when fewer than one dated value exists."""

    svg: Markup
    series: tuple[Series, ...]


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


def _labelled(days: list[int], x_of: Callable[[int], float]) -> list[int]:
    """The days that get a text label: spaced enough not to overlap, the last one always kept."""
    chosen: list[int] = []
    for day in days:
        if not chosen or x_of(day) - x_of(chosen[-1]) >= LABEL_GAP:
            chosen.append(day)
    if days and chosen[-1] != days[-1] and len(chosen) > 1:
        chosen[-1] = days[-1]
    return chosen


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
    for claim in figure.counting:
        groups.setdefault((claim.source, claim.claimant or ""), []).append(claim)
    series = []
    for index, (source, claimant) in enumerate(sorted(groups)):
        label = source_name(source) + (f" — {who(claimant)}" if claimant else "")
        series.append(Series(source, claimant or None, label, COLOURS[index % len(COLOURS)],
                             SHAPES[index % len(SHAPES)], tuple(groups[(source, claimant)])))
    return tuple(series)


def build(figure: Figure, source_name: Callable[[str], str], gettext: Callable[[str], str],
          locale: str, who: Callable[[str], str] = str) -> Chart:
    """The figure's chart: x is the article's date, y the value; hollow markers for hedged values."""
    series = series_of(figure, source_name, who)
    placed = [(s, c, parse_partial(c.published), _y(c)) for s in series for c in s.points]
    placed = [(s, c, d, y) for s, c, d, y in placed if d is not None and y is not None]
    if not placed:
        return Chart(Markup(""), series)
    days = sorted({_day(d) for _, _, d, _ in placed})
    top = max(max(y, c.high or 0) for _, c, _, y in placed)
    step = _nice_step(top)
    y_max = step * math.ceil(top / step) if top > 0 else 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = days[-1] - days[0]
    axis_y = TOP + plot_h

    def x_of(day: int) -> float:
        return LEFT + (plot_w / 2 if span == 0 else (day - days[0]) / span * plot_w)

    def y_of(value: float) -> float:
        return TOP + plot_h - value / y_max * plot_h

    base = f"chart-{slugify(figure.id)}"
    title = gettext("%(label)s : valeurs selon les sources au fil du temps") % {"label": figure.label}
    values = sorted(y for *_, y in placed)
    desc = gettext(
        "%(count)d valeurs de %(sources)d sources, de %(low)s à %(high)s, publiées entre %(start)s "
        "et %(end)s. Le tableau qui suit donne chaque valeur.") % {
        "count": len(placed), "sources": len({s.source for s, *_ in placed}),
        "low": format_number(values[0], locale), "high": format_number(values[-1], locale),
        "start": format_partial(min(d.iso for _, _, d, _ in placed), locale),
        "end": format_partial(max(d.iso for _, _, d, _ in placed), locale)}
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
    labels = {_day(d): d.iso for _, _, d, _ in placed}
    for day in _labelled(days, x_of):
        x = x_of(day)
        anchor, x_text = "middle", x
        if x > WIDTH - RIGHT - LABEL_GAP / 2:
            anchor, x_text = "end", x + 4
        elif x < LEFT + LABEL_GAP / 2:
            anchor, x_text = "start", x - 4
        out.append(f'<text class="tick" x="{x_text:.1f}" y="{HEIGHT - BOTTOM + 22}" text-anchor="{anchor}">'
                   f"{escape(format_partial(labels[day], locale))}</text>")
    for day in days:
        x = x_of(day)
        out.append(f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 5}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis_y}" y2="{axis_y}"/>')
    dodge = _dodge(placed)
    for s in series:
        points = sorted(((x_of(_day(d)) + dodge[c.claim_id], y_of(y), c) for s2, c, d, y in placed if s2 is s),
                        key=lambda p: (p[0], p[1]))
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            out.append(f'<polyline class="series" points="{path}" fill="none" stroke="{s.colour}"/>')
        for x, y, claim in points:
            if claim.low is not None and claim.high is not None:
                out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_of(claim.low):.1f}" '
                           f'y2="{y_of(claim.high):.1f}" stroke="{s.colour}" stroke-width="2"/>')
            out.append(marker(s.shape, x, y, s.colour, claim.hedged))
    out.append("</svg>")
    return Chart(Markup("".join(out)), series)
