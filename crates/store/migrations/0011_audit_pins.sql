-- 0011: the audit chain cannot be re-baselined behind the engineer's back, and its head is pinned.
--
-- The guard triggers of these tables are not here: like the per-table audit triggers they are
-- generated in Rust (src/audit.rs) and put back at every start, so one dropped with the sqlite3
-- shell comes back, and `verify` reports it missing meanwhile.

-- Why each table's trail (re)started: 新建数据库, or the upgrade that rebaselined it. A table
-- missing here on an existing store is reported by `verify`, never silently baselined again.
ALTER TABLE audit_tables ADD COLUMN reason TEXT NOT NULL DEFAULT '';

-- The chain's head as it was when something outside the database was made from it: a backup (its
-- check file holds the same head), a monthly workbook (its cover prints it). `verify` checks that
-- every pinned event is still in the chain with the same hash, so removing the newest events
-- together with their rows is found. `install` and `restore` mark where the chain legitimately
-- started again (a new store, a backup put back): heads pinned outside before that are not this
-- chain's. Append-only (guards in src/audit.rs); AUTOINCREMENT keeps `sqlite_sequence` at the
-- highest id ever used, so a pin deleted with the guard dropped still shows as a gap.
CREATE TABLE audit_pins (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,          -- RFC 3339, UTC
    kind      TEXT NOT NULL CHECK (kind IN ('backup', 'workbook', 'install', 'restore')),
    event_id  INTEGER NOT NULL,       -- the newest sealed event; 0 when there was none
    hash      TEXT NOT NULL,          -- its hash; the genesis hash when there was none
    note      TEXT NOT NULL           -- Chinese: the backup file or workbook, or what was restored
) STRICT;
