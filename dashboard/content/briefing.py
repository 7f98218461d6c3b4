"""What the presentation mode shows: one slide of the briefing as HTML, sized for a wall
screen (1280x720 and up, no scrolling, no text under 20 pixels), and the slide a link or
a key asks for. Every value is escaped: text, never markup."""

import html

from dashboard.briefing import Briefing, Slide
from dashboard.content.overview import CELL_COLORS
from dashboard.targets import AMBER, GREEN, RED

LIGHT_CLASSES = {GREEN: "good", AMBER: "near", RED: "bad"}
# Sizes follow the screen's width and height, with a floor of 20 pixels for any text.
CSS = """<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stToolbar"],
[data-testid="stSidebarCollapsedControl"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 1.2vh 2.5vw 0 2.5vw !important;
  max-width: 100% !important;}
.slide {height: 84vh; display: flex; flex-direction: column; gap: 1.6vh; color: #0B1220;
  overflow: hidden; font-size: max(20px, 2.2vh); line-height: 1.3;}
.slide-head h1, .slide h1 {font-size: max(34px, 6vh); line-height: 1.15; margin: 0; padding: 0;
  color: #0B1220; font-weight: 700;}
.slide-head .week, .slide .week {font-size: max(24px, 3.4vh); color: #1F2A44; margin: 0;}
.slide .figures {display: grid; grid-template-columns: repeat(4, minmax(0, 1fr));
  gap: 1.6vh 1.4vw;}
.slide .figure {border: 3px solid #C9D1DC; border-radius: 10px; padding: 1.2vh 1vw;}
.slide .figure.good {border-color: #2B8A3E;} .slide .figure.near {border-color: #E8A317;}
.slide .figure.bad {border-color: #D9480F;}
.slide .label {font-size: max(22px, 3vh); font-weight: 600;}
.slide .value {font-size: max(40px, 8vh); font-weight: 700; line-height: 1.1;}
.slide .change, .slide .status {font-size: max(20px, 2.6vh); color: #1F2A44;}
.slide .figure.bad .status {color: #B23A0B;} .slide .figure.good .status {color: #22702F;}
.slide table {border-collapse: collapse; width: 100%; font-size: max(20px, 2.9vh);}
.slide th, .slide td {border: 2px solid #C9D1DC; padding: 0.5vh 0.8vw; text-align: left;}
.slide th {background: #E5EDF7;}
.slide td.n {text-align: right; font-variant-numeric: tabular-nums;}
.slide table.grid {font-size: max(24px, 3.6vh);}
.slide table.grid td.lit {text-align: center; line-height: 1.15;}
.slide td.lit .v {display: block; font-weight: 700;}
.slide td.lit .w {display: block; font-size: max(20px, 2.6vh);}
.slide .note, .slide-note {font-size: max(20px, 2.4vh); color: #1F2A44; margin-top: auto;}
.slide-head {display: flex; flex-direction: column; gap: 1.6vh; color: #0B1220;}
/* A phone: the slide grows and scrolls, figures two a row, a table's rows as cards. */
@media (max-width: 640px) {
  .slide {height: auto; overflow: visible; font-size: 16px;}
  .slide h1, .slide-head h1 {font-size: 26px; padding-right: 96px;}
  .slide .week, .slide-head .week {font-size: 18px;}  /* h1: room for the corner mark */
  .slide .figures {grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px;}
  .slide .figure {padding: 6px 8px;} .slide .label {font-size: 16px;}
  .slide .value {font-size: 28px;} .slide .change, .slide .status {font-size: 14px;}
  .slide table, .slide table.grid {font-size: 16px;}
  .slide table, .slide tbody, .slide tr, .slide td {display: block; width: auto;}
  .slide thead {display: none;}
  .slide tr {border: 2px solid #C9D1DC; border-radius: 8px; margin-bottom: 8px;}
  .slide th, .slide td {border: none; padding: 2px 8px; text-align: left !important;}
  .slide td::before {content: attr(data-label) ": "; font-weight: 600;}
  .slide td.lit .v, .slide td.lit .w {display: inline; font-size: 16px;}
  .slide td.lit .w::before {content: " – ";}
  .slide .note, .slide-note {font-size: 14px;}
}
</style>"""


TREND_AT = 2  # the district's 12-week on-time trend follows the week's figures, as in the files
SCREEN_FONT = 22  # chart text on a wall screen: no smaller than the slides' own text


def _screen(briefing: Briefing) -> list[int | None]:
    """The briefing's slide at each screen position, None for the trend (when it has a
    point to draw): the handout's order."""
    shown: list[int | None] = list(range(len(briefing.slides)))
    if briefing.has_trend:
        shown.insert(TREND_AT - 1, None)
    return shown


def slide_count(briefing: Briefing) -> int:
    """The slides on screen: the briefing's and the trend, as in the handout."""
    return len(_screen(briefing))


def briefing_slide(briefing: Briefing, number: int) -> int | None:
    """The briefing's slide (0-based) shown at screen position `number` (1-based), None for
    the trend."""
    return _screen(briefing)[number - 1]


def for_screen(spec: dict) -> dict:
    """A chart spec with its text large enough for the back of a room."""
    config = spec.setdefault("config", {})
    for part in ("axis", "legend", "title"):
        config.setdefault(part, {}).update(
            {key: SCREEN_FONT for key in ("labelFontSize", "titleFontSize", "fontSize")}
        )
    config.setdefault("text", {})["fontSize"] = SCREEN_FONT
    _text_marks(spec)
    return spec


def _text_marks(spec: dict) -> None:
    """Every text mark (a reference line's label), in layers within layers, at SCREEN_FONT."""
    for layer in spec.get("layer", []):
        mark = layer.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            mark["fontSize"] = SCREEN_FONT
        _text_marks(layer)


def heading_html(title: str, briefing: Briefing) -> str:
    """A slide's title and the week, for a slide whose body is not HTML (the trend)."""
    return (
        f'<div class="slide-head"><h1>{html.escape(title)}</h1>'
        f'<p class="week">{html.escape(briefing.heading)}</p></div>'
    )


def slide_number(asked: int | None, count: int) -> int:
    """The slide a link asks for (1-based), kept within the deck; the first by default."""
    if asked is None:
        return 1
    return min(max(asked, 1), count)


def step(number: int, by: int, count: int) -> int:
    """The slide `by` slides on from `number` (1-based), round the deck: after the last,
    the first again (a lobby TV loops)."""
    return (number - 1 + by) % count + 1


def auto_advance(
    number: int, since: float, now: float, every: int | None, count: int
) -> tuple[int, float]:
    """The slide to show at `now` and when it came up, for slide `number` up since `since`
    (`&tu-dong=` every `every` seconds, else it stays). The browser's timer ticks exactly
    every `every` seconds but each run reaches here a little late: counting whole intervals
    from `since`, and moving `since` on by whole intervals (not to `now`), each tick moves
    one slide and a rerun between ticks none (measuring from the last run's own time missed
    every tick that arrived a little earlier than the one before)."""
    if not every:
        return number, since
    moves = int((now - since) // every)
    return step(number, moves, count), since + moves * every


def _figure(figure) -> str:
    light = LIGHT_CLASSES.get(figure.light, "")
    parts = [
        f'<div class="label">{html.escape(figure.label)}</div>',
        f'<div class="value">{html.escape(figure.value)}</div>',
    ]
    if figure.change:
        change = "Không đổi" if figure.change == "0" else html.escape(figure.change)
        parts.append(f'<div class="change">{change} so với tuần trước</div>')
    if figure.status:
        parts.append(f'<div class="status">{html.escape(figure.status)}</div>')
    return f'<div class="figure {light}">{"".join(parts)}</div>'


def _is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def _cell(text: str, light, header: str) -> str:
    """A table cell, its column's header for a phone's card, its text's lines kept; on a
    status colour (the ranking's), a rate's value and its word (`98,4% – chưa đạt`) on two
    lines, large."""
    label = f' data-label="{html.escape(header)}"'
    if light not in CELL_COLORS:  # None, or pandas' NaN for it
        kind = ' class="n"' if _is_number(text) else ""
        lines = "<br>".join(html.escape(line) for line in text.split("\n"))
        return f"<td{kind}{label}>{lines}</td>"
    value, _, word = text.partition(" – ")
    shown = f'<span class="v">{html.escape(value)}</span>'
    if word:
        shown += f'<span class="w">{html.escape(word)}</span>'
    color = CELL_COLORS[light]
    return f'<td class="lit"{label} style="background-color: {color}">{shown}</td>'


def _table(slide: Slide) -> str:
    frame = slide.table
    lights = slide.lights if slide.lights is not None else frame.map(lambda _: None)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record, lit in zip(
        frame.itertuples(index=False), lights.itertuples(index=False), strict=True
    ):
        cells = "".join(
            _cell(str(v), light, str(header))
            for v, light, header in zip(record, lit, frame.columns, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    kind = ' class="grid"' if slide.lights is not None else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def slide_html(briefing: Briefing, number: int) -> str:
    """Slide `number` (1-based) of `briefing`, with its title and the week, as HTML."""
    slide = briefing.slides[number - 1]
    parts = [
        f"<h1>{html.escape(slide.title)}</h1>",
        f'<p class="week">{html.escape(briefing.heading)}</p>',
    ]
    if slide.figures:
        parts.append(f'<div class="figures">{"".join(_figure(f) for f in slide.figures)}</div>')
    if slide.table is not None:
        parts.append(_table(slide))
    if slide.note:
        parts.append(f'<p class="note">{html.escape(slide.note)}</p>')
    return f'<div class="slide">{"".join(parts)}</div>'
