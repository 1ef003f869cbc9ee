"""Facts about an .xlsx as openpyxl reads it, as JSON on stdout (used by Rust tests)."""
import json
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
        validations = [
            {"sqref": str(v.sqref), "formula": v.formula1, "type": v.type, "error_style": v.errorStyle}
            for v in ws.data_validations.dataValidation
        ]
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, values_only=False)]
        sheets.append({
            "name": ws.title,
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "headers": headers,
            "ids": ids,
            "rows": [[c for c in r] for r in rows],
            "validations": validations,
            "widths": widths,
        })
    json.dump({"sheets": sheets, "title": wb.properties.title}, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
