#!/usr/bin/env python3
"""Write the seed inputs of every fuzz target into fuzz/corpus/<target>/ (before `cargo fuzz
cmin` trims them). Inputs come from the repository's own files and from files the `hoshin`
CLI wrote (pass their folder: town-8000.docx, city-300000.xlsx, ... as written by
`hoshin export`), plus hand-made hostile ones: zip bombs (one entry that inflates to over
1 GB), zips whose directory lies about the unpacked size, and malformed XML.

Each target reads its first byte as a mode (see fuzz/fuzz_targets/*.rs); seeds carry it.

    python3 fuzz/seeds/make_seeds.py /path/to/cli-exports
"""
import hashlib
import io
import os
import struct
import sys
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
EXPORTS = sys.argv[1] if len(sys.argv) > 1 else None


def put(target, data, label):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-%s-%s" % (label, hashlib.sha1(data).hexdigest()[:12])
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def zip_of(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.wordprocessingml.document.main+xml"/></Types>')
XLSX_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.spreadsheetml.sheet.main+xml"/></Types>')


def bomb(types, entry, head, fill, total):
    """A package whose `entry` inflates to `total` bytes: `head`, then `fill` repeated;
    deflated while streaming, so it never sits in memory whole."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        with z.open(entry, "w") as f:
            f.write(head)
            chunk = fill * ((1 << 20) // len(fill))
            written = len(head)
            while written < total:
                f.write(chunk)
                written += len(chunk)
    return buf.getvalue()


def lying(data, entry, claimed):
    """`data` (a zip) with `entry`'s unpacked size rewritten to `claimed` in the local header
    and the central directory: a bomb that a size check on the directory alone lets through."""
    b = bytearray(data)
    name = entry.encode()
    i = 0
    while True:
        i = b.find(b"PK\x03\x04", i)
        if i < 0:
            break
        n, m = struct.unpack_from("<HH", b, i + 26)
        if bytes(b[i + 30:i + 30 + n]) == name:
            struct.pack_into("<I", b, i + 22, claimed)
        i += 4
    i = 0
    while True:
        i = b.find(b"PK\x01\x02", i)
        if i < 0:
            break
        n = struct.unpack_from("<H", b, i + 28)[0]
        if bytes(b[i + 46:i + 46 + n]) == name:
            struct.pack_into("<I", b, i + 24, claimed)
        i += 4
    return bytes(b)


def w_doc(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body>'
            '</w:document>' % body).encode()


def para(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return "<w:p>%s<w:r><w:t>%s</w:t></w:r></w:p>" % (ppr, text)


POLICY_TXT = "\n".join([
    "みどり町人材育成基本方針",
    "",
    "第１　目指すべき職員像",
    "町民の立場で考え、挑戦する職員を目指す。",
    "",
    "１　求められる能力",
    "（１）基礎的な能力",
    "ア　公務員倫理",
    "文書事務と町民対応の基本を身に付ける。",
    "（ア）ＯＪＴ",
    "職場で育てる。",
    "第二　人材の確保",
    "採用試験を見直す。",
    "ｱ　半角カナの見出し",
    "本文。",
    "",
])

MALFORMED_XML = [
    b"<w:document><w:body><w:p><w:r><w:t>unclosed",
    b"<w:p><w:t>&undefined;</w:t></w:p>",
    b"<w:p><w:t>&#xD800;&#0;&#x110000;</w:t></w:p>",
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>',
    b"<w:p>" * 20000,
    b"<w:t>" + "第１　見出し".encode("shift_jis") + b"</w:t>",
    b'<?xml version="1.0" encoding="Shift_JIS"?><w:p><w:r><w:t>' + "第１　職員像".encode("shift_jis") + b"</w:t></w:r></w:p>",
    b"<w:p><w:pPr><w:pStyle w:val=\"99999999999999999999\"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>",
    b"<w:p></w:t></w:p></w:p><w:t><w:t><w:t>",
    b"<w:p a=\"1\" a=\"2\"><w:t a=\"<\">x</w:t></w:p>",
    b"<![CDATA[<w:p>]]><!-- <w:p> --><?pi x?>",
    b"\xef\xbb\xbf\xff\xfe<w:p/>",
]


def main():
    # --- exchange -------------------------------------------------------------------
    samples = os.path.join(ROOT, "policy-templates", "samples")
    jsons = [read(os.path.join(samples, f)) for f in sorted(os.listdir(samples)) if f.endswith(".hoshin.json")]
    for j in jsons:
        put("exchange", j, "sample")
    town = jsons[-1] if jsons else b"{}"
    put("exchange", b"\xef\xbb\xbf" + jsons[0], "bom")
    put("exchange", jsons[0][: len(jsons[0]) // 2], "truncated")
    put("exchange", jsons[0].decode().encode("utf-16"), "utf16")
    put("exchange", b'{"format_version": 2, "draft": ' + b"[" * 5000 + b"]" * 5000 + b"}", "deep")
    put("exchange", b'{"format_version": 99, "draft": {}}', "future")
    put("exchange", b'{"format_version": 1, "draft": {"meta": {"title": "\\ud800"}}}', "surrogate")
    put("exchange", b'{"format_version": 2, "draft": {}, "draft": 1}', "dupkey")

    # --- old_policy (first byte: 0 txt, 1 md, 2 docx as is, 3 document.xml) ------------
    put("old_policy", b"\x00" + POLICY_TXT.encode(), "txt")
    put("old_policy", b"\x00" + POLICY_TXT.encode("cp932"), "sjis")
    put("old_policy", b"\x00\xef\xbb\xbf" + POLICY_TXT.encode(), "bom")
    put("old_policy", b"\x00\xff\xfe" + POLICY_TXT.encode("utf-16-le"), "utf16")
    if EXPORTS:
        for f in sorted(os.listdir(EXPORTS)):
            p = os.path.join(EXPORTS, f)
            if f.endswith(".md"):
                put("old_policy", b"\x01" + read(p), "md")
            elif f.endswith(".docx"):
                put("old_policy", b"\x02" + read(p), "docx")
                with zipfile.ZipFile(p) as z:
                    put("old_policy", b"\x03" + z.read("word/document.xml"), "docxml")
            elif f.endswith(".xlsx"):
                with zipfile.ZipFile(p) as z:
                    which = {"town-8000": 0, "city-300000": 1, "prefecture": 2}.get(f[:-5], 0)
                    put("excel", bytes([which]) + read(p), "xlsx")
                    for k, part in enumerate(["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                                              "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                                              "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml",
                                              "xl/workbook.xml", "[Content_Types].xml",
                                              "xl/_rels/workbook.xml.rels"]):
                        put("excel", bytes([which + 3 * (k + 1)]) + z.read(part), "part%d" % (k + 1))
    headings = "".join([para("第１　目指すべき職員像", "1"), para("町民の立場で考える。"),
                        para("研修", "Heading2"), para("１　職場研修"), para("OJT を行う。"),
                        para("題", "Title"), para("<w:tab/>", None)])
    put("old_policy", b"\x03" + w_doc(headings), "docxml")
    put("old_policy", b"\x02" + zip_of([("[Content_Types].xml", DOCX_TYPES), ("word/document.xml", w_doc(headings))]), "docx")
    for k, x in enumerate(MALFORMED_XML):
        put("old_policy", b"\x03" + x, "badxml%d" % k)
    put("old_policy", b"\x02" + zip_of([("[Content_Types].xml", DOCX_TYPES)]), "nobody")
    put("old_policy", b"\x02PK\x03\x04broken", "brokenzip")
    # A .docx whose body inflates to over 1 GB (about 1 MB on disk).
    # 40 MB (over the 32 MB that hoshin-revise reads): about 40 KB on disk; a bigger bomb
    # reaches nothing more, it only makes the corpus larger.
    docx_bomb = bomb(DOCX_TYPES, "word/document.xml", w_doc("")[:-len(b"</w:body></w:document>")], b" " * 1024, 40 << 20)
    put("old_policy", b"\x02" + docx_bomb, "docxbomb")
    # 40 MB behind a directory that says 2 KB.
    small = bomb(DOCX_TYPES, "word/document.xml", w_doc("")[:-len(b"</w:body></w:document>")], b" " * 1024, 40 << 20)
    put("old_policy", b"\x02" + lying(small, "word/document.xml", 2048), "docxliar")

    # --- excel (first byte: sample + 3 * part; 0..2 = the whole file) ----------------------
    xlsx_bomb = bomb(XLSX_TYPES.replace(b"sheet.main", b"sheet.main spreadsheetml"), "xl/worksheets/sheet1.xml",
                     b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
                     b" " * 1024, 210 << 20)  # over hoshin-sheet's 200 MB, about 200 KB on disk
    put("excel", b"\x00" + xlsx_bomb, "xlsxbomb")
    if EXPORTS and os.path.exists(os.path.join(EXPORTS, "town-8000.xlsx")):
        # The town's real workbook with its first sheet swapped for 300 MB that the
        # directory calls 4 KB.
        with zipfile.ZipFile(os.path.join(EXPORTS, "town-8000.xlsx")) as z:
            parts = [(n, z.read(n)) for n in z.namelist()]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
            for n, data in parts:
                if n != "xl/worksheets/sheet1.xml":
                    out.writestr(n, data)
                    continue
                with out.open(n, "w") as f:
                    f.write(data[: data.find(b"<sheetData>") + len(b"<sheetData>")])
                    chunk = b" " * (1 << 20)
                    for _ in range((300 << 20) // len(chunk)):
                        f.write(chunk)
                    f.write(b"</sheetData></worksheet>")
        put("excel", b"\x00" + lying(buf.getvalue(), "xl/worksheets/sheet1.xml", 4096), "xlsxliar")
    put("excel", b"\x00" + zip_of([("[Content_Types].xml", XLSX_TYPES)]), "empty")
    for k, x in enumerate(MALFORMED_XML[:6]):
        put("excel", bytes([3 * (1 + k % 6)]) + x, "badxml%d" % k)

    # --- pdf_layout (first byte < 0x80: Markdown as it is; bit 0 toc, bit 1 cover) ----------
    if EXPORTS:
        for f in sorted(os.listdir(EXPORTS)):
            if f.endswith(".md"):
                put("pdf_layout", b"\x03" + read(os.path.join(EXPORTS, f)), "md")
    put("pdf_layout", b"\x00" + ("- あ\n" + "".join("    " * i + "- 深い\n" for i in range(1, 60))).encode(), "deeplist")
    put("pdf_layout", b"\x00" + (">" * 200 + " 引用\n").encode(), "deepquote")
    put("pdf_layout", b"\x00" + ("|" + "列|" * 60 + "\n|" + "---|" * 60 + "\n|" + "値|" * 60 + "\n").encode(), "widetable")
    put("pdf_layout", b"\x00" + ("本文、「括弧」。" * 5000).encode(), "hugepara")
    put("pdf_layout", b"\x00" + "```hoshin-chart\ntitle: 時間外\nx: R9|R10|R11\nseries: solid|実績|19.1|18.2|\nseries: dotted|目標|19|17.5|16\n```\n".encode(), "chart")
    put("pdf_layout", b"\x00" + "改正後は<u>新しい</u>文<br>です。<!-- hoshin:column-weights 5 5 2 -->\n\n| 新 | 旧 | 備考 |\n|---|---|---|\n| <u>あ</u><br>い | う | え |\n".encode(), "html")
    for k in range(4):
        put("pdf_layout", bytes([0x80 + k]) + hashlib.sha512(b"pdf%d" % k).digest() * 4, "structured")

    # --- templates (first byte: file, see FILES in templates.rs) -----------------------------
    files = ["lists.toml", "indicators.toml", "walk.toml", "rules.toml", "workforce.toml", "style.toml",
             "guideline/01-kihon.toml", "guideline/02-ikusei.toml", "guideline/03-kakuho.toml",
             "guideline/04-kankyo.toml", "guideline/05-digital.toml", "guideline/06-suishin.toml",
             "export/policy.md.tera", "export/appendix.md.tera", "export/comparison.md.tera",
             "export/review.md.tera", "export/drafts.md.tera", "export/worksheet.md.tera", "export/summary.md.tera"]
    for k, f in enumerate(files):
        text = read(os.path.join(ROOT, "policy-templates", f))
        put("templates", bytes([k]) + text, "real")
    put("templates", bytes([0]) + b'[[training_types]]\nid = "x"\nlabel = "' + b"\\u00" + b'"\n', "badtoml")
    put("templates", bytes([12]) + b"{% for x in doc.sections %}{{ x.title | upper }}{% endfor %}{{ missing.field }}", "badtera")
    put("templates", bytes([12]) + b"{% macro m(n) %}{{ self::m(n=n) }}{% endmacro m %}", "macro")


if __name__ == "__main__":
    main()
