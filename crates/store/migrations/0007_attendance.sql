-- 0007: attendance (考勤), leave (请假), duty (值班 / 重要时期值守) and the work log (工作日志).
--
-- Times are RFC 3339 at +08:00, written by Rust in one format, so text order is time order and the
-- CHECKs below can compare them as text. Dates are YYYY-MM-DD in China time. A day's attendance
-- status (正常, 迟到, 缺勤 …) is never stored: it is derived from these rows, the work calendar and
-- the rules each time it is shown (see docs/attendance.md).

-- The attendance rules: one row, absent until first saved (the defaults then apply).
CREATE TABLE attendance_rules (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    work_start             TEXT NOT NULL,     -- HH:MM, 上班时间
    work_end               TEXT NOT NULL,     -- HH:MM, 下班时间
    grace_minutes          INTEGER NOT NULL CHECK (grace_minutes BETWEEN 0 AND 60),       -- 迟到宽限
    overtime_after_minutes INTEGER NOT NULL CHECK (overtime_after_minutes BETWEEN 0 AND 240), -- 下班后多久算加班
    updated_at             TEXT NOT NULL,
    CHECK (work_end > work_start)
) STRICT;

-- 打卡: one row per punch. A correction (更正) never edits a punch: it is a new row with a reason
-- that names the punch it replaces; a missed punch (补卡) is a correction that replaces nothing.
-- Both stay visible as corrections.
CREATE TABLE attendance_punches (
    id           INTEGER PRIMARY KEY,
    engineer_id  INTEGER NOT NULL REFERENCES engineers (id),
    work_date    TEXT NOT NULL,               -- the China date of `at`
    kind         TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    at           TEXT NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('button', 'tray', 'correction')),
    reason       TEXT NOT NULL DEFAULT '',
    replaces_id  INTEGER REFERENCES attendance_punches (id),
    recorded_at  TEXT NOT NULL,
    CHECK (substr(at, 1, 10) = work_date),
    CHECK (source = 'correction' OR (replaces_id IS NULL AND reason = '')),
    CHECK (source <> 'correction' OR length(trim(reason)) > 0)
) STRICT;
CREATE INDEX attendance_punches_day ON attendance_punches (engineer_id, work_date);
-- A punch is replaced at most once; a later correction replaces the correction.
CREATE UNIQUE INDEX attendance_punches_replaces ON attendance_punches (replaces_id)
    WHERE replaces_id IS NOT NULL;

-- 请假: whole days from start_date to end_date, or half of one day (上午 / 下午).
CREATE TABLE attendance_leaves (
    id           INTEGER PRIMARY KEY,
    engineer_id  INTEGER NOT NULL REFERENCES engineers (id),
    kind         TEXT NOT NULL CHECK (kind IN ('personal', 'sick', 'annual', 'compensatory', 'business')),
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    half         TEXT NOT NULL CHECK (half IN ('full', 'am', 'pm')),
    approved     INTEGER NOT NULL CHECK (approved IN (0, 1)),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (end_date >= start_date),
    CHECK (half = 'full' OR end_date = start_date)
) STRICT;
CREATE INDEX attendance_leaves_engineer ON attendance_leaves (engineer_id, start_date);

-- 值班 / 重要时期值守 / 7×24 远程轮值: a stretch of time someone must cover.
CREATE TABLE duty_periods (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('holiday', 'important', 'oncall')),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    client_request  TEXT NOT NULL DEFAULT '',   -- 甲方要求 (who asked, when, how)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (kind <> 'important' OR length(trim(client_request)) > 0)
) STRICT;
CREATE INDEX duty_periods_time ON duty_periods (starts_at, ends_at);

-- Who covers a duty period, and afterwards whether they did (到岗情况) and what happened.
CREATE TABLE duty_assignments (
    id           INTEGER PRIMARY KEY,
    duty_id      INTEGER NOT NULL REFERENCES duty_periods (id) ON DELETE CASCADE,
    engineer_id  INTEGER NOT NULL REFERENCES engineers (id),
    presence     TEXT CHECK (presence IN ('onSite', 'remote', 'absent', 'excused')),
    note         TEXT NOT NULL DEFAULT '',      -- 值班情况, or the reason for an excused absence
    recorded_at  TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (duty_id, engineer_id),
    CHECK ((presence IS NULL) = (recorded_at IS NULL)),
    CHECK (presence IS NOT 'excused' OR length(trim(note)) > 0)
) STRICT;
CREATE INDEX duty_assignments_engineer ON duty_assignments (engineer_id);

-- 工作日志: one entry per engineer and day.
CREATE TABLE work_logs (
    id           INTEGER PRIMARY KEY,
    engineer_id  INTEGER NOT NULL REFERENCES engineers (id),
    work_date    TEXT NOT NULL,
    content      TEXT NOT NULL CHECK (length(trim(content)) > 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (engineer_id, work_date)
) STRICT;
CREATE INDEX work_logs_date ON work_logs (work_date);
