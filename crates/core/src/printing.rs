//! 打印 — the paper form of each record kept in a table of its own, in the seeds' fields and order,
//! with their signature blocks: 002's 项目工单 (four parties sign), 004's 报修单 (fifteen fields) and
//! 电话服务记录单, 004's 培训记录 with its 签到表, and 002's 故障记录 that the client signs and rates.
//! Form records print from their definitions (`crate::forms::print`); both give a [`PrintedForm`].

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::faults;
use crate::forms::definition::SignatureBlock;
use crate::forms::print::{header, instant_text, PrintBlock, PrintCell, PrintedForm};
use crate::kinds::RecordKind;
use crate::tickets::{self, ServiceKind};

fn row(cells: &[(&str, String)]) -> PrintBlock {
    PrintBlock::Row {
        cells: cells
            .iter()
            .map(|(l, v)| PrintCell::new(*l, v.clone()))
            .collect(),
    }
}

fn text(label: &str, value: &str) -> PrintBlock {
    PrintBlock::Text {
        label: label.into(),
        value: value.into(),
    }
}

fn signs(labels: &[&str]) -> Vec<SignatureBlock> {
    labels
        .iter()
        .map(|l| SignatureBlock {
            label: (*l).into(),
            date: true,
        })
        .collect()
}

fn opt_instant(v: Option<&str>) -> String {
    v.map(instant_text).unwrap_or_default()
}

/// The paper form of record `(kind, id)`.
pub fn printed(
    conn: &Connection,
    data_dir: &Path,
    kind: RecordKind,
    id: i64,
    now: DateTime<Utc>,
) -> Result<PrintedForm> {
    match kind {
        RecordKind::Change => change(conn, id, now),
        RecordKind::ServiceRecord => service_record(conn, id, now),
        RecordKind::Training => training(conn, data_dir, id),
        RecordKind::Fault => fault(conn, id, now),
        other => Err(Error::NotFound(format!(
            "{}没有单独的纸质表单；请从月度工作簿打印。",
            other.label()
        ))),
    }
}

/// 项目工单 (seed 002): 项目名称, 项目编号, 服务单位, 服务地点, 联系人, 电话, 申请时间, 工作事由;
/// 使用方 (需求提出人部门), 承建方 (操作人员, 项目经理), 建设方 sign; 影响性分析, 评审意见, 工作结果, 备注.
fn change(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<PrintedForm> {
    let c = tickets::changes::get_change(conn, id, now)?;
    let blocks = vec![
        row(&[
            ("项目名称", c.project_name.clone()),
            ("项目编号", c.project_code.clone()),
        ]),
        row(&[
            ("服务单位", c.service_unit.clone()),
            ("服务地点", c.service_location.clone()),
        ]),
        row(&[
            ("联系人", c.contact.clone()),
            ("电话", c.phone.clone()),
            ("申请时间", instant_text(&c.requested_at)),
        ]),
        row(&[
            ("需求提出人部门", c.requester_dept.clone()),
            ("服务范围", c.scope.zh().into()),
        ]),
        text("工作事由", &format!("{}\n{}", c.title, c.description)),
        text("可行性分析", &c.feasibility),
        text("影响性分析", &c.impact),
        text("评审意见", &c.review_opinion),
        text("响应意见", &c.response),
        text("工作结果", &c.result),
        row(&[
            ("操作人员", c.operator.clone()),
            ("响应时间", opt_instant(c.responded_at.as_deref())),
            ("完成时间", opt_instant(c.completed_at.as_deref())),
        ]),
        text("备注", &c.remark),
    ];
    Ok(PrintedForm {
        title: "项目工单".into(),
        header: header(conn, &c.code)?,
        code: c.code,
        orientation: "portrait".into(),
        blocks,
        signatures: change_signatures(conn)?,
        note: c.deadline_note,
        footer: format!("需求变更 · 状态：{}", c.state.zh()),
    })
}

/// 项目工单's four signatures as seed 002 lays them out: 使用方 需求提出人签字 and 承建方 项目经理签字
/// with a date, 承建方 操作人员签字 without one, and the client's own name on the 建设方 line (the
/// seed's 工业和信息化局签字 is its client).
fn change_signatures(conn: &Connection) -> Result<Vec<SignatureBlock>> {
    let client = crate::settings::get(conn)?
        .map(|s| s.client_name.trim().to_string())
        .filter(|name| !name.is_empty());
    let builder = match client {
        Some(name) => format!("建设方（{name}）"),
        None => "建设方".to_string(),
    };
    let mut blocks = signs(&[
        "使用方（需求提出人）",
        "承建方（操作人员）",
        "承建方（项目经理）",
        &builder,
    ]);
    blocks[1].date = false;
    Ok(blocks)
}

/// 报修单 (seed 004, fifteen fields) or 电话服务记录单 / 咨询记录.
fn service_record(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<PrintedForm> {
    let s = tickets::service::get_service_record(conn, id, now)?;
    let satisfaction = s
        .satisfaction
        .map(|x| x.zh().to_string())
        .unwrap_or_default();
    let (title, mut blocks) = match s.kind {
        ServiceKind::Repair => (
            "报修单",
            vec![
                row(&[("记录顺序号", s.code.clone()), ("用户", s.customer.clone())]),
                row(&[("联系人", s.contact.clone()), ("联系电话", s.phone.clone())]),
                row(&[("地址", s.address.clone()), ("传真", s.fax.clone())]),
                text("故障情况", &s.description),
                text("其它要求", &s.other_requests),
                row(&[
                    ("报修人", s.reporter.clone()),
                    ("报修时间", instant_text(&s.received_at)),
                ]),
                text("处理过程和结果", &s.handling),
                row(&[
                    ("技术服务工程师", s.engineer.clone()),
                    ("完成时间", opt_instant(s.completed_at.as_deref())),
                ]),
                row(&[
                    ("用户确认人", s.confirmed_by.clone()),
                    ("确认时间", opt_instant(s.confirmed_at.as_deref())),
                    ("满意度", satisfaction.clone()),
                ]),
            ],
        ),
        kind => (
            if kind == ServiceKind::Hotline {
                "电话服务记录单"
            } else {
                "咨询服务记录单"
            },
            vec![
                row(&[
                    ("记录编号", s.code.clone()),
                    ("来电时间", instant_text(&s.received_at)),
                ]),
                row(&[
                    ("来电单位", s.customer.clone()),
                    ("来电人", s.contact.clone()),
                    ("联系电话", s.phone.clone()),
                ]),
                row(&[("问题类别", s.category.clone())]),
                text("问题描述", &s.description),
                text("处理过程和结果", &s.handling),
                row(&[
                    ("处理人", s.engineer.clone()),
                    ("回馈时间", opt_instant(s.responded_at.as_deref())),
                    ("完成时间", opt_instant(s.completed_at.as_deref())),
                ]),
                row(&[
                    ("上交 / 升级时间", opt_instant(s.escalated_at.as_deref())),
                    ("电话回馈时间", opt_instant(s.called_back_at.as_deref())),
                ]),
                row(&[
                    ("用户确认人", s.confirmed_by.clone()),
                    ("确认时间", opt_instant(s.confirmed_at.as_deref())),
                    ("满意度", satisfaction.clone()),
                ]),
            ],
        ),
    };
    if !s.delay_reason.trim().is_empty() {
        blocks.push(row(&[
            ("未能及时处理的原因", s.delay_reason.clone()),
            ("承诺完成时间", opt_instant(s.promised_at.as_deref())),
        ]));
    }
    if !s.deadlines.is_empty() {
        blocks.push(PrintBlock::Table {
            label: "服务时限".into(),
            columns: vec!["事项".into(), "截止时间".into(), "结果".into()],
            rows: s
                .deadlines
                .iter()
                .map(|d| {
                    let v = serde_json::to_value(d).unwrap_or_default();
                    let field = |k: &str| {
                        v.get(k)
                            .and_then(|x| x.as_str())
                            .unwrap_or_default()
                            .to_string()
                    };
                    vec![
                        field("label"),
                        instant_text(&field("deadline")),
                        field("statusLabel"),
                    ]
                })
                .collect(),
        });
    } else if let Some(note) = &s.deadline_note {
        // Entered before the rules in effect: the form says so rather than leaving it out.
        blocks.push(text("服务时限", note));
    }
    Ok(PrintedForm {
        title: title.into(),
        header: header(conn, &s.code)?,
        code: s.code,
        orientation: "portrait".into(),
        blocks,
        signatures: signs(&["用户确认人", "技术服务工程师"]),
        note: None,
        footer: format!("服务记录 · {}", title),
    })
}

/// 培训记录 with its 签到表 (seed 004): when no sign-in sheet was collected, the record says how
/// many attended, as the seed asks.
fn training(conn: &Connection, data_dir: &Path, id: i64) -> Result<PrintedForm> {
    let t = tickets::training::get_training(conn, data_dir, id)?;
    let names: Vec<String> = t
        .attendees
        .split(['\n', '，', ',', '、', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    let code = format!("培训-{}", t.held_at.get(..10).unwrap_or_default());
    let mut rows: Vec<Vec<String>> = names
        .iter()
        .enumerate()
        .map(|(i, n)| vec![(i + 1).to_string(), n.clone(), String::new(), String::new()])
        .collect();
    // Blank lines to sign on, up to the number who attended (at least a page's worth).
    let total = usize::try_from(t.attendees_count)
        .unwrap_or(0)
        .max(rows.len())
        .max(10);
    while rows.len() < total.min(60) {
        rows.push(vec![
            (rows.len() + 1).to_string(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    let attachments: Vec<String> = t.attachments.iter().map(|a| a.file_name.clone()).collect();
    let blocks = vec![
        row(&[
            ("培训时间", instant_text(&t.held_at)),
            ("培训地点", t.location.clone()),
        ]),
        row(&[
            ("培训主题", t.topic.clone()),
            ("培训讲师", t.trainer.clone()),
        ]),
        row(&[
            ("培训模块", t.modules.join("、")),
            ("参训人数", t.attendees_count.to_string()),
        ]),
        text("培训内容及效果", &t.notes),
        row(&[(
            "签到表附件",
            if attachments.is_empty() {
                "（未附签到表，人数见上）".to_string()
            } else {
                attachments.join("；")
            },
        )]),
        PrintBlock::Table {
            label: "签到表".into(),
            columns: vec![
                "序号".into(),
                "姓名".into(),
                "单位 / 部门".into(),
                "签名".into(),
            ],
            rows,
        },
    ];
    Ok(PrintedForm {
        title: "培训记录".into(),
        header: header(conn, &code)?,
        code,
        orientation: "portrait".into(),
        blocks,
        signatures: signs(&["用户确认（培训效果）", "培训讲师"]),
        note: Some("如无法获取签到表，须在培训记录上注明培训人数、场次等信息（004）。".into()),
        footer: "培训记录".into(),
    })
}

/// 故障记录 (seed 002 §3(4)): 故障时间, 故障类型, 处理方法, 处理结果, 预防措施, 维护时间, 维护人员;
/// the client signs (用户确认人) and rates the service (满意度).
fn fault(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<PrintedForm> {
    let d = faults::detail(conn, id, now)?;
    let r = &d.row;
    let blocks = vec![
        row(&[
            ("故障时间", instant_text(&r.reported_at)),
            ("故障级别", r.level_name.clone()),
        ]),
        row(&[
            ("故障类型", r.fault_type.clone()),
            ("涉及系统", r.system.clone()),
        ]),
        row(&[
            ("报告人", r.reporter.clone()),
            ("报告部门", r.reporter_dept.clone()),
            ("联系方式", d.contact.clone()),
        ]),
        text("故障现象", &format!("{}\n{}", r.title, d.description)),
        text("故障原因", &d.cause),
        text("处理方法", &d.process),
        text("处理结果", &d.resolution),
        text("预防措施", &d.prevention),
        row(&[
            ("响应时间", opt_instant(d.responded_at.as_deref())),
            ("恢复时间", opt_instant(d.restored_at.as_deref())),
            ("维护人员", d.handled_by.clone()),
        ]),
        row(&[
            ("用户确认人", d.confirmed_by.clone()),
            ("确认时间", opt_instant(d.confirmed_at.as_deref())),
            (
                "满意度",
                d.satisfaction
                    .map(|s| s.zh().to_string())
                    .unwrap_or_default(),
            ),
        ]),
    ];
    Ok(PrintedForm {
        title: "故障处理记录".into(),
        header: header(conn, &r.code)?,
        code: r.code.clone(),
        orientation: "portrait".into(),
        blocks,
        signatures: signs(&["用户确认人", "维护人员"]),
        note: Some("满意度：□满意　□基本满意　□不满意（由用户填写）".into()),
        footer: format!("故障 · {}", r.state.zh()),
    })
}
