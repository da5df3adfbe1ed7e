-- 0006: what the engineer writes for a month's report (月度运维报告) and the assessment items the
-- records cannot judge (培训、投诉 …), entered by hand and marked as such on the assessment sheet.

CREATE TABLE monthly_reports (
    month             TEXT PRIMARY KEY,          -- YYYY-MM
    overview          TEXT NOT NULL DEFAULT '',  -- 运行情况概述
    work_summary      TEXT NOT NULL DEFAULT '',  -- 本月工作（按周）
    load_backup       TEXT NOT NULL DEFAULT '',  -- 平台与服务器负载、备份情况
    problems          TEXT NOT NULL DEFAULT '',  -- 发现的问题及处理
    major_incidents   TEXT NOT NULL DEFAULT '',  -- 重大故障分析
    user_feedback     TEXT NOT NULL DEFAULT '',  -- 用户问题与建议
    logins_docs       TEXT NOT NULL DEFAULT '',  -- 用户登录、公文处理统计
    next_plan         TEXT NOT NULL DEFAULT '',  -- 下月计划
    updated_at        TEXT NOT NULL
) STRICT;

-- A deduction entered by hand: a counted one (`deduction_code`, `count`), or points taken on an item
-- the contract scores by judgement (`points`). `note` says why; the sheet prints it.
CREATE TABLE assessment_manual (
    id              INTEGER PRIMARY KEY,
    month           TEXT NOT NULL,
    item_code       TEXT NOT NULL,
    deduction_code  TEXT,
    count           INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    points          REAL NOT NULL DEFAULT 0 CHECK (points >= 0),
    note            TEXT NOT NULL CHECK (length(trim(note)) > 0),
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_manual_month ON assessment_manual (month);
