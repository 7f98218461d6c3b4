"""What would move a unit's 766 estimate (dashboard.index766_actions): every action checked
by recomputing the estimate with it applied (dashboard.index766.scored); the dossiers due
before the month ends, on SQLite and PostgreSQL (tests/fixture_766.py); the briefing's slide
and message lines for the fixture's month to 20/07/2025, worked out by hand."""

import io
from dataclasses import replace
from datetime import date
from datetime import datetime as dt

import pandas as pd
import pytest

from dashboard import briefing
from dashboard.briefing import Figure, Slide
from dashboard.index766 import COUNTS, DUE, index766_counts, scored
from dashboard.index766_actions import actions, weakest
from dashboard.index766_formula import load_formula
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_766
from tests import fixture_common as common

FORMULA = load_formula()


def counts(**given) -> dict:
    """A unit's counts: every group 0 of 0 unless given (`online=(3, 10)`), `due` its
    progress_due."""
    row = {"group": "X", "name": "Xã X", DUE: given.pop("due", 0)}
    for key in (name[: -len("_num")] for name in COUNTS if name.endswith("_num")):
        num, den = given.pop(key, (0, 0))
        row |= {f"{key}_num": num, f"{key}_den": den}
    assert not given, given
    return row


def estimate(row: dict, formula=FORMULA) -> float:
    frame = pd.DataFrame([row]).astype({name: "Int64" for name in (*COUNTS, DUE)})
    return scored(frame, formula)["estimate"].iloc[0]


def applied(row: dict, action) -> dict:
    """The counts as the action leaves them: its dossiers counted in the numerator (a new
    rating counts in the base too); for progress, what not doing it leaves."""
    key, n = action.key, action.count
    if action.keeps:
        return row | {f"{key}_num": row[f"{key}_num"] - n}
    grows = n if key == "satisfaction" else 0
    return row | {f"{key}_num": row[f"{key}_num"] + n, f"{key}_den": row[f"{key}_den"] + grows}


def check(row: dict, action, formula=FORMULA) -> None:
    """The action's points are the estimate's change when it is applied."""
    after = estimate(applied(row, action), formula)
    before = estimate(row, formula)
    change = before - after if action.keeps else after - before
    assert action.points == pytest.approx(change, abs=1e-12), action


ROW = counts(
    progress=(10, 20),
    due=3,
    online=(30, 50),
    payment=(100, 120),
    result_digital=(22, 30),
    components_digital=(2, 10),
    satisfaction=(8, 10),
)


def test_every_action_is_the_estimate_recomputed_with_it():
    found = {a.key: a for a in actions(ROW, FORMULA, shown=6)}
    assert {k: (a.count, round(a.points, 4)) for k, a in found.items()} == {
        "progress": (3, 3.0),  # 20 × 3/20: kept by resolving the three on time
        "online": (20, 4.8),  # all 20 more of 50: 12 × 20/50
        "payment": (20, 1.0),  # 6 × 20/120
        "result_digital": (8, 1.6),  # 6 × 8/30
        "components_digital": (6, 3.0),  # 8 of 10 reach 0.8: 4 − 4 × 0.2/0.8
        "satisfaction": (10, 0.6667),  # 18 of 20 reach 0.9: 6 − 6 × 0.8/0.9
    }
    for action in found.values():
        check(ROW, action)


def test_the_three_worth_the_most_in_plain_vietnamese():
    assert [a.text for a in actions(ROW, FORMULA)] == [
        "Thêm 20 hồ sơ nộp trực tuyến: +4,80 điểm",
        "Giải quyết đúng hạn 3 hồ sơ đến hạn từ nay đến cuối tháng: giữ 3,00 điểm",
        "Số hóa thành phần cho thêm 6 hồ sơ: +3,00 điểm",  # equal to progress: formula order
    ]
    big = counts(payment=(0, 1234), result_digital=(22, 30))
    assert [a.text for a in actions(big, FORMULA)] == [
        "Thêm 1.234 hồ sơ nộp phí trực tuyến: +6,00 điểm",
        "Trả thêm 8 kết quả giải quyết điện tử: +1,60 điểm",
    ]


def test_a_capped_group_asks_only_for_what_reaches_full_points():
    components = next(a for a in actions(ROW, FORMULA, 6) if a.key == "components_digital")
    one_less = replace(components, count=components.count - 1)
    assert estimate(applied(ROW, one_less)) < estimate(applied(ROW, components))
    satisfaction = next(a for a in actions(ROW, FORMULA, 6) if a.key == "satisfaction")
    short = applied(ROW, replace(satisfaction, count=satisfaction.count - 1))
    assert short["satisfaction_num"] / short["satisfaction_den"] < 0.9  # 17 of 19
    # At or past the threshold there is nothing to gain.
    full = counts(components_digital=(8, 10), satisfaction=(9, 10), progress=(5, 5))
    assert actions(full, FORMULA) == []


def test_no_ratio_no_action():
    """A base of 0 (nothing to count), absent columns (missing counts, never 0), nothing
    due: no action for that group."""
    row = counts(online=(0, 0), satisfaction=(0, 0), progress=(4, 8), payment=(1, 2))
    row |= dict.fromkeys(
        ["result_digital_num", "result_digital_den", "components_digital_num"], pd.NA
    )
    row["components_digital_den"] = pd.NA
    assert [a.key for a in actions(row, FORMULA, 6)] == ["payment"]
    nothing_due = counts(progress=(4, 8))
    assert actions(nothing_due, FORMULA) == []  # the 4 late stay late: no points to earn


def test_ratings_cannot_reach_a_threshold_of_one():
    groups = tuple(
        replace(g, full_at=1.0) if g.key == "satisfaction" else g for g in FORMULA.computed
    )
    strict = replace(FORMULA, computed=groups)
    assert actions(counts(satisfaction=(8, 10)), strict) == []
    linear = replace(strict, computed=tuple(replace(g, full_at=None) for g in groups))
    assert actions(counts(satisfaction=(8, 10)), linear) == []
    # Without a threshold the other groups ask for all the rest.
    [components] = actions(counts(components_digital=(2, 10)), linear)
    assert components.count == 8
    check(counts(components_digital=(2, 10)), components, linear)


def test_the_weakest_units_in_service_that_can_move():
    frame = pd.DataFrame(
        [
            counts(progress=(5, 10), online=(1, 2)) | {"group": "A", "name": "Xã A"},
            counts(progress=(9, 10), online=(1, 2)) | {"group": "B", "name": "Xã B"},
            counts(progress=(1, 10)) | {"group": "C", "name": "Xã C"},  # nothing to do
            counts(progress=(2, 10), online=(0, 1)) | {"group": "D", "name": "Xã D"},  # ended
            counts() | {"group": "E", "name": "Xã E"},  # no estimate
        ]
    ).astype({name: "Int64" for name in (*COUNTS, DUE)})
    frame = scored(frame, FORMULA)
    serving = pd.Series([True, True, True, False, True])
    chosen = weakest(frame, FORMULA, serving, 3)
    assert [(u.name, u.score_text) for u in chosen] == [
        ("Xã A", "16,00/32 điểm"),  # 20 × 0.5 + 12 × 0.5 of 20 + 12
        ("Xã B", "24,00/32 điểm"),
    ]
    assert [a.text for a in chosen[0].actions] == ["Thêm 1 hồ sơ nộp trực tuyến: +6,00 điểm"]


# The dossiers due before the month ends, by today's units (fixture_766).

# A paused dossier due before the month ends: its deadline waits for the applicant.
PAUSED = {
    **common.dossier(
        8, "p1", 1, 5, 5, "counter", dt(2025, 7, 5, 9), dt(2025, 7, 20, 17), None, "paused"
    ),
    "fee_required": False,
    "fee_paid_online": False,
    "result_digitised": None,
    "components_digitised": None,
}


# A dossier of no status (damaged: open, as every page reads it; loose tables hold it)
# falling due in August: never due before the end of July.
NO_STATUS = {**PAUSED, "id": 9, "code": "n1", "received_unit_id": 6, "handling_unit_id": 6,
             "due_at": dt(2025, 8, 5, 17), "status": None}  # fmt: skip


@pytest.fixture
def engine(backend, make_db):
    rows = {**fixture_766.ROWS, "dossiers": [*fixture_766.DOSSIERS, PAUSED, NO_STATUS]}
    engine = readonly_engine(make_db(backend, rows, loose=True))
    yield engine
    engine.dispose()


@pytest.mark.parametrize(
    "end, due",
    [
        # m1 (due 18/07 17:00) open on 18/07 00:00; b1 falls due in August.
        (date(2025, 7, 17), {"XA-AB": 1, "XA-C": 0, "XA-D": 0}),
        # a1 of XA-A (due 04/07), counted under XA-AB, which took XA-A's area, and m3
        # (carried over from June, due 05/07).
        (date(2025, 7, 2), {"XA-AB": 2, "XA-C": 0, "XA-D": 0}),
        # m2 (due 22/07) open and within time on 21/07.
        (date(2025, 7, 20), {"XA-AB": 1, "XA-C": 0, "XA-D": 0}),
        # A whole month: what was due in it is late or done already.
        (date(2025, 7, 31), {"XA-AB": 0, "XA-C": 0, "XA-D": 0}),
    ],
)
def test_the_dossiers_due_before_the_month_ends(engine, end, due):
    frame = index766_counts(engine, Period(date(2025, 7, 1), end))
    assert dict(zip(frame["group"], frame[DUE], strict=True)) == due


# The briefing: Tuần 29/2025 (14/07–20/07), the month to 20/07/2025.

W29 = Period.iso_week(2025, 29)
# XA-AB, as of 21/07 00:00: progress a1 m1 early, on time, b1 m2 within time, of a1 a2 b1
# m1 m2 m3: 4 of 6 → 13,33, m2 due 22/07 (3,33 kept); online a1 m1 of a1 a2 m1 m2: 2 of
# 4 → 6 (+6 for 2 more); payment a1 m1 m2 of a1 a2 m1 m2: 3 of 4 → 4,5 (+1,5); result a1
# m1 m3 of a1 a2 m1 m3: 3 of 4 → 4,5 (+1,5, after payment in the formula's order);
# components a1 a2 m1 of a1 a2 b1 m1: 0,75 → 3,75 (+0,25 for one more); satisfaction 7
# ratings, all satisfied → 6. 38,08 of 54. XA-C: 24 of 24, nothing to do; XA-D: nothing.
ACTIONS = [
    "Thêm 2 hồ sơ nộp trực tuyến: +6,00 điểm",
    "Giải quyết đúng hạn 1 hồ sơ đến hạn từ nay đến cuối tháng: giữ 3,33 điểm",
    "Thêm 1 hồ sơ nộp phí trực tuyến: +1,50 điểm",
]
SLIDE_ACTIONS = "\n".join(ACTIONS)  # one action a line


def test_the_slide_and_the_message_say_what_would_move_the_estimate(make_db):
    deck = briefing.build(readonly_engine(make_db("sqlite", fixture_766.ROWS)), W29)
    slide = deck.slides[-1]
    assert slide.title == "Chỉ số 766 (ước tính): việc làm tăng điểm"
    assert slide.table.to_dict("records") == [
        {
            "Đơn vị": "Xã A-B",
            "Ước tính": "38,08/54 điểm",
            "Việc làm tăng điểm nhiều nhất": SLIDE_ACTIONS,
        }
    ]
    assert "tháng 07/2025 đến 20/07/2025" in slide.note
    assert "không phải điểm chính thức trên 100" in slide.note
    assert "766/QĐ-TTg, ước tính theo data-contract 2026-12" in slide.note
    lines = deck.message.splitlines()
    at = lines.index("Chỉ số 766 ước tính, tháng 07/2025 đến 20/07/2025, trên số điểm tính được:")
    assert lines[at + 1] == "- Xã A-B (38,08/54 điểm): thêm 2 hồ sơ nộp trực tuyến (+6,00 điểm)"


def test_the_slide_says_a_wrong_formula_and_no_data_no_slide(make_db, tmp_path, monkeypatch):
    from dashboard.index766_formula import DEFAULT_PATH, ENV

    url = make_db("sqlite", fixture_766.ROWS)
    wrong = tmp_path / "index766.toml"
    wrong.write_text(DEFAULT_PATH.read_text(encoding="utf-8").replace("points = 20", "points = -1"))
    monkeypatch.setenv(ENV, str(wrong))
    slide = briefing.build(readonly_engine(url), W29).slides[-1]
    assert slide.table is None and slide.note.startswith("Chưa tính được: tệp công thức 766")
    monkeypatch.delenv(ENV)
    before = briefing.build(readonly_engine(url), Period.iso_week(2025, 20))  # May: nothing
    assert "Chỉ số 766 (ước tính): việc làm tăng điểm" not in [s.title for s in before.slides]


def test_the_message_leaves_out_the_estimate_before_the_units_needing_attention():
    kpis = Slide("Chỉ số của tuần", [Figure("Tiếp nhận", "699", "+12", "Chưa có chỉ tiêu")])
    from dashboard.content import overview as content

    cards = [content.AttentionCard("A", "Xã A", 1, "1 hồ sơ quá hạn", [], [], False)]
    estimate = ["Chỉ số 766 ước tính, tháng 07/2025:", "- Xã A (38,08/54 điểm): thêm 2 hồ sơ"]
    text = briefing.message("Huyện", W29, kpis, cards, None, estimate)
    assert text.splitlines()[-3:] == ["- Xã A: 1 hồ sơ quá hạn", *estimate]
    long = ["Chỉ số 766 ước tính:", *[f"- Xã {'Nhơn Nghĩa ' * 30}{n}: …" for n in range(3)]]
    text = briefing.message("Huyện", W29, kpis, cards, None, long)
    assert len(text) <= briefing.MESSAGE_LIMIT and "- Xã A: 1 hồ sơ quá hạn" in text
    assert long[2] in text and long[3] not in text  # the last unit left out, not the heading
    longer = ["Chỉ số 766 ước tính:", f"- Xã {'Nhơn Nghĩa ' * 100}"]
    text = briefing.message("Huyện", W29, kpis, cards, None, longer)
    assert "Chỉ số 766" not in text and "- Xã A: 1 hồ sơ quá hạn" in text  # no heading alone


def test_each_action_on_a_line_of_its_own_on_screen_in_powerpoint_and_in_pdf(make_db):
    from pptx import Presentation
    from pypdf import PdfReader

    from dashboard import handout
    from dashboard.content.briefing import slide_html

    deck = briefing.build(readonly_engine(make_db("sqlite", fixture_766.ROWS)), W29)
    assert "<br>".join(ACTIONS) in slide_html(deck, len(deck.slides))

    pages = handout.pages(deck)
    slide = Presentation(io.BytesIO(handout.to_pptx(pages, deck))).slides[-1]
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    assert table.cell(1, 2).text_frame.text.splitlines() == ACTIONS  # line breaks, one cell

    text = PdfReader(io.BytesIO(handout.to_pdf(pages, deck))).pages[-1].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    assert all(action in lines for action in ACTIONS[::2])  # short enough for one line each
