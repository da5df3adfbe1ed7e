//! The 年度总结报告 workbook (seed 002's 年终总结报告): the year in numbers for the client to sign,
//! every fault of the year with its SLA result, the cards, and the assessment where there is one.
//! Reads nothing from the store: it is written from a [`YearReport`].

use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};

use crate::error::Result;
use crate::export::{line_count, or_dash, row_height, xlsx_error, zh_time, Formats};
use crate::reports::summary::YearReport;
use crate::settings::ProjectSettings;

type X<T> = std::result::Result<T, XlsxError>;

fn page(ws: &mut Worksheet, project: &ProjectSettings, label: &str, landscape: bool) {
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
        project.project_name.replace('&', "&&"),
        label.replace('&', "&&")
    ));
}

fn met(m: Option<bool>) -> &'static str {
    match m {
        Some(true) => "按时",
        Some(false) => "超时",
        None => "—",
    }
}

/// The summary sheet: one section per part of the contract, each line a label and its figures.
fn overview(f: &Formats, project: &ProjectSettings, r: &YearReport) -> X<Worksheet> {
    let s = &r.summary;
    let mut ws = Worksheet::new();
    ws.set_name("年度总结")?;
    page(&mut ws, project, &s.label, false);
    ws.set_column_width(0, 22.0)?;
    ws.set_column_width(1, 70.0)?;
    ws.set_row_height(0, 34.0)?;
    ws.merge_range(0, 0, 0, 1, "年度运维总结报告", &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        1,
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
        1,
        &format!(
            "服务年度：{}　　记录截至：{}　　合同服务级别：{}",
            s.label, s.through, s.profile_name
        ),
        &f.subtitle,
    )?;
    let mut rows: Vec<(&str, String)> = Vec::new();
    rows.push(("一、故障处理", String::new()));
    let levels = s
        .by_level
        .iter()
        .map(|l| {
            format!(
                "{}：{} 起（响应超时 {}，恢复超时 {}{}）",
                l.level_name,
                l.faults,
                l.respond_late,
                l.restore_late,
                if l.open > 0 {
                    format!("，未恢复 {}", l.open)
                } else {
                    String::new()
                }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    rows.push(("故障总数", format!("{} 起\n{levels}", s.faults)));
    if !s.by_type.is_empty() {
        let types = s
            .by_type
            .iter()
            .map(|t| format!("{}：{} 起（超时 {}）", t.fault_type, t.faults, t.late))
            .collect::<Vec<_>>()
            .join("\n");
        rows.push(("按故障类型", types));
    }
    rows.push(("二、系统可用性", String::new()));
    let floor = s
        .availability_floor_percent
        .map(|f| format!("合同要求年度无故障时间达到 {f}% 以上。"))
        .unwrap_or_else(|| "合同未规定年度无故障时间。".into());
    let systems = if s.availability.is_empty() {
        "全年无系统中断。".to_string()
    } else {
        s.availability
            .iter()
            .map(|a| {
                format!(
                    "{}：中断 {} 次，共 {} 分钟，可用率 {:.2}%{}",
                    a.system,
                    a.outages,
                    a.outage_minutes,
                    a.availability_percent,
                    if a.below_floor {
                        "（低于合同要求）"
                    } else {
                        ""
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let outage_names: Vec<String> = s
        .outage_levels
        .iter()
        .map(|code| {
            s.by_level
                .iter()
                .find(|l| &l.level == code)
                .map_or_else(|| code.clone(), |l| l.level_name.clone())
        })
        .collect();
    rows.push((
        "各系统可用率",
        format!(
            "{systems}\n{floor}（按“{}”级故障自报告至恢复的时间计）",
            outage_names.join("、")
        ),
    ));
    rows.push(("三、巡检", String::new()));
    rows.push((
        "巡检记录",
        format!(
            "完成巡检 {} 次；按计划未完成的日常巡检时段 {} 个。",
            s.inspections_done, s.inspection_slots_missed
        ),
    ));
    rows.push(("四、培训", String::new()));
    rows.push((
        "培训",
        format!(
            "培训 {} 次，参训 {} 人次。",
            s.trainings, s.training_attendees
        ),
    ));
    rows.push(("五、需求变更与服务", String::new()));
    rows.push((
        "需求变更",
        format!("{} 项，超过时限响应 {} 项。", s.changes, s.changes_late),
    ));
    rows.push((
        "服务记录",
        format!(
            "电话服务 {} 次，报修 {} 次，咨询 {} 次；新增常见问题 {} 条。",
            s.hotline_calls, s.repairs, s.consultations, s.faq_added
        ),
    ));
    rows.push(("六、投诉、满意度与黄红牌", String::new()));
    let cards = if r.cards.applies {
        format!(
            "黄牌 {} 张，红牌 {} 张{}。",
            r.cards.yellow,
            r.cards.red,
            if r.cards.termination {
                "，投诉累计已达采购人可终止项目的次数"
            } else {
                ""
            }
        )
    } else {
        "合同未规定黄牌、红牌。".into()
    };
    rows.push((
        "投诉",
        format!(
            "计入考核的投诉 {} 次（经核实不计入 {} 次）。{cards}",
            s.complaints, s.complaints_not_counted
        ),
    ));
    rows.push((
        "工作情况评价",
        format!(
            "满意 {} 份，基本满意 {} 份，不满意 {} 份。",
            s.rated_satisfied, s.rated_basic, s.rated_unsatisfied
        ),
    ));
    rows.push(("七、考核", String::new()));
    rows.push((
        "考核得分",
        match &r.assessment {
            Some(p) => format!(
                "{}：{} 分。{}",
                p.period.label, p.assessment.score, p.assessment.band_text
            ),
            None => "合同未规定考核表。".into(),
        },
    ));
    let mut row = 3;
    for (label, text) in rows {
        if text.is_empty() {
            ws.merge_range(row, 0, row, 1, label, &f.section)?;
            ws.set_row_height(row, 22.0)?;
        } else {
            ws.write_string_with_format(row, 0, label, &f.label)?;
            ws.write_string_with_format(row, 1, &text, &f.value)?;
            ws.set_row_height(row, row_height(line_count(&text, 68.0)))?;
        }
        row += 1;
    }
    ws.merge_range(row, 0, row, 1, "甲方意见", &f.label)?;
    row += 1;
    let top = f.value.clone().set_align(FormatAlign::Top);
    ws.merge_range(
        row,
        0,
        row,
        1,
        "\n\n\n　　　　　　　　　　　　　　　　签字：　　　　　　　日期：　　年　　月　　日",
        &top,
    )?;
    ws.set_row_height(row, 90.0)?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        1,
        "乙方负责人：\n\n　　　　　　　　　　　　　　　　签字：　　　　　　　日期：　　年　　月　　日",
        &top,
    )?;
    ws.set_row_height(row, 60.0)?;
    Ok(ws)
}

/// Every fault of the year with its SLA result.
fn faults(f: &Formats, project: &ProjectSettings, r: &YearReport) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("故障明细")?;
    page(&mut ws, project, &r.summary.label, true);
    let cols = [
        ("故障编号", 16.0),
        ("报告时间", 22.0),
        ("级别", 7.0),
        ("故障类型", 9.0),
        ("影响系统", 16.0),
        ("故障标题", 26.0),
        ("响应", 7.0),
        ("恢复", 7.0),
        ("恢复时间", 22.0),
        ("状态", 8.0),
    ];
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(0, 0, 0, (cols.len() - 1) as u16, "年度故障明细", &f.title)?;
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(1, c as u16, *h, &f.label)?;
    }
    ws.set_repeat_rows(1, 1)?;
    let center = f.value.clone().set_align(FormatAlign::Center);
    if r.summary.fault_rows.is_empty() {
        ws.merge_range(
            2,
            0,
            2,
            (cols.len() - 1) as u16,
            "本年度没有故障记录。",
            &center,
        )?;
    }
    for (i, x) in r.summary.fault_rows.iter().enumerate() {
        let row = (i + 2) as u32;
        let cells = [
            x.code.clone(),
            zh_time(&x.reported_at),
            x.level_name.clone(),
            if x.fault_type.is_empty() {
                "未分类".into()
            } else {
                x.fault_type.clone()
            },
            or_dash(&x.system),
            x.title.clone(),
            met(x.respond_met).into(),
            met(x.restore_met).into(),
            x.restored_at
                .as_deref()
                .map(zh_time)
                .unwrap_or_else(|| "未恢复".into()),
            x.state_name.clone(),
        ];
        for (c, text) in cells.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, text, &f.value)?;
        }
        ws.set_row_height(row, row_height(line_count(&x.title, 26.0)))?;
    }
    Ok(ws)
}

/// The cards of the contract, each with its record and reason.
fn cards(f: &Formats, project: &ProjectSettings, r: &YearReport) -> X<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name("黄红牌")?;
    page(&mut ws, project, &r.summary.label, false);
    for (c, w) in [6.0, 12.0, 22.0, 18.0, 50.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(0, 30.0)?;
    ws.merge_range(0, 0, 0, 4, "黄牌、红牌记录", &f.title)?;
    ws.merge_range(1, 0, 1, 4, &r.cards.description, &f.value)?;
    ws.set_row_height(1, row_height(line_count(&r.cards.description, 106.0)))?;
    for (c, h) in ["序号", "类别", "时间", "记录", "原因"].iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &f.label)?;
    }
    let center = f.value.clone().set_align(FormatAlign::Center);
    if r.cards.cards.is_empty() {
        ws.merge_range(3, 0, 3, 4, "合同期内没有黄牌或红牌。", &center)?;
    }
    for (i, c) in r.cards.cards.iter().enumerate() {
        let row = (i + 3) as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &center)?;
        ws.write_string_with_format(row, 1, c.kind.zh(), &center)?;
        ws.write_string_with_format(row, 2, zh_time(&c.issued_at), &f.value)?;
        ws.write_string_with_format(row, 3, &c.code, &f.value)?;
        ws.write_string_with_format(row, 4, &c.reason, &f.value)?;
        ws.set_row_height(row, row_height(line_count(&c.reason, 50.0)))?;
    }
    Ok(ws)
}

/// The year's summary workbook.
pub fn build(project: &ProjectSettings, report: &YearReport) -> Result<Workbook> {
    let f = &Formats::new();
    (|| -> X<Workbook> {
        let mut wb = Workbook::new();
        wb.push_worksheet(overview(f, project, report)?);
        wb.push_worksheet(faults(f, project, report)?);
        if report.cards.applies {
            wb.push_worksheet(cards(f, project, report)?);
        }
        Ok(wb)
    })()
    .map_err(xlsx_error)
}
