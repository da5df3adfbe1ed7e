//! 修改记录 — the read side of the trail: who changed a record and its parts, when, field by field.

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::{label_of, literal, parse_object, raw_event, AUDITED, RAW_SELECT};
use crate::error::{Error, Result};

/// One field of a history entry: what it was and what it became (`null` = empty / absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldChange {
    /// The column name (`title`, `state`, …).
    pub field: String,
    /// 中文名 of the field when it is a common one, else the column name.
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One change of a record (or of one of its parts: steps, attachments, links), for 修改记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub event_id: i64,
    /// UTC, RFC 3339 with milliseconds.
    pub at: String,
    /// `null` for a change made outside the app (not sealed).
    pub author: Option<String>,
    pub table: String,
    /// 中文: 故障, 附件, 故障处理步骤, …
    pub part: String,
    #[ts(type = "number")]
    pub row_id: i64,
    /// insert / update / delete / baseline
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// Tables whose rows belong to one record and show in its 修改记录: `(table, owner kind, column
/// holding the owner's id)`. Attachments and links belong to any kind and are found separately.
const PARTS: &[(&str, &str, &str)] = &[
    ("fault_events", "fault", "fault_id"),
    ("inspection_answers", "inspection", "record_id"),
    ("duty_assignments", "duty", "duty_id"),
];

/// The table holding records of `kind` (as in [`Audited::kind`]).
pub fn table_of_kind(kind: &str) -> Option<&'static str> {
    AUDITED
        .iter()
        .find(|a| a.kind == Some(kind))
        .map(|a| a.table)
}

/// Who changed what, when, field by field: record `(kind, id)` and its parts (`PARTS`: a fault's
/// steps, an inspection's answers, a duty's people; the attachments and links of any record),
/// oldest first.
pub fn history(conn: &Connection, kind: &str, id: i64) -> Result<Vec<HistoryEntry>> {
    let Some(table) = table_of_kind(kind) else {
        return Err(Error::NotFound(format!(
            "没有“{kind}”这类记录，无法查看修改记录。"
        )));
    };
    // A row's insert (or baseline) event holds the whole row, so it says whose part the row is.
    // SQLite gives a new row the rowid of a deleted last row, so an event is judged by the latest
    // such event of its row before it: a cancelled duty assignment's rowid reused for another
    // duty's stays out. The history starts at the record's latest insert (a deleted record whose
    // id was reused is another record; a baseline taken at an upgrade does not start a new row
    // and must not cut the history short).
    let owned = PARTS
        .iter()
        .map(|(part, owner, column)| {
            format!(
                "(table_name = {} AND ?3 = {} AND json_extract(new_values, {}) = ?2)",
                literal(part),
                literal(owner),
                literal(&format!("$.{column}"))
            )
        })
        .collect::<Vec<_>>()
        .join("\n                     OR ");
    let mut stmt = conn.prepare(&format!(
        "WITH owned AS (
              SELECT id, table_name, row_id FROM audit_events
               WHERE action IN ('insert', 'baseline') AND (
                        {owned}
                     OR (table_name = 'attachments'
                          AND json_extract(new_values, '$.owner_kind') = ?3
                          AND json_extract(new_values, '$.owner_id') = ?2)
                     OR (table_name = 'record_links'
                          AND ((json_extract(new_values, '$.from_kind') = ?3
                                AND json_extract(new_values, '$.from_id') = ?2)
                            OR (json_extract(new_values, '$.to_kind') = ?3
                                AND json_extract(new_values, '$.to_id') = ?2)))))
         , born AS (
              SELECT coalesce(max(id), 0) AS id FROM audit_events
               WHERE table_name = ?1 AND row_id = ?2 AND action = 'insert')
         {RAW_SELECT} AS e
          WHERE id >= (SELECT id FROM born)
            AND ((table_name = ?1 AND row_id = ?2)
              OR ((table_name, row_id) IN (SELECT table_name, row_id FROM owned)
                  AND (SELECT max(b.id) FROM audit_events b
                        WHERE b.table_name = e.table_name AND b.row_id = e.row_id
                          AND b.action IN ('insert', 'baseline') AND b.id <= e.id)
                      IN (SELECT id FROM owned)))
          ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![table, id, kind], raw_event)?;
    let mut out = Vec::new();
    for e in rows {
        let e = e?;
        let old = parse_object(e.old.as_deref());
        let new = parse_object(e.new.as_deref());
        let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
        keys.sort();
        keys.dedup();
        let show = |v: Option<&Value>| match v {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => Some(other.to_string()),
        };
        let changes = keys
            .into_iter()
            .map(|k| FieldChange {
                field: k.clone(),
                label: field_label(k).to_string(),
                old: show(old.get(k)),
                new: show(new.get(k)),
            })
            // A new row's empty fields say nothing.
            .filter(|c| c.old.is_some() || c.new.as_deref().is_some_and(|v| !v.is_empty()))
            .collect();
        out.push(HistoryEntry {
            event_id: e.id,
            at: e.at.clone(),
            author: e.author.clone(),
            table: e.table.clone(),
            part: label_of(&e.table).to_string(),
            row_id: e.row_id,
            action: e.action.clone(),
            changes,
        });
    }
    Ok(out)
}

/// 中文名 of the columns most records share; others are shown by their column name.
pub(crate) fn field_label(column: &str) -> &str {
    match column {
        "id" => "编号",
        "code" => "记录编号",
        "seq" => "序号",
        "title" => "标题",
        "description" => "描述",
        "state" => "状态",
        "level" => "级别",
        "reporter" => "报告人",
        "reported_at" => "报告时间",
        "contact" => "联系人",
        "phone" => "电话",
        "channel" => "渠道",
        "system" => "系统",
        "process" => "处理过程",
        "cause" => "原因",
        "resolution" => "处理结果",
        "prevention" => "预防措施",
        "handled_by" => "处理人",
        "confirmed_by" => "用户确认人",
        "confirmed_at" => "确认时间",
        "satisfaction" => "满意度",
        "question" => "问题描述",
        "solution" => "解决方案",
        "remark" => "备注",
        "response" => "处理反馈",
        "result" => "工作结果",
        "category" => "问题类别",
        "handling" => "处理过程和结果",
        "engineer" => "技术服务工程师",
        "topic" => "培训主题",
        "trainer" => "培训人",
        "file_name" => "文件名",
        "kind" => "类型",
        "at" => "时间",
        "reason" => "原因说明",
        "author" => "记录人",
        "name" => "名称",
        "created_at" => "创建时间",
        "updated_at" => "修改时间",
        "deleted_at" => "删除时间",
        // 工作日志, 巡检记录 and its answers, 值班
        "content" => "内容",
        "work_date" => "日期",
        "date" => "日期",
        "engineer_id" => "工程师编号",
        "project_name" => "项目名称",
        "client_name" => "甲方单位",
        "template_id" => "巡检模板",
        "template_version" => "模板版本",
        "slot" => "计划时段",
        "started_at" => "开始时间",
        "completed_at" => "完成时间",
        "ended_at" => "结束时间",
        "number" => "巡检编号",
        "record_id" => "巡检记录",
        "duty_id" => "值班安排",
        "measured" => "探测结果",
        "fault_id" => "关联故障",
        "inspector" => "巡检人",
        "recorder" => "记录人",
        "summary" => "巡检结果分析",
        "method" => "检查方式",
        "item_key" => "检查项",
        "status" => "检查结果",
        "value_num" => "数值",
        "value_text" => "填写内容",
        "note" => "说明",
        "starts_at" => "开始时间",
        "ends_at" => "结束时间",
        "client_request" => "甲方要求",
        "presence" => "到岗情况",
        _ => column,
    }
}
