//! 全文检索 — what every search over Chinese text shares (the FAQ, form records, the lists' text
//! filters): a query cut into terms and bounded before any SQL is built, each term quoted as an
//! FTS5 phrase for the trigram index or escaped as a `LIKE` pattern, and the answer's text cut into
//! parts with the hits marked.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Characters of context shown around the first hit in a snippet.
pub(crate) const SNIPPET_CHARS: usize = 80;
const SNIPPET_LEAD: usize = 20;
/// The shortest term the trigram index can match.
pub(crate) const TRIGRAM: usize = 3;

/// A piece of text, marked when it matched the search. The UI renders the pieces in order and
/// highlights the hits, without interpreting any markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextPart {
    pub text: String,
    pub hit: bool,
}

/// At most this many distinct terms: each short term is one SQL parameter and three `LIKE`s, so
/// a pasted paragraph would otherwise run into SQLite's limit on variables ("too many SQL
/// variables") or a slow scan.
pub const MAX_TERMS: usize = 10;
/// At most this many characters per term (a term is a word or a short phrase, not a document).
pub const MAX_TERM_CHARS: usize = 50;

/// The query's terms: split on whitespace, repeats dropped. Stops at one past [`MAX_TERMS`]
/// (enough to refuse), so a pasted document costs no quadratic de-duplication.
pub(crate) fn terms_of(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for term in query.split_whitespace() {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_string());
            if terms.len() > MAX_TERMS {
                break;
            }
        }
    }
    terms
}

/// Refuses a query with more than [`MAX_TERMS`] terms or a term over [`MAX_TERM_CHARS`], in
/// Chinese, before any SQL is built.
pub(crate) fn check_terms(terms: &[String]) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::validation(vec![crate::error::FieldError::new(
            "query", message,
        )]))
    };
    if terms.len() > MAX_TERMS {
        return refuse(format!(
            "搜索词太多：最多 {MAX_TERMS} 个，请只保留最关键的几个词。"
        ));
    }
    if let Some(long) = terms.iter().find(|t| t.chars().count() > MAX_TERM_CHARS) {
        let start: String = long.chars().take(10).collect();
        return refuse(format!(
            "搜索词“{start}…”太长：每个词最多 {MAX_TERM_CHARS} 个字，请用空格分开或缩短。"
        ));
    }
    Ok(())
}

/// An FTS5 string for one term: the whole term as a phrase, so no character in it is read as
/// query syntax (`AND`, `*`, `-`, column filters).
pub(crate) fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// One character folded for matching: Latin letters ignore case, as in the trigram index.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// `text` cut into parts with every occurrence of a term marked. With `window`, only about that
/// many characters around the first hit are kept, and `…` marks what was cut.
pub(crate) fn highlight(text: &str, terms: &[String], window: Option<usize>) -> Vec<TextPart> {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().copied().map(fold).collect();
    let mut marked = vec![false; chars.len()];
    for term in terms {
        let needle: Vec<char> = term.chars().map(fold).collect();
        if needle.is_empty() || needle.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - needle.len() {
            if folded[start..start + needle.len()] == needle[..] {
                marked[start..start + needle.len()].fill(true);
            }
        }
    }
    let (from, to) = match window {
        Some(width) => {
            let first = marked.iter().position(|m| *m).unwrap_or(0);
            let from = first.saturating_sub(SNIPPET_LEAD);
            (from, (from + width).min(chars.len()))
        }
        None => (0, chars.len()),
    };
    let mut parts: Vec<TextPart> = Vec::new();
    if from > 0 {
        parts.push(TextPart {
            text: "…".into(),
            hit: false,
        });
    }
    for i in from..to {
        match parts.last_mut() {
            Some(last) if last.hit == marked[i] && !(i == from && from > 0) => {
                last.text.push(chars[i])
            }
            _ => parts.push(TextPart {
                text: chars[i].to_string(),
                hit: marked[i],
            }),
        }
    }
    if to < chars.len() {
        parts.push(TextPart {
            text: "…".into(),
            hit: false,
        });
    }
    parts
}

/// `text` as a LIKE pattern matching it anywhere, with `%`, `_` and the escape itself escaped
/// (use with `ESCAPE '\'`).
pub(crate) fn like_anywhere(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The `WHERE` of a search, as the FAQ and form records build it: every term must be found in one
/// of `columns`. Terms of [`TRIGRAM`] characters or more go to the FTS5 table `fts` as phrases in
/// `?1` (ranked by bm25 there); shorter ones are one `LIKE` pattern each, over every column.
pub(crate) struct SearchWhere {
    /// Positional parameters, `?1` first.
    pub params: Vec<String>,
    /// Conditions to join with `AND`.
    pub conditions: Vec<String>,
    /// Whether the FTS table takes part (join it, order by its bm25).
    pub uses_index: bool,
    /// The parameter number of each short term's pattern, in order.
    pub short_params: Vec<usize>,
}

pub(crate) fn search_where(terms: &[String], fts: &str, columns: &[&str]) -> SearchWhere {
    let (long, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= TRIGRAM);
    let mut out = SearchWhere {
        params: Vec::new(),
        conditions: Vec::new(),
        uses_index: !long.is_empty(),
        short_params: Vec::new(),
    };
    if out.uses_index {
        out.params.push(
            long.iter()
                .map(|t| fts_phrase(t))
                .collect::<Vec<_>>()
                .join(" "),
        );
        out.conditions.push(format!("{fts} MATCH ?1"));
    }
    for term in short {
        out.params.push(like_anywhere(term));
        let n = out.params.len();
        out.short_params.push(n);
        let any = columns
            .iter()
            .map(|c| format!("{c} LIKE ?{n} ESCAPE '\\'"))
            .collect::<Vec<_>>()
            .join(" OR ");
        out.conditions.push(format!("({any})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[TextPart]) -> String {
        parts
            .iter()
            .map(|p| {
                if p.hit {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn phrases_cannot_escape_their_quotes() {
        assert_eq!(fts_phrase(r#"a"b OR c"#), r#""a""b OR c""#);
    }

    #[test]
    fn terms_split_on_any_whitespace_without_repeats() {
        assert_eq!(terms_of(" 公文　传输 公文\t"), vec!["公文", "传输"]);
    }

    #[test]
    fn hits_are_marked_and_snippets_cut() {
        let terms = vec!["公文".to_string(), "OA".to_string()];
        assert_eq!(
            shown(&highlight("登录oa后公文无法发送", &terms, None)),
            "登录[oa]后[公文]无法发送"
        );
        let long = format!("{}公文{}", "甲".repeat(30), "乙".repeat(100));
        let snippet = highlight(&long, &terms, Some(30));
        let text = shown(&snippet);
        assert!(text.starts_with("…甲"), "{text}");
        assert!(text.contains("[公文]"), "{text}");
        assert!(text.ends_with('…'), "{text}");
    }

    #[test]
    fn long_terms_go_to_the_index_and_short_ones_to_like_over_every_column() {
        let terms = vec![
            "签章服务".to_string(),
            "OA".to_string(),
            "公文传输".to_string(),
        ];
        let w = search_where(&terms, "t_fts", &["t.a", "t.b"]);
        assert!(w.uses_index);
        assert_eq!(w.params, ["\"签章服务\" \"公文传输\"", "%OA%"]);
        assert_eq!(w.short_params, [2]);
        assert_eq!(
            w.conditions,
            [
                "t_fts MATCH ?1",
                "(t.a LIKE ?2 ESCAPE '\\' OR t.b LIKE ?2 ESCAPE '\\')"
            ]
        );
        let only_short = search_where(&["OA".to_string()], "t_fts", &["t.a"]);
        assert!(!only_short.uses_index);
        assert_eq!(only_short.short_params, [1]);
    }
}
