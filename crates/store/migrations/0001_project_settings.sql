-- 0001: the project this workstation serves (项目设置) and the team (驻场团队).

-- One row: the contract this installation is for. Dates are calendar dates (YYYY-MM-DD) in China time.
CREATE TABLE project_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    project_name    TEXT NOT NULL CHECK (length(trim(project_name)) > 0),
    client_name     TEXT NOT NULL,   -- 甲方单位
    vendor_name     TEXT NOT NULL,   -- 乙方（服务商）
    contract_start  TEXT NOT NULL,   -- 合同期起
    contract_end    TEXT NOT NULL,   -- 合同期止
    profile_id      TEXT NOT NULL,   -- 合同服务级别 (assets/profiles)
    created_at      TEXT NOT NULL,   -- RFC 3339, UTC
    updated_at      TEXT NOT NULL,
    CHECK (contract_end > contract_start)
) STRICT;

-- Engineers are never deleted: later records (attendance, faults) point at them, so a departed
-- engineer is marked inactive instead.
CREATE TABLE engineers (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone       TEXT NOT NULL,
    role        TEXT NOT NULL,   -- 项目经理 / 驻场工程师 / 远程支持
    sort_order  INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX engineers_active_order ON engineers (active, sort_order);
