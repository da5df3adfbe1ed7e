-- 0002: the work calendar (工作日历) and the contract profiles (合同服务级别) that SLA deadlines
-- are counted with. Shipped data (assets/) is copied in at first start; the engineer can import
-- later years and edit their own profiles, so the store, not the binary, is the source of truth.

-- A year whose official holiday notice is loaded. A year without a row falls back to Monday–Friday
-- with a warning.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,              -- builtin / holiday-cn-json / ics
    papers       TEXT NOT NULL DEFAULT '[]', -- JSON list of the notices the year comes from
    imported_at  TEXT NOT NULL
) STRICT;

-- The notice's exceptions to Monday–Friday: an off weekday (假日) or a working weekend day (调休补班).
-- Keyed by (year, date): a year's notice may name a day of the neighbouring year.
CREATE TABLE calendar_days (
    year        INTEGER NOT NULL REFERENCES calendar_years (year) ON DELETE CASCADE,
    date        TEXT NOT NULL,   -- YYYY-MM-DD
    is_off_day  INTEGER NOT NULL CHECK (is_off_day IN (0, 1)),
    name        TEXT NOT NULL,   -- 春节, 国庆节, …
    PRIMARY KEY (year, date)
) STRICT;

-- A day changed by hand (a local closure, an extra working day); wins over the notice.
CREATE TABLE calendar_overrides (
    date            TEXT PRIMARY KEY,
    is_working_day  INTEGER NOT NULL CHECK (is_working_day IN (0, 1)),
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at      TEXT NOT NULL
) STRICT;

-- Every version of every profile is kept: a ticket keeps the version it was opened under.
CREATE TABLE contract_profiles (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    name        TEXT NOT NULL,
    definition  TEXT NOT NULL,   -- the profile as JSON, in the format of assets/profiles/
    builtin     INTEGER NOT NULL CHECK (builtin IN (0, 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;
