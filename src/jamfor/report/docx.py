"""Render a :class:`~jamfor.report.model.Report` as a Word document (python-docx).

Analysts edit the report after the quality meeting, so the Word file must be
made of real Word parts rather than look-alikes: sections are Heading 1 and 2
(Word's navigation pane and the inserted table of contents are built from
them), tables are Word tables whose header row repeats on every page, the
agreed interpretations are paragraphs in the custom style «Tolkning», and the
charts are PNG pictures with the chart's description as alternative text.
Every heading of the HTML report is a Word heading one level up (h2 is
Heading 1): the notices before the first section and the interpretations'
title under a table too, so a screen reader's list of headings is the same in
both. Space comes from the styles, never from empty paragraphs, which a
screen reader reads out as "blank".
The document's language is Swedish (sv-SE) so that Word spell-checks it as such.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from jamfor import __version__
from jamfor.report.model import (
    PRELIMINARY_TEXT,
    Cell,
    Note,
    NoteBlock,
    Report,
    ReportTable,
    Section,
)

LANGUAGE = "sv-SE"
NOTE_STYLE = "Tolkning"
NOTE_ITEM_STYLE = "Tolkningslista"
TABLE_TEXT_STYLE = "Tabelltext"
TABLE_NOTE_STYLE = "Tabellnot"
CELL_STYLE = "Tabellcell"

_ACCENT = "1F4E79"
_BAND = "EEF3F8"
_NOTE_FILL = "F4F7FA"
_MUTED = RGBColor(0x55, 0x55, 0x55)
_COLOUR_FILLS = {"green": "C6E6C3", "yellow": "FBEAA5", "red": "F4C2BD", "grey": "E3E3E3"}
_TEXT_WIDTH = Mm(170)
# Elements that follow w:pBdr / w:shd in w:pPr and w:shd in w:tcPr (ECMA-376 order).
_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_CELL_SHADING = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _set_language(doc: WordDocument) -> None:
    """Swedish as the language of every run, through the document defaults."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")


def _shading(fill: str) -> BaseOxmlElement:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def _add_styles(doc: WordDocument) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10)

    for level in (1, 2):  # Word's own names, so its TOC field uses them when it updates
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Mm(5 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)

    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.quick_style = True
    note.font.size = Pt(9)
    fmt = note.paragraph_format
    fmt.left_indent = Mm(4)
    fmt.right_indent = Mm(2)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(3)
    ppr = note.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", _ACCENT)):
        left.set(qn(key), value)
    borders.append(left)
    # Word rejects a file whose pPr children are out of schema order.
    ppr.insert_element_before(borders, *_AFTER_BORDER)
    ppr.insert_element_before(_shading(_NOTE_FILL), *_AFTER_BORDER[1:])

    item = styles.add_style(NOTE_ITEM_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = note
    item_fmt = item.paragraph_format
    item_fmt.left_indent = Mm(9)
    item_fmt.first_line_indent = Mm(-4)

    table_text = styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    table_text.font.size = Pt(8.5)
    table_text.font.color.rgb = _MUTED
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.keep_with_next = True

    table_note = styles.add_style(TABLE_NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_note.base_style = styles["Normal"]
    table_note.font.size = Pt(8)
    table_note.font.color.rgb = _MUTED
    table_note.paragraph_format.space_after = Pt(2)

    cell = styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.size = Pt(8.5)
    cell.paragraph_format.space_before = Pt(1)
    cell.paragraph_format.space_after = Pt(1)

    # Only the interpretations' titles under a table are this deep: they keep the note's look.
    notes_heading = styles["Heading 3"]
    notes_heading.font.size = Pt(9.5)
    notes_heading.font.color.rgb = RGBColor.from_string(_ACCENT)
    notes_heading.paragraph_format.space_before = Pt(6)
    notes_heading.paragraph_format.space_after = Pt(3)
    notes_heading.paragraph_format.keep_with_next = True

    caption = styles["Caption"]
    caption.font.size = Pt(9.5)
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = RGBColor(0x1B, 0x1B, 0x1B)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(8)


def _field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) with ``placeholder`` as its last result."""

    def char(kind: str) -> None:
        run = paragraph.add_run()
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run._r.append(fld)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _page_setup(doc: WordDocument, report: Report) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = report.running_title
    header.runs[0].font.size = Pt(8)
    header.runs[0].font.color.rgb = _MUTED
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = _MUTED
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")  # Word offers to build the contents on opening
    update.set(qn("w:val"), "true")
    settings.insert_element_before(update, *_AFTER_UPDATE_FIELDS)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """A clickable link: python-docx has no API for one, so the relationship and the
    w:hyperlink element are made as Word makes them."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(colour)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _title_page(doc: WordDocument, report: Report) -> None:
    tp = report.title_page
    if tp is not None and tp.logo is not None and tp.logo.media_type != "image/svg+xml":
        doc.add_picture(io.BytesIO(tp.logo.data), width=Mm(40))
        inline = doc.inline_shapes[-1]._inline
        inline.docPr.set("descr", tp.logo.alt)
    kicker = doc.add_paragraph("ÖPPNA JÄMFÖRELSER")
    kicker.paragraph_format.space_before = Mm(40 if tp and tp.logo else 60)
    kicker.runs[0].font.color.rgb = _MUTED
    doc.add_paragraph(report.title, style="Title")
    doc.add_paragraph(f"– i {report.subtitle}", style="Subtitle")
    if tp is not None and tp.authors:
        doc.add_paragraph(", ".join(tp.authors), style="Subtitle")
    if tp is not None and tp.organisation:
        doc.add_paragraph(tp.organisation, style="Subtitle")
    made = doc.add_paragraph(
        f"Sammanställd {report.made.isoformat()} med jamfor {__version__}", style=TABLE_NOTE_STYLE
    )
    made.add_run().add_break(WD_BREAK.PAGE)


def _headings(report: Report) -> list[tuple[int, str]]:
    """The document's Heading 1 and 2 in order, as the TOC field lists them."""
    out: list[tuple[int, str]] = []
    if report.synthetic:
        out.append((1, "Syntetiska data"))
    if report.preliminary:
        out.append((1, "Preliminärt resultat"))
    if report.warnings:
        out.append((1, "Avvikelser mot publicerade snitt"))
    for section in report.sections:
        out.append((1, section.title))
        out.extend((2, sub.title) for sub in section.subsections)
    if report.appendix is not None:
        out.append((1, report.appendix.title))
        out.extend((2, title) for title, _ in report.appendix.sections)
    return out


def _contents(doc: WordDocument, report: Report) -> None:
    """The table of contents: a TOC field whose result is already the headings, so Word
    opens with it filled (page numbers come when Word updates the field on opening)."""
    doc.add_paragraph("Innehåll", style="TOC Heading")
    entries = _headings(report) or [(1, "Innehåll")]

    def char(paragraph: Paragraph, kind: str) -> None:
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        paragraph.add_run()._r.append(fld)

    last = len(entries) - 1
    for i, (level, title) in enumerate(entries):
        paragraph = doc.add_paragraph(style=f"toc {level}")
        if i == 0:
            char(paragraph, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            paragraph.add_run()._r.append(instr)
            char(paragraph, "separate")
        paragraph.add_run(title)
        if i == last:
            char(paragraph, "end")
            paragraph.add_run().add_break(WD_BREAK.PAGE)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = CELL_STYLE
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    return paragraph


def _cell_fill(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(_shading(fill), *_AFTER_CELL_SHADING)


def _row_properties(table: WordTable, index: int, *, header: bool) -> None:
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tbl_header = OxmlElement("w:tblHeader")
        tr_pr.append(tbl_header)


def _data_cell(word_cell: _Cell, cell: Cell, kind: str) -> None:
    paragraph = _cell_text(
        word_cell,
        cell.display,
        bold=kind == "snitt" or cell.colour is not None,
        italic=kind == "reference" or cell.missing,
    )
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if cell.missing:
        paragraph.runs[0].font.color.rgb = _MUTED
    if cell.colour is not None:
        _cell_fill(word_cell, _COLOUR_FILLS[cell.colour])
    elif kind == "snitt":
        _cell_fill(word_cell, _BAND)


def _table(doc: WordDocument, table: ReportTable) -> WordTable:
    word: WordTable = doc.add_table(rows=1 + len(table.rows), cols=1 + len(table.columns))
    word.style = doc.styles["Table Grid"]
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row_properties(word, 0, header=True)
    head = word.rows[0].cells
    _cell_text(head[0], "")
    _cell_fill(head[0], _BAND)
    for head_cell, column in zip(head[1:], table.columns, strict=True):
        _cell_text(head_cell, column, bold=True).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _cell_fill(head_cell, _BAND)
    for i, row in enumerate(table.rows, start=1):
        _row_properties(word, i, header=False)
        cells = word.rows[i].cells
        _cell_text(cells[0], row.header, bold=row.kind == "snitt", italic=row.kind == "reference")
        if row.kind == "snitt":
            _cell_fill(cells[0], _BAND)
        for word_cell, cell in zip(cells[1:], row.cells, strict=True):
            _data_cell(word_cell, cell, row.kind)
    # Keep a short table on one page: every row but the last keeps with the next.
    for word_row in word.rows[:-1]:
        for word_cell in word_row.cells:
            for paragraph in word_cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    return word


def _picture(doc: WordDocument, png: bytes, description: str) -> None:
    doc.add_picture(io.BytesIO(png), width=_TEXT_WIDTH)
    paragraph = doc.paragraphs[-1]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", description)
    inline.docPr.set("title", description.split(":")[0])


def _note(doc: WordDocument, note: Note, heading_suffix: str = ":") -> None:
    first = doc.add_paragraph(style=NOTE_STYLE)
    first.add_run(f"{note.heading}{heading_suffix}").bold = True
    if note.paragraphs:
        first.add_run(f" {note.paragraphs[0]}")
    for n, item in enumerate(note.items, start=1):
        doc.add_paragraph(f"{n}.\t{item}" if note.ordered else f"•\t{item}", style=NOTE_ITEM_STYLE)
    for text in note.paragraphs[1:]:
        doc.add_paragraph(text, style=NOTE_STYLE)


def _notes(doc: WordDocument, block: NoteBlock, level: int) -> None:
    doc.add_heading(block.title, level=level)
    for note in block.notes:
        _note(doc, note)


def _result_table(
    doc: WordDocument,
    report: Report,
    table: ReportTable,
    png: Callable[[ReportTable], bytes],
    level: int,
) -> None:
    """A table with its chart, notes and texts; ``level`` is the heading level under it."""
    doc.add_paragraph(
        f"Tabell {table.number}. {table.title}" if table.number else table.title,
        style="Caption",
    )
    for line in table.captions:
        doc.add_paragraph(line, style=TABLE_TEXT_STYLE)
    _table(doc, table)
    if table.chart is not None:
        _picture(doc, png(table), table.chart.description)
    if table.colour_legend:
        doc.add_paragraph(table.colour_legend, style=TABLE_NOTE_STYLE)
    for footnote in table.footnotes:
        doc.add_paragraph(footnote, style=TABLE_NOTE_STYLE)
    source = report.source_line(table)
    if source:
        doc.add_paragraph(source, style=TABLE_NOTE_STYLE)
    for text in table.texts:
        doc.add_paragraph(text)
    if table.notes is not None:
        _notes(doc, table.notes, level)


def _section(
    doc: WordDocument, report: Report, section: Section, png: Callable[[ReportTable], bytes]
) -> None:
    level = max(section.level - 1, 1)
    doc.add_heading(section.title, level=level)
    for text in section.paragraphs:
        doc.add_paragraph(text)
    for block in section.blocks:
        if not block.items:
            doc.add_paragraph(block.text)
        for n, item in enumerate(block.items, start=1):
            doc.add_paragraph(
                f"{n}.\t{item}" if block.ordered else f"•\t{item}", style=NOTE_ITEM_STYLE
            )
    for link in section.links:
        _hyperlink(doc.add_paragraph(style=NOTE_ITEM_STYLE), link.text, link.url)
    for table in section.tables:
        _result_table(doc, report, table, png, level + 1)
    for sub in section.subsections:
        _section(doc, report, sub, png)


def _warnings(doc: WordDocument, report: Report) -> None:
    if report.preliminary:
        doc.add_heading("Preliminärt resultat", level=1)
        doc.add_paragraph(PRELIMINARY_TEXT, style=NOTE_STYLE)
    if report.synthetic:
        doc.add_heading("Syntetiska data", level=1)
        doc.add_paragraph(
            "Rapporten bygger på påhittade siffror från «jamfor demo-data». Den visar hur en "
            "rapport ser ut, men inga resultat i den är verkliga.",
            style=NOTE_STYLE,
        )
    if not report.warnings:
        return
    doc.add_heading("Avvikelser mot publicerade snitt", level=1)
    doc.add_paragraph(
        "Snittet i rapporten är alltid beräknat ur kommunernas värden. Där det publicerade "
        "snittet i indata skiljer sig står det i en not under tabellen:",
        style=NOTE_STYLE,
    )
    for warning in report.warnings:
        doc.add_paragraph(f"•\t{warning}", style=NOTE_ITEM_STYLE)


def _appendix(doc: WordDocument, report: Report) -> None:
    appendix = report.appendix
    if appendix is None:
        return
    doc.add_heading(appendix.title, level=1).paragraph_format.page_break_before = True
    for text in appendix.intro:
        doc.add_paragraph(text)
    for title, questions in appendix.sections:
        doc.add_heading(title, level=2)
        for q in questions:
            question = doc.add_paragraph()
            question.paragraph_format.keep_with_next = True
            if q.asked_when:
                question.paragraph_format.left_indent = Mm(6)
            question.add_run(f"{q.number}. {q.text}").bold = True
            details = [
                *([q.asked_when] if q.asked_when else []),
                *([f"Mättidpunkt: {q.measured}"] if q.measured else []),
                *(f"•\t{p}" for p in q.parts),
                *([f"Svarsalternativ: {' · '.join(q.options)}"] if q.options else []),
                *([f"Svar: {q.answer}"] if q.answer else []),
            ]
            for line in details:
                p = doc.add_paragraph(line, style=TABLE_TEXT_STYLE)
                p.paragraph_format.keep_with_next = False
                if q.asked_when:
                    p.paragraph_format.left_indent = Mm(6)
            for note in q.interpretations:
                _note(
                    doc,
                    dataclasses.replace(note, heading=f"Överenskommen tolkning ({note.heading})"),
                )


def render_docx(report: Report, made: dt.date | None = None) -> bytes:
    """The report as a Word document (.docx); ``made`` overrides its compilation date."""
    from jamfor.report.charts import chart_png  # matplotlib is imported only when drawing

    if made is not None:
        report = dataclasses.replace(report, made=made)

    def png(table: ReportTable) -> bytes:
        assert table.chart is not None
        return chart_png(table.chart)

    doc = Document()
    _set_language(doc)
    _add_styles(doc)
    props = doc.core_properties
    props.title = report.running_title
    props.subject = f"Öppna jämförelser {report.year}"
    props.language = LANGUAGE
    props.author = "jamfor"
    props.comments = f"Sammanställd {report.made.isoformat()} med jamfor {__version__}"
    props.created = dt.datetime.combine(report.made, dt.time(12, 0))
    _page_setup(doc, report)
    _title_page(doc, report)
    _contents(doc, report)
    _warnings(doc, report)
    for section in report.sections:
        _section(doc, report, section, png)
    _appendix(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
