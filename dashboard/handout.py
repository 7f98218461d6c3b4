"""The weekly briefing as files: PowerPoint for the projector, PDF to print and hand out,
the chat message as text.

Both the deck and the PDF carry the briefing's slides in order, with one more after the
first when some week has a rate: the district's on-time rate over the last 12 weeks,
drawn by the overview's own chart builder (dashboard.charts) and rendered to PNG by vl-
convert. The deck's titles, figures and tables are real text boxes and tables a secretary
can edit; the PDF's text is real text in DejaVu Sans, embedded, so every Vietnamese tone
mark prints and can be searched on a machine without the font. Every figure is the
briefing's own string: nothing here computes a figure, and nothing reads a name.

`to_bytes(briefing, suffix)` gives a file's bytes without touching disk (the
presentation page); `file_bytes(engine, week, suffix)` builds the briefing first, in
the shape `dashboard.frame.data.load` calls; `python -m dashboard brief` writes them.
"""

import json
import math
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import briefing as briefings
from dashboard import charts, targets
from dashboard.briefing import Briefing, Figure
from dashboard.content.overview import CELL_COLORS
from dashboard.weekly import WEEKS
from queries.period import Period

SUFFIXES = (".pptx", ".pdf", ".txt")
MEDIA_TYPES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}
FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_FILES = {REGULAR: FONTS / "DejaVuSans.ttf", BOLD: FONTS / "DejaVuSans-Bold.ttf"}
# The deck names a font with Vietnamese that every office machine has (LibreOffice puts
# its metric twin, Liberation Sans, in its place): a secretary edits it as usual. The PDF
# embeds its own.
DECK_FONT = "Arial"

CHART_TITLE = f"Tỷ lệ giải quyết đúng hạn {WEEKS} tuần qua"
CHART_CAPTION = "Tất cả đơn vị, mỗi tuần"
CHART_NOTE = (
    "Đã giải quyết đúng hạn trên tổng số đã giải quyết trong tuần; đường đứt: chỉ tiêu. "
    "Tuần không có hồ sơ nào giải quyết thì không có điểm."
)
# The chart's size in Vega pixels: on the slide its 16-pixel labels read as about 17
# points. The PNG has twice the pixels, sharp on a projector.
CHART_WIDTH, CHART_HEIGHT, CHART_SCALE = 640, 250, 2

# High contrast on white: the slide view's colours (dashboard.content.briefing).
INK, MUTED, RULE = "0B1220", "1F2A44", "C9D1DC"
HEADER_FILL, HEADER_INK, BAND = "0B4F9C", "FFFFFF", "EEF2F7"
LIGHT_BORDER = {targets.GREEN: "2B8A3E", targets.AMBER: "E8A317", targets.RED: "D9480F"}
LIGHT_INK = {targets.GREEN: "22702F", targets.RED: "B23A0B"}
CELL_FILLS = {light: color.lstrip("#") for light, color in CELL_COLORS.items()}

# Sizes in points, on a 13⅓ × 7½ inch (16:9) page, the same for the deck and the PDF.
TITLE_PT_SMALL = 32
TITLE_PT, HEADING_PT, LABEL_PT, VALUE_PT, SMALL_PT, NOTE_PT = 36, 24, 20, 44, 18, 18
TABLE_PT, TABLE_PT_SMALL = 18, 16
PAGE_W, PAGE_H, MARGIN = 40 / 3, 7.5, 0.5  # inches: PowerPoint's own 16:9
CONTENT_TOP, NOTE_TOP = 1.75, 6.55
COLUMNS, GAP = 4, 0.2  # figures per row, inches between boxes


@dataclass(frozen=True)
class Page:
    """One slide of the deck and one page of the PDF."""

    title: str
    figures: list[Figure] = field(default_factory=list)
    table: pd.DataFrame | None = None
    note: str = ""
    picture: bytes | None = None  # PNG
    picture_text: str = ""  # the picture said in words, for a screen reader
    lights: pd.DataFrame | None = None  # the table's cells' status, as on the screen


def change_text(change: str | None) -> str | None:
    """A figure's change as the deck shows it: `▲ +6`, `▼ -1,5 điểm %`, `Không đổi`."""
    if change is None:
        return None
    if change == "0":
        return "Không đổi"
    return f"{'▼' if change.startswith('-') else '▲'} {change}"


def is_number(text: str) -> bool:
    """A table cell to right-align: digits, no letters (`1.234`, `66,7%`)."""
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


# --- the chart --------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in a chart spec")


_fonts_registered = False


def trend_figure(trend: pd.DataFrame, target: float | None, marked=()):
    """The on-time rate of each of the weeks in `trend` (`period` = Monday, `on_time_rate`,
    `finished`) as an Altair chart with Monday ticks, the same on the screen's trend slide
    and in the files, each day of `marked` it crosses marked; None when no week has a
    rate."""
    if trend.empty or trend["on_time_rate"].isna().all():
        return None
    chart = charts.rate_over_time(
        trend,
        "on_time_rate",
        "week",
        CHART_CAPTION,
        references={"Mục tiêu": target} if target is not None else None,
        count="finished",
        count_title="Đã giải quyết",
        marked=marked,
    )
    spec = chart.to_dict()
    _monday_ticks(spec, pd.to_datetime(trend["period"]))
    return spec


def trend_chart(trend: pd.DataFrame, target: float | None, marked=()) -> bytes | None:
    """`trend_figure` as PNG (vl-convert, the shipped fonts); None without a rate."""
    global _fonts_registered
    spec = trend_figure(trend, target, marked)
    if spec is None:
        return None
    import vl_convert

    if not _fonts_registered:  # the same font as the PDF, on any machine
        vl_convert.register_font_directory(str(FONTS))
        _fonts_registered = True
    spec.update(width=CHART_WIDTH, height=CHART_HEIGHT)
    # The frame's own `period` column holds dates, which JSON lacks: ISO text.
    text = json.dumps(spec, default=_json_value, ensure_ascii=False)
    return vl_convert.vegalite_to_png(text, scale=CHART_SCALE)


def _monday_ticks(spec, mondays: pd.Series) -> None:
    """A tick under every other week's point, the last week's among them: Vega's "week"
    ticks fall on Sundays, and twelve labels would crowd."""
    step = max(1, math.ceil(len(mondays) / 6))
    shown = list(mondays)[::-1][::step][::-1]
    ticks = [{"year": d.year, "month": d.month, "date": d.day, "utc": True} for d in shown]
    for layer in spec.get("layer", [spec]):
        x = layer.get("encoding", {}).get("x", {})
        if x.get("field") == "when":
            axis = x.setdefault("axis", {})
            axis.pop("tickCount", None)
            axis["values"] = ticks


def district_target() -> float | None:
    """The on-time target's value for the trend's line; none if the file says none."""
    try:
        target = targets.load_targets().get("on_time_rate")
    except (OSError, ValueError):  # as the briefing: no target line rather than no chart
        return None
    return target.value if target else None


def trend_page(trend: pd.DataFrame, marked=()) -> Page:
    """The extra page: the on-time rate of all units together, week by week
    (`Briefing.trend`), the reorganisations it crosses marked (`Briefing.marked`)."""
    png = trend_chart(trend, district_target(), marked)
    first, last = trend["period"].iloc[0], trend["period"].iloc[-1]
    words = (
        f"Biểu đồ đường: tỷ lệ giải quyết đúng hạn của tất cả đơn vị mỗi tuần, "
        f"từ tuần bắt đầu {first:%d/%m/%Y} đến tuần bắt đầu {last:%d/%m/%Y}."
    )
    return Page(CHART_TITLE, note=CHART_NOTE, picture=png, picture_text=words)


def pages(briefing: Briefing) -> list[Page]:
    """The briefing's slides in order, the trend after the first when it has a point."""
    shown = [Page(s.title, s.figures, s.table, s.note, lights=s.lights) for s in briefing.slides]
    trend = [trend_page(briefing.trend, briefing.marked)] if briefing.has_trend else []
    return [*shown[:1], *trend, *shown[1:]]


# --- layout shared by the deck and the PDF (inches) ------------------------------------


def _lines(text: str | None, points: float, width: float) -> int:
    """Roughly how many lines `text` takes at `points` in `width` inches."""
    if not text:
        return 0
    per_line = max(1, int(width * 72 / (points * 0.6)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _title_size(title: str) -> int:
    """36 points, or 32 (the floor) if the title would not fit on one line at 36."""
    return TITLE_PT if _lines(title, TITLE_PT, PAGE_W - 2 * MARGIN) == 1 else TITLE_PT_SMALL


def _box_width() -> float:
    return (PAGE_W - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS


def _figure_height(row: list[Figure]) -> float:
    """The height of a row of figure boxes: the tallest box's text, padded."""
    inner = _box_width() - 0.3

    def height(figure: Figure) -> float:
        points = (
            _lines(figure.label, LABEL_PT, inner) * LABEL_PT
            + VALUE_PT
            + _lines(change_text(figure.change), SMALL_PT, inner) * SMALL_PT
            + _lines(figure.status, SMALL_PT, inner) * SMALL_PT
        )
        return points * 1.2 / 72 + 0.3

    return max(height(f) for f in row)


def _rows(figures: list[Figure], columns: int = COLUMNS) -> list[list[Figure]]:
    return [figures[i : i + columns] for i in range(0, len(figures), columns)]


def _side_by_side(page: Page) -> bool:
    """One or two figures stacked on the left, the table beside them: a table of a row per
    unit (satisfaction) keeps the page's whole height."""
    return page.table is not None and 0 < len(page.figures) <= 2


def _bottom(page: Page) -> float:
    """Where the page's figures, table or picture must end: above the note, if any."""
    return NOTE_TOP - 0.1 if page.note else PAGE_H - 0.3


SIDE_GAP = 0.3  # inches between the stacked figures and the table beside them


def _column_widths(table: pd.DataFrame, width: float) -> list[float]:
    """Each column's share of `width` by its longest text, a number column narrower."""
    weights = []
    for column in table.columns:
        texts = [str(column), *(str(v) for v in table[column])]
        longest = max(len(line) for text in texts for line in text.split("\n"))
        weights.append(min(max(longest, 12), 60))  # 12: a short header ("Hạng") whole
    # A short table need not stretch across the page: about 0.16 inch a character.
    width = min(width, max(6.0, 0.16 * sum(weights)))
    return [width * w / sum(weights) for w in weights]


def _table_rows(table: pd.DataFrame) -> list[list[str]]:
    return [[str(c) for c in table.columns], *([str(v) for v in r] for r in table.values)]


def _row_heights(table: pd.DataFrame, widths: list[float], points: float) -> list[float]:
    return [
        max(_lines(text, points, w - 0.2) for text, w in zip(row, widths, strict=True))
        * points
        * 1.25
        / 72
        + 0.14
        for row in _table_rows(table)
    ]


def _table_font(table: pd.DataFrame, widths: list[float], room: float) -> int:
    """The table's size: 18 points, or 16 if that is what fits in `room` inches."""
    fits = sum(_row_heights(table, widths, TABLE_PT)) <= room
    return TABLE_PT if fits else TABLE_PT_SMALL


# --- PowerPoint -------------------------------------------------------------------------


def to_pptx(deck: list[Page], briefing: Briefing) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(PAGE_W), Inches(PAGE_H)
    blank = presentation.slide_layouts[6]
    for page in deck:
        _pptx_slide(presentation.slides.add_slide(blank), page, briefing.heading)
    properties = presentation.core_properties
    properties.title = f"{briefings.TITLE} – {briefing.heading}"
    properties.subject = briefing.heading
    properties.author = properties.last_modified_by = ""
    properties.language = "vi-VN"
    out = BytesIO()
    presentation.save(out)
    return out.getvalue()


def _run(paragraph, text: str, points: float, color: str = INK, bold: bool = False) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.lang import MSO_LANGUAGE_ID
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.name, font.size, font.bold = DECK_FONT, Pt(points), bold
    font.color.rgb = RGBColor.from_string(color)
    font.language_id = MSO_LANGUAGE_ID.VIETNAMESE


def _text_box(slide, left, top, width, height, lines, border: str | None = None):
    """A text box of `lines` (text, points, colour, bold), one paragraph each."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, (text, points, color, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _run(paragraph, text, points, color, bold)
    if border:
        frame.margin_left = frame.margin_right = Inches(0.15)
        frame.margin_top = frame.margin_bottom = Inches(0.1)
        box.line.color.rgb = RGBColor.from_string(border)
        box.line.width = Pt(4.5 if border != RULE else 2.25)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
    return box


def _pptx_slide(slide, page: Page, heading: str) -> None:
    width = PAGE_W - 2 * MARGIN
    title = [(page.title, _title_size(page.title), INK, True)]
    _text_box(slide, MARGIN, 0.3, width, 0.85, title)
    _text_box(slide, MARGIN, 1.1, width, 0.5, [(heading, HEADING_PT, MUTED, False)])
    top, side = CONTENT_TOP, _side_by_side(page)
    for row in _rows(page.figures, 1 if side else COLUMNS):
        height = _figure_height(row)
        for i, figure in enumerate(row):
            left = MARGIN + i * (_box_width() + GAP)
            _text_box(
                slide, left, top, _box_width(), height, _figure_lines(figure), _border(figure)
            )
        top += height + GAP
    if side:
        left = MARGIN + _box_width() + SIDE_GAP
        _pptx_table(slide, page, left, CONTENT_TOP, PAGE_W - MARGIN - left, _bottom(page))
    elif page.table is not None:
        _pptx_table(slide, page, MARGIN, top, width, _bottom(page))
    if page.picture is not None:
        _pptx_picture(slide, page, top)
    if page.note:
        alone = not (page.figures or page.table is not None or page.picture)
        note_top, points = (CONTENT_TOP, HEADING_PT) if alone else (NOTE_TOP, NOTE_PT)
        _text_box(
            slide,
            MARGIN,
            note_top,
            width,
            PAGE_H - note_top - 0.2,
            [(page.note, points, MUTED, False)],
        )


def _border(figure: Figure) -> str:
    return LIGHT_BORDER.get(figure.light, RULE)


def _figure_lines(figure: Figure) -> list[tuple]:
    lines = [(figure.label, LABEL_PT, INK, True), (figure.value, VALUE_PT, INK, True)]
    if figure.change is not None:
        lines.append((change_text(figure.change), SMALL_PT, MUTED, False))
    if figure.status:
        lines.append((figure.status, SMALL_PT, LIGHT_INK.get(figure.light, MUTED), False))
    return lines


def _fills(page: Page) -> list[list[str]]:
    """Each body cell's background: its status colour (the screen's), else the bands."""
    lights = page.lights if page.lights is not None else page.table.map(lambda _: None)
    return [
        [CELL_FILLS.get(light, "FFFFFF" if r % 2 else BAND) for light in row]
        for r, row in enumerate(lights.itertuples(index=False), start=1)
    ]


def _pptx_table(slide, page: Page, left: float, top: float, width: float, bottom: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches

    table = page.table
    widths = _column_widths(table, width)
    points = _table_font(table, widths, bottom - top)
    heights = _row_heights(table, widths, points)
    rows = _table_rows(table)
    fills = [[HEADER_FILL] * len(table.columns), *_fills(page)]
    shape = slide.shapes.add_table(
        len(rows),
        len(widths),
        Inches(left),
        Inches(top),
        Inches(sum(widths)),
        Inches(sum(heights)),
    )
    grid = shape.table
    grid.first_row, grid.horz_banding = True, False
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = Inches(w)
    for row, h in zip(grid.rows, heights, strict=True):
        row.height = Inches(h)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = grid.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fills[r][c])
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.margin_left = cell.margin_right = Inches(0.1)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            frame = cell.text_frame
            frame.word_wrap = True
            paragraph = frame.paragraphs[0]
            if r > 0 and is_number(text):
                paragraph.alignment = PP_ALIGN.RIGHT
            for i, line in enumerate(text.split("\n")):  # a cell's lines kept
                if i:
                    paragraph.add_line_break()
                _run(paragraph, line, points, HEADER_INK if r == 0 else INK, bold=r == 0)


def _picture_size(png: bytes, width: float, height: float) -> tuple[float, float]:
    """The largest size of the picture within `width` × `height` inches, its shape kept."""
    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        ratio = image.width / image.height
    return (width, width / ratio) if width / ratio <= height else (height * ratio, height)


def _pptx_picture(slide, page: Page, top: float) -> None:
    from pptx.util import Inches

    room_w, room_h = PAGE_W - 2 * MARGIN, _bottom(page) - top
    w, h = _picture_size(page.picture, room_w, room_h)
    picture = slide.shapes.add_picture(
        BytesIO(page.picture), Inches(MARGIN + (room_w - w) / 2), Inches(top), Inches(w), Inches(h)
    )
    picture.name = CHART_TITLE
    picture._element.nvPicPr.cNvPr.set("descr", page.picture_text)


# --- PDF --------------------------------------------------------------------------------

_pdf_fonts_registered = False


def _register_pdf_fonts() -> None:
    global _pdf_fonts_registered
    if _pdf_fonts_registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
    _pdf_fonts_registered = True


def _style(name: str, points: float, color: str = INK, bold: bool = False, align: int = 0):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(
        name,
        fontName=BOLD if bold else REGULAR,
        fontSize=points,
        leading=points * 1.2,
        textColor=HexColor(f"#{color}"),
        alignment=align,
    )


def _paragraph(text: str, style):
    """`text` as a PDF paragraph, its lines kept (a table cell of several actions)."""
    from reportlab.platypus import Paragraph

    return Paragraph("<br/>".join(escape(line) for line in text.split("\n")), style)


def to_pdf(deck: list[Page], briefing: Briefing) -> bytes:
    from reportlab.lib.units import inch
    from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate

    _register_pdf_fonts()
    out = BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=(PAGE_W * inch, PAGE_H * inch),
        leftMargin=MARGIN * inch,
        rightMargin=MARGIN * inch,
        topMargin=0.35 * inch,
        bottomMargin=0.3 * inch,
        title=f"{briefings.TITLE} – {briefing.heading}",
        subject=briefing.heading,
        author="",
        creator="onestop-dashboard",
        lang="vi-VN",
        initialFontName=REGULAR,  # each page starts in DejaVu, not Helvetica (unembedded)
    )
    story = []
    for i, page in enumerate(deck):
        if i:
            story.append(PageBreak())
        # One page per slide, whatever its length: a long table is made smaller, not split.
        story.append(
            KeepInFrame(
                document.width,
                document.height,
                _pdf_page(page, briefing.heading, document.width),
                mode="shrink",
                vAlign="TOP",
            )
        )
    document.build(story)
    return out.getvalue()


def _pdf_page(page: Page, heading: str, width: float) -> list:
    from reportlab.platypus import Spacer

    flowables = [
        _paragraph(page.title, _style("title", _pdf_title_size(page.title, width), bold=True)),
        Spacer(1, 4),
        _paragraph(heading, _style("heading", HEADING_PT, MUTED)),
        Spacer(1, 14),
    ]
    room = _bottom(page) - CONTENT_TOP  # inches
    if _side_by_side(page):
        flowables += [_pdf_side_by_side(page, width, room), Spacer(1, 12)]
    else:
        if page.figures:
            flowables += [_pdf_figures(page.figures), Spacer(1, 12)]
            room -= sum(_figure_height(row) + GAP for row in _rows(page.figures))
        if page.table is not None:
            flowables += [_pdf_table(page, width, room), Spacer(1, 12)]
    if page.picture is not None:
        flowables += [_pdf_picture(page.picture, width), Spacer(1, 8)]
    if page.note:
        alone = not (page.figures or page.table is not None or page.picture)
        flowables.append(
            _paragraph(page.note, _style("note", HEADING_PT if alone else NOTE_PT, MUTED))
        )
    return flowables


def _pdf_title_size(title: str, width: float) -> int:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return TITLE_PT if stringWidth(title, BOLD, TITLE_PT) <= width else TITLE_PT_SMALL


def _pdf_side_by_side(page: Page, width: float, room: float):
    from reportlab.lib.units import inch
    from reportlab.platypus import Table, TableStyle

    left = (_box_width() + SIDE_GAP) * inch
    cells = [[_pdf_figures(page.figures, 1), _pdf_table(page, width - left, room)]]
    outer = Table(cells, colWidths=[left, width - left], hAlign="LEFT")
    outer.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return outer


def _pdf_figures(figures: list[Figure], columns: int = COLUMNS):
    """Boxes, `columns` a row, with gaps: a table whose every other column and row is a
    gap."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import inch
    from reportlab.platypus import Table, TableStyle

    styles = {
        "label": _style("label", LABEL_PT, bold=True),
        "value": _style("value", VALUE_PT, bold=True),
        "change": _style("change", SMALL_PT, MUTED),
    }
    # The gaps are empty strings, drawn in the table's font: DejaVu, not Helvetica.
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR)]
    cells, heights = [], []
    # Rows as tall as their tallest box (ReportLab measures), gaps between them.
    for r, row in enumerate(_rows(figures, columns)):
        if r:
            cells.append([""] * (2 * columns - 1))
            heights.append(GAP * inch)
        heights.append(None)
        line = []
        for c in range(columns):
            if c:
                line.append("")
            if c >= len(row):
                line.append("")
                continue
            figure = row[c]
            content = [
                _paragraph(figure.label, styles["label"]),
                _paragraph(figure.value, styles["value"]),
            ]
            if figure.change is not None:
                content.append(_paragraph(change_text(figure.change), styles["change"]))
            if figure.status:
                color = LIGHT_INK.get(figure.light, MUTED)
                content.append(_paragraph(figure.status, _style("status", SMALL_PT, color)))
            line.append(content)
            at = (2 * c, 2 * r)
            border = _border(figure)
            commands.append(
                ("BOX", at, at, 4.5 if border != RULE else 2.25, HexColor(f"#{border}"))
            )
            commands.append(("LEFTPADDING", at, at, 10))
            commands.append(("RIGHTPADDING", at, at, 10))
            commands.append(("TOPPADDING", at, at, 6))
            commands.append(("BOTTOMPADDING", at, at, 8))
        cells.append(line)
    widths = [(_box_width() if i % 2 == 0 else GAP) * inch for i in range(2 * columns - 1)]
    table = Table(cells, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _pdf_table(page: Page, width: float, room: float):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.units import inch
    from reportlab.platypus import Table, TableStyle

    table = page.table
    widths = _column_widths(table, width / inch)
    points = _table_font(table, widths, room)
    head = _style("th", points, HEADER_INK, bold=True)
    body, number = _style("td", points), _style("tdn", points, align=TA_RIGHT)
    rows = _table_rows(table)
    cells = [[_paragraph(t, head) for t in rows[0]]]
    cells += [[_paragraph(t, number if is_number(t) else body) for t in row] for row in rows[1:]]
    grid = Table(cells, colWidths=[w * inch for w in widths], repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # the cells' default: no Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(f"#{HEADER_FILL}")),
        ("GRID", (0, 0), (-1, -1), 1.5, HexColor(f"#{RULE}")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
    ]
    commands += [
        ("BACKGROUND", (c, r), (c, r), HexColor(f"#{fill}"))
        for r, line in enumerate(_fills(page), start=1)
        for c, fill in enumerate(line)
        if fill != "FFFFFF"
    ]
    grid.setStyle(TableStyle(commands))
    return grid


def _pdf_picture(png: bytes, width: float):
    from reportlab.lib.units import inch
    from reportlab.platypus import Image

    w, h = _picture_size(png, width / inch, NOTE_TOP - 0.1 - CONTENT_TOP)
    return Image(BytesIO(png), width=w * inch, height=h * inch)


# --- the files --------------------------------------------------------------------------


def to_bytes(briefing: Briefing, suffix: str) -> bytes:
    """The briefing as a file of type `suffix` (".pptx", ".pdf" or ".txt"), in memory; the
    text file is the chat message, UTF-8."""
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"unknown file type {suffix!r}; expected one of {', '.join(SUFFIXES)}")
    if suffix == ".txt":
        return (briefing.message + "\n").encode("utf-8")
    deck = pages(briefing)
    return to_pptx(deck, briefing) if suffix == ".pptx" else to_pdf(deck, briefing)


def file_bytes(engine: Engine, week: Period, suffix: str) -> bytes:
    """The briefing of `week` as a file, built here: `data.load(file_bytes, week, ".pdf")`."""
    return to_bytes(briefings.build(engine, week), suffix)


def file_name(briefing: Briefing, suffix: str) -> str:
    """`bao-cao-tuan_2024-W45.pdf`: Vietnamese words without marks, as the other files."""
    year, week, _ = briefing.week.start.isocalendar()
    return f"bao-cao-tuan_{year}-W{week:02d}{suffix.lower()}"
