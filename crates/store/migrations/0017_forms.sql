-- 0017: forms as data (issue 15). A form the contract names (发布报告, 系统配置管理表, 应急演练记录 …)
-- is a versioned definition (assets/forms/*.json, or a vendor's own from the form editor); each
-- record keeps the version it was made with, so it prints as it was filled in. What lists, the
-- month's workbook and 今日 query is in typed columns; the values themselves are validated JSON.
CREATE TABLE form_definitions (
    id          TEXT NOT NULL,                    -- release-report
    version     INTEGER NOT NULL CHECK (version >= 1),
    name        TEXT NOT NULL,                    -- 发布报告
    definition  TEXT NOT NULL CHECK (json_valid(definition)),
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE form_records (
    id            INTEGER PRIMARY KEY,
    form_id       TEXT NOT NULL,
    form_version  INTEGER NOT NULL,
    code          TEXT NOT NULL UNIQUE,           -- FB-202612-001, never reused
    record_date   TEXT NOT NULL,                  -- YYYY-MM-DD (China), from the form's date field
    title         TEXT NOT NULL,
    engineer_id   INTEGER REFERENCES engineers (id),
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'retired')),
    values_json   TEXT NOT NULL CHECK (json_valid(values_json)),
    -- When a deadline met by saving (`until: "@saved"`) was met: {deadline key: instant}.
    stamps_json   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(stamps_json)),
    search_text   TEXT NOT NULL DEFAULT '',      -- every text value, for the full-text search
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    FOREIGN KEY (form_id, form_version) REFERENCES form_definitions (id, version)
) STRICT;
CREATE INDEX form_records_form_date ON form_records (form_id, record_date);
CREATE INDEX form_records_date ON form_records (record_date);

-- Trigram, like the FAQ: Chinese has no spaces, so a word is matched as a substring.
CREATE VIRTUAL TABLE form_fts USING fts5 (
    code, title, search_text,
    content = 'form_records', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER form_records_ai AFTER INSERT ON form_records BEGIN
    INSERT INTO form_fts (rowid, code, title, search_text)
    VALUES (new.id, new.code, new.title, new.search_text);
END;
CREATE TRIGGER form_records_ad AFTER DELETE ON form_records BEGIN
    INSERT INTO form_fts (form_fts, rowid, code, title, search_text)
    VALUES ('delete', old.id, old.code, old.title, old.search_text);
END;
CREATE TRIGGER form_records_au AFTER UPDATE ON form_records BEGIN
    INSERT INTO form_fts (form_fts, rowid, code, title, search_text)
    VALUES ('delete', old.id, old.code, old.title, old.search_text);
    INSERT INTO form_fts (rowid, code, title, search_text)
    VALUES (new.id, new.code, new.title, new.search_text);
END;

-- What each save changed, field by field, as printed (审计 keeps the raw rows; this is what the
-- month's 配置管理报告 lists: items added, changed and retired, dated by the app's clock).
CREATE TABLE form_record_changes (
    id            INTEGER PRIMARY KEY,
    record_id     INTEGER NOT NULL REFERENCES form_records (id),
    at            TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'changed', 'closed', 'retired', 'reopened')),
    changes_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes_json))
) STRICT;
CREATE INDEX form_record_changes_record ON form_record_changes (record_id, at);
CREATE INDEX form_record_changes_at ON form_record_changes (at);
