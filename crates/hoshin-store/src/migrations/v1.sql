-- Schema 1: drafts, their guideline sections, linked items and the links between them,
-- and named versions (snapshots as exchange JSON).
CREATE TABLE drafts (
    id                TEXT PRIMARY KEY,
    municipality      TEXT NOT NULL,
    municipality_kind TEXT NOT NULL,
    title             TEXT NOT NULL,
    fy_from           INTEGER NOT NULL,
    fy_to             INTEGER NOT NULL,
    status            TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    trashed_at        TEXT,
    governance        TEXT NOT NULL DEFAULT '{}',   -- JSON of model::Governance
    revision          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sections (
    draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    section_id TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (draft_id, section_id)
) WITHOUT ROWID;

-- One row per linked item; body is the item's JSON without its link fields.
CREATE TABLE items (
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position INTEGER NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (draft_id, id)
);
CREATE INDEX items_by_kind ON items(draft_id, kind, position);

-- Links are rows, so SQLite itself refuses a link to an item that does not exist and
-- the deletion of an item that is still linked to (checked at the end of each statement).
CREATE TABLE links (
    draft_id TEXT NOT NULL,
    from_id  TEXT NOT NULL,
    field    TEXT NOT NULL,
    position INTEGER NOT NULL,
    to_id    TEXT NOT NULL,
    PRIMARY KEY (draft_id, from_id, field, to_id),
    FOREIGN KEY (draft_id, from_id) REFERENCES items(draft_id, id) ON DELETE CASCADE,
    FOREIGN KEY (draft_id, to_id) REFERENCES items(draft_id, id)
) WITHOUT ROWID;
CREATE INDEX links_to ON links(draft_id, to_id);

CREATE TABLE versions (
    id         INTEGER PRIMARY KEY,
    draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    label      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    snapshot   TEXT NOT NULL
);
CREATE INDEX versions_by_draft ON versions(draft_id, id);
