-- 0008: trust — the audit trail (痕迹化管理), stable record ids for team archives, restore tests
-- (数据恢复测试记录), local preferences, and FAQ entries hidden instead of deleted.
--
-- The per-table audit triggers are not here: they are generated in Rust at store open from the
-- registry in src/audit.rs and the table's columns, so a table added by a later migration only
-- needs a registry line.

-- Facts about this store, e.g. the random id of the workstation that created it.
CREATE TABLE store_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
INSERT INTO store_meta (key, value) VALUES ('station_uid', lower(hex(randomblob(16))));

-- Append-only: one row per insert / update / delete of a row in an audited table, written by the
-- generated triggers, then sealed by Rust in the same transaction: `author`, `prev_hash` (the hash
-- of the previous sealed event) and `hash` = SHA-256 over prev_hash and this event's fields.
-- An event that is never sealed was written by a change made outside the app.
-- `baseline` is the state of a row when the trail started for its table (or after an upgrade).
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,                  -- UTC, milliseconds, from SQLite's clock
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'baseline')),
    old_values  TEXT CHECK (old_values IS NULL OR json_valid(old_values)),  -- changed fields, before
    new_values  TEXT CHECK (new_values IS NULL OR json_valid(new_values)),  -- changed fields, after
    author      TEXT,
    prev_hash   TEXT,
    hash        TEXT UNIQUE,
    CHECK ((author IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL))
) STRICT;
CREATE INDEX audit_events_record ON audit_events (table_name, row_id, id);
CREATE INDEX audit_events_unsealed ON audit_events (id) WHERE hash IS NULL;

-- Guards against slips (an UPDATE typed into the wrong table), not against someone who drops them:
-- `dutydesk-cli verify` finds that.
CREATE TRIGGER audit_events_guard_delete BEFORE DELETE ON audit_events BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能删除');
END;
CREATE TRIGGER audit_events_guard_update BEFORE UPDATE ON audit_events
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.table_name IS NOT OLD.table_name
  OR NEW.row_id IS NOT OLD.row_id OR NEW.action IS NOT OLD.action
  OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
BEGIN
    SELECT RAISE(ABORT, '审计记录只能追加，不能修改');
END;

-- The tables whose trail has started (their rows got a baseline), so a trigger found missing later
-- is put back without a new baseline that would hide what happened meanwhile.
CREATE TABLE audit_tables (
    table_name  TEXT PRIMARY KEY,
    since       TEXT NOT NULL
) STRICT;

-- A stable id for every row of an audited table, the same on every workstation that holds the row:
-- team archives merge by it. Kept beside the tables (not as a column) so later tables get one from
-- the generated insert trigger without a schema change.
CREATE TABLE record_uids (
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    uid         TEXT NOT NULL UNIQUE,
    PRIMARY KEY (table_name, row_id)
) STRICT;

-- 数据恢复测试记录 (seed 004: monthly): a backup opened on a copy, never on live data.
CREATE TABLE restore_tests (
    id                 INTEGER PRIMARY KEY,
    tested_at          TEXT NOT NULL,
    backup_file        TEXT NOT NULL,
    backup_created_at  TEXT NOT NULL,
    schema_version     INTEGER,           -- of the backup, before it was upgraded on the copy
    passed             INTEGER NOT NULL CHECK (passed IN (0, 1)),
    integrity          TEXT NOT NULL,     -- PRAGMA integrity_check on the copy
    records            INTEGER NOT NULL,  -- rows found in the record tables
    attachments_found  INTEGER NOT NULL,
    attachments_missing INTEGER NOT NULL,
    audit_ok           INTEGER NOT NULL CHECK (audit_ok IN (0, 1)),
    detail             TEXT NOT NULL,     -- Chinese summary, as printed on the monthly record
    duration_ms        INTEGER NOT NULL,
    tester             TEXT NOT NULL
) STRICT;
CREATE INDEX restore_tests_tested_at ON restore_tests (tested_at);

-- Settings of this workstation that are not the contract's (second backup folder, app lock).
CREATE TABLE preferences (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Records are never hard-deleted from the user's view: a deleted FAQ entry is hidden, its 序号 kept.
ALTER TABLE faq_entries ADD COLUMN deleted_at TEXT;
