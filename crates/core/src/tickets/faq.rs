//! 常见问题及解决方案 — the FAQ handed over to the client (seed 002: 序号, 问题描述, 解决方案, 备注),
//! with a full-text search that works for Chinese.
//!
//! Owns `faq_entries` and its FTS5 index `faq_fts` (migration 0004). The index uses the trigram
//! tokenizer: Chinese has no spaces between words, so a search term is matched as a substring. A
//! trigram index cannot match fewer than three characters, so one- and two-character terms are
//! looked up with `LIKE` instead; a query mixing both kinds uses the index for the long terms and
//! `LIKE` for the short ones.

use chrono::{DateTime, Utc};
use rusqlite::{
    named_params, params, params_from_iter, Connection, OptionalExtension, Row, Transaction,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::fields::{ensure_exists, month_range, next_serial, stored_now, Checks, MAX_LONG};
use crate::kinds::RecordKind;
use crate::links::{self, RecordLink};
use crate::text_search::{
    check_terms, highlight, search_where, terms_of, SearchWhere, TextPart, SNIPPET_CHARS,
};

const MAX_QUESTION: usize = 500;
const MAX_SOURCE_LINK: usize = 500;
/// Search answers are for reading, not exporting: the best ones are enough.
const MAX_HITS: usize = 100;

/// The form of an FAQ entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaqInput {
    /// 问题描述
    pub question: String,
    /// 解决方案
    pub solution: String,
    /// 备注
    pub remark: String,
    /// 出处: a web address or the name of a document; may be empty.
    pub source_link: String,
}

/// An FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaqEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// 序号, never handed out again after a deletion.
    #[ts(type = "number")]
    pub seq: i64,
    pub question: String,
    pub solution: String,
    pub remark: String,
    pub source_link: String,
    /// The records it was made from (a service record, a fault).
    pub links: Vec<RecordLink>,
    pub created_at: String,
    pub updated_at: String,
}

/// One search answer: the entry, its question with the hits marked, and a snippet of the solution
/// (or the remark, when only that matched) around the first hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaqHit {
    pub entry: FaqEntry,
    pub question: Vec<TextPart>,
    pub snippet: Vec<TextPart>,
}

/// Which FAQ entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FaqFilter {
    /// `YYYY-MM`, by when the entry was written.
    pub month: Option<String>,
    /// A search: best matches first instead of by 序号.
    pub text: Option<String>,
}

fn check(input: &FaqInput, now: DateTime<Utc>) -> Result<FaqInput> {
    let clean = FaqInput {
        question: input.question.trim().to_string(),
        solution: input.solution.trim().to_string(),
        remark: input.remark.trim().to_string(),
        source_link: input.source_link.trim().to_string(),
    };
    let mut c = Checks::new(now);
    c.required("question", "问题描述", &clean.question, MAX_QUESTION);
    c.required("solution", "解决方案", &clean.solution, MAX_LONG);
    c.optional("remark", "备注", &clean.remark, MAX_LONG);
    c.optional("sourceLink", "出处", &clean.source_link, MAX_SOURCE_LINK);
    c.finish()?;
    Ok(clean)
}

/// Writes a new FAQ entry and returns its id. With `source` (`("serviceRecord", id)`,
/// `("fault", id)`, …) the entry is linked to the record it was made from, in the same transaction;
/// a source that does not exist is refused.
pub fn create_faq_in_tx(
    tx: &Transaction<'_>,
    input: &FaqInput,
    source: Option<(RecordKind, i64)>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let clean = check(input, now)?;
    if let Some((kind, id)) = source {
        if !kind.may_link() || kind == RecordKind::Faq {
            return Err(Error::Internal(format!(
                "常见问题不能由“{}”生成",
                kind.label()
            )));
        }
        ensure_exists(tx, kind, id)?;
    }
    let seq = next_serial(tx, "FAQ", "")?;
    tx.execute(
        "INSERT INTO faq_entries (seq, question, solution, remark, source_link, created_at,
                                  updated_at)
         VALUES (:seq, :question, :solution, :remark, :source_link, :now, :now)",
        named_params! {
            ":seq": seq,
            ":question": clean.question,
            ":solution": clean.solution,
            ":remark": clean.remark,
            ":source_link": clean.source_link,
            ":now": stored_now(now),
        },
    )?;
    let id = tx.last_insert_rowid();
    if let Some(source) = source {
        links::link(tx, source, (RecordKind::Faq, id), now)?;
    }
    Ok(id)
}

/// Replaces the text of entry `id`; the index follows through the table's triggers.
pub fn update_faq_in_tx(
    tx: &Transaction<'_>,
    id: i64,
    input: &FaqInput,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_exists(tx, RecordKind::Faq, id)?;
    let clean = check(input, now)?;
    tx.execute(
        "UPDATE faq_entries SET question = :question, solution = :solution, remark = :remark,
                source_link = :source_link, updated_at = :now
          WHERE id = :id",
        named_params! {
            ":id": id,
            ":question": clean.question,
            ":solution": clean.solution,
            ":remark": clean.remark,
            ":source_link": clean.source_link,
            ":now": stored_now(now),
        },
    )?;
    Ok(())
}

/// Deletes entry `id` from the engineer's view: the row is kept with `deleted_at` set (records are
/// never erased, 痕迹化管理), so its links and its audit trail stay; lists, search and the export
/// leave it out. Its 序号 is not handed out again.
pub fn delete_faq_in_tx(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<()> {
    ensure_exists(tx, RecordKind::Faq, id)?;
    tx.execute(
        "UPDATE faq_entries SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, stored_now(now)],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT e.id, e.seq, e.question, e.solution, e.remark, e.source_link,
        e.created_at, e.updated_at
   FROM faq_entries e";

fn from_row(row: &Row<'_>) -> rusqlite::Result<FaqEntry> {
    Ok(FaqEntry {
        id: row.get("id")?,
        seq: row.get("seq")?,
        question: row.get("question")?,
        solution: row.get("solution")?,
        remark: row.get("remark")?,
        source_link: row.get("source_link")?,
        links: Vec::new(),
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
    })
}

fn with_links(conn: &Connection, mut entry: FaqEntry) -> Result<FaqEntry> {
    entry.links = links::links_of(conn, RecordKind::Faq, entry.id)?;
    Ok(entry)
}

pub fn get_faq(conn: &Connection, id: i64) -> Result<FaqEntry> {
    let entry = conn
        .query_row(
            &format!("{SELECT} WHERE e.id = ?1 AND e.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "常见问题（编号 {id}）不存在，可能已被删除，请刷新列表。"
            ))
        })?;
    with_links(conn, entry)
}

/// Entries matching `filter`: by 序号, or best match first when `text` is given.
pub fn list_faq(conn: &Connection, filter: &FaqFilter) -> Result<Vec<FaqEntry>> {
    let range = filter
        .month
        .as_deref()
        .map(|m| Month::parse(m).map(month_range))
        .transpose()?;
    let in_month = |e: &FaqEntry| match &range {
        Some((from, to)) => {
            e.created_at.as_str() >= from.as_str() && e.created_at.as_str() < to.as_str()
        }
        None => true,
    };
    if let Some(text) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
        return Ok(search_faq(conn, text)?
            .into_iter()
            .map(|hit| hit.entry)
            .filter(in_month)
            .collect());
    }
    let mut stmt = conn.prepare(&format!(
        "{SELECT}
          WHERE e.deleted_at IS NULL
            AND (:from IS NULL OR e.created_at >= :from) AND (:to IS NULL OR e.created_at < :to)
          ORDER BY e.seq"
    ))?;
    let (from, to) = range.unzip();
    let rows = stmt.query_map(named_params! { ":from": from, ":to": to }, from_row)?;
    let entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    entries.into_iter().map(|e| with_links(conn, e)).collect()
}

/// The entries written in `month` (`YYYY-MM`), by 序号: the monthly export's rows.
pub fn list_faq_in_month(conn: &Connection, month: Month) -> Result<Vec<FaqEntry>> {
    list_faq(
        conn,
        &FaqFilter {
            month: Some(month.to_string()),
            text: None,
        },
    )
}

/// Searches question, solution and remark. Every term must be found (in any of the three). Terms of
/// three or more characters use the trigram index and rank the answers (bm25, the question weighing
/// most); shorter terms are matched with `LIKE`. Case is ignored for Latin letters.
pub fn search_faq(conn: &Connection, query: &str) -> Result<Vec<FaqHit>> {
    let terms = terms_of(query);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    check_terms(&terms)?;
    let SearchWhere {
        params,
        conditions,
        uses_index,
        short_params,
    } = search_where(&terms, "faq_fts", &["e.question", "e.solution", "e.remark"]);
    let question_has_all: Vec<String> = short_params
        .iter()
        .map(|n| format!("e.question LIKE ?{n} ESCAPE '\\'"))
        .collect();
    let sql = if !uses_index {
        // Without the index there is no bm25: entries whose question holds every term first.
        format!(
            "{SELECT} WHERE e.deleted_at IS NULL AND {} ORDER BY ({}) DESC, e.seq LIMIT {MAX_HITS}",
            conditions.join(" AND "),
            question_has_all.join(" AND ")
        )
    } else {
        format!(
            "{SELECT} JOIN faq_fts ON faq_fts.rowid = e.id
              WHERE e.deleted_at IS NULL AND {}
              ORDER BY bm25(faq_fts, 5.0, 1.0, 0.5), e.seq LIMIT {MAX_HITS}",
            conditions.join(" AND ")
        )
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(params.iter()), from_row)?;
    let entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    entries
        .into_iter()
        .map(|entry| {
            let entry = with_links(conn, entry)?;
            let question = highlight(&entry.question, &terms, None);
            let snippet = [&entry.solution, &entry.remark]
                .into_iter()
                .map(|text| highlight(text, &terms, Some(SNIPPET_CHARS)))
                .find(|parts| parts.iter().any(|p| p.hit))
                .unwrap_or_else(|| highlight(&entry.solution, &terms, Some(SNIPPET_CHARS)));
            Ok(FaqHit {
                entry,
                question,
                snippet,
            })
        })
        .collect()
}
