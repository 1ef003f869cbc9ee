-- Schema 2: what each link's target said when the link was made or last confirmed
-- (links made before schema 2 have none and are not suspect), and findings of the
-- linkage checker accepted with a written reason.
ALTER TABLE links ADD COLUMN fingerprint TEXT;

CREATE TABLE acknowledgements (
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    rule     TEXT NOT NULL,
    reason   TEXT NOT NULL,
    by       TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL,
    PRIMARY KEY (draft_id, key)
) WITHOUT ROWID;
