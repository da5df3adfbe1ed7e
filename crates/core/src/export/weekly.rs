//! 运维周报 (seed 003): for any week, ① the platform's running state, this week's work and next
//! week's plan, ② the load of the platform and servers, ③ the backups, ④ the problems found and how
//! they were handled — gathered from the week's inspections, faults, service records, work logs and
//! duty, on one A4 sheet with signature lines.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rust_xlsxwriter::Workbook;

use crate::attendance::{self, duty::DutyPeriodView, worklog::WorkLogEntry};
use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::export::{line_count, row_height, xlsx_error, Formats};
use crate::faults::{self, MonthFault};
use crate::inspections::{self, AnswerStatus, InspectionRecordView};
use crate::settings::{self, ProjectSettings};
use crate::tickets::{self, ServiceRecordView};
use rusqlite::Connection;

/// A week's records.
pub struct WeekData {
    pub monday: NaiveDate,
    pub project: ProjectSettings,
    pub inspections: Vec<InspectionRecordView>,
    pub faults: Vec<MonthFault>,
    pub services: Vec<ServiceRecordView>,
    pub worklogs: Vec<WorkLogEntry>,
    pub next_duties: Vec<DutyPeriodView>,
}

fn in_week(date: &str, monday: NaiveDate) -> bool {
    NaiveDate::parse_from_str(date.get(..10).unwrap_or(date), "%Y-%m-%d")
        .map(|d| d >= monday && d < monday + Duration::days(7))
        .unwrap_or(false)
}

fn months_of(monday: NaiveDate) -> Result<Vec<Month>> {
    // Outside the calendar's years (a week running into 2100) the month's own refusal is given.
    let month_of = |d: NaiveDate| {
        Month::of(d).map_or_else(|| Month::parse(&d.format("%Y-%m").to_string()), Ok)
    };
    let mut months = vec![month_of(monday)?];
    let sunday = month_of(monday + Duration::days(6))?;
    if sunday != months[0] {
        months.push(sunday);
    }
    Ok(months)
}

/// The Monday of the week holding `date` (`YYYY-MM-DD`).
pub fn week_of(date: &str) -> Result<NaiveDate> {
    // Strict: chrono alone takes "+262142-12-31", whose Sunday overflows.
    let d = crate::calendar::parse_day(date.trim()).ok_or_else(|| {
        Error::validation(vec![crate::error::FieldError::new(
            "date",
            format!("日期“{date}”无法识别，请写成 YYYY-MM-DD（年份 2000–2099），例如 2026-11-23。"),
        )])
    })?;
    Ok(d - Duration::days(i64::from(d.weekday().num_days_from_monday())))
}

pub fn gather(conn: &Connection, date: &str, now: DateTime<Utc>) -> Result<WeekData> {
    let monday = week_of(date)?;
    let project = settings::get(conn)?
        .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息，再导出周报。".into()))?;
    let mut data = WeekData {
        monday,
        project,
        inspections: Vec::new(),
        faults: Vec::new(),
        services: Vec::new(),
        worklogs: Vec::new(),
        next_duties: Vec::new(),
    };
    for month in months_of(monday)? {
        data.inspections.extend(
            inspections::records::month(conn, month)?
                .into_iter()
                .filter(|r| in_week(&r.date, monday)),
        );
        data.faults.extend(
            faults::month(conn, month, now)?
                .into_iter()
                .filter(|f| in_week(&f.reported_at, monday)),
        );
        data.services.extend(
            tickets::list_service_records_in_month(conn, month, now)?
                .into_iter()
                .filter(|s| in_week(&s.received_at, monday)),
        );
        data.worklogs.extend(
            attendance::worklog::worklog_in_month(conn, month)?
                .into_iter()
                .filter(|l| in_week(&l.work_date, monday)),
        );
    }
    let next = monday + Duration::days(7);
    let at = |d: NaiveDate| {
        dutydesk_sla::CHINA
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
    };
    if let (Some(from), Some(to)) = (at(next), at(next + Duration::days(7))) {
        data.next_duties = attendance::duty::between(conn, from, to, now)?;
    }
    Ok(data)
}

fn max_of(records: &[InspectionRecordView], key: &str) -> Option<f64> {
    records
        .iter()
        .filter_map(|r| r.answers.iter().find(|a| a.item_key == key)?.value_num)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
}

fn higher(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn count_status(records: &[InspectionRecordView], key: &str) -> (usize, usize) {
    let mut ok = 0;
    let mut bad = 0;
    for r in records {
        match r
            .answers
            .iter()
            .find(|a| a.item_key == key)
            .and_then(|a| a.status)
        {
            Some(AnswerStatus::Ok) => ok += 1,
            Some(AnswerStatus::Abnormal) => bad += 1,
            None => {}
        }
    }
    (ok, bad)
}

/// The four parts as text, in order.
pub fn parts(d: &WeekData) -> Vec<(&'static str, String)> {
    let breached = d
        .faults
        .iter()
        .filter(|f| f.respond_met == Some(false) || f.restore_met == Some(false))
        .count();
    let abnormal: usize = d.inspections.iter().map(|r| r.abnormal.len()).sum();
    let mut running = format!(
        "本周巡检 {} 次（发现异常 {} 项）；故障 {} 起（超时 {} 起）；服务记录 {} 条。",
        d.inspections.len(),
        abnormal,
        d.faults.len(),
        breached,
        d.services.len()
    );
    running.push_str(if d.faults.iter().all(|f| f.state == "closed") {
        "平台运行总体平稳。"
    } else {
        "尚有故障未关闭，见第四部分。"
    });
    let mut work: Vec<String> = d
        .worklogs
        .iter()
        .map(|l| format!("{} {}：{}", l.work_date, l.engineer_name, l.content.trim()))
        .collect();
    if work.is_empty() {
        work.push("本周没有工作日志。".into());
    }
    let mut plan: Vec<String> = d
        .next_duties
        .iter()
        .map(|p| format!("{}：{}", p.title, p.range_text))
        .collect();
    plan.push("按计划完成每个工作日的日常巡检、周巡检，跟进未关闭的故障和需求。".into());

    let fmt = |v: Option<f64>, unit: &str| {
        v.map(|v| format!("{v}{unit}"))
            .unwrap_or_else(|| "无记录".into())
    };
    let load = format!(
        "服务器 CPU 使用率最高 {}，内存使用率最高 {}，磁盘使用率最高 {}；数据库表空间使用率最高 {}。",
        fmt(higher(max_of(&d.inspections, "srv-cpu"), max_of(&d.inspections, "wk-peak-cpu")), "%"),
        fmt(higher(max_of(&d.inspections, "srv-mem"), max_of(&d.inspections, "wk-peak-mem")), "%"),
        fmt(max_of(&d.inspections, "srv-disk"), "%"),
        fmt(max_of(&d.inspections, "db-space"), "%"),
    );
    let (ok, bad) = count_status(&d.inspections, "backup");
    let (wok, wbad) = count_status(&d.inspections, "wk-backup");
    let backup = if ok + bad + wok + wbad == 0 {
        "本周巡检中没有备份检查记录。".to_string()
    } else {
        format!(
            "日常巡检检查备份 {} 次，正常 {} 次、异常 {} 次{}。",
            ok + bad,
            ok,
            bad,
            if wok + wbad > 0 {
                format!(
                    "；周巡检：{}",
                    if wbad > 0 {
                        "备份有异常"
                    } else {
                        "本周备份全部成功"
                    }
                )
            } else {
                String::new()
            }
        )
    };
    let mut problems: Vec<String> = Vec::new();
    for r in &d.inspections {
        for a in &r.abnormal {
            problems.push(format!(
                "{} {}：{}",
                r.number.clone().unwrap_or_default(),
                r.template.name,
                a.text
            ));
        }
    }
    for f in &d.faults {
        problems.push(format!(
            "{} {}（{}，{}）：{}",
            f.code,
            f.title,
            f.level_name,
            f.state_name,
            if f.resolution.trim().is_empty() {
                "处理中".to_string()
            } else {
                f.resolution.trim().to_string()
            }
        ));
    }
    if problems.is_empty() {
        problems.push("本周未发现问题。".into());
    }
    vec![
        ("一、系统运行情况", running),
        ("本周工作", work.join("\n")),
        ("下周计划", plan.join("\n")),
        ("二、平台和服务器负载", load),
        ("三、备份情况", backup),
        ("四、发现的问题及处理情况", problems.join("\n")),
    ]
}

pub fn build(d: &WeekData) -> Result<Workbook> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let sunday = d.monday + Duration::days(6);
    (|| -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name("周报")?;
        ws.set_paper_size(9);
        ws.set_portrait();
        ws.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_footer(format!(
            "&L{}&C第 &P 页，共 &N 页",
            d.project.project_name.replace('&', "&&")
        ));
        ws.set_column_width(0, 20.0)?;
        ws.set_column_width(1, 68.0)?;
        ws.set_row_height(0, 30.0)?;
        ws.merge_range(
            0,
            0,
            0,
            1,
            &format!(
                "运维周报（{}—{}）",
                d.monday.format("%Y年%m月%d日"),
                sunday.format("%m月%d日")
            ),
            &f.title,
        )?;
        ws.merge_range(
            1,
            0,
            1,
            1,
            &format!(
                "项目名称：{}　　甲方单位：{}　　服务单位：{}",
                d.project.project_name, d.project.client_name, d.project.vendor_name
            ),
            &f.subtitle,
        )?;
        let mut row = 2;
        for (title, text) in parts(d) {
            ws.write_string_with_format(row, 0, title, &f.label)?;
            ws.write_string_with_format(row, 1, &text, &f.value)?;
            ws.set_row_height(row, row_height(line_count(&text, 68.0)))?;
            row += 1;
        }
        row += 1;
        ws.write_string_with_format(row, 0, "甲方确认人（签字）：\n\n日期：", &f.plain)?;
        ws.write_string_with_format(
            row,
            1,
            "乙方负责人（签字）：\n\n日期：　　年　　月　　日",
            &f.plain,
        )?;
        ws.set_row_height(row, 60.0)?;
        Ok(())
    })()
    .map_err(xlsx_error)?;
    Ok(wb)
}
