"""Facts about a .docx as python-docx reads it, as JSON on stdout (used by Rust tests).

    python docx_facts.py FILE.docx
"""
import json
import sys

import docx
from docx.oxml.ns import qn


def cell_text(cell):
    return "\n".join(p.text for p in cell.paragraphs)


def main(path):
    d = docx.Document(path)
    body = d.element.body
    paragraphs = [
        {"style": p.style.name if p.style is not None else "", "text": p.text}
        for p in d.paragraphs
    ]
    tables = []
    for t in d.tables:
        rows = []
        for r in t.rows:
            trpr = r._tr.trPr
            header = trpr is not None and trpr.find(qn("w:tblHeader")) is not None
            rows.append({"header": header, "cells": [cell_text(c) for c in r.cells]})
        tables.append(rows)
    sec = d.sections[0]
    fields = [i.text for i in body.iter(qn("w:instrText"))]
    footer_fields = [
        i.text for i in sec.footer._element.iter(qn("w:instrText"))
    ]
    styles = {}
    for s in d.styles:
        if s.type == 1 and s.name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
            rfonts = s.element.find(qn("w:rPr"))
            east = None
            if rfonts is not None and rfonts.find(qn("w:rFonts")) is not None:
                east = rfonts.find(qn("w:rFonts")).get(qn("w:eastAsia"))
            styles[s.name] = {"east_asia": east, "size": s.font.size.pt if s.font.size else None}
    underlined = [
        r.text
        for t in d.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.underline
    ]
    out = {
        "underlined": underlined,
        "title": d.core_properties.title,
        "author": d.core_properties.author,
        "paragraphs": paragraphs,
        "tables": tables,
        "page": {
            "width_mm": round(sec.page_width.mm),
            "height_mm": round(sec.page_height.mm),
            "orientation": str(sec.orientation),
        },
        "fields": fields,
        "footer_fields": footer_fields,
        "styles": styles,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
