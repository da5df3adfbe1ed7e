//! 合同期移交资料: the contents sheet of the handover folder (目录), listing every file with what it
//! holds, for the client to sign as received.

use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::export::{line_count, row_height, xlsx_error, Formats};
use crate::settings::ProjectSettings;

/// One file of the handover package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandoverFile {
    /// Relative to the package's folder.
    pub path: String,
    /// What it holds, as the contents sheet says.
    pub content: String,
}

/// The handover package as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandoverPackage {
    pub folder: String,
    pub files: Vec<HandoverFile>,
}

type X<T> = std::result::Result<T, XlsxError>;

fn sheet(
    f: &Formats,
    project: &ProjectSettings,
    from: &str,
    to: &str,
    files: &[HandoverFile],
) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("目录")?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    for (c, w) in [6.0, 52.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(0, 34.0)?;
    ws.merge_range(0, 0, 0, 2, "合同期移交资料目录", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        2,
        &format!(
            "项目名称：{}　　甲方：{}　　乙方：{}",
            project.project_name, project.client_name, project.vendor_name
        ),
        &f.subtitle,
    )?;
    ws.merge_range(
        2,
        0,
        2,
        2,
        &format!(
            "合同服务期：{} 至 {}　　资料截至：{to}（自 {from} 起）",
            project.contract_start, project.contract_end
        ),
        &f.subtitle,
    )?;
    for (c, h) in ["序号", "文件", "内容"].iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &f.label)?;
    }
    ws.set_repeat_rows(3, 3)?;
    let center = f.value.clone().set_align(FormatAlign::Center);
    let mut row = 4;
    for (i, file) in files.iter().enumerate() {
        ws.write_number_with_format(row, 0, (i + 1) as f64, &center)?;
        ws.write_string_with_format(row, 1, &file.path, &f.value)?;
        ws.write_string_with_format(row, 2, &file.content, &f.value)?;
        let lines = line_count(&file.path, 52.0).max(line_count(&file.content, 40.0));
        ws.set_row_height(row, row_height(lines))?;
        row += 1;
    }
    row += 1;
    let top = f.value.clone().set_align(FormatAlign::Top);
    ws.merge_range(
        row,
        0,
        row,
        1,
        "移交人（乙方）：\n\n签字：　　　　　　日期：　　年　　月　　日",
        &top,
    )?;
    ws.write_string_with_format(
        row,
        2,
        "接收人（甲方）：\n\n签字：　　　　　　日期：　　年　　月　　日",
        &top,
    )?;
    ws.set_row_height(row, 70.0)?;
    Ok(ws)
}

/// The contents sheet of a handover package.
pub fn contents(
    project: &ProjectSettings,
    from: &str,
    to: &str,
    files: &[HandoverFile],
) -> Result<Workbook> {
    let f = &Formats::new();
    (|| -> X<Workbook> {
        let mut wb = Workbook::new();
        wb.push_worksheet(sheet(f, project, from, to, files)?);
        Ok(wb)
    })()
    .map_err(xlsx_error)
}
