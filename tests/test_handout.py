"""The weekly briefing as files (dashboard/handout.py, `python -m dashboard brief`): the deck
and the PDF read back carry the slides in order and the week's figures as text, equal to
`kpis --week`; the PDF's Vietnamese is real text in an embedded font; no name in the data
reaches any file (fixture_week, Tuần 45/2024)."""

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import replace

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Pt
from pypdf import PdfReader

from dashboard import briefing, fmt, handout
from dashboard.cli import main
from dashboard.weekly import week_kpis
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_week

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

WEEK = Period.iso_week(*fixture_week.WEEK)
WEEK_HEADING = "Tuần 45/2024 (04/11–10/11)"
HEADING = f"Bộ phận Một cửa huyện · {WEEK_HEADING}"  # the data's top unit, then the week
# The headline figures the message and the first slide show, by `kpis --week` key.
HEADLINES = {
    "received": "Tiếp nhận",
    "finished": "Đã giải quyết",
    "finished_late": "Trễ hạn",
    "overdue_open": "Đang quá hạn",
}


@pytest.fixture(scope="module")
def url(make_db) -> str:
    return make_db("sqlite", fixture_week.ROWS)


@pytest.fixture(scope="module")
def brief(url) -> briefing.Briefing:
    return briefing.build(readonly_engine(url), WEEK)


@pytest.fixture(scope="module")
def files(url, tmp_path_factory) -> dict[str, bytes]:
    """The three files as the command line writes them, without --week: the last
    complete week of the data (it ends 11/11 00:00, so Tuần 45)."""
    folder = tmp_path_factory.mktemp("brief")
    written = {}
    for suffix in handout.SUFFIXES:
        out = folder / f"tuan{suffix}"
        assert main(["brief", "--db", url, "--out", str(out)]) == 0
        written[suffix] = out.read_bytes()
    return written


@pytest.fixture(scope="module")
def totals(url) -> dict[str, int]:
    """The district's week: receiving units by kind, summed (received 6, finished 7,
    late 3, overdue at the week's end 3)."""
    frame = week_kpis(readonly_engine(url), WEEK, "kind")
    return {key: int(frame[key].sum()) for key in HEADLINES}


def deck_of(data: bytes):
    return Presentation(io.BytesIO(data))


def shape_texts(slide) -> list[str]:
    """Every text on a slide: text boxes, then each table's cells."""
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for shape in slide.shapes:
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def expected_titles(brief) -> list[str]:
    titles = [slide.title for slide in brief.slides]
    return [titles[0], handout.CHART_TITLE, *titles[1:]]


def figure_box(slide, label: str):
    """The text box of a headline figure: its label, then its value."""
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.paragraphs[0].text == label:
            return shape
    raise AssertionError(f"no figure {label!r} on the slide")


def test_the_deck_has_the_slides_in_order_on_16_9(files, brief):
    deck = deck_of(files[".pptx"])
    assert deck.slide_width * 9 == deck.slide_height * 16
    slides = list(deck.slides)
    assert len(slides) == len(brief.slides) + 1 == 7  # the trend after the first
    assert [shape_texts(s)[0] for s in slides] == expected_titles(brief)
    assert all(shape_texts(s)[1] == HEADING for s in slides)
    assert deck.core_properties.title == f"{briefing.TITLE} – {HEADING}"


def test_the_decks_headline_figures_are_the_weeks(files, totals):
    first = deck_of(files[".pptx"]).slides[0]
    for key, label in HEADLINES.items():
        paragraphs = figure_box(first, label).text_frame.paragraphs
        assert paragraphs[1].text == fmt.number(totals[key]), label
    assert totals == {"received": 6, "finished": 7, "finished_late": 3, "overdue_open": 3}


def test_the_deck_is_large_type(files, brief):
    slides = list(deck_of(files[".pptx"]).slides)
    for slide in slides:
        title = next(s for s in slide.shapes if s.has_text_frame)
        assert all(r.font.size >= Pt(32) for p in title.text_frame.paragraphs for r in p.runs)
        assert all(r.font.bold for r in title.text_frame.paragraphs[0].runs)
        for shape in slide.shapes:
            if shape.has_table:
                sizes = [
                    run.font.size
                    for row in shape.table.rows
                    for cell in row.cells
                    for paragraph in cell.text_frame.paragraphs
                    for run in paragraph.runs
                ]
                assert sizes and min(sizes) >= Pt(16)
            elif shape.has_text_frame:
                sizes = [r.font.size for p in shape.text_frame.paragraphs for r in p.runs]
                assert min(sizes) >= Pt(18)
    for figure in brief.slides[0].figures:
        value = figure_box(slides[0], figure.label).text_frame.paragraphs[1]
        assert value.text == figure.value and value.runs[0].font.size >= Pt(40)


def test_the_chart_is_a_picture_and_the_form_a_table(files, brief):
    slides = list(deck_of(files[".pptx"]).slides)
    pictures = [s for s in slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert pictures[0].image.content_type == "image/png"
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr").startswith("Biểu đồ đường")
    form = brief.slides[3]
    assert form.title.startswith("Biểu II.06a")
    tables = [s.table for s in slides[4].shapes if s.has_table]
    assert len(tables) == 1
    cells = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert cells == [list(form.table.columns), *form.table.values.tolist()]
    # Every slide with a table in the briefing has it as a real table, the same size.
    for slide, shown in zip([slides[0], *slides[2:]], brief.slides, strict=True):
        grids = [s.table for s in slide.shapes if s.has_table]
        assert len(grids) == (shown.table is not None)
        if grids:
            assert (len(grids[0].rows), len(grids[0].columns)) == (
                len(shown.table) + 1,
                len(shown.table.columns),
            )


def test_the_pdf_has_a_page_per_slide_with_the_same_figures(files, brief, totals):
    pages = pdf_pages(files[".pdf"])
    assert len(pages) == 7
    for text, title in zip(pages, expected_titles(brief), strict=True):
        flat = " ".join(text.split())
        assert flat.startswith(title) and HEADING in flat
    for key, label in HEADLINES.items():
        value = fmt.number(totals[key])
        assert re.search(rf"^\s*{label}\s*\n\s*{value}\s*$", pages[0], re.M), label
    assert "Đơn vị cần chú ý" in pages[2]
    attention = " ".join(pages[2].split())
    assert "Bộ phận Một cửa huyện" in attention and "Thị trấn Một Ngàn" in attention
    reader = PdfReader(io.BytesIO(files[".pdf"]))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width / height == pytest.approx(16 / 9, abs=1e-3)


def page_fonts(page):
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        if font["/Subtype"] == "/Type0":
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        else:
            descriptor = font["/FontDescriptor"]
        yield str(font["/BaseFont"]), descriptor.get_object()


def test_the_pdf_embeds_dejavu(files):
    for page in PdfReader(io.BytesIO(files[".pdf"])).pages:
        fonts = list(page_fonts(page))
        assert fonts
        for name, descriptor in fonts:
            assert "DejaVuSans" in name
            assert "/FontFile2" in descriptor  # the TrueType program itself, embedded


VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def test_the_shipped_fonts_carry_every_vietnamese_letter(brief):
    from reportlab.pdfbase.ttfonts import TTFont

    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    letters |= set(VOWELS) | {"đ"}
    letters |= {letter.upper() for letter in letters}
    used = set(brief.message + handout.CHART_TITLE + handout.CHART_NOTE)
    for slide in brief.slides:
        used |= set(slide.title + slide.note)
        for figure in slide.figures:
            used |= set(f"{figure.label}{figure.value}{figure.status or ''}")
            used |= set(handout.change_text(figure.change) or "")
        if slide.table is not None:
            used |= set("".join(map(str, [*slide.table.columns, *slide.table.values.ravel()])))
    assert len(letters) == 12 * 5 * 2 + 13 * 2
    for name, path in handout.FONT_FILES.items():
        assert path.is_file()
        covered = TTFont(name, str(path)).face.charToGlyph
        assert not {c for c in letters | used if c.strip() and ord(c) not in covered}, name
    assert (handout.FONTS / "LICENSE").read_text().startswith("DejaVuSans.ttf")


def test_vietnamese_reads_back_from_the_pdf(files, brief):
    text = " ".join(" ".join(pdf_pages(files[".pdf"])).split())
    for words in ("Đơn vị cần chú ý", "Chỉ số của tuần", "Mức độ hài lòng trong tuần"):
        assert words in text
    assert "Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý" in text
    assert unicodedata.is_normalized("NFC", text)


def message_figures(message: str) -> dict[str, int]:
    figures = {}
    for key, label in HEADLINES.items():
        match = re.search(rf"^- {label}: ([\d.]+)", message, re.M)
        figures[key] = int(match.group(1).replace(".", ""))
    return figures


def test_the_message_says_what_kpis_week_prints(capsys, files, url):
    assert main(["kpis", "--db", url, "--week", "2024-W45", "--group", "kind"]) == 0
    records = json.loads(capsys.readouterr().out)
    printed = {key: sum(r[key] for r in records) for key in HEADLINES}
    message = files[".txt"].decode("utf-8")
    assert message_figures(message) == printed
    assert message.splitlines()[1].startswith(f"{WEEK_HEADING}: ")
    assert len(message.rstrip("\n")) <= briefing.MESSAGE_LIMIT


def test_the_files_in_memory_are_the_commands(files, brief):
    assert handout.to_bytes(brief, ".txt") == files[".txt"]
    assert files[".txt"] == (brief.message + "\n").encode("utf-8")
    assert files[".pdf"].startswith(b"%PDF-")
    assert zipfile.is_zipfile(io.BytesIO(files[".pptx"]))
    with pytest.raises(ValueError, match="unknown file type"):
        handout.to_bytes(brief, ".docx")
    assert handout.file_name(brief, ".PDF") == "bao-cao-tuan_2024-W45.pdf"


# --- no names ---------------------------------------------------------------------------

APPLICANTS = ["Nguyễn Thị Bích Ngọc", "Trần Văn Khải", "Huỳnh Kim Phượng", "Đặng Quốc Hưng"]
OFFICERS = [
    {"id": 1, "unit_id": 1, "full_name": "Võ Thị Hồng Nhung"},
    {"id": 2, "unit_id": 2, "full_name": "Lâm Văn Tú"},
    {"id": 3, "unit_id": 4, "full_name": "Châu Ngọc Thạch"},
]
NAMES = APPLICANTS + [o["full_name"] for o in OFFICERS]


def with_names() -> dict:
    """fixture_week with a person behind every dossier and rating: applicants, officers,
    a late reason and a comment naming someone."""
    dossiers = [
        {
            **row,
            "applicant_name": APPLICANTS[i % len(APPLICANTS)],
            "officer_id": OFFICERS[i % len(OFFICERS)]["id"],
            "late_reason": f"Chờ {APPLICANTS[(i + 1) % len(APPLICANTS)]} bổ sung giấy tờ",
        }
        for i, row in enumerate(fixture_week.DOSSIERS)
    ]
    ratings = [
        {
            **row,
            "officer_id": OFFICERS[i % 2]["id"],
            "comment": f"Cảm ơn {OFFICERS[i % 2]['full_name']}",
        }
        for i, row in enumerate(fixture_week.RATINGS)
    ]
    return {**fixture_week.ROWS, "officers": OFFICERS, "dossiers": dossiers, "ratings": ratings}


def test_no_name_in_the_data_reaches_a_file(make_db, brief):
    engine = readonly_engine(make_db("sqlite", with_names()))
    named = briefing.build(engine, WEEK)
    assert named.message == brief.message  # the names change nothing
    outputs = {suffix: handout.to_bytes(named, suffix) for suffix in handout.SUFFIXES}
    with zipfile.ZipFile(io.BytesIO(outputs[".pptx"])) as deck:
        deck_text = "".join(deck.read(part).decode("utf-8", "replace") for part in deck.namelist())
    reader = PdfReader(io.BytesIO(outputs[".pdf"]))
    pdf_text = "".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    texts = {".pptx": deck_text, ".pdf": pdf_text, ".txt": outputs[".txt"].decode("utf-8")}
    assert "Bộ phận Một cửa huyện" in texts[".pdf"] and "Tiếp nhận" in texts[".pptx"]
    for suffix, text in texts.items():
        for name in NAMES:
            for form in ("NFC", "NFD"):
                assert unicodedata.normalize(form, name) not in text, (suffix, name)


# --- the command ------------------------------------------------------------------------


def test_the_command_picks_the_last_complete_week_or_the_one_asked(capsys, url, files, tmp_path):
    out = tmp_path / "tuan-45.txt"
    assert main(["brief", "--db", url, "--week", "2024-W45", "--out", str(out)]) == 0
    assert out.read_bytes() == files[".txt"]  # the default week is Tuần 45
    assert capsys.readouterr().err == f"{out}: {HEADING}\n"
    out = tmp_path / "tuan-44.txt"
    assert main(["brief", "--db", url, "--week", "2024-W44", "--out", str(out)]) == 0
    assert "Tuần 44/2024 (28/10–03/11)" in out.read_text(encoding="utf-8").splitlines()[1]


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("tuan.docx", "lỗi: --out phải có đuôi .pptx, .pdf, .txt"),
        ("tuan", "lỗi: --out phải có đuôi .pptx, .pdf, .txt"),
        ("no-such-folder/tuan.pdf", "lỗi: không có thư mục"),
    ],
)
def test_a_wrong_file_says_so_plainly(url, tmp_path, out, message):
    with pytest.raises(SystemExit) as stop:
        main(["brief", "--db", url, "--out", str(tmp_path / out)])
    assert str(stop.value.code).startswith(message) and "\n" not in str(stop.value.code)
    assert not list(tmp_path.iterdir())


def test_a_week_after_the_data_says_so(url, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main(["brief", "--db", url, "--week", "2024-W47", "--out", str(tmp_path / "t.txt")])
    assert stop.value.code == "lỗi: dữ liệu kết thúc ngày 2024-11-11, trước tuần đó"


@pytest.mark.parametrize("backend", ["sqlite-fraction", "postgresql"])
def test_every_backend_gives_the_same_deck(make_db, files, backend):
    engine = readonly_engine(make_db(backend, fixture_week.ROWS))
    other = briefing.build(engine, WEEK)
    assert handout.to_bytes(other, ".txt") == files[".txt"]
    deck = deck_of(handout.to_bytes(other, ".pptx"))
    expected = deck_of(files[".pptx"])
    assert [shape_texts(s) for s in deck.slides] == [shape_texts(s) for s in expected.slides]


def test_the_units_needing_attention_are_a_coloured_grid(files, brief):
    """The deck's attention slide: the screen's grid, each figure's cell on its status
    colour (the overview ranking's), the rest banded; the PDF's page has the same rows."""
    attention = brief.slides[1]
    (grid,) = [s.table for s in deck_of(files[".pptx"]).slides[2].shapes if s.has_table]
    cells = [[cell.text for cell in row.cells] for row in grid.rows]
    assert cells == [list(attention.table.columns), *attention.table.values.tolist()]
    for r, lights in enumerate(attention.lights.itertuples(index=False), start=1):
        for c, light in enumerate(lights):
            fill = str(grid.cell(r, c).fill.fore_color.rgb)
            if light is None:
                assert fill in ("FFFFFF", handout.BAND)
            else:
                assert fill == handout.CELL_FILLS[light]
    assert "red" in set(attention.lights.stack())  # the fixture has a red cell
    page = " ".join(pdf_pages(files[".pdf"])[2].split())
    assert "66,7% – chưa đạt" in page and "Hạng" in page


def test_a_topic_without_data_has_no_page(make_db):
    """No ratings table, no adoption figures, no week with a rate: the deck and the PDF
    have the four slides with figures, nothing saying "Chưa có số liệu"."""
    tables = ["units", "procedures", "officers", "dossiers"]
    rows = {table: fixture_week.ROWS[table] for table in tables if table in fixture_week.ROWS}
    bare = briefing.build(readonly_engine(make_db("sqlite", rows, tables=tables)), WEEK)
    quiet = replace(bare, trend=bare.trend.assign(on_time_rate=float("nan")))
    titles = [slide.title for slide in bare.slides]
    assert len(titles) == 4
    deck = deck_of(handout.to_bytes(quiet, ".pptx"))
    assert [shape_texts(s)[0] for s in deck.slides] == titles
    pages = pdf_pages(handout.to_bytes(quiet, ".pdf"))
    assert len(pages) == 4 and not any("Chưa có số liệu" in page for page in pages)
    with_trend = deck_of(handout.to_bytes(bare, ".pptx"))
    assert [shape_texts(s)[0] for s in with_trend.slides] == expected_titles(bare)


def test_long_tables_stay_on_their_page(brief):
    """A district with many units: twelve rated units beside two figures, five units
    needing attention for many reasons, eight handling offices, all on one page each."""
    units = [f"Xã Tân Phú Thạnh {i}" for i in range(12)]
    reasons = "Nộp trực tuyến 37,6% (chỉ tiêu ≥ 90,0%); Đúng hạn 91,5% (chỉ tiêu ≥ 99,0%); " * 2
    pages = [
        handout.Page(
            "Mức độ hài lòng trong tuần",
            brief.slides[4].figures,
            pd.DataFrame({"Đơn vị": units, "Số phiếu": ["1.234"] * 12, "Hài lòng": ["99,1%"] * 12}),
        ),
        handout.Page(
            "Đơn vị cần chú ý (kém nhất trước)",
            table=pd.DataFrame({"Đơn vị": units[:5], "Lý do": [reasons] * 5}),
        ),
        handout.Page(brief.slides[0].title, brief.slides[0].figures, note=brief.slides[0].note),
    ]
    deck = deck_of(handout.to_pptx(pages, brief))
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width, shape.name
            assert shape.top + shape.height <= deck.slide_height, shape.name
    assert len(PdfReader(io.BytesIO(handout.to_pdf(pages, brief))).pages) == len(pages)
