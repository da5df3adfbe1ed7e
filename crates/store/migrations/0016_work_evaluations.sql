-- 0016: 工作情况评价表 (seed 004: the client rates the resident engineer's work, one form a week
-- for 驻场 and a month for 日常行政; seed 002 asks for the client's rating of the service too).
CREATE TABLE work_evaluations (
    id              INTEGER PRIMARY KEY,
    period_start    TEXT NOT NULL,                 -- YYYY-MM-DD, the first day rated
    period_end      TEXT NOT NULL,                 -- YYYY-MM-DD, the last day rated
    engineer_id     INTEGER REFERENCES engineers (id),  -- whose work, when the form names one
    rating          TEXT NOT NULL CHECK (rating IN ('satisfied', 'basic', 'unsatisfied')),
    comments        TEXT NOT NULL DEFAULT '',      -- 甲方意见
    evaluator       TEXT NOT NULL CHECK (length(trim(evaluator)) > 0),  -- 评价人（甲方）
    evaluated_on    TEXT NOT NULL,                 -- YYYY-MM-DD, 评价日期
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (period_end >= period_start),
    CHECK (evaluated_on >= period_start)
) STRICT;
CREATE INDEX work_evaluations_period ON work_evaluations (period_start);
