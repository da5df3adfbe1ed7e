//! Workbooks the client receives (rust_xlsxwriter): laid out for A4, sized for Chinese text, written
//! under a temporary name and renamed, so a crash never leaves half a workbook under the final name.

pub mod faq;
pub mod fault_report;
pub mod handover;
pub mod monthly;
pub mod period;
pub mod summary;
pub mod weekly;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::error::{Error, Result};
use crate::reports::AssessmentItemResult;

/// The font the client's Windows printer has; LibreOffice substitutes a CJK font elsewhere.
pub const FONT: &str = "宋体";

/// The workbook writer's errors are English ("Error encountered when creating xlsx file"): the
/// engineer gets a Chinese sentence (by the I/O kind when the file could not be written), the log
/// gets the raw error.
pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    tracing::warn!(error = ?e, "xlsx");
    match &e {
        XlsxError::IoError(io) => Error::Internal(format!(
            "生成 Excel 文件失败：{}。",
            crate::error::io_sentence(io)
        )),
        _ => Error::Internal(
            "生成 Excel 文件失败（表格内容超出了 Excel 的限制或压缩出错）；请重试，若反复出现请把日志发给维护人员。"
                .into(),
        ),
    }
}

/// Printed lines a text needs in a cell `width` units wide, wrapping long lines. Widths are in
/// Excel column units, where a CJK character counts as two Latin letters.
///
/// Wrapping is simulated as the printer does it: Chinese may break between any two characters,
/// but a run of Latin letters and digits (a SHA-256 head, a URL) moves whole to the next line, so a
/// cell holding one counts the line it leaves half empty.
pub fn line_count(s: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(1.0);
    s.split('\n')
        .map(|line| wrapped_lines(line, per_line))
        .sum::<usize>()
        .max(1)
}

fn wrapped_lines(line: &str, per_line: f64) -> usize {
    if fits_whole(line, per_line) {
        return 1;
    }
    laid_out_lines(line, per_line)
}

/// Whether `line` is too short to wrap, without laying it out: no character is wider than its
/// UTF-8 bytes, and none but U+17D8 (three columns) wider than two (a test checks every
/// character), so a line whose bytes, or twice its characters, fit takes one line. Most cells are
/// such, and the month's workbook measures every cell it sizes a row by.
fn fits_whole(line: &str, per_line: f64) -> bool {
    line.len() as f64 <= per_line
        || ((2 * line.chars().count()) as f64 <= per_line && !line.contains('\u{17D8}'))
}

fn laid_out_lines(line: &str, per_line: f64) -> usize {
    let (mut lines, mut used) = (1usize, 0.0f64);
    let mut place = |w: f64, blank: bool| {
        if used + w <= per_line {
            used += w;
        } else if blank {
            // A space at the end of a line is dropped, not carried over.
            lines += 1;
            used = 0.0;
        } else if w > per_line {
            // Longer than a line: it starts on a line of its own and is cut where it must be.
            if used > 0.0 {
                lines += 1;
            }
            let whole = (w / per_line).floor();
            lines += whole as usize;
            used = w - whole * per_line;
            if used == 0.0 {
                lines -= 1;
                used = per_line;
            }
        } else {
            lines += 1;
            used = w;
        }
    };
    // A run of Latin letters and digits (with the punctuation inside it) is one token; it is
    // ASCII, so its width is its length. Every other character is a token of its own.
    let mut word = 0usize;
    for c in line.chars() {
        if c.is_ascii_alphanumeric() || (c.is_ascii_punctuation() && word > 0) {
            word += 1;
            continue;
        }
        if word > 0 {
            place(word as f64, false);
            word = 0;
        }
        if c.is_ascii_graphic() {
            place(1.0, false);
        } else if c == ' ' {
            place(1.0, true);
        } else {
            let mut buf = [0u8; 4];
            let token: &str = c.encode_utf8(&mut buf);
            place(
                UnicodeWidthStr::width(token) as f64,
                token.trim().is_empty(),
            );
        }
    }
    if word > 0 {
        place(word as f64, false);
    }
    lines
}

/// How many pieces of a deduction's evidence a 考核表 row quotes. Each is a line or five of the
/// cell; with more, one item's row outgrows a printed page, and neither Excel nor LibreOffice splits
/// a row across pages (the rest is cut off). Every piece stands on a row of its own in 扣分明细.
pub const EVIDENCE_QUOTED: usize = 3;

/// How many characters of one piece of evidence a 考核表 row quotes (a hand-entered note may
/// run to 500).
const EVIDENCE_CHARS: usize = 100;

/// A deduction's evidence for one cell: the first `max` pieces, each cut at [`EVIDENCE_CHARS`],
/// then how many more; when anything was left out, where it stands in full (`listed_in`: the
/// 扣分明细 sheet, or the period's workbook): 逐条见 for pieces left out, 全文见 for a piece cut.
pub fn evidence_text(evidence: &[String], max: usize, listed_in: &str) -> String {
    let mut cut = false;
    let quoted: Vec<String> = evidence
        .iter()
        .take(max)
        .map(|e| {
            if e.chars().count() > EVIDENCE_CHARS {
                cut = true;
                format!("{}…", e.chars().take(EVIDENCE_CHARS).collect::<String>())
            } else {
                e.clone()
            }
        })
        .collect();
    let mut text = quoted.join("；");
    if evidence.len() > max {
        text.push_str(&format!(
            "；…… 另 {} 条（逐条见{listed_in}）",
            evidence.len() - max
        ));
    } else if cut {
        text.push_str(&format!("（全文见{listed_in}）"));
    }
    text
}

/// The columns of the 扣分明细 sheets (the month's and the period's) with their widths.
pub const DEDUCTION_COLUMNS: [(&str, f64); 6] = [
    ("序号", 6.0),
    ("考核项", 16.0),
    ("扣分事项", 26.0),
    ("扣分", 7.0),
    ("依据（日期、记录）", 42.0),
    ("来源", 10.0),
];

/// One occurrence of a deduction, as the 扣分明细 sheets list it.
pub struct Deduction<'a> {
    /// 考核项.
    pub item: &'a str,
    /// 扣分事项.
    pub what: &'a str,
    /// Points this occurrence took (before the item's cap, 扣完为止), to two decimals.
    pub points: f64,
    /// 依据: the date and the record.
    pub evidence: &'a str,
    /// 人工录入, rather than counted from the records (记录计算).
    pub manual: bool,
    /// When it happened; none for a hand-entered one.
    pub date: Option<NaiveDate>,
}

/// Every deduction of `items`, one per piece of evidence, by date (hand-entered ones, which have
/// none, after the dated in the sheet's order). Each takes its line's points per occurrence times
/// the times it counted.
pub fn deductions(items: &[AssessmentItemResult]) -> Vec<Deduction<'_>> {
    let mut rows: Vec<Deduction> = Vec::new();
    for item in items {
        for l in &item.lines {
            rows.extend(l.evidence.iter().zip(&l.weights).map(|(e, w)| Deduction {
                item: &item.name,
                what: &l.name,
                points: (l.points_each * f64::from(w.count) * 100.0).round() / 100.0,
                evidence: e,
                manual: l.manual,
                date: w.date,
            }));
        }
    }
    // Stable: the same day keeps the sheet's order of items.
    rows.sort_by_key(|r| (r.date.is_none(), r.date));
    rows
}

/// The 来源 column of 扣分明细.
pub fn source(manual: bool) -> &'static str {
    if manual {
        "人工录入"
    } else {
        "记录计算"
    }
}

/// The tallest row Excel keeps, in points: a taller one is cut to this when the file is opened.
const ROW_HEIGHT_MAX: f64 = 409.0;

/// The most lines of 11-point text one row holds within [`ROW_HEIGHT_MAX`].
pub const ROW_LINES_MAX: usize = 26;

/// `text` cut into pieces that each fit one row `width` wide (at most [`ROW_LINES_MAX`] lines):
/// whole paragraphs together while they fit, a paragraph longer than a row cut between
/// characters. A long 本月工作 then runs on over several rows, which break across pages, where
/// one row would be cut off.
pub fn row_pieces(text: &str, width: f64) -> Vec<String> {
    if line_count(text, width) <= ROW_LINES_MAX {
        return vec![text.to_string()];
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    fn push_piece(piece: &mut String, pieces: &mut Vec<String>) {
        if !piece.is_empty() {
            pieces.push(std::mem::take(piece));
        }
    }
    for paragraph in text.split('\n') {
        let joined = if current.is_empty() {
            paragraph.to_string()
        } else {
            format!("{current}\n{paragraph}")
        };
        if line_count(&joined, width) <= ROW_LINES_MAX {
            current = joined;
            continue;
        }
        push_piece(&mut current, &mut pieces);
        // The paragraph alone: cut it where a row is full.
        let mut rest = paragraph;
        while line_count(rest, width) > ROW_LINES_MAX {
            // The longest run of whole characters that fits: `ends[k]` ends the first k.
            let ends: Vec<usize> = rest
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain([rest.len()])
                .collect();
            let (mut lo, mut hi) = (0, ends.len() - 1);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if line_count(&rest[..ends[mid]], width) <= ROW_LINES_MAX {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            pieces.push(rest[..ends[lo]].to_string());
            rest = &rest[ends[lo]..];
        }
        current = rest.to_string();
    }
    push_piece(&mut current, &mut pieces);
    if pieces.is_empty() {
        pieces.push(String::new());
    }
    pieces
}

/// Row height in points for `lines` lines of 11-point text, at most Excel's largest (409 pt):
/// text that needs more belongs on rows of its own, as the evidence does in 扣分明细.
pub fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0 + 6.0).clamp(22.0, ROW_HEIGHT_MAX)
}

pub struct Formats {
    pub title: Format,
    pub subtitle: Format,
    pub label: Format,
    pub value: Format,
    pub section: Format,
    pub plain: Format,
}

impl Formats {
    pub fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: base
                .clone()
                .set_font_size(18)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: base.clone().set_align(FormatAlign::VerticalCenter),
            label: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(0xF2F2F2),
            value: cell.clone().set_align(FormatAlign::Left),
            section: cell
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_background_color(0xDDEBF7),
            plain: base.set_align(FormatAlign::VerticalCenter),
        }
    }
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

/// An empty field printed as “—”, so a blank cell reads as “nothing recorded”, not as a gap.
pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

/// `2026年11月23日 星期一 14:05` from RFC 3339, or the text itself if it is not a time.
pub fn zh_time(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| dutydesk_sla::format_local_zh(&t))
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// The deflate level of every workbook's package. Excel 365 writes its own files at 3;
/// rust_xlsxwriter's default 6 spends about 40 % more time compressing for a file about 5 %
/// smaller (its performance notes), and compressing was a quarter of the month's export.
const ZIP_LEVEL: u8 = 3;

/// `workbook` as the bytes of its .xlsx file.
pub fn compress(workbook: &mut Workbook) -> Result<Vec<u8>> {
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// Saves `workbook` to `dest` atomically (see [`crate::fsutil::write_atomically`]).
pub fn save(workbook: &mut Workbook, dest: &Path) -> Result<PathBuf> {
    let dir = dest
        .parent()
        .ok_or_else(|| Error::Internal(format!("导出路径无效：{}", dest.display())))?;
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let buffer = compress(workbook)?;
    crate::fsutil::write_atomically(dest, |f| {
        use std::io::Write;
        f.write_all(&buffer)
    })
    .map_err(|e| Error::io(dest, e))?;
    Ok(dest.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`fits_whole`] rests on, over every character [`laid_out_lines`] measures with
    /// `unicode-width`: none is wider than its UTF-8 bytes, none but U+17D8 wider than two.
    #[test]
    fn no_character_is_wider_than_its_bytes_or_than_two_columns_but_one() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let width = UnicodeWidthStr::width(&*c.encode_utf8(&mut buf));
            assert!(width <= c.len_utf8(), "U+{:04X}", c as u32);
            assert!(width <= 2 || c == '\u{17D8}', "U+{:04X}", c as u32);
        }
    }

    /// U+17D8 is the one character wider than two columns: a line of wide characters holding it
    /// can be twice its characters wide and still wrap.
    #[test]
    fn a_line_holding_the_three_column_sign_is_laid_out() {
        for (line, width) in [("\u{17D8}", 2.0), ("中文\u{17D8}", 6.0)] {
            assert_eq!(laid_out_lines(line, width), 2, "{line}");
            assert!(!fits_whole(line, width), "{line}");
        }
    }

    proptest! {
        /// A line [`fits_whole`] lets through unmeasured is one line when laid out: tried at
        /// widths about each of its two bounds, where a bound too generous lets a line through.
        #[test]
        fn a_line_that_fits_whole_lays_out_on_one_line(
            line in "[a-zA-Z0-9 .,:/\\-\u{4e00}-\u{4e20}\u{3000}\u{ff01}\u{17d8}\u{0300}\u{00e9}\u{1f600}\t]{1,40}",
            slack in -3i32..=3,
        ) {
            let bytes = line.len() as i32;
            let doubled = 2 * line.chars().count() as i32;
            for width in [bytes + slack, doubled + slack].map(|w| w.max(1) as f64) {
                if fits_whole(&line, width) {
                    prop_assert_eq!(laid_out_lines(&line, width), 1, "{} at {}", line, width);
                }
            }
        }
    }

    #[test]
    fn a_long_text_is_cut_into_rows_that_each_fit_and_keep_every_character() {
        let paragraph = "本月完成公文系统补丁升级，处理用户来电。".repeat(100);
        let text = format!("第一段。\n{paragraph}\n最后一段。");
        let pieces = row_pieces(&text, 70.0);
        assert!(pieces.len() >= 2, "{pieces:?}");
        assert_eq!(pieces.concat().replace('\n', ""), text.replace('\n', ""));
        for p in &pieces {
            assert!(line_count(p, 70.0) <= ROW_LINES_MAX, "{p}");
            assert!(row_height(line_count(p, 70.0)) < ROW_HEIGHT_MAX);
        }
        // A paragraph that does not fit beside the one before starts a row of its own.
        assert_eq!(pieces[0], "第一段。");
        assert!(pieces.len() >= 3, "{pieces:?}");
        assert!(
            pieces.last().is_some_and(|p| p.ends_with("\n最后一段。")),
            "{pieces:?}"
        );
        assert_eq!(row_pieces("短", 70.0), ["短"]);
        assert_eq!(row_pieces("", 70.0), [""]);
    }

    #[test]
    fn the_sheet_quotes_a_few_pieces_of_evidence_and_says_where_the_rest_are() {
        let e = |n: usize| {
            (1..=n)
                .map(|i| format!("11月{i}日 缺勤"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            evidence_text(&e(2), 3, "“扣分明细”表"),
            "11月1日 缺勤；11月2日 缺勤"
        );
        assert_eq!(
            evidence_text(&e(5), 3, "“扣分明细”表"),
            "11月1日 缺勤；11月2日 缺勤；11月3日 缺勤；…… 另 2 条（逐条见“扣分明细”表）"
        );
        let note = "投".repeat(500);
        let quoted = evidence_text(std::slice::from_ref(&note), 3, "“扣分明细”表");
        assert_eq!(
            quoted,
            format!("{}…（全文见“扣分明细”表）", "投".repeat(EVIDENCE_CHARS))
        );
    }

    #[test]
    fn chinese_counts_double_when_sizing() {
        assert_eq!(line_count("故障报告", 9.0), 1);
        assert_eq!(line_count("故障报告", 8.0), 2);
        assert_eq!(line_count("故障".repeat(20).as_str(), 21.0), 4);
        assert_eq!(line_count("一\n二", 30.0), 2);
    }

    #[test]
    fn a_latin_run_that_does_not_fit_moves_whole_to_the_next_line() {
        // The cover's 审计链头: the 64-letter hash cannot follow 第 158 条 on the first line, and
        // the verdict after it needs a third (a two-line row cut it off in print).
        let head = format!(
            "第 158 条 SHA-256 {}（导出时审计检查：通过）",
            "9a6e8655062abbc0a8baa9cc1b580fabdb3605fdea31d77a25af4644fa123470"
        );
        assert_eq!(line_count(&head, 70.0), 3);
        assert_eq!(line_count("abc def", 5.0), 2);
        assert_eq!(line_count(&"x".repeat(40), 11.0), 4);
        assert_eq!(line_count("", 10.0), 1);
    }
}
