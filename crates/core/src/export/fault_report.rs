//! 故障报告: one A4 sheet per fault with what happened, the SLA result and its explanation, cause,
//! handling, result and improvement, and signature lines for both sides (seed 003: within 24 h of
//! the fix).

use chrono::{DateTime, Utc};
use rust_xlsxwriter::Workbook;

use crate::error::Result;
use crate::export::{line_count, or_dash, row_height, xlsx_error, zh_time, Formats};
use crate::faults::FaultDetail;
use crate::settings::ProjectSettings;

/// Column widths (Excel units): label, value, label, value. 88 units fit A4 portrait.
const WIDTHS: [f64; 4] = [14.0, 30.0, 14.0, 30.0];
const WIDE: f64 = WIDTHS[1] + WIDTHS[2] + WIDTHS[3];

fn outcome(state: &str, text: &str) -> String {
    match state {
        "met" => "按时".into(),
        "metLate" => format!("超时（{text}）"),
        "breached" => format!("未完成，{text}"),
        "noDeadline" => "按需，不计时".into(),
        "paused" => format!("挂起中（{text}）"),
        _ => format!("进行中（{text}）"),
    }
}

/// The report's file name for a fault numbered `code`: `故障报告-GZ-20261124-01.xlsx`. The number
/// may have come from another workstation's archive, so it is made safe here, where the name is
/// built: only letters, digits, `-` and `_` are kept (no separator, no dot, hence no `..`), the
/// rest becomes `_`, and the name stays short. Whatever the code says, the file lands in the
/// folder the caller chose.
pub fn file_name(code: &str) -> String {
    let safe: String = code
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let safe = if safe.is_empty() {
        "无编号".into()
    } else {
        safe
    };
    format!("故障报告-{safe}.xlsx")
}

/// Builds the report workbook.
pub fn build(
    detail: &FaultDetail,
    project: &ProjectSettings,
    generated_at: DateTime<Utc>,
) -> Result<Workbook> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    (|| -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name("故障报告")?;
        ws.set_paper_size(9);
        ws.set_portrait();
        ws.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_footer("&C第 &P 页，共 &N 页");
        for (i, w) in WIDTHS.iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
        let r = &detail.row;
        let mut row: u32 = 0;
        ws.set_row_height(row, 34.0)?;
        ws.merge_range(row, 0, row, 3, "故障报告", &f.title)?;
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            3,
            &format!(
                "项目名称：{}　　甲方单位：{}　　服务单位：{}",
                project.project_name, project.client_name, project.vendor_name
            ),
            &f.subtitle,
        )?;
        ws.set_row_height(row, row_height(line_count(&project.project_name, 40.0)))?;
        row += 1;

        let pair = |ws: &mut rust_xlsxwriter::Worksheet,
                    row: u32,
                    a: &str,
                    b: &str,
                    c: &str,
                    d: &str|
         -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
            ws.write_string_with_format(row, 0, a, &f.label)?;
            ws.write_string_with_format(row, 1, b, &f.value)?;
            ws.write_string_with_format(row, 2, c, &f.label)?;
            ws.write_string_with_format(row, 3, d, &f.value)?;
            let lines = line_count(b, WIDTHS[1]).max(line_count(d, WIDTHS[3]));
            ws.set_row_height(row, row_height(lines))?;
            Ok(())
        };
        let wide = |ws: &mut rust_xlsxwriter::Worksheet,
                    row: u32,
                    label: &str,
                    text: &str|
         -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
            ws.write_string_with_format(row, 0, label, &f.label)?;
            ws.merge_range(row, 1, row, 3, &or_dash(text), &f.value)?;
            ws.set_row_height(row, row_height(line_count(text, WIDE)))?;
            Ok(())
        };
        let section = |ws: &mut rust_xlsxwriter::Worksheet,
                       row: u32,
                       text: &str|
         -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
            ws.merge_range(row, 0, row, 3, text, &f.section)?;
            ws.set_row_height(row, 22.0)?;
            Ok(())
        };

        section(ws, row, "一、故障情况")?;
        row += 1;
        pair(ws, row, "故障编号", &r.code, "故障级别", &r.level_name)?;
        row += 1;
        pair(
            ws,
            row,
            "报告时间",
            &zh_time(&r.reported_at),
            "报告渠道",
            channel_zh(r.channel),
        )?;
        row += 1;
        let who = if r.reporter_dept.is_empty() {
            r.reporter.clone()
        } else {
            format!("{}（{}）", r.reporter, r.reporter_dept)
        };
        pair(
            ws,
            row,
            "报告人",
            &who,
            "联系方式",
            &or_dash(&detail.contact),
        )?;
        row += 1;
        wide(ws, row, "影响系统", &r.system)?;
        row += 1;
        wide(ws, row, "故障标题", &r.title)?;
        row += 1;
        wide(ws, row, "故障现象", &detail.description)?;
        row += 1;

        section(
            ws,
            row,
            &format!(
                "二、服务时限（{}，第 {} 版）",
                detail.profile_name, detail.profile_version
            ),
        )?;
        row += 1;
        let d = &detail.deadlines;
        pair(
            ws,
            row,
            "响应时限",
            &format!(
                "{}\n截止 {}",
                d.respond.target_text,
                d.respond_by
                    .as_deref()
                    .map(zh_time)
                    .unwrap_or_else(|| "—".into())
            ),
            "实际响应",
            &format!(
                "{}\n{}",
                detail
                    .responded_at
                    .as_deref()
                    .map(zh_time)
                    .unwrap_or_else(|| "未响应".into()),
                outcome(&r.respond.state, &r.respond.text)
            ),
        )?;
        row += 1;
        pair(
            ws,
            row,
            "恢复时限",
            &format!(
                "{}\n截止 {}",
                d.restore.target_text,
                d.restore_by
                    .as_deref()
                    .map(zh_time)
                    .unwrap_or_else(|| "—".into())
            ),
            "实际恢复",
            &format!(
                "{}\n{}",
                detail
                    .restored_at
                    .as_deref()
                    .map(zh_time)
                    .unwrap_or_else(|| "未恢复".into()),
                outcome(&r.restore.state, &r.restore.text)
            ),
        )?;
        row += 1;
        let pauses: Vec<String> = d
            .recorded_pauses
            .iter()
            .map(|p| {
                let effect = if d.pauses_stop_clock {
                    format!("不计 {} 分钟", p.excluded_minutes)
                } else {
                    "合同未约定挂起停止计时，照常计时".into()
                };
                format!(
                    "{} 至 {}：{}（{effect}）",
                    zh_time(&p.from),
                    p.to.as_deref()
                        .map(zh_time)
                        .unwrap_or_else(|| "至今".into()),
                    p.reason,
                )
            })
            .collect();
        wide(ws, row, "挂起记录", &pauses.join("\n"))?;
        row += 1;
        wide(
            ws,
            row,
            "时限说明",
            &format!("{}\n{}", d.respond.summary, d.restore.summary),
        )?;
        row += 1;

        section(ws, row, "三、处理情况")?;
        row += 1;
        wide(ws, row, "故障原因", &detail.cause)?;
        row += 1;
        wide(ws, row, "处理过程", &detail.process)?;
        row += 1;
        wide(ws, row, "处理结果", &detail.resolution)?;
        row += 1;
        wide(ws, row, "预防措施\n改进措施", &detail.prevention)?;
        row += 1;
        pair(
            ws,
            row,
            "处理人",
            &or_dash(&detail.handled_by),
            "报告完成",
            &detail
                .report_written_at
                .as_deref()
                .map(zh_time)
                .unwrap_or_else(|| "未完成".into()),
        )?;
        row += 1;

        section(ws, row, "四、用户确认")?;
        row += 1;
        pair(
            ws,
            row,
            "用户确认人",
            &or_dash(&detail.confirmed_by),
            "确认时间",
            &detail
                .confirmed_at
                .as_deref()
                .map(zh_time)
                .unwrap_or_else(|| "—".into()),
        )?;
        row += 1;
        wide(
            ws,
            row,
            "满意度",
            detail
                .satisfaction
                .map(|s| s.zh())
                .unwrap_or("□满意　□基本满意　□不满意"),
        )?;
        row += 2;

        ws.merge_range(
            row,
            0,
            row,
            1,
            "甲方确认人（签字）：\n\n日期：　　年　　月　　日",
            &f.plain,
        )?;
        ws.merge_range(
            row,
            2,
            row,
            3,
            "乙方工程师（签字）：\n\n日期：　　年　　月　　日",
            &f.plain,
        )?;
        ws.set_row_height(row, 60.0)?;
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            3,
            &format!(
                "由驻场运维台导出于 {}",
                dutydesk_sla::format_local_zh(&dutydesk_sla::to_china(&generated_at))
            ),
            &f.plain,
        )?;
        Ok(())
    })()
    .map_err(xlsx_error)?;
    Ok(wb)
}

fn channel_zh(c: crate::faults::FaultChannel) -> &'static str {
    c.zh()
}

#[cfg(test)]
mod file_name_tests {
    use super::file_name;

    #[test]
    fn a_code_never_leaves_the_folder() {
        assert_eq!(file_name("GZ-20261124-01"), "故障报告-GZ-20261124-01.xlsx");
        for hostile in [
            "x/../../../evil-01",
            "..\\..\\evil-01",
            "C:\\Windows\\evil-01",
            "\\\\host\\share\\evil-01",
            "/etc/passwd",
            "..",
            "a\u{0}b",
        ] {
            let name = file_name(hostile);
            assert!(
                !name.contains('/') && !name.contains('\\') && !name.contains(".."),
                "{hostile} → {name}"
            );
            assert!(
                !name.contains(':') && !name.chars().any(char::is_control),
                "{name}"
            );
            let joined = std::path::Path::new("exports").join(&name);
            assert_eq!(
                joined.parent(),
                Some(std::path::Path::new("exports")),
                "{name}"
            );
        }
    }
}
