//! The contract period's assessment workbook (年度考核 under seed 001): the 运维工作考核表 in the
//! seed's own layout (seven rows, 人员考核 one 30-point row of three parts, the 双方项目管理人员意见
//! box), every deduction of the period by date with its evidence, and the months side by side.
//! Reads nothing from the store: it is written from a [`PeriodAssessment`].

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::error::Result;
use crate::export::{line_count, row_height, source, xlsx_error, Formats, DEDUCTION_COLUMNS};
use crate::reports::{AssessmentItemResult, PeriodAssessment};
use crate::settings::ProjectSettings;

type X<T> = std::result::Result<T, XlsxError>;

/// What the workbook is written from.
pub struct PeriodBook<'a> {
    pub project: &'a ProjectSettings,
    pub period: &'a PeriodAssessment,
}

fn page(ws: &mut Worksheet, b: &PeriodBook, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer(format!(
        "&L{}&C第 &P 页，共 &N 页&R{}",
        b.project.project_name.replace('&', "&&"),
        b.period.period.label.replace('&', "&&")
    ));
}

fn heading(ws: &mut Worksheet, f: &Formats, b: &PeriodBook, title: &str, last: u16) -> X<u32> {
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(0, 0, 0, last, title, &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        last,
        &format!(
            "项目名称：{}　　甲方：{}　　乙方：{}",
            b.project.project_name, b.project.client_name, b.project.vendor_name
        ),
        &f.subtitle,
    )?;
    ws.merge_range(
        2,
        0,
        2,
        last,
        &format!(
            "考核周期：{}　　记录截至：{}　　合同服务级别：{}",
            b.period.period.label, b.period.through, b.period.assessment.profile_name
        ),
        &f.subtitle,
    )?;
    Ok(3)
}

/// What the 备注 column says of an item: each deduction with its count, or the basis.
fn remark(item: &AssessmentItemResult) -> String {
    if item.lines.is_empty() {
        return item.basis.clone();
    }
    item.lines
        .iter()
        .map(|l| {
            format!(
                "{}{} {} 次，−{}",
                l.name,
                if l.manual { "（人工录入）" } else { "" },
                l.count,
                l.points
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sheet as seed 001 prints it: 序号 | 指标名称 | 分值 | 考核内容及标准 | 评分 | 备注, the items of
/// one group (人员考核) under one number, name and summed 分值.
fn sheet(f: &Formats, b: &PeriodBook) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("考核表")?;
    page(&mut ws, b, false);
    for (c, w) in [6.0, 12.0, 7.0, 40.0, 8.0, 26.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let a = &b.period.assessment;
    let mut row = heading(&mut ws, f, b, "运维工作考核表", 5)?;
    for (c, h) in ["序号", "指标名称", "分值", "考核内容及标准", "评分", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &f.label)?;
    }
    ws.set_row_height(row, 24.0)?;
    row += 1;
    let center = f.value.clone().set_align(FormatAlign::Center);
    let mut number = 0;
    let mut i = 0;
    while i < a.items.len() {
        // The run of items sharing the first one's group (one item when it has none).
        let group = a.items[i].group.clone();
        let mut j = i + 1;
        while group.is_some() && j < a.items.len() && a.items[j].group == group {
            j += 1;
        }
        number += 1;
        let run = &a.items[i..j];
        let first = row;
        for item in run {
            let rule = if run.len() > 1 {
                format!("{}（满分{}分）", item.rule, item.full_points)
            } else {
                item.rule.clone()
            };
            let note = remark(item);
            ws.write_string_with_format(row, 3, &rule, &f.value)?;
            ws.write_number_with_format(row, 4, item.score, &center)?;
            ws.write_string_with_format(row, 5, &note, &f.value)?;
            let lines = line_count(&rule, 36.0).max(line_count(&note, 22.0));
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
        }
        let last = row - 1;
        let name = group.unwrap_or_else(|| a.items[i].name.clone());
        let points: f64 = run.iter().map(|r| r.full_points).sum();
        if first == last {
            ws.write_number_with_format(first, 0, f64::from(number), &center)?;
            ws.write_string_with_format(first, 1, &name, &center)?;
            ws.write_number_with_format(first, 2, points, &center)?;
        } else {
            ws.merge_range(first, 0, last, 0, &number.to_string(), &center)?;
            ws.merge_range(first, 1, last, 1, &name, &center)?;
            ws.merge_range(first, 2, last, 2, &points.to_string(), &center)?;
        }
        i = j;
    }
    ws.merge_range(row, 0, row, 1, "合计", &f.label)?;
    ws.write_number_with_format(row, 2, a.total_points, &center)?;
    ws.write_string_with_format(row, 3, &a.band_text, &f.value)?;
    ws.write_number_with_format(row, 4, a.score, &f.label)?;
    ws.write_string_with_format(row, 5, "", &f.value)?;
    ws.set_row_height(row, row_height(line_count(&a.band_text, 40.0)))?;
    row += 1;
    if let Some(pay) = &b.period.payment {
        let text = format!("付款：{}\n合同约定：{}", pay.text, pay.description);
        ws.merge_range(row, 0, row, 5, &text, &f.value)?;
        ws.set_row_height(row, row_height(line_count(&text, 99.0)))?;
        row += 1;
    }
    // 双方项目管理人员意见, with room to write and a signature line for each side.
    ws.merge_range(row, 0, row, 5, "双方项目管理人员意见", &f.label)?;
    ws.set_row_height(row, 24.0)?;
    row += 1;
    let top = f.value.clone().set_align(FormatAlign::Top);
    for side in ["甲方", "乙方"] {
        ws.merge_range(
            row,
            0,
            row,
            5,
            &format!(
                "{side}：\n\n\n\n　　　　　　　　　　　　　　　　签字：　　　　　　　日期：　　年　　月　　日"
            ),
            &top,
        )?;
        ws.set_row_height(row, 96.0)?;
        row += 1;
    }
    ws.merge_range(
        row,
        0,
        row,
        5,
        "说明：评分由驻场运维台按考核周期内的记录计算，各项扣分在整个周期内累计、扣完为止；标注“人工录入”的扣分为记录无法判定、依甲方意见录入的事项。扣分明细见“扣分明细”表，各月情况见“月度对照”表。",
        &f.plain.clone().set_text_wrap(),
    )?;
    ws.set_row_height(row, 34.0)?;
    Ok(ws)
}

/// Every deduction of the period, one row per occurrence, by date.
fn details(f: &Formats, b: &PeriodBook) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("扣分明细")?;
    page(&mut ws, b, false);
    for (c, (_, w)) in DEDUCTION_COLUMNS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = heading(&mut ws, f, b, "考核扣分明细", 5)?;
    for (c, (h, _)) in DEDUCTION_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &f.label)?;
    }
    ws.set_repeat_rows(row, row)?;
    row += 1;
    let rows = crate::export::deductions(&b.period.assessment.items);
    let center = f.value.clone().set_align(FormatAlign::Center);
    if rows.is_empty() {
        ws.merge_range(row, 0, row, 5, "考核周期内没有扣分。", &center)?;
    }
    for (n, d) in rows.iter().enumerate() {
        ws.write_number_with_format(row, 0, (n + 1) as f64, &center)?;
        ws.write_string_with_format(row, 1, d.item, &f.value)?;
        ws.write_string_with_format(row, 2, d.what, &f.value)?;
        ws.write_number_with_format(row, 3, d.points, &center)?;
        ws.write_string_with_format(row, 4, d.evidence, &f.value)?;
        ws.write_string_with_format(row, 5, source(d.manual), &center)?;
        let lines = line_count(d.evidence, DEDUCTION_COLUMNS[4].1)
            .max(line_count(d.what, DEDUCTION_COLUMNS[2].1));
        ws.set_row_height(row, row_height(lines))?;
        row += 1;
    }
    Ok(ws)
}

/// The items down, the months across: what each month took, then the period's total and score.
fn months(f: &Formats, b: &PeriodBook) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("月度对照")?;
    page(&mut ws, b, true);
    let p = b.period;
    let last = (p.months.len() + 3) as u16;
    ws.set_column_width(0, 18.0)?;
    ws.set_column_width(1, 6.0)?;
    let mut row = heading(&mut ws, f, b, "各月扣分对照", last)?;
    ws.write_string_with_format(row, 0, "考核项", &f.label)?;
    ws.write_string_with_format(row, 1, "分值", &f.label)?;
    for (c, m) in p.months.iter().enumerate() {
        let label = m
            .month
            .get(5..)
            .map(|mm| format!("{}月", mm.trim_start_matches('0')))
            .unwrap_or_default();
        ws.set_column_width((c + 2) as u16, 7.0)?;
        ws.write_string_with_format(row, (c + 2) as u16, &label, &f.label)?;
    }
    ws.set_column_width(last - 1, 9.0)?;
    ws.set_column_width(last, 9.0)?;
    ws.write_string_with_format(row, last - 1, "周期扣分", &f.label)?;
    ws.write_string_with_format(row, last, "周期得分", &f.label)?;
    row += 1;
    let center = f.value.clone().set_align(FormatAlign::Center);
    let grey = center.clone().set_font_color(0x808080);
    for item in &p.assessment.items {
        ws.write_string_with_format(row, 0, &item.name, &f.value)?;
        ws.write_number_with_format(row, 1, item.full_points, &center)?;
        let mut taken = 0.0;
        for (c, m) in p.months.iter().enumerate() {
            let col = (c + 2) as u16;
            if !m.reached {
                ws.write_string_with_format(row, col, "—", &grey)?;
                continue;
            }
            let pts = m
                .items
                .iter()
                .find(|i| i.code == item.code)
                .map(|i| i.points)
                .unwrap_or(0.0);
            taken += pts;
            if pts > 0.0 {
                ws.write_number_with_format(row, col, -pts, &center)?;
            } else {
                ws.write_string_with_format(row, col, "0", &center)?;
            }
        }
        ws.write_number_with_format(row, last - 1, -((taken * 100.0).round() / 100.0), &center)?;
        ws.write_number_with_format(row, last, item.score, &f.label)?;
        ws.set_row_height(row, 22.0)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "合计", &f.label)?;
    ws.write_number_with_format(row, 1, p.assessment.total_points, &center)?;
    for (c, m) in p.months.iter().enumerate() {
        let col = (c + 2) as u16;
        if m.reached {
            ws.write_number_with_format(row, col, -m.points, &center)?;
        } else {
            ws.write_string_with_format(row, col, "—", &grey)?;
        }
    }
    let all: f64 = p.months.iter().map(|m| m.points).sum();
    ws.write_number_with_format(row, last - 1, -((all * 100.0).round() / 100.0), &center)?;
    ws.write_number_with_format(row, last, p.assessment.score, &f.label)?;
    row += 2;
    ws.merge_range(
        row,
        0,
        row,
        last,
        "各月数字为该月记录的扣分（未封顶）；周期得分按整个考核周期累计扣分、每项扣完为止，因此可能高于满分减去各月扣分之和。",
        &Format::new().set_text_wrap(),
    )?;
    ws.set_row_height(row, 34.0)?;
    Ok(ws)
}

/// The period's workbook.
pub fn build(book: &PeriodBook) -> Result<Workbook> {
    let f = &Formats::new();
    (|| -> X<Workbook> {
        let mut wb = Workbook::new();
        wb.push_worksheet(sheet(f, book)?);
        wb.push_worksheet(details(f, book)?);
        wb.push_worksheet(months(f, book)?);
        Ok(wb)
    })()
    .map_err(xlsx_error)
}
