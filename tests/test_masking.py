"""Masking of applicants' names (personal data) wherever they are shown or exported."""

import pytest

from dashboard.masking import MISSING, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V. A."),
        ("Trần Thị Minh Khai", "Trần T. M. K."),
        ("Lê Na", "Lê N."),
        # Extra and odd spaces do not leak into the result.
        ("  Phạm   Văn\tBình ", "Phạm V. B."),
        # Lower case initials are raised; the family name is kept as written.
        ("nguyễn văn an", "nguyễn V. A."),
        # Decomposed Vietnamese (NFD, as some tools write it) gives whole letters.
        ("Nguye\u0302\u0303n Va\u0306n A\u0306n", "Nguyễn V. Ă."),
    ],
)
def test_family_name_and_initials(name, masked):
    assert mask_name(name) == masked


def test_one_word_name_keeps_only_its_initial():
    # A single word may be the whole of someone's name: still personal data.
    assert mask_name("Khai") == "K."
    assert mask_name("ánh") == "Á."


@pytest.mark.parametrize("name", [None, "", "   ", float("nan"), "<b></b>", "123 ;--"])
def test_empty_or_missing(name):
    assert mask_name(name) == MISSING


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("<b>Lê</b> Thị <script>alert(1)</script>", "Lê T."),
        ("<b>Lê</b> Thị <script>", "Lê T."),
        ("Hà <SCRIPT src=x>a</script > Vy", "Hà V."),
        ("&lt;script&gt;alert(1)&lt;/script&gt; Trần Bình", "Trần B."),
        ("<img src=x onerror=alert(1)>Võ Văn Tâm", "Võ V. T."),
        ("Lý'; DROP TABLE dossiers; -- Văn", "Lý D. T. D. V."),
        ("**Đỗ** [Văn](javascript:x) `Hùng`", "Đỗ V. H."),
    ],
)
def test_markup_is_neutralised(name, masked):
    result = mask_name(name)
    assert result == masked
    # Only letters, spaces and the dots of the initials remain: inert as text, Markdown or HTML.
    assert all(ch.isalpha() or ch in " ." for ch in result)
