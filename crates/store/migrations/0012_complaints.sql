-- 0012: complaints (投诉, seeds 001 and 003). A complaint costs a point on 001's satisfaction item
-- and is a yellow card under 003, which also asks for a 问题分析处理整改报告 within two working
-- days. The cards and the report's deadline are never stored: they are derived from these rows,
-- the faults and the profile version the complaint was received under.
CREATE TABLE complaints (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,        -- TS-YYYYMMDD-NN (收到日期), never reused
    received_at         TEXT NOT NULL,               -- 投诉时间: the report's clock starts here
    complainant         TEXT NOT NULL CHECK (length(trim(complainant)) > 0),  -- 投诉人
    complainant_unit    TEXT NOT NULL DEFAULT '',    -- 投诉人单位 / 部门
    by_leader           INTEGER NOT NULL DEFAULT 0 CHECK (by_leader IN (0, 1)),  -- 单位领导或市、区领导投诉
    subject             TEXT NOT NULL CHECK (length(trim(subject)) > 0),        -- 投诉事项
    details             TEXT NOT NULL DEFAULT '',    -- 投诉内容
    engineer_id         INTEGER REFERENCES engineers (id),  -- 被投诉人员, when the complaint names one
    counted             INTEGER NOT NULL DEFAULT 1 CHECK (counted IN (0, 1)),  -- 计入考核
    not_counted_reason  TEXT NOT NULL DEFAULT '',    -- why it does not count (经核实不属实 …)
    rectification       TEXT NOT NULL DEFAULT '',    -- 问题分析处理整改报告
    report_submitted_at TEXT,                        -- 整改报告提交时间
    result              TEXT NOT NULL DEFAULT '',    -- 处理结果 / 投诉人反馈
    profile_id          TEXT NOT NULL,
    profile_version     INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (report_submitted_at IS NULL OR report_submitted_at >= received_at),
    CHECK (counted = 1 OR length(trim(not_counted_reason)) > 0),
    FOREIGN KEY (profile_id, profile_version) REFERENCES contract_profiles (id, version)
) STRICT;
CREATE INDEX complaints_received_at ON complaints (received_at);
