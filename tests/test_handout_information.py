"""A handout's document information is rewritten quietly, whatever Chromium's PDF counts."""

import io
import logging
import re

from pypdf import PdfReader, PdfWriter

from tools.handouts import keep_only_title_and_dates

MODIFIED = "2026-11-26T00:00:00-08:00"


def pdf_counting_too_few_objects(path):
    """A one-page PDF whose trailer counts fewer objects than its pages use, as Chromium's can."""
    pdf = PdfWriter()
    pdf.add_blank_page(612, 792)
    pdf.add_metadata({"/Title": "A Handout", "/Producer": "Skia/PDF"})
    written = io.BytesIO()
    pdf.write(written)
    # The catalog, the page tree and the page: three, where the trailer says two.
    path.write_bytes(re.sub(rb"/Size \d+", b"/Size 2", written.getvalue()))


def test_rewriting_a_handouts_dates_prints_no_warning_about_its_object_count(
    tmp_path, caplog, capsys
):
    handout = tmp_path / "handout.pdf"
    pdf_counting_too_few_objects(handout)
    with caplog.at_level(logging.WARNING):
        keep_only_title_and_dates(handout, MODIFIED)
    assert not [record.getMessage() for record in caplog.records]
    assert capsys.readouterr().err == ""
    info = PdfReader(handout).metadata
    assert info["/Title"] == "A Handout"
    assert "/Producer" not in info
