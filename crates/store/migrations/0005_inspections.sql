-- 0005: inspections (巡检): checklist templates with their schedules, records filled item by item,
-- the daily number sequence, and the services the probes check.

-- A template version. Shipped templates are copied from assets/templates; a copy edited in the app gets
-- its own id (custom-N) and every save a new version, so a completed record keeps the version it used.
CREATE TABLE inspection_templates (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    name        TEXT NOT NULL,
    definition  TEXT NOT NULL,          -- JSON, see assets/templates/README.md
    builtin     INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;

-- A record (软件巡检记录单 / 系统监测日志). A draft has no number; completing it takes the next number
-- of its date. `slot` says which scheduled inspection it fulfils (2026-11-23@09:30, 2026-W48, 2026-11,
-- 2026-Q4, holiday:2026-10-01, or adhoc:<time>).
CREATE TABLE inspection_records (
    id                INTEGER PRIMARY KEY,
    template_id       TEXT NOT NULL,
    template_version  INTEGER NOT NULL,
    slot              TEXT NOT NULL,
    date              TEXT NOT NULL,                 -- YYYY-MM-DD, the report date
    number            TEXT UNIQUE,                   -- YYMMDD-NN once completed
    project_name      TEXT NOT NULL,
    client_name       TEXT NOT NULL,
    inspector         TEXT NOT NULL DEFAULT '',      -- 巡检人
    recorder          TEXT NOT NULL DEFAULT '',      -- 记录人
    method            TEXT NOT NULL DEFAULT 'onSite' CHECK (method IN ('onSite', 'remote', 'autoConfirmed')),
    started_at        TEXT NOT NULL,
    ended_at          TEXT,
    summary           TEXT NOT NULL DEFAULT '',      -- 巡检结果分析
    state             TEXT NOT NULL CHECK (state IN ('draft', 'completed')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    completed_at      TEXT,
    deleted_at        TEXT,
    FOREIGN KEY (template_id, template_version) REFERENCES inspection_templates (id, version),
    CHECK ((state = 'completed') = (number IS NOT NULL))
) STRICT;
CREATE INDEX inspection_records_date ON inspection_records (date);
CREATE INDEX inspection_records_slot ON inspection_records (template_id, slot);

-- One answer per item, saved as it is typed. `measured` keeps what a probe found, beside the answer
-- the engineer confirmed or corrected.
CREATE TABLE inspection_answers (
    record_id   INTEGER NOT NULL REFERENCES inspection_records (id),
    item_key    TEXT NOT NULL,
    status      TEXT CHECK (status IN ('ok', 'abnormal')),
    value_num   REAL,
    value_text  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    measured    TEXT,                              -- JSON probe result
    fault_id    INTEGER REFERENCES faults (id),     -- the fault created from this item
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (record_id, item_key)
) STRICT;

-- The last number used per report date. Numbers only go up, so a deleted record's number stays taken.
CREATE TABLE inspection_numbers (
    date  TEXT PRIMARY KEY,
    last  INTEGER NOT NULL CHECK (last BETWEEN 1 AND 99)
) STRICT;

-- A service the probes check (巡检 → 服务探测).
CREATE TABLE probe_targets (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    url                 TEXT NOT NULL,
    expected_status     INTEGER,
    keyword             TEXT NOT NULL DEFAULT '',
    timeout_ms          INTEGER NOT NULL DEFAULT 10000,
    allow_invalid_cert  INTEGER NOT NULL DEFAULT 0 CHECK (allow_invalid_cert IN (0, 1)),
    background          INTEGER NOT NULL DEFAULT 0 CHECK (background IN (0, 1)),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE TABLE probe_results (
    id           INTEGER PRIMARY KEY,
    target_id    INTEGER NOT NULL REFERENCES probe_targets (id),
    checked_at   TEXT NOT NULL,
    ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
    outcome      TEXT NOT NULL,
    result       TEXT NOT NULL                      -- JSON ProbeResult
) STRICT;
CREATE INDEX probe_results_target ON probe_results (target_id, id);
