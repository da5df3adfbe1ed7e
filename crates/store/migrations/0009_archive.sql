-- 0009: team archives (团队归档) — what was imported from other workstations, the versions of each
-- record this workstation has seen, and the conflicting edits kept for the engineer to decide.
-- The format and the merge rules are in docs/archive-format.md; the code in src/archive.rs.
-- None of these tables are records: the records an import adds or changes go through the usual
-- tables, their triggers and the audit chain.

-- One row per archive that changed something here. Re-importing an archive that brings nothing new
-- writes nothing, not even a row here.
CREATE TABLE archive_imports (
    id            INTEGER PRIMARY KEY,
    archive_sha256 TEXT NOT NULL,          -- of the archive's data.json: the same archive, the same value
    station       TEXT NOT NULL,           -- store_meta.station_uid of the exporting workstation
    exported_by   TEXT NOT NULL,
    exported_at   TEXT NOT NULL,
    range_from    TEXT NOT NULL,           -- YYYY-MM-DD
    range_to      TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    added         INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    conflicts     INTEGER NOT NULL,
    renumbered    INTEGER NOT NULL,
    files         INTEGER NOT NULL
) STRICT;

-- The content hashes of every version of a record (by its uid) that crossed this workstation's
-- boundary: exported from here or imported into here. An incoming version found here is older than
-- (or the same as) what this workstation has; a local version found among the incoming record's
-- `seen` was built upon by the other side.
CREATE TABLE archive_versions (
    uid   TEXT NOT NULL,
    hash  TEXT NOT NULL,
    PRIMARY KEY (uid, hash)
) WITHOUT ROWID, STRICT;

-- A record another workstation knows under a different uid: the same engineer's work log of a day,
-- a monthly report of the same month. Matched by the record's natural key on the first import.
CREATE TABLE archive_aliases (
    uid         TEXT PRIMARY KEY,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL
) STRICT;

-- Where an imported record came from, and its number there when it had to be given a new one
-- here (two workstations numbered different faults GZ-20261124-01).
CREATE TABLE archive_origins (
    table_name     TEXT NOT NULL,
    row_id         INTEGER NOT NULL,
    import_id      INTEGER NOT NULL REFERENCES archive_imports (id),
    station        TEXT NOT NULL,
    original_code  TEXT,
    PRIMARY KEY (table_name, row_id)
) STRICT;

-- Both sides of an edit made on two workstations since they last exchanged the record. The local
-- row stays as it is until the engineer decides; `theirs` is the incoming version (archive form:
-- references as uids, engineers by name).
CREATE TABLE archive_conflicts (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES archive_imports (id),
    table_name    TEXT NOT NULL,
    row_id        INTEGER NOT NULL,
    uid           TEXT NOT NULL,
    ours          TEXT NOT NULL CHECK (json_valid(ours)),
    theirs        TEXT NOT NULL CHECK (json_valid(theirs)),
    their_hash    TEXT NOT NULL,
    detected_at   TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT CHECK (resolution IN ('ours', 'theirs')),
    resolved_by   TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX archive_conflicts_open ON archive_conflicts (resolved_at, id);

-- The audit events of imported records as the other workstation sealed them, each hash checked on
-- import. They are that workstation's trail, not part of this store's chain.
CREATE TABLE archive_audit_events (
    hash        TEXT PRIMARY KEY,
    uid         TEXT NOT NULL,             -- the record's uid
    station     TEXT NOT NULL,
    event_id    INTEGER NOT NULL,          -- the event's id over there
    at          TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,          -- the row's id over there
    action      TEXT NOT NULL,
    old_values  TEXT,
    new_values  TEXT,
    author      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL
) STRICT;
CREATE INDEX archive_audit_events_uid ON archive_audit_events (uid, at);
