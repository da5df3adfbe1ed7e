//! 运维记录_YYYY-MM.xlsx: the month's records as the client prints, signs and files them, with the
//! monthly report and the computed assessment sheet.
//!
//! Every sheet: Chinese headers, widths sized for Chinese text, A4 fit to width, the header row repeated
//! on each printed page, the project name and page numbers in the footer. No formulas: every number is
//! written as a value, so a viewer that does not recalculate shows the same thing as Excel. The cell
//! contents depend only on the records, so re-exporting an unchanged month gives the same cells.

use chrono::{DateTime, Datelike};
use rust_xlsxwriter::{
    Chart, ChartType, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::borrow::Cow;

use crate::audit::AuditReport;
use crate::error::Result;
use crate::export::{
    deductions, evidence_text, line_count, or_dash, row_height, row_pieces, source, xlsx_error,
    zh_time, Formats, DEDUCTION_COLUMNS, EVIDENCE_QUOTED, FONT, ROW_LINES_MAX,
};
use crate::inspections::{AnswerStatus, InspectionRecordView, ItemKind, TemplateKind};
use crate::reports::{AssessmentResult, MonthRecords, PeriodAssessment};

type X<T> = std::result::Result<T, XlsxError>;

/// What the workbook is written from: the month as loaded, its assessment, and the audit check
/// whose head and verdict the cover prints (`None`: 未检查). It reads as the records it holds.
struct MonthData<'a> {
    records: &'a MonthRecords,
    assessment: &'a AssessmentResult,
    /// The contract period holding the month, up to it (`None`: no sheet, or outside the term).
    period: Option<&'a PeriodAssessment>,
    audit_check: Option<&'a AuditReport>,
}

impl std::ops::Deref for MonthData<'_> {
    type Target = MonthRecords;

    fn deref(&self) -> &MonthRecords {
        self.records
    }
}

/// A column: header and width in Excel units (a Chinese character is 2).
struct Col {
    header: Cow<'static, str>,
    width: f64,
}

const fn col(header: &'static str, width: f64) -> Col {
    Col {
        header: Cow::Borrowed(header),
        width,
    }
}

fn opt_time(s: &Option<String>) -> String {
    s.as_deref().map(zh_time).unwrap_or_else(|| "—".into())
}

fn met_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "按时",
        Some(false) => "超时",
        None => "—",
    }
}

/// The period as the client writes it: 2026年11月.
fn period(d: &MonthData) -> String {
    format!("{}年{}月", d.month.year(), d.month.month())
}

/// Footer text, with `&` doubled so Excel does not read it as a control code.
fn footer(d: &MonthData) -> String {
    format!(
        "&L{}&C第 &P 页，共 &N 页&R{}",
        d.project.project_name.replace('&', "&&"),
        period(d)
    )
}

fn page_setup(ws: &mut Worksheet, d: &MonthData, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer(footer(d));
}

/// Title, subtitle, header row and rows; returns the next free row.
#[allow(clippy::too_many_arguments)]
fn table(
    ws: &mut Worksheet,
    f: &Formats,
    d: &MonthData,
    title: &str,
    cols: &[Col],
    rows: &[Vec<String>],
    empty: &str,
    first_row: u32,
) -> X<u32> {
    let last_col = (cols.len() - 1) as u16;
    for (i, c) in cols.iter().enumerate() {
        ws.set_column_width(i as u16, c.width)?;
    }
    let mut row = first_row;
    ws.set_row_height(row, 30.0)?;
    ws.merge_range(row, 0, row, last_col, title, &f.title)?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        last_col,
        &format!(
            "项目名称：{}　　甲方单位：{}　　期间：{}",
            d.project.project_name,
            d.project.client_name,
            period(d)
        ),
        &f.subtitle,
    )?;
    row += 1;
    let header_row = row;
    for (i, c) in cols.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, &*c.header, &f.label)?;
    }
    // As tall as the longest header wraps to: "服务单位 / 地点 / 联系人" takes two lines in its
    // column, and a one-line row printed its second line cut in half. A one-line header keeps the
    // 24 pt it had (a body row's one line is 22).
    let header_lines = cols
        .iter()
        .map(|c| line_count(&c.header, c.width))
        .max()
        .unwrap_or(1);
    ws.set_row_height(row, row_height(header_lines).max(24.0))?;
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    row += 1;
    if rows.is_empty() {
        ws.merge_range(row, 0, row, last_col, empty, &f.value)?;
        ws.set_row_height(row, 24.0)?;
        return Ok(row + 1);
    }
    let widths: Vec<f64> = cols.iter().map(|c| c.width).collect();
    write_rows(ws, f, &widths, rows, row)
}

/// Writes `rows` from `row` on, each as tall as its longest wrapped cell; returns the next row.
/// A record whose text is taller than a row can hold runs on over several sheet rows (a row is
/// neither split across pages nor kept taller than 409 pt): the long cells are cut into pieces
/// ([`row_pieces`]), one per row, and the short ones are merged down beside them.
fn write_rows(
    ws: &mut Worksheet,
    f: &Formats,
    widths: &[f64],
    rows: &[Vec<String>],
    mut row: u32,
) -> X<u32> {
    let first = row;
    // The block below is formatted as a rectangle: a shorter row would gain formatted blanks.
    debug_assert!(rows.iter().all(|r| r.len() == widths.len()));
    for r in rows {
        let lines = r
            .iter()
            .enumerate()
            .map(|(i, text)| line_count(text, widths[i]))
            .max()
            .unwrap_or(1);
        if lines <= ROW_LINES_MAX {
            // Unformatted here, formatted as one block below.
            for (i, text) in r.iter().enumerate() {
                ws.write_string(row, i as u16, text)?;
            }
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
            continue;
        }
        let pieces: Vec<Vec<String>> = r
            .iter()
            .enumerate()
            .map(|(i, text)| row_pieces(text, widths[i]))
            .collect();
        let span = pieces.iter().map(Vec::len).max().unwrap_or(1);
        let last = row + span as u32 - 1;
        for (i, cell) in pieces.iter().enumerate() {
            let c = i as u16;
            if cell.len() == 1 {
                span_down(ws, row, last, c, &cell[0], &f.value)?;
            } else {
                for k in 0..span {
                    let piece = cell.get(k).map(String::as_str).unwrap_or("");
                    ws.write_string(row + k as u32, c, piece)?;
                }
            }
        }
        for k in 0..span {
            let lines = pieces
                .iter()
                .enumerate()
                .filter(|(_, cell)| cell.len() > 1)
                .map(|(i, cell)| cell.get(k).map_or(1, |p| line_count(p, widths[i])))
                .max()
                .unwrap_or(1);
            ws.set_row_height(row + k as u32, row_height(lines))?;
        }
        row = last + 1;
    }
    // Every cell of the block takes the one format in one call: rust_xlsxwriter hashes the whole
    // format on each formatted write to find its index, and a month's tables hold thousands of
    // cells (docs/benchmarks.md). An empty cell becomes a formatted blank, as a formatted empty
    // write makes it.
    if row > first && !widths.is_empty() {
        ws.set_range_format(first, 0, row - 1, widths.len() as u16 - 1, &f.value)?;
    }
    Ok(row)
}

/// Writes `text` down column `col` from `first` to `last` (one cell when they are the same): the
/// short cells beside a record that runs on over several rows.
fn span_down(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    text: &str,
    fmt: &Format,
) -> X<()> {
    if first == last {
        ws.write_string_with_format(first, col, text, fmt)?;
    } else {
        ws.merge_range(first, col, last, col, text, fmt)?;
    }
    Ok(())
}

/// Writes `text` over columns `first..=last` of `row` (one cell when they are the same).
fn span(ws: &mut Worksheet, row: u32, first: u16, last: u16, text: &str, fmt: &Format) -> X<()> {
    if first == last {
        ws.write_string_with_format(row, first, text, fmt)?;
    } else {
        ws.merge_range(row, first, row, last, text, fmt)?;
    }
    Ok(())
}

fn signatures(ws: &mut Worksheet, f: &Formats, row: u32, last_col: u16) -> X<u32> {
    let mid = last_col / 2;
    let sign = f.plain.clone().set_text_wrap().set_align(FormatAlign::Top);
    span(
        ws,
        row + 1,
        0,
        mid,
        "甲方确认人（签字）：\n\n日期：　　年　　月　　日",
        &sign,
    )?;
    span(
        ws,
        row + 1,
        mid + 1,
        last_col,
        "乙方负责人（签字）：\n\n日期：　　年　　月　　日",
        &sign,
    )?;
    ws.set_row_height(row + 1, 60.0)?;
    Ok(row + 2)
}

fn cover(f: &Formats, d: &MonthData, toc: &[(&str, &str)]) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("封面")?;
    page_setup(ws, d, false);
    ws.set_column_width(0, 22.0)?;
    ws.set_column_width(1, 62.0)?;
    ws.set_row_height(1, 40.0)?;
    ws.merge_range(1, 0, 1, 1, &d.project.project_name, &f.title)?;
    ws.set_row_height(2, 34.0)?;
    ws.merge_range(2, 0, 2, 1, &format!("运维记录（{}）", period(d)), &f.title)?;
    let engineers: Vec<String> = d
        .project
        .engineers
        .iter()
        .map(|e| format!("{}（{}）", e.name, e.role))
        .collect();
    let last_update = last_update(d);
    let lines = [
        ("甲方单位", d.project.client_name.clone()),
        ("服务单位", d.project.vendor_name.clone()),
        ("服务期间", period(d)),
        (
            "合同期限",
            format!("{} 至 {}", d.project.contract_start, d.project.contract_end),
        ),
        ("驻场人员", engineers.join("、")),
        ("合同服务级别", d.profile.name.clone()),
        (
            "本月考核得分",
            if d.assessment.band_applies {
                d.assessment.band_text.clone()
            } else {
                format!("{} 分。{}", d.assessment.score, d.assessment.band_text)
            },
        ),
        ("服务报告", delivery_line(d)),
        ("记录更新至", last_update),
        (
            "审计链头",
            d.audit_check
                .map(|report| report.head_line())
                .unwrap_or_else(|| "未检查".into()),
        ),
    ];
    let mut row = 4;
    for (k, v) in lines {
        ws.write_string_with_format(row, 0, k, &f.label)?;
        ws.write_string_with_format(row, 1, &v, &f.value)?;
        ws.set_row_height(row, row_height(line_count(&v, 62.0)))?;
        row += 1;
    }
    row += 1;
    ws.merge_range(row, 0, row, 1, "目　录", &f.section)?;
    row += 1;
    for (i, (name, what)) in toc.iter().enumerate() {
        ws.write_string_with_format(row, 0, format!("{}. {name}", i + 1), &f.value)?;
        ws.write_string_with_format(row, 1, *what, &f.value)?;
        ws.set_row_height(row, 22.0)?;
        row += 1;
    }
    signatures(ws, f, row, 1)?;
    Ok(sheet)
}

/// The newest time any of the month's records was written: the cover's "as of", stable across
/// re-exports of an unchanged month.
fn last_update(d: &MonthData) -> String {
    let mut times: Vec<&str> = Vec::new();
    times.extend(
        d.inspections
            .iter()
            .filter_map(|r| r.completed_at.as_deref()),
    );
    times.extend(d.changes.iter().map(|c| c.updated_at.as_str()));
    times.extend(d.services.iter().map(|s| s.updated_at.as_str()));
    times.extend(d.trainings.iter().map(|t| t.updated_at.as_str()));
    times.extend(d.faq.iter().map(|q| q.updated_at.as_str()));
    times.extend(d.faults.iter().map(|f| f.reported_at.as_str()));
    times.extend(d.report.updated_at.as_deref());
    times.extend(d.forms.iter().filter_map(|f| f.last_saved.as_deref()));
    times.extend(
        d.config_reports
            .iter()
            .flat_map(|r| r.items.iter().flat_map(|i| i.changes.iter()))
            .map(|c| c.at.as_str()),
    );
    times
        .iter()
        .filter_map(|t| DateTime::parse_from_rfc3339(t).ok())
        .max()
        .map(|t| dutydesk_sla::format_local_zh(&dutydesk_sla::to_china(&t)))
        .unwrap_or_else(|| "本月暂无记录".into())
}

fn report(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("月度运维报告")?;
    page_setup(ws, d, false);
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 70.0)?;
    let mut row = 0;
    ws.set_row_height(row, 30.0)?;
    ws.merge_range(
        row,
        0,
        row,
        1,
        &format!("月度运维报告（{}）", period(d)),
        &f.title,
    )?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        1,
        &format!(
            "项目名称：{}　　甲方单位：{}",
            d.project.project_name, d.project.client_name
        ),
        &f.subtitle,
    )?;
    row += 1;
    let breached = d
        .faults
        .iter()
        .filter(|x| x.respond_met == Some(false) || x.restore_met == Some(false))
        .count();
    let stats = format!(
        "巡检 {} 次；故障 {} 起（超时 {} 起）；需求变更 {} 项；服务记录 {} 条；培训 {} 次；新增常见问题 {} 条。",
        d.inspections.len(),
        d.faults.len(),
        breached,
        d.changes.len(),
        d.services.len(),
        d.trainings.len(),
        d.faq.len()
    );
    let r = &d.report;
    let sections = [
        (
            "一、运行情况概述",
            format!("{}\n{}", stats, r.overview).trim().to_string(),
        ),
        ("二、本月工作", r.work_summary.clone()),
        ("三、负载与备份", r.load_backup.clone()),
        ("四、问题及处理", r.problems.clone()),
        ("五、重大故障分析", r.major_incidents.clone()),
        ("六、用户问题与建议", r.user_feedback.clone()),
        ("七、登录与公文统计", r.logins_docs.clone()),
        ("八、团队考勤", attendance_summary(d)),
        ("九、下月工作计划", r.next_plan.clone()),
    ];
    for (title, text) in sections {
        let text = if text.trim().is_empty() {
            "（未填写）".to_string()
        } else {
            text
        };
        // A long section runs on over several rows (one row is not split across pages).
        let pieces = row_pieces(&text, 70.0);
        let last = row + pieces.len() as u32 - 1;
        span_down(ws, row, last, 0, title, &f.label)?;
        for piece in &pieces {
            ws.write_string_with_format(row, 1, piece, &f.value)?;
            ws.set_row_height(row, row_height(line_count(piece, 70.0)))?;
            row += 1;
        }
    }
    row = signatures(ws, f, row, 1)?;

    // Chart data, written as values, then the charts below it, on a page of their own.
    ws.set_page_breaks(&[row])?;
    ws.merge_range(row, 0, row, 1, "统计数据（图表来源）", &f.section)?;
    row += 1;
    let level_start = row;
    for level in &d.profile.levels {
        let n = d.faults.iter().filter(|x| x.level == level.code).count();
        ws.write_string_with_format(row, 0, format!("{}故障", level.name), &f.label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.value)?;
        row += 1;
    }
    let level_end = row - 1;
    let sla_start = row;
    let met = d.faults.len() - breached;
    for (name, n) in [("按时完成", met), ("超时", breached)] {
        ws.write_string_with_format(row, 0, name, &f.label)?;
        ws.write_number_with_format(row, 1, n as f64, &f.value)?;
        row += 1;
    }
    let sla_end = row - 1;
    let week_start = row;
    let mut weeks: Vec<(u32, usize)> = Vec::new();
    for r in &d.inspections {
        if let Ok(date) = chrono::NaiveDate::parse_from_str(&r.date, "%Y-%m-%d") {
            let w = date.iso_week().week();
            match weeks.iter_mut().find(|(x, _)| *x == w) {
                Some(e) => e.1 += 1,
                None => weeks.push((w, 1)),
            }
        }
    }
    weeks.sort();
    for (w, n) in &weeks {
        ws.write_string_with_format(row, 0, format!("第 {w} 周巡检"), &f.label)?;
        ws.write_number_with_format(row, 1, *n as f64, &f.value)?;
        row += 1;
    }
    let week_end = row.saturating_sub(1);
    row += 1;
    let source = "月度运维报告";
    let mut charts: Vec<Chart> = Vec::new();
    if level_end >= level_start {
        let mut c = Chart::new(ChartType::Column);
        c.title().set_name("各级别故障数");
        c.add_series()
            .set_categories((source, level_start, 0, level_end, 0))
            .set_values((source, level_start, 1, level_end, 1))
            .set_name("故障数");
        charts.push(c);
    }
    let mut c = Chart::new(ChartType::Pie);
    c.title().set_name("故障时限达成");
    c.add_series()
        .set_categories((source, sla_start, 0, sla_end, 0))
        .set_values((source, sla_start, 1, sla_end, 1))
        .set_name("故障");
    charts.push(c);
    if !weeks.is_empty() {
        let mut c = Chart::new(ChartType::Column);
        c.title().set_name("每周巡检完成次数");
        c.add_series()
            .set_categories((source, week_start, 0, week_end, 0))
            .set_values((source, week_start, 1, week_end, 1))
            .set_name("巡检次数");
        charts.push(c);
    }
    for c in charts.iter_mut() {
        c.set_width(600).set_height(230);
        c.set_name_font_default();
        ws.insert_chart(row, 0, c)?;
        row += 13;
    }
    Ok(sheet)
}

fn attendance_summary(d: &MonthData) -> String {
    let lines: Vec<String> = d
        .attendance
        .engineers
        .iter()
        .map(|e| {
            let t = &e.totals;
            format!(
                "{}：正常 {} 天，迟到 {}，早退 {}，缺勤 {}，请假 {} 天，值班 {}，加班 {}",
                e.name, t.normal, t.late, t.early, t.absent, t.leave_days, t.duty, t.overtime
            )
        })
        .collect();
    if lines.is_empty() {
        "本月没有考勤记录。".into()
    } else {
        format!("{}\n（明细见“考勤表”）", lines.join("\n"))
    }
}

/// Chinese chart text needs a CJK font in LibreOffice as in Excel.
trait ChartFontDefault {
    fn set_name_font_default(&mut self);
}

impl ChartFontDefault for Chart {
    fn set_name_font_default(&mut self) {
        let mut font = rust_xlsxwriter::ChartFont::new();
        font.set_name(FONT);
        self.title().set_font(&font);
    }
}

fn inspection_list(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("巡检记录")?;
    page_setup(ws, d, true);
    let cols = [
        col("编号", 12.0),
        col("日期", 12.0),
        col("时间", 14.0),
        col("巡检类别", 16.0),
        col("巡检人", 10.0),
        col("检查方式", 12.0),
        col("结果", 8.0),
        col("异常项", 50.0),
    ];
    let rows: Vec<Vec<String>> = d
        .inspections
        .iter()
        .map(|r| {
            vec![
                r.number.clone().unwrap_or_default(),
                r.date.clone(),
                format!(
                    "{}–{}",
                    hm(&r.started_at),
                    r.ended_at.as_deref().map(hm).unwrap_or_default()
                ),
                r.template.name.clone(),
                r.inspector.clone(),
                r.method_name.clone(),
                if r.abnormal.is_empty() {
                    "正常".into()
                } else {
                    "异常".into()
                },
                if r.abnormal.is_empty() {
                    "—".into()
                } else {
                    r.abnormal
                        .iter()
                        .map(|a| a.text.clone())
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            ]
        })
        .collect();
    let row = table(
        ws,
        f,
        d,
        "巡检记录汇总",
        &cols,
        &rows,
        "本月没有巡检记录。",
        0,
    )?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

fn hm(rfc: &str) -> String {
    DateTime::parse_from_rfc3339(rfc)
        .map(|t| dutydesk_sla::to_china(&t).format("%H:%M").to_string())
        .unwrap_or_default()
}

fn answer_text(r: &InspectionRecordView, key: &str) -> (String, String) {
    let Some(item) = r.template.item(key) else {
        return (String::new(), String::new());
    };
    let Some(a) = r.answers.iter().find(|a| a.item_key == key) else {
        return ("未填".into(), String::new());
    };
    let status = match a.status {
        Some(AnswerStatus::Ok) => "正常",
        Some(AnswerStatus::Abnormal) => "异常",
        None => "",
    };
    let value = match item.kind {
        ItemKind::Number | ItemKind::Seconds => a
            .value_num
            .map(|v| format!("{v}{} ", item.unit.as_deref().unwrap_or("")))
            .unwrap_or_default(),
        ItemKind::Text => a.value_text.clone(),
        _ => String::new(),
    };
    let mut note = a.note.clone();
    if let Some(code) = &a.fault_code {
        note = format!("{note}（已转故障 {code}）").trim().to_string();
    }
    (format!("{value}{status}").trim().to_string(), note)
}

/// 软件巡检记录单 (seed 002), one per A4 page.
fn inspection_forms(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("巡检记录单")?;
    page_setup(ws, d, false);
    let widths = [8.0, 40.0, 16.0, 26.0];
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    let mut row = 0u32;
    let mut breaks = Vec::new();
    let forms: Vec<&InspectionRecordView> = d
        .inspections
        .iter()
        .filter(|r| r.template.kind != TemplateKind::Monitoring)
        .collect();
    if forms.is_empty() {
        ws.merge_range(0, 0, 0, 3, "软件巡检记录单", &f.title)?;
        ws.merge_range(1, 0, 1, 3, "本月没有巡检记录。", &f.value)?;
        return Ok(sheet);
    }
    for (n, r) in forms.iter().enumerate() {
        if n > 0 {
            breaks.push(row);
        }
        ws.set_row_height(row, 30.0)?;
        ws.merge_range(row, 0, row, 3, "软件巡检记录单", &f.title)?;
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            3,
            &format!("编号：{}", r.number.clone().unwrap_or_default()),
            &f.subtitle,
        )?;
        row += 1;
        let head = [
            (
                "项目名称",
                r.project_name.clone(),
                "甲方单位",
                r.client_name.clone(),
            ),
            (
                "巡检人",
                r.inspector.clone(),
                "记录人",
                or_dash(&r.recorder),
            ),
            ("检查方式", r.method_name.clone(), "日期", r.date.clone()),
            (
                "时间",
                format!(
                    "{}–{}",
                    hm(&r.started_at),
                    r.ended_at.as_deref().map(hm).unwrap_or_default()
                ),
                "巡检类别",
                r.template.name.clone(),
            ),
        ];
        for (a, b, c, e) in head {
            ws.write_string_with_format(row, 0, a, &f.label)?;
            ws.write_string_with_format(row, 1, &b, &f.value)?;
            ws.write_string_with_format(row, 2, c, &f.label)?;
            ws.write_string_with_format(row, 3, &e, &f.value)?;
            ws.set_row_height(
                row,
                row_height(line_count(&b, widths[1]).max(line_count(&e, widths[3]))),
            )?;
            row += 1;
        }
        for (i, h) in ["序号", "检查内容", "结果", "说明"].iter().enumerate() {
            ws.write_string_with_format(row, i as u16, *h, &f.label)?;
        }
        row += 1;
        let mut seq = 0;
        for section in &r.template.sections {
            ws.merge_range(row, 0, row, 3, &section.title, &f.section)?;
            row += 1;
            let items = row;
            for item in &section.items {
                if item.kind == ItemKind::Attachment {
                    continue;
                }
                seq += 1;
                let (result, note) = answer_text(r, &item.key);
                ws.write_string(row, 0, seq.to_string())?;
                ws.write_string(row, 1, &item.label)?;
                ws.write_string(row, 2, &result)?;
                ws.write_string(row, 3, &note)?;
                let lines = line_count(&item.label, widths[1])
                    .max(line_count(&result, widths[2]))
                    .max(line_count(&note, widths[3]));
                ws.set_row_height(row, row_height(lines))?;
                row += 1;
            }
            // The section's items take their format as one block (see `write_rows`).
            if row > items {
                ws.set_range_format(items, 0, row - 1, 3, &f.value)?;
            }
        }
        ws.write_string_with_format(row, 0, "巡检结果\n分析", &f.label)?;
        ws.merge_range(row, 1, row, 3, &or_dash(&r.summary), &f.value)?;
        ws.set_row_height(row, row_height(line_count(&r.summary, 82.0) + 1))?;
        row += 1;
        row = signatures(ws, f, row, 3)?;
        row += 1;
    }
    ws.set_page_breaks(&breaks)?;
    Ok(sheet)
}

/// 系统监测日志 (seed 004): per check, one row per service.
fn monitoring_log(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("系统监测日志")?;
    page_setup(ws, d, true);
    let cols = [
        col("监测日期", 12.0),
        col("监测时间", 10.0),
        col("监测人员", 10.0),
        col("服务名称", 16.0),
        col("业务系统名称", 22.0),
        col("刷新时间(秒)", 13.0),
        col("是否正常", 10.0),
        col("登录时间(秒)", 13.0),
        col("是否正常", 10.0),
        col("备注", 30.0),
    ];
    let mut rows = Vec::new();
    for r in d
        .inspections
        .iter()
        .filter(|r| r.template.kind == TemplateKind::Monitoring)
    {
        for section in &r.template.sections {
            let pick = |suffix: &str| -> (String, String, String) {
                let Some(item) = section.items.iter().find(|i| i.key.ends_with(suffix)) else {
                    return (String::new(), String::new(), String::new());
                };
                let a = r.answers.iter().find(|a| a.item_key == item.key);
                (
                    a.and_then(|a| a.value_num)
                        .map(|v| format!("{v}"))
                        .unwrap_or_default(),
                    match a.and_then(|a| a.status) {
                        Some(AnswerStatus::Ok) => "是".into(),
                        Some(AnswerStatus::Abnormal) => "否".into(),
                        None => String::new(),
                    },
                    a.map(|a| a.note.clone()).unwrap_or_default(),
                )
            };
            let (refresh, refresh_ok, n1) = pick("-refresh");
            let (login, login_ok, n2) = pick("-login");
            rows.push(vec![
                r.date.clone(),
                hm(&r.started_at),
                r.inspector.clone(),
                section.title.clone(),
                section.system.clone().unwrap_or_default(),
                refresh,
                refresh_ok,
                login,
                login_ok,
                [n1, n2]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("；"),
            ]);
        }
    }
    let row = table(
        ws,
        f,
        d,
        "系统监测日志",
        &cols,
        &rows,
        "本月没有系统监测记录。",
        0,
    )?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

fn fault_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("故障记录")?;
    page_setup(ws, d, true);
    let cols = [
        col("编号", 15.0),
        col("故障现象", 26.0),
        col("级别", 7.0),
        col("故障类型", 9.0),
        col("报告时间", 17.0),
        col("响应时限 / 实际", 24.0),
        col("恢复时限 / 实际", 24.0),
        col("时限结果", 10.0),
        col("故障原因", 20.0),
        col("处理方法及结果", 26.0),
        col("预防措施", 20.0),
        col("维护人员", 9.0),
        col("用户确认人 / 满意度", 12.0),
    ];
    let rows: Vec<Vec<String>> = d
        .faults
        .iter()
        .map(|x| {
            let verdict = match (x.respond_met, x.restore_met) {
                (Some(false), _) | (_, Some(false)) => "超时",
                (Some(true), Some(true)) => "按时",
                _ if x.respond_target == "按需" => "按需",
                _ => "进行中",
            };
            vec![
                x.code.clone(),
                x.title.clone(),
                x.level_name.clone(),
                if x.fault_type.is_empty() {
                    "未分类".into()
                } else {
                    x.fault_type.clone()
                },
                zh_time(&x.reported_at),
                format!(
                    "{}\n截止 {}\n实际 {}（{}）",
                    x.respond_target,
                    opt_time(&x.respond_by),
                    opt_time(&x.responded_at),
                    met_text(x.respond_met)
                ),
                format!(
                    "{}\n截止 {}\n实际 {}（{}）",
                    x.restore_target,
                    opt_time(&x.restore_by),
                    opt_time(&x.restored_at),
                    met_text(x.restore_met)
                ),
                verdict.into(),
                or_dash(&x.cause),
                or_dash(&x.resolution),
                or_dash(&x.prevention),
                or_dash(&x.handled_by),
                format!(
                    "{}\n{}",
                    x.confirmed_by,
                    x.satisfaction.map(|s| s.zh()).unwrap_or_default()
                )
                .trim()
                .to_string(),
            ]
        })
        .collect();
    let row = table(ws, f, d, "故障处理记录", &cols, &rows, "本月没有故障。", 0)?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

fn change_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("需求变更")?;
    page_setup(ws, d, true);
    let cols = [
        col("编号 / 项目编号", 15.0),
        col("申请时间", 17.0),
        col("服务单位 / 地点 / 联系人", 16.0),
        col("提出部门", 10.0),
        col("工作事由", 26.0),
        col("范围", 8.0),
        col("响应时间", 17.0),
        col("24小时响应", 10.0),
        col("影响性分析 / 评审意见", 24.0),
        col("反馈 / 工作结果", 24.0),
        col("操作人员 / 备注", 14.0),
    ];
    let rows: Vec<Vec<String>> = d
        .changes
        .iter()
        .map(|c| {
            vec![
                format!("{}\n{}", c.code, c.project_code).trim().to_string(),
                zh_time(&c.requested_at),
                [
                    c.service_unit.as_str(),
                    c.service_location.as_str(),
                    &format!("{} {}", c.contact, c.phone),
                ]
                .iter()
                .map(|x| x.trim())
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
                or_dash(&c.requester_dept),
                format!("{}\n{}", c.title, c.description).trim().to_string(),
                serde_json::to_value(c.scope)
                    .ok()
                    .and_then(|v| {
                        v.as_str().map(|s| {
                            if s == "inScope" {
                                "范围内"
                            } else {
                                "范围外"
                            }
                            .to_string()
                        })
                    })
                    .unwrap_or_default(),
                opt_time(&c.responded_at),
                c.deadline
                    .as_ref()
                    .map(|x| match x.met {
                        Some(true) => "按时".to_string(),
                        Some(false) => "超时".to_string(),
                        None if x.breached => "已超时未响应".to_string(),
                        None => "待响应".to_string(),
                    })
                    .unwrap_or_else(|| "—".into()),
                format!("{}\n{}", c.impact, c.review_opinion)
                    .trim()
                    .to_string(),
                or_dash(format!("{}\n{}", c.response, c.result).trim()),
                format!("{}\n{}", c.operator, c.remark).trim().to_string(),
            ]
        })
        .collect();
    let row = table(
        ws,
        f,
        d,
        "需求变更 / 项目工单",
        &cols,
        &rows,
        "本月没有需求变更。",
        0,
    )?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

/// A form's sheet (发布报告, 应急演练记录 …): the records dated in the month, in the columns its
/// definition names, with the definition's signature blocks under them.
fn form_sheet(f: &Formats, d: &MonthData, form: &crate::forms::MonthForm) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(&form.sheet_name)?;
    page_setup(ws, d, form.headers.len() > 6);
    let cols: Vec<Col> = form
        .headers
        .iter()
        .zip(&form.long)
        .enumerate()
        .map(|(i, (h, long))| Col {
            header: Cow::Owned(h.clone()),
            width: if *long {
                28.0
            } else if i == 0 {
                16.0
            } else {
                14.0
            },
        })
        .collect();
    let title = if form.breaches > 0 {
        format!("{}（{} 份超出时限）", form.name, form.breaches)
    } else {
        form.name.clone()
    };
    let row = table(ws, f, d, &title, &cols, &form.rows, "本月没有记录。", 0)?;
    form_signatures(ws, f, row, (cols.len() - 1) as u16, &form.signatures)?;
    Ok(sheet)
}

/// The definition's signature blocks side by side under a table, each with its date line.
fn form_signatures(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    last_col: u16,
    blocks: &[crate::forms::SignatureBlock],
) -> X<u32> {
    if blocks.is_empty() {
        return signatures(ws, f, row, last_col);
    }
    let sign = f.plain.clone().set_text_wrap().set_align(FormatAlign::Top);
    // At most four a line: a signature needs room to be written in.
    let per_line = blocks.len().min(4).min(usize::from(last_col) + 1);
    let width = (usize::from(last_col) + 1) / per_line;
    let mut r = row + 1;
    for chunk in blocks.chunks(per_line) {
        for (i, b) in chunk.iter().enumerate() {
            let first = (i * width) as u16;
            let last = if i + 1 == per_line {
                last_col
            } else {
                (first as usize + width - 1) as u16
            };
            let text = if b.date {
                format!("{}（签字）：\n\n日期：　　年　　月　　日", b.label)
            } else {
                format!("{}（签字）：", b.label)
            };
            span(ws, r, first, last.max(first), &text, &sign)?;
        }
        ws.set_row_height(r, 60.0)?;
        r += 1;
    }
    Ok(r)
}

fn config_sheet_name(r: &crate::forms::ConfigReport) -> String {
    // 配置管理报告 alone when there is one living table (the usual case).
    if r.form_id == "config-item" {
        "配置管理报告".into()
    } else {
        format!("{}报告", r.form_name).chars().take(31).collect()
    }
}

/// 配置管理报告 (seed 004): what changed in the configuration this month, each change with its
/// before and after, whether it was entered within the contract's day, and the table at month end.
fn config_report_sheet(f: &Formats, d: &MonthData, r: &crate::forms::ConfigReport) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name(config_sheet_name(r))?;
    page_setup(ws, d, true);
    let cols = [
        col("编号", 14.0),
        col("配置项", 20.0),
        col("时间", 17.0),
        col("变更", 8.0),
        col("变更内容（原 → 新）", 50.0),
        col("1个工作日内更新", 12.0),
    ];
    let mut rows = Vec::new();
    for item in &r.items {
        for c in &item.changes {
            let what = c
                .changes
                .iter()
                .map(|x| {
                    if x.before.is_empty() {
                        format!("{}：{}", x.label, x.after)
                    } else {
                        format!("{}：{} → {}", x.label, x.before, or_dash(&x.after))
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            rows.push(vec![
                item.code.clone(),
                item.title.clone(),
                zh_time(&c.at),
                c.action_label.clone(),
                or_dash(&what),
                // Only the save that recorded the change late missed the day.
                if item.late_at.as_deref() == Some(c.at.as_str()) {
                    "超时".into()
                } else {
                    "按时".into()
                },
            ]);
        }
    }
    let title = format!(
        "{}　本月新增 {}、变更 {}、撤除 {}",
        "配置管理报告", r.added, r.changed, r.retired
    );
    let mut row = table(ws, f, d, &title, &cols, &rows, "本月配置没有变化。", 0)?;
    row += 1;
    let last_col = (cols.len() - 1) as u16;
    ws.set_row_height(row, 26.0)?;
    ws.merge_range(
        row,
        0,
        row,
        last_col,
        &format!("月末{}", r.form_name),
        &f.section,
    )?;
    row += 1;
    // The month-end table under the changes: number and item, then the rest of the sheet's
    // columns in one wide cell (the sheet's widths belong to the table above).
    ws.write_string_with_format(row, 0, "编号", &f.label)?;
    ws.write_string_with_format(row, 1, "配置项", &f.label)?;
    ws.merge_range(row, 2, row, last_col, "配置内容", &f.label)?;
    row += 1;
    if r.table.is_empty() {
        ws.merge_range(row, 0, row, last_col, "（暂无配置项）", &f.value)?;
        row += 1;
    }
    let wide: f64 = cols[2..].iter().map(|c| c.width).sum();
    for cells in &r.table {
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let rest = (2..r.columns.len())
            .filter(|i| !cell(*i).is_empty())
            .map(|i| format!("{}：{}", r.columns[i], cell(i)))
            .collect::<Vec<_>>()
            .join("；");
        ws.write_string_with_format(row, 0, cell(0), &f.value)?;
        ws.write_string_with_format(row, 1, cell(1), &f.value)?;
        ws.merge_range(row, 2, row, last_col, &rest, &f.value)?;
        let lines = line_count(&rest, wide).max(line_count(&cell(1), cols[1].width));
        ws.set_row_height(row, row_height(lines))?;
        row += 1;
    }
    form_signatures(
        ws,
        f,
        row,
        last_col,
        &[
            crate::forms::SignatureBlock {
                label: "报告人（项目经理）".into(),
                date: true,
            },
            crate::forms::SignatureBlock {
                label: "审核人".into(),
                date: true,
            },
            crate::forms::SignatureBlock {
                label: "甲方确认人".into(),
                date: true,
            },
        ],
    )?;
    Ok(sheet)
}

/// 服务时限 of a record the rules in effect do not time because it was entered before them.
pub const NOT_TIMED: &str = "不计时（登记早于现行服务时限规则）";

/// Each timed duty of a service record with its outcome (`报修回馈：按时`), or [`NOT_TIMED`]; the
/// delay's reason and promised date where a request is late.
fn service_deadlines_text(s: &crate::tickets::ServiceRecordView) -> String {
    use crate::tickets::ServiceDeadlineStatus as St;
    let mut lines: Vec<String> = s
        .deadlines
        .iter()
        .map(|d| {
            let outcome = match d.status {
                St::Met => "按时".to_string(),
                St::MetLate => "超时完成".to_string(),
                St::Breached => "已超时".to_string(),
                St::Running => format!("进行中（{}）", d.text),
            };
            format!("{}：{outcome}", d.name)
        })
        .collect();
    if s.deadline_note.is_some() {
        // Entered before the rules in effect came in: said, where "—" reads as if the contract
        // timed nothing of its kind (the record's page gives the dates).
        lines.push(NOT_TIMED.into());
    }
    if !s.delay_reason.is_empty() {
        lines.push(format!(
            "延期原因：{}；承诺完成：{}",
            s.delay_reason,
            opt_time(&s.promised_at)
        ));
    }
    if lines.is_empty() {
        "—".into()
    } else {
        lines.join("\n")
    }
}

fn service_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("服务记录")?;
    page_setup(ws, d, true);
    let cols = [
        col("记录顺序号", 14.0),
        col("类别", 8.0),
        col("时间", 17.0),
        col("用户 / 联系人", 18.0),
        col("问题类别", 12.0),
        col("故障情况 / 问题", 30.0),
        col("处理过程和结果", 30.0),
        col("工程师", 9.0),
        col("完成时间", 17.0),
        col("用户确认 / 满意度", 13.0),
        col("服务时限", 20.0),
    ];
    let rows: Vec<Vec<String>> = d
        .services
        .iter()
        .map(|s| {
            let kind = match serde_json::to_value(s.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .as_deref()
            {
                Some("hotline") => "电话服务",
                Some("repair") => "报修",
                _ => "咨询",
            };
            vec![
                s.code.clone(),
                kind.into(),
                zh_time(&s.received_at),
                [
                    s.customer.clone(),
                    format!("{} {}", s.contact, s.phone),
                    s.address.clone(),
                    if s.fax.trim().is_empty() {
                        String::new()
                    } else {
                        format!("传真 {}", s.fax)
                    },
                    if s.reporter.trim().is_empty() {
                        String::new()
                    } else {
                        format!("报修人 {}", s.reporter)
                    },
                ]
                .iter()
                .map(|x| x.trim())
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("\n"),
                or_dash(&s.category),
                if s.other_requests.trim().is_empty() {
                    s.description.clone()
                } else {
                    format!("{}\n其它要求：{}", s.description, s.other_requests)
                },
                or_dash(&s.handling),
                or_dash(&s.engineer),
                opt_time(&s.completed_at),
                or_dash(
                    [
                        s.confirmed_by.clone(),
                        opt_time(&s.confirmed_at),
                        s.satisfaction
                            .map(|x| x.zh().to_string())
                            .unwrap_or_default(),
                    ]
                    .iter()
                    .map(|x| x.trim())
                    .filter(|x| !x.is_empty() && *x != "—")
                    .collect::<Vec<_>>()
                    .join("\n")
                    .as_str(),
                ),
                service_deadlines_text(s),
            ]
        })
        .collect();
    let mut row = table(
        ws,
        f,
        d,
        "服务记录（电话服务、报修、咨询）",
        &cols,
        &rows,
        "本月没有服务记录。",
        0,
    )?;
    row += 1;
    // Under the service table, in its columns.
    let tcols = [
        "培训时间",
        "主题",
        "模块",
        "讲师",
        "地点",
        "人数",
        "参加人员 / 备注",
    ];
    let trows: Vec<Vec<String>> = d
        .trainings
        .iter()
        .map(|t| {
            vec![
                zh_time(&t.held_at),
                t.topic.clone(),
                t.modules.join("、"),
                or_dash(&t.trainer),
                or_dash(&t.location),
                t.attendees_count.to_string(),
                format!("{}\n{}", t.attendees, t.notes).trim().to_string(),
            ]
        })
        .collect();
    ws.set_row_height(row, 26.0)?;
    ws.merge_range(row, 0, row, (cols.len() - 1) as u16, "培训记录", &f.section)?;
    row += 1;
    for (i, header) in tcols.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, *header, &f.label)?;
    }
    row += 1;
    if trows.is_empty() {
        ws.merge_range(
            row,
            0,
            row,
            (cols.len() - 1) as u16,
            "本月没有培训记录。",
            &f.value,
        )?;
        row += 1;
    }
    let widths: Vec<f64> = cols.iter().map(|c| c.width).collect();
    row = write_rows(ws, f, &widths, &trows, row)?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

fn faq_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("常见问题")?;
    page_setup(ws, d, false);
    let cols = [
        col("序号", 7.0),
        col("问题描述", 30.0),
        col("解决方案", 40.0),
        col("备注", 16.0),
    ];
    let rows: Vec<Vec<String>> = d
        .faq
        .iter()
        .map(|q| {
            vec![
                q.seq.to_string(),
                q.question.clone(),
                q.solution.clone(),
                or_dash(&q.remark),
            ]
        })
        .collect();
    table(
        ws,
        f,
        d,
        "常见问题及解决方案（本月新增）",
        &cols,
        &rows,
        "本月没有新增常见问题。",
        0,
    )?;
    Ok(sheet)
}

/// 考勤表: engineer × day with the symbols the client expects (√ 迟 早 缺 假 班 加) and totals.
fn attendance_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("考勤表")?;
    page_setup(ws, d, true);
    let days = &d.attendance.days;
    let totals = ["迟", "早", "缺", "假", "班", "加", "扣分"];
    let last_col = (days.len() + totals.len()) as u16;
    ws.set_column_width(0, 10.0)?;
    for i in 0..days.len() {
        ws.set_column_width((i + 1) as u16, 3.6)?;
    }
    for i in 0..totals.len() {
        ws.set_column_width((days.len() + 1 + i) as u16, 5.0)?;
    }
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(0, 0, 0, last_col, "考勤表", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "项目名称：{}　　期间：{}　　{}",
            d.project.project_name,
            period(d),
            d.attendance.rules_summary
        ),
        &f.subtitle,
    )?;
    ws.set_row_height(
        1,
        row_height(line_count(&d.attendance.rules_summary, 140.0)),
    )?;
    let small = f.label.clone().set_font_size(9);
    let cell = f
        .value
        .clone()
        .set_align(FormatAlign::Center)
        .set_font_size(10);
    let off = cell.clone().set_background_color(0xEDEDED);
    ws.write_string_with_format(2, 0, "姓名", &f.label)?;
    ws.write_string_with_format(3, 0, "", &f.label)?;
    for (i, day) in days.iter().enumerate() {
        let c = (i + 1) as u16;
        ws.write_string_with_format(2, c, day.day.to_string(), &small)?;
        ws.write_string_with_format(3, c, &day.weekday, &small)?;
    }
    for (i, t) in totals.iter().enumerate() {
        let c = (days.len() + 1 + i) as u16;
        ws.write_string_with_format(2, c, *t, &f.label)?;
        ws.write_string_with_format(3, c, "", &f.label)?;
    }
    ws.set_repeat_rows(2, 3)?;
    let mut row = 4;
    for e in &d.attendance.engineers {
        ws.write_string_with_format(row, 0, &e.name, &f.value)?;
        for (i, day) in days.iter().enumerate() {
            let symbol = e
                .days
                .iter()
                .find(|x| x.date == day.date)
                .map(|x| x.symbol.clone())
                .unwrap_or_default();
            let fmt = if day.is_working_day { &cell } else { &off };
            ws.write_string_with_format(row, (i + 1) as u16, symbol, fmt)?;
        }
        let t = &e.totals;
        let values = [
            t.late.to_string(),
            t.early.to_string(),
            t.absent.to_string(),
            format!("{}", t.leave_days),
            t.duty.to_string(),
            t.overtime.to_string(),
            t.deductions.to_string(),
        ];
        for (i, v) in values.iter().enumerate() {
            ws.write_string_with_format(row, (days.len() + 1 + i) as u16, v, &cell)?;
        }
        ws.set_row_height(row, 22.0)?;
        row += 1;
    }
    if d.attendance.engineers.is_empty() {
        ws.merge_range(row, 0, row, last_col, "没有驻场人员的考勤记录。", &f.value)?;
        row += 1;
    }
    let legend = "图例：√ 正常　迟 迟到　早 早退　缺 缺勤　假 请假　班 值班　加 加班；灰色为非工作日（含法定节假日，调休上班日按工作日计）。";
    ws.merge_range(row, 0, row, last_col, legend, &f.plain)?;
    ws.set_row_height(row, 22.0)?;
    row += 1;
    let a = &d.attendance.attendance;
    let duty = &d.attendance.duty;
    let summary = format!(
        "{}：{} 次，扣 {} 分，得 {} 分（满分 {}）。{}：{} 次，扣 {} 分，得 {} 分（满分 {}）。",
        a.item_name,
        a.occurrences,
        a.deducted,
        a.score,
        a.full_points,
        duty.item_name,
        duty.occurrences,
        duty.deducted,
        duty.score,
        duty.full_points
    );
    ws.merge_range(row, 0, row, last_col, &summary, &f.plain)?;
    ws.set_row_height(row, 22.0)?;
    signatures(ws, f, row + 1, last_col)?;
    Ok(sheet)
}

fn duty_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("值班记录")?;
    page_setup(ws, d, true);
    let cols = [
        col("类别", 12.0),
        col("值班事项", 22.0),
        col("时间", 30.0),
        col("甲方要求", 24.0),
        col("值班人员及到岗情况", 40.0),
    ];
    let rows: Vec<Vec<String>> = d
        .duties
        .iter()
        .map(|p| {
            vec![
                p.kind_label.clone(),
                p.title.clone(),
                p.range_text.clone(),
                or_dash(&p.client_request),
                if p.assignments.is_empty() {
                    "未安排".into()
                } else {
                    p.assignments
                        .iter()
                        .map(|a| {
                            let note = if a.note.trim().is_empty() {
                                String::new()
                            } else {
                                format!("：{}", a.note.trim())
                            };
                            format!("{}（{}）{note}", a.engineer_name, a.presence_label)
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            ]
        })
        .collect();
    let row = table(
        ws,
        f,
        d,
        "值班记录（节假日、重要时期、远程值守）",
        &cols,
        &rows,
        "本月没有值班安排。",
        0,
    )?;
    signatures(ws, f, row, (cols.len() - 1) as u16)?;
    Ok(sheet)
}

fn worklog_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("工作日志")?;
    page_setup(ws, d, false);
    let cols = [
        col("日期", 12.0),
        col("工程师", 10.0),
        col("工作内容", 70.0),
    ];
    let rows: Vec<Vec<String>> = d
        .worklogs
        .iter()
        .map(|l| {
            vec![
                l.work_date.clone(),
                l.engineer_name.clone(),
                l.content.clone(),
            ]
        })
        .collect();
    table(ws, f, d, "工作日志", &cols, &rows, "本月没有工作日志。", 0)?;
    Ok(sheet)
}

fn assessment_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("考核表")?;
    page_setup(ws, d, false);
    let cols = [
        col("序号", 6.0),
        col("考核项", ITEM_WIDTH),
        col("分值", 7.0),
        col("考核内容及标准", 30.0),
        col("扣分明细（依据）", 30.0),
        col("得分", 7.0),
    ];
    let a = &d.assessment;
    let rows: Vec<Vec<String>> = a
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let detail = if item.lines.is_empty() {
                item.basis.clone()
            } else {
                item.lines
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {} 次 × {} = −{}{}：{}",
                            l.name,
                            l.count,
                            l.points_each,
                            l.points,
                            if l.manual { "（人工录入）" } else { "" },
                            evidence_text(&l.evidence, EVIDENCE_QUOTED, "“扣分明细”表")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            vec![
                (i + 1).to_string(),
                item.name.clone(),
                item.full_points.to_string(),
                item.rule.clone(),
                detail,
                item.score.to_string(),
            ]
        })
        .collect();
    let mut row = table(
        ws,
        f,
        d,
        "运维工作考核表",
        &cols,
        &rows,
        "所选合同服务级别没有考核表。",
        0,
    )?;
    let total_fmt = Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    ws.merge_range(row, 0, row, 1, "合计", &total_fmt)?;
    ws.write_string_with_format(row, 2, a.total_points.to_string(), &total_fmt)?;
    ws.merge_range(row, 3, row, 4, &a.band_text, &f.value)?;
    ws.write_string_with_format(row, 5, a.score.to_string(), &total_fmt)?;
    ws.set_row_height(row, 28.0)?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        5,
        "说明：得分由驻场运维台按本月记录计算；标注“人工录入”的扣分为记录无法判定、由工程师依甲方意见录入的事项。",
        &f.plain,
    )?;
    ws.set_row_height(row, 32.0)?;
    if let Some(p) = d.period.filter(|p| p.period.unit != "month") {
        row = period_to_date(ws, f, p, row + 2)?;
    }
    signatures(ws, f, row + 1, 5)?;
    Ok(sheet)
}

/// 扣分明细: every deduction of the month, one row per occurrence by date, where the 考核表 quotes
/// the first few of each item.
fn deductions_sheet(f: &Formats, d: &MonthData) -> X<Worksheet> {
    let mut sheet = Worksheet::new();
    let ws = &mut sheet;
    ws.set_name("扣分明细")?;
    page_setup(ws, d, false);
    let cols = DEDUCTION_COLUMNS.map(|(header, width)| col(header, width));
    let rows: Vec<Vec<String>> = deductions(&d.assessment.items)
        .iter()
        .enumerate()
        .map(|(n, x)| {
            vec![
                (n + 1).to_string(),
                x.item.to_owned(),
                x.what.to_owned(),
                x.points.to_string(),
                x.evidence.to_owned(),
                source(x.manual).to_owned(),
            ]
        })
        .collect();
    // Without a 考核表 in the contract there is nothing to deduct from; say that, as 考核表 does.
    let empty = if d.assessment.items.is_empty() {
        d.assessment.band_text.as_str()
    } else {
        "本月没有扣分。"
    };
    let row = table(ws, f, d, "考核扣分明细", &cols, &rows, empty, 0)?;
    if !rows.is_empty() {
        ws.merge_range(
            row,
            0,
            row,
            5,
            "说明：每条扣分按次计；各项扣分扣完为止，得分以考核表为准。",
            &f.plain,
        )?;
        ws.set_row_height(row, 24.0)?;
    }
    Ok(sheet)
}

/// The width of 考核表's 考核项 column, which the period's table below shares.
const ITEM_WIDTH: f64 = 16.0;
/// The width of the period table's 周期内扣分 (its 考核内容 and 扣分明细 columns merged).
const PERIOD_DETAIL_WIDTH: f64 = 60.0;

/// The lines each row of a period item is given: its piece of the detail, and, all together, the
/// item's name down its narrow column. A name on two lines in a row of one was cut off in print
/// (人员考核：重要时期值守, when nothing was deducted).
fn item_row_lines(name: &str, pieces: &[String]) -> Vec<usize> {
    let mut lines: Vec<usize> = pieces
        .iter()
        .map(|p| line_count(p, PERIOD_DETAIL_WIDTH))
        .collect();
    let held: usize = lines.iter().sum();
    let needed = line_count(name, ITEM_WIDTH);
    if let Some(last) = lines.last_mut() {
        *last += needed.saturating_sub(held);
    }
    lines
}

/// Under a month's sheet, the contract period so far: each item's score with the caps over the
/// period, the band only when the period ends in this month. Returns the last row written.
fn period_to_date(ws: &mut Worksheet, f: &Formats, p: &PeriodAssessment, mut row: u32) -> X<u32> {
    let head = Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(12)
        .set_align(FormatAlign::Left);
    ws.merge_range(
        row,
        0,
        row,
        5,
        &format!(
            "{}考核累计：{}，截至 {}",
            p.period.unit_label, p.period.label, p.through
        ),
        &head,
    )?;
    ws.set_row_height(row, 24.0)?;
    row += 1;
    for (c, h) in [(0, "序号"), (1, "考核项"), (2, "分值"), (5, "周期得分")] {
        ws.write_string_with_format(row, c, h, &f.label)?;
    }
    ws.merge_range(row, 3, row, 4, "周期内扣分（依据）", &f.label)?;
    row += 1;
    // The period's every deduction is in its own workbook (导出年度考核), not in the month's.
    let listed_in = format!("{}考核工作簿的“扣分明细”表", p.period.unit_label);
    for (i, item) in p.assessment.items.iter().enumerate() {
        let detail = if item.lines.is_empty() {
            item.basis.clone()
        } else {
            item.lines
                .iter()
                .map(|l| {
                    format!(
                        "{} −{}：{}",
                        l.name,
                        l.points,
                        evidence_text(&l.evidence, EVIDENCE_QUOTED, &listed_in)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        // A year of hand-entered deductions can outgrow a row: the rest runs on below.
        let pieces = row_pieces(&detail, PERIOD_DETAIL_WIDTH);
        let last = row + pieces.len() as u32 - 1;
        let cells = [
            (0, (i + 1).to_string(), &f.label),
            (1, item.name.clone(), &f.value),
            (2, item.full_points.to_string(), &f.value),
            (5, item.score.to_string(), &f.value),
        ];
        for (c, text, fmt) in cells {
            span_down(ws, row, last, c, &text, fmt)?;
        }
        for (piece, lines) in pieces.iter().zip(item_row_lines(&item.name, &pieces)) {
            ws.merge_range(row, 3, row, 4, piece, &f.value)?;
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
        }
    }
    ws.merge_range(row, 0, row, 1, "周期累计得分", &f.label)?;
    ws.write_string_with_format(row, 2, p.assessment.total_points.to_string(), &f.value)?;
    ws.merge_range(row, 3, row, 4, &p.assessment.band_text, &f.value)?;
    ws.write_string_with_format(row, 5, p.assessment.score.to_string(), &f.label)?;
    ws.set_row_height(row, 40.0)?;
    if let Some(pay) = &p.payment {
        row += 1;
        ws.merge_range(row, 0, row, 5, &pay.text, &f.plain)?;
        ws.set_row_height(row, 24.0)?;
    }
    Ok(row)
}

/// 服务报告的定稿与报送 against the contract's days, for the cover.
fn delivery_line(d: &MonthData) -> String {
    let Some(x) = &d.delivery else {
        return "合同未规定报送时间".into();
    };
    let step = |what: &str, at: &Option<String>, by: &str| match at {
        Some(at) => format!("{what} {}", zh_time(at)),
        None => format!(
            "未{what}（应于 {} 前）",
            crate::report_delivery::due_day_zh(by)
        ),
    };
    format!(
        "{}；{}",
        step("定稿", &x.ready_at, &x.ready_by),
        step("报送", &x.delivered_at, &x.delivered_by)
    )
}

/// The sheets in order, with what each holds (the cover's table of contents).
const TOC: &[(&str, &str)] = &[
    ("月度运维报告", "运行概述、本月工作、问题与计划，含统计图表"),
    ("巡检记录", "本月巡检记录汇总（编号 YYMMDD-NN）"),
    ("巡检记录单", "每份软件巡检记录单，一页一份"),
    ("系统监测日志", "每个工作日三次的服务监测"),
    ("故障记录", "故障、时限及处理情况"),
    ("需求变更", "需求变更 / 项目工单"),
    ("服务记录", "电话服务、报修、咨询和培训"),
    ("常见问题", "本月新增的常见问题及解决方案"),
    ("考勤表", "驻场人员考勤（√ 迟 早 缺 假 班 加）及合计"),
    ("值班记录", "节假日、重要时期和远程值守"),
    ("工作日志", "每人每个工作日的工作日志"),
    ("考核表", "运维工作考核表（100 分）"),
    ("扣分明细", "考核表各项扣分的依据，一条一行"),
];

/// The month's workbook, from the records read once, the assessment computed from them and the
/// audit check printed on the cover. Reads nothing from the store.
/// The sheets after the cover, in order: everything of the workbook that does not depend on the
/// audit check, so it can be built while the check runs.
pub struct Sheets(Vec<Worksheet>);

/// Builds [`Sheets`] from the loaded month, its assessment and its contract period so far.
pub fn sheets(
    records: &MonthRecords,
    assessment: &AssessmentResult,
    period: Option<&PeriodAssessment>,
) -> Result<Sheets> {
    let d = &MonthData {
        records,
        assessment,
        period,
        audit_check: None,
    };
    let f = &Formats::new();
    (|| -> X<Vec<Worksheet>> {
        Ok(vec![
            report(f, d)?,
            inspection_list(f, d)?,
            inspection_forms(f, d)?,
            monitoring_log(f, d)?,
            fault_sheet(f, d)?,
            change_sheet(f, d)?,
            service_sheet(f, d)?,
            faq_sheet(f, d)?,
            attendance_sheet(f, d)?,
            duty_sheet(f, d)?,
            worklog_sheet(f, d)?,
            assessment_sheet(f, d)?,
            deductions_sheet(f, d)?,
        ]
        .into_iter()
        .chain(
            d.forms
                .iter()
                .map(|form| form_sheet(f, d, form))
                .collect::<X<Vec<_>>>()?,
        )
        .chain(
            d.config_reports
                .iter()
                .map(|r| config_report_sheet(f, d, r))
                .collect::<X<Vec<_>>>()?,
        )
        .collect())
    })()
    .map(Sheets)
    .map_err(xlsx_error)
}

/// The workbook: the cover (with the audit check's head and verdict, `None`: 未检查), then `sheets`.
pub fn assemble(
    sheets: Sheets,
    records: &MonthRecords,
    assessment: &AssessmentResult,
    audit_check: Option<&AuditReport>,
) -> Result<Workbook> {
    let d = &MonthData {
        records,
        assessment,
        period: None,
        audit_check,
    };
    let mut wb = Workbook::new();
    // The cover lists the fixed sheets, then one line per form sheet of this month.
    let form_lines: Vec<(String, String)> = records
        .forms
        .iter()
        .map(|form| {
            (
                form.sheet_name.clone(),
                format!("{}（{} 份）", form.name, form.rows.len()),
            )
        })
        .chain(records.config_reports.iter().map(|r| {
            (
                config_sheet_name(r),
                format!("{}的本月新增、变更、撤除及月末配置", r.form_name),
            )
        }))
        .collect();
    let toc: Vec<(&str, &str)> = TOC
        .iter()
        .copied()
        .chain(form_lines.iter().map(|(a, b)| (a.as_str(), b.as_str())))
        .collect();
    wb.push_worksheet(cover(&Formats::new(), d, &toc).map_err(xlsx_error)?);
    for ws in sheets.0 {
        wb.push_worksheet(ws);
    }
    Ok(wb)
}

/// The month's workbook, from the records read once, the assessment computed from them and the
/// audit check printed on the cover. Reads nothing from the store.
pub fn build(
    records: &MonthRecords,
    assessment: &AssessmentResult,
    period: Option<&PeriodAssessment>,
    audit_check: Option<&AuditReport>,
) -> Result<Workbook> {
    assemble(
        sheets(records, assessment, period)?,
        records,
        assessment,
        audit_check,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::definition::{workbook_sheet_name, RESERVED_SHEETS};

    #[test]
    fn a_period_items_rows_hold_its_name_as_well_as_its_deductions() {
        let name = "人员考核：重要时期值守";
        assert_eq!(line_count(name, ITEM_WIDTH), 2);
        // One short line of detail: the row is given the name's two lines.
        assert_eq!(
            item_row_lines(name, &["考核周期内的记录中未发现扣分事项。".into()]),
            vec![2]
        );
        // Detail longer than the name: as the detail needs.
        let long =
            "故障未整理归档 −3：".to_string() + &"1月6日 GZ-20260106-01 缺故障报告；".repeat(6);
        let lines = line_count(&long, PERIOD_DETAIL_WIDTH);
        assert!(lines > 2);
        assert_eq!(item_row_lines(name, &[long]), vec![lines]);
        // A short name on its one line adds nothing.
        assert_eq!(item_row_lines("技术支持", &["无".into()]), vec![1]);
    }

    /// A form may not take a name the month's workbook already uses (the workbook could not be
    /// written): the forms' reserved list is exactly the sheets the month writes itself.
    #[test]
    fn the_months_own_sheets_are_reserved_for_forms() {
        let mut own: Vec<&str> = ["封面", "配置管理报告"]
            .into_iter()
            .chain(TOC.iter().map(|(name, _)| *name))
            .collect();
        let mut reserved = RESERVED_SHEETS.to_vec();
        own.sort_unstable();
        reserved.sort_unstable();
        assert_eq!(own, reserved);
    }

    /// A form stored before its sheet's name became one of the month's own still exports, under
    /// a name of its own.
    #[test]
    fn a_form_sheet_named_like_the_months_own_is_renamed() {
        assert_eq!(workbook_sheet_name("发布报告", &[]), "发布报告");
        assert_eq!(workbook_sheet_name("扣分明细", &[]), "扣分明细（表单）");
        let taken = vec!["扣分明细（表单）".to_string()];
        assert_eq!(workbook_sheet_name("扣分明细", &taken), "扣分明细（表单2）");
        assert_eq!(workbook_sheet_name("AB", &["ab".to_string()]), "AB（表单）");
        let long = "长".repeat(31);
        let renamed = workbook_sheet_name(&long, std::slice::from_ref(&long));
        assert_eq!(renamed.chars().count(), 31);
        assert!(renamed.ends_with("（表单）"), "{renamed}");
    }
}
