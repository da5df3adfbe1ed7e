-- 0003: faults (故障) with their event log, attachments copied into the data directory, links
-- between records, and the notices (提醒) already raised, so a threshold is announced once even
-- across restarts.

-- A fault. Times are RFC 3339 at +08:00, so text order is time order. The deadlines are never stored:
-- they are recomputed from fault_events with the profile version the fault was opened under.
CREATE TABLE faults (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,        -- GZ-YYYYMMDD-NN, never reused
    reported_at      TEXT NOT NULL,
    reporter         TEXT NOT NULL CHECK (length(trim(reporter)) > 0),
    reporter_dept    TEXT NOT NULL DEFAULT '',
    contact          TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL CHECK (channel IN ('phone', 'onSite', 'im', 'email', 'inspection')),
    system           TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    profile_id       TEXT NOT NULL,
    profile_version  INTEGER NOT NULL,
    level            TEXT NOT NULL,               -- current level code; the history is in the events
    state            TEXT NOT NULL CHECK (state IN
                       ('new', 'responded', 'inProgress', 'paused', 'restored', 'closed')),
    process          TEXT NOT NULL DEFAULT '',    -- 处理过程
    cause            TEXT NOT NULL DEFAULT '',    -- 故障原因
    resolution       TEXT NOT NULL DEFAULT '',    -- 处理结果
    prevention       TEXT NOT NULL DEFAULT '',    -- 预防措施 / 改进措施
    handled_by       TEXT NOT NULL DEFAULT '',
    confirmed_by     TEXT NOT NULL DEFAULT '',    -- 用户确认人
    confirmed_at     TEXT,
    satisfaction     TEXT CHECK (satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
    report_written_at TEXT,                       -- 故障报告 completed (seed 003: within 24 h)
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    FOREIGN KEY (profile_id, profile_version) REFERENCES contract_profiles (id, version)
) STRICT;
CREATE INDEX faults_reported_at ON faults (reported_at);
CREATE INDEX faults_state ON faults (state);

-- Every transition, with when it happened (`at`, as the engineer states it) and when it was recorded.
CREATE TABLE fault_events (
    id           INTEGER PRIMARY KEY,
    fault_id     INTEGER NOT NULL REFERENCES faults (id),
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('reported', 'responded', 'started', 'paused',
                   'resumed', 'restored', 'closed', 'reopened', 'levelChanged')),
    level        TEXT,                            -- for reported / levelChanged
    reason       TEXT NOT NULL DEFAULT '',
    author       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX fault_events_fault ON fault_events (fault_id, id);

-- A file copied into <data dir>/attachments/; the original path is kept only as information.
CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    owner_kind     TEXT NOT NULL,                 -- fault / serviceRecord / training / change
    owner_id       INTEGER NOT NULL,
    file_name      TEXT NOT NULL,                 -- as the engineer knows it
    stored_path    TEXT NOT NULL UNIQUE,          -- relative to the data directory
    size_bytes     INTEGER NOT NULL,
    original_path  TEXT NOT NULL,
    added_at       TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id);

-- "This record became that one": service record → fault, inspection item → fault, fault → FAQ.
CREATE TABLE record_links (
    from_kind   TEXT NOT NULL,
    from_id     INTEGER NOT NULL,
    to_kind     TEXT NOT NULL,
    to_id       INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (from_kind, from_id, to_kind, to_id)
) STRICT;
CREATE INDEX record_links_to ON record_links (to_kind, to_id);

-- A reminder raised for a deadline threshold. Unique per deadline and threshold: a restart or a second
-- scan finds the row and stays quiet; a deadline moved by a level change is a new deadline.
CREATE TABLE notices (
    id               INTEGER PRIMARY KEY,
    subject_kind     TEXT NOT NULL,               -- fault / change / inspection
    subject_id       INTEGER NOT NULL,
    target           TEXT NOT NULL,               -- respond / restore / report / …
    deadline         TEXT NOT NULL,
    threshold        TEXT NOT NULL CHECK (threshold IN ('half', 'threeQuarters', 'finalMinutes', 'breached')),
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    raised_at        TEXT NOT NULL,
    delivered_via    TEXT CHECK (delivered_via IN ('desktop', 'inApp')),
    acknowledged_at  TEXT,
    UNIQUE (subject_kind, subject_id, target, deadline, threshold)
) STRICT;
