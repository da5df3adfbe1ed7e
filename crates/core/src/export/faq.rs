//! The whole FAQ (常见问题及解决方案) as one workbook: seed 001 asks for it to be published
//! regularly, and the contract's handover hands it over whole, not month by month.

use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};

use crate::error::Result;
use crate::export::{line_count, or_dash, row_height, xlsx_error, zh_time, Formats};
use crate::settings::ProjectSettings;
use crate::tickets::FaqEntry;

type X<T> = std::result::Result<T, XlsxError>;

fn sheet(f: &Formats, project: &ProjectSettings, entries: &[FaqEntry]) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("常见问题")?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer(format!(
        "&L{}&C第 &P 页，共 &N 页",
        project.project_name.replace('&', "&&")
    ));
    let cols = [
        ("序号", 7.0),
        ("问题描述", 30.0),
        ("解决方案", 42.0),
        ("备注", 14.0),
        ("更新时间", 14.0),
    ];
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(0, 0, 0, 4, "常见问题及解决方案", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        4,
        &format!(
            "项目名称：{}　　甲方单位：{}　　共 {} 条",
            project.project_name,
            project.client_name,
            entries.len()
        ),
        &f.subtitle,
    )?;
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(2, c as u16, *h, &f.label)?;
    }
    ws.set_repeat_rows(2, 2)?;
    let center = f.value.clone().set_align(FormatAlign::Center);
    if entries.is_empty() {
        ws.merge_range(3, 0, 3, 4, "还没有常见问题。", &center)?;
    }
    for (i, q) in entries.iter().enumerate() {
        let row = (i + 3) as u32;
        ws.write_number_with_format(row, 0, q.seq as f64, &center)?;
        ws.write_string_with_format(row, 1, &q.question, &f.value)?;
        ws.write_string_with_format(row, 2, &q.solution, &f.value)?;
        ws.write_string_with_format(row, 3, or_dash(&q.remark), &f.value)?;
        let day = zh_time(&q.updated_at);
        ws.write_string_with_format(
            row,
            4,
            day.get(..day.find(' ').unwrap_or(day.len()))
                .unwrap_or(&day),
            &f.value,
        )?;
        let lines = line_count(&q.question, 30.0).max(line_count(&q.solution, 42.0));
        ws.set_row_height(row, row_height(lines))?;
    }
    Ok(ws)
}

/// The whole FAQ, in 序号 order.
pub fn build(project: &ProjectSettings, entries: &[FaqEntry]) -> Result<Workbook> {
    let f = &Formats::new();
    (|| -> X<Workbook> {
        let mut wb = Workbook::new();
        wb.push_worksheet(sheet(f, project, entries)?);
        Ok(wb)
    })()
    .map_err(xlsx_error)
}
