"""Edit an .xlsx with openpyxl as a person would in Excel, for Rust tests.

    python xlsx_edit.py IN.xlsx OUT.xlsx '[{"sheet": "研修計画", "cell": "H2", "value": 35},
                                           {"sheet": "研修計画", "delete_row": 3}]'
"""
import json
import sys

import openpyxl


def main(src, dst, edits):
    wb = openpyxl.load_workbook(src)
    for e in json.loads(edits):
        ws = wb[e["sheet"]]
        if "delete_row" in e:
            ws.delete_rows(e["delete_row"])
        elif "append" in e:
            ws.append(e["append"])
        else:
            ws[e["cell"]] = e["value"]
    wb.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
