-- Schema 4 (PDCA): 実績, one row per item and fiscal year; body is the JSON of
-- model::YearResult. No cascade: an item with results cannot be deleted by accident.
CREATE TABLE results (
    draft_id TEXT NOT NULL,
    item_id  TEXT NOT NULL,
    fy       INTEGER NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (draft_id, item_id, fy),
    FOREIGN KEY (draft_id, item_id) REFERENCES items(draft_id, id)
) WITHOUT ROWID;

-- 職員数の見通し (JSON of model::Workforce).
ALTER TABLE drafts ADD COLUMN workforce TEXT NOT NULL DEFAULT '{}';
