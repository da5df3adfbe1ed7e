-- 0004: requirement changes (需求变更 / 项目工单), service records (电话服务 / 报修 / 咨询), training
-- sessions (培训记录) and the FAQ (常见问题及解决方案).
--
-- Times are RFC 3339 at +08:00, written by Rust in one format, so text order is time order and the
-- CHECKs below can compare them as text.

-- Serial numbers handed out per series and period: BG + day, BX / DH / ZX + year, the FAQ's 序号.
-- A number is taken inside the transaction that writes its record and is never handed out again,
-- even if that record is later deleted.
CREATE TABLE record_sequences (
    series  TEXT NOT NULL,                -- BG / BX / DH / ZX / FAQ
    period  TEXT NOT NULL,                -- YYYYMMDD, YYYY, or '' for a series without periods
    last    INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (series, period)
) STRICT;

-- 需求变更 / 项目工单 (seed 002). The 24-hour response deadline is never stored: it is recomputed
-- with the profile version the change was received under.
CREATE TABLE requirement_changes (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,      -- BG-YYYYMMDD-NN (申请日期), never reused
    project_name      TEXT NOT NULL CHECK (length(trim(project_name)) > 0),
    project_code      TEXT NOT NULL DEFAULT '',  -- 项目编号
    service_unit      TEXT NOT NULL DEFAULT '',  -- 服务单位
    service_location  TEXT NOT NULL DEFAULT '',  -- 服务地点
    contact           TEXT NOT NULL DEFAULT '',  -- 联系人
    phone             TEXT NOT NULL DEFAULT '',  -- 电话
    requested_at      TEXT NOT NULL,             -- 申请时间: the response clock starts here
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),        -- 工作事由
    description       TEXT NOT NULL CHECK (length(trim(description)) > 0),
    requester_dept    TEXT NOT NULL DEFAULT '',  -- 需求提出人部门
    scope             TEXT NOT NULL CHECK (scope IN ('inScope', 'outOfScope')),  -- 标准服务内 / 范围外
    feasibility       TEXT NOT NULL DEFAULT '',  -- 可行性分析
    impact            TEXT NOT NULL DEFAULT '',  -- 影响性分析
    review_opinion    TEXT NOT NULL DEFAULT '',  -- 评审意见
    response          TEXT NOT NULL DEFAULT '',  -- 处理反馈意见及处理办法 (the answer within 24 h)
    result            TEXT NOT NULL DEFAULT '',  -- 工作结果
    remark            TEXT NOT NULL DEFAULT '',  -- 备注
    operator          TEXT NOT NULL DEFAULT '',  -- 操作人员
    state             TEXT NOT NULL CHECK (state IN ('new', 'responded', 'done', 'rejected')),
    responded_at      TEXT,                      -- 响应时间
    completed_at      TEXT,
    profile_id        TEXT NOT NULL,
    profile_version   INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (responded_at IS NULL OR responded_at >= requested_at),
    CHECK (completed_at IS NULL OR (responded_at IS NOT NULL AND completed_at >= responded_at)),
    CHECK (CASE state
             WHEN 'new' THEN responded_at IS NULL AND completed_at IS NULL
             WHEN 'done' THEN completed_at IS NOT NULL
             ELSE responded_at IS NOT NULL AND completed_at IS NULL
           END),
    FOREIGN KEY (profile_id, profile_version) REFERENCES contract_profiles (id, version)
) STRICT;
CREATE INDEX requirement_changes_requested_at ON requirement_changes (requested_at);
CREATE INDEX requirement_changes_state ON requirement_changes (state);

-- 电话服务记录 / 报修单 / 咨询 (seed 004) in one table: they share the form and the monthly rule
-- (ten or more of one 问题类别 in a month → a tracked problem).
CREATE TABLE service_records (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('hotline', 'repair', 'consultation')),
    code            TEXT NOT NULL UNIQUE,        -- 记录顺序号: DH / BX / ZX-YYYY-NNNN, never reused
    received_at     TEXT NOT NULL,               -- 来电 / 报修时间
    customer        TEXT NOT NULL DEFAULT '',    -- 用户（单位）
    contact         TEXT NOT NULL DEFAULT '',    -- 联系人
    phone           TEXT NOT NULL DEFAULT '',    -- 联系电话
    address         TEXT NOT NULL DEFAULT '',    -- 地址
    fax             TEXT NOT NULL DEFAULT '',    -- 传真
    reporter        TEXT NOT NULL DEFAULT '',    -- 报修人 / 来电人
    category        TEXT NOT NULL DEFAULT '',    -- 问题类别
    description     TEXT NOT NULL CHECK (length(trim(description)) > 0),  -- 故障情况 / 问题描述
    other_requests  TEXT NOT NULL DEFAULT '',    -- 其它要求
    handling        TEXT NOT NULL DEFAULT '',    -- 处理过程和结果
    engineer        TEXT NOT NULL DEFAULT '',    -- 技术服务工程师
    completed_at    TEXT,                        -- 完成时间
    confirmed_by    TEXT NOT NULL DEFAULT '',    -- 用户确认人
    confirmed_at    TEXT,                        -- 确认时间
    satisfaction    TEXT CHECK (satisfaction IN ('satisfied', 'basic', 'unsatisfied')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (completed_at IS NULL OR completed_at >= received_at),
    CHECK (confirmed_at IS NULL OR confirmed_at >= received_at)
) STRICT;
CREATE INDEX service_records_received_at ON service_records (received_at);
CREATE INDEX service_records_kind ON service_records (kind, received_at);

-- 培训记录 (seed 004). The sign-in sheet (签到表) is an attachment with owner_kind 'training'.
CREATE TABLE trainings (
    id               INTEGER PRIMARY KEY,
    held_at          TEXT NOT NULL,
    topic            TEXT NOT NULL CHECK (length(trim(topic)) > 0),
    modules          TEXT NOT NULL DEFAULT '[]'   -- JSON array of the modules covered
                       CHECK (json_valid(modules) AND json_type(modules) = 'array'),
    trainer          TEXT NOT NULL CHECK (length(trim(trainer)) > 0),
    location         TEXT NOT NULL DEFAULT '',
    attendees_count  INTEGER NOT NULL CHECK (attendees_count >= 1),
    attendees        TEXT NOT NULL DEFAULT '',    -- names, when there is no sign-in sheet
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX trainings_held_at ON trainings (held_at);

-- 常见问题及解决方案 (seed 002). Entries may be deleted; their 序号 is not handed out again.
CREATE TABLE faq_entries (
    id           INTEGER PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE,         -- 序号
    question     TEXT NOT NULL CHECK (length(trim(question)) > 0),   -- 问题描述
    solution     TEXT NOT NULL CHECK (length(trim(solution)) > 0),   -- 解决方案
    remark       TEXT NOT NULL DEFAULT '',        -- 备注
    source_link  TEXT NOT NULL DEFAULT '',        -- 出处: a web address or document name
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- Full-text index over the FAQ. Trigram tokens make substring search work for Chinese, which has no
-- spaces between words; terms shorter than three characters are searched with LIKE instead. The
-- index holds no copy of the text (external content) and the triggers keep it in step.
CREATE VIRTUAL TABLE faq_fts USING fts5 (
    question, solution, remark,
    content = 'faq_entries', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER faq_entries_ai AFTER INSERT ON faq_entries BEGIN
    INSERT INTO faq_fts (rowid, question, solution, remark)
    VALUES (new.id, new.question, new.solution, new.remark);
END;
CREATE TRIGGER faq_entries_ad AFTER DELETE ON faq_entries BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, solution, remark)
    VALUES ('delete', old.id, old.question, old.solution, old.remark);
END;
CREATE TRIGGER faq_entries_au AFTER UPDATE ON faq_entries BEGIN
    INSERT INTO faq_fts (faq_fts, rowid, question, solution, remark)
    VALUES ('delete', old.id, old.question, old.solution, old.remark);
    INSERT INTO faq_fts (rowid, question, solution, remark)
    VALUES (new.id, new.question, new.solution, new.remark);
END;
