//! `selftest-year`: a whole contract year for five engineers, written through `App` on a moving
//! clock, for the launch bench (`benches/launch/`): the store an engineer has in December, so 今日
//! and its reminders are measured on real volumes, not an empty shell.

use std::sync::Arc;

use chrono::{Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use dutydesk_core::attendance::{PunchKind, PunchSource};
use dutydesk_core::clock::FixedClock;
use dutydesk_core::faults::{FaultAction, FaultChannel, FaultInput};
use dutydesk_core::inspections::{AnswerInput, AnswerStatus, ItemKind};
use dutydesk_core::settings::ProjectSettings;
use dutydesk_core::tickets::{ServiceKind, ServiceRecordInput};
use dutydesk_core::{App, Error};
use serde_json::{json, Value};

/// Beijing time (UTC+8, no daylight saving).
const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

fn at(day: NaiveDate, h: u32, m: u32) -> chrono::DateTime<Utc> {
    CHINA
        .with_ymd_and_hms(day.year(), day.month(), day.day(), h, m, 0)
        .single()
        .unwrap_or_default()
        .with_timezone(&Utc)
}

fn rfc(t: chrono::DateTime<Utc>) -> String {
    t.with_timezone(&CHINA).to_rfc3339()
}

/// A small deterministic generator: the same store on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Writes the year `year` up to the day before `until` into a new store at `data_dir`.
pub fn generate(data_dir: &std::path::Path, year: i32, until: NaiveDate) -> Result<Value, Error> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let clock = Arc::new(FixedClock::new(at(first, 8, 0)));
    let app = App::start_with_clock(data_dir, clock.clone());
    let engineers: Vec<Value> = (1..=5)
        .map(|i| json!({"id": null, "name": format!("工程师{i}"), "phone": format!("1380013800{i}"), "role": "驻场工程师"}))
        .collect();
    let settings: ProjectSettings = serde_json::from_value(json!({
        "projectName": "协同办公平台运维服务（基准）", "clientName": "某市机关事务管理局",
        "vendorName": "某信息技术有限公司", "contractStart": format!("{year}-01-01"),
        "contractEnd": format!("{year}-12-31"), "profileId": "three-level",
        "engineers": engineers, "updatedAt": null
    }))
    .map_err(|e| Error::Internal(e.to_string()))?;
    app.save_settings(&settings)?;
    let ids: Vec<i64> = app
        .settings()?
        .map(|s| s.engineers.iter().filter_map(|e| e.id).collect())
        .unwrap_or_default();
    let mut rng = Rng(0x5eed_cafe);
    let (mut inspections, mut faults, mut services, mut punches) = (0, 0, 0, 0);
    let mut day = first;
    while day < until && day.year() == year {
        // A working day is one with daily inspection slots (the work calendar, with 调休).
        clock.set(at(day, 8, 0));
        let due = app.inspections_due_today()?;
        if !due.iter().any(|d| d.template_id == "daily") {
            day += Duration::days(1);
            continue;
        }
        for (i, id) in ids.iter().enumerate() {
            clock.set(at(day, 8, 40 + i as u32));
            app.clock(Some(*id), Some(PunchKind::In), PunchSource::Button)?;
            clock.set(at(day, 18, 5 + i as u32));
            app.clock(Some(*id), Some(PunchKind::Out), PunchSource::Button)?;
            punches += 2;
        }
        for slot in due.iter().filter(|d| d.template_id == "daily") {
            let time = &slot.slot[slot.slot.len() - 5..];
            let (h, m) = (
                time[..2].parse().unwrap_or(9),
                time[3..].parse().unwrap_or(0),
            );
            clock.set(at(day, h, m) + Duration::minutes(5));
            let r = app.start_inspection("daily", Some(&slot.slot))?;
            for item in r.template.items() {
                let input = match item.kind {
                    ItemKind::Check => AnswerInput {
                        item_key: item.key.clone(),
                        status: Some(if rng.below(40) == 0 {
                            AnswerStatus::Abnormal
                        } else {
                            AnswerStatus::Ok
                        }),
                        ..Default::default()
                    },
                    ItemKind::Number | ItemKind::Seconds => AnswerInput {
                        item_key: item.key.clone(),
                        value_num: Some(rng.below(60) as f64),
                        ..Default::default()
                    },
                    ItemKind::Text => AnswerInput {
                        item_key: item.key.clone(),
                        value_text: "无".into(),
                        ..Default::default()
                    },
                    ItemKind::Attachment => continue,
                };
                app.save_inspection_answer(r.id, &input)?;
            }
            app.complete_inspection(r.id)?;
            inspections += 1;
        }
        // A fault every other working day, answered and restored; two calls a day.
        if rng.below(2) == 0 {
            let reported = at(day, 9 + rng.below(7) as u32, rng.below(60) as u32);
            clock.set(reported + Duration::minutes(1));
            let id = app
                .create_fault(&FaultInput {
                    reported_at: rfc(reported),
                    reporter: format!("用户{faults}"),
                    channel: Some(FaultChannel::Phone),
                    title: format!("第 {faults} 号故障：公文传输缓慢"),
                    description: "点击发送后长时间无响应。".into(),
                    level: ["urgent", "normal", "minor"][rng.below(3) as usize].into(),
                    fault_type: "软件故障".into(),
                    ..FaultInput::default()
                })?
                .row
                .id;
            clock.set(reported + Duration::minutes(90));
            app.apply_fault_action(
                id,
                &FaultAction::Respond {
                    at: rfc(reported + Duration::minutes(rng.below(20) as i64)),
                },
            )?;
            app.apply_fault_action(
                id,
                &FaultAction::Restore {
                    at: rfc(reported + Duration::minutes(30 + rng.below(50) as i64)),
                },
            )?;
            faults += 1;
        }
        for _ in 0..2 {
            let received = at(day, 9 + rng.below(8) as u32, rng.below(60) as u32);
            clock.set(received + Duration::minutes(30));
            app.create_service_record(&ServiceRecordInput {
                reporter: format!("来电人{services}"),
                customer: "办公室".into(),
                category: ["公文传输", "账号", "打印"][rng.below(3) as usize].into(),
                description: "用户咨询操作方法，已电话指导。".into(),
                ..ServiceRecordInput::new(
                    if services % 2 == 0 {
                        ServiceKind::Hotline
                    } else {
                        ServiceKind::Repair
                    },
                    rfc(received),
                )
            })?;
            services += 1;
        }
        day += Duration::days(1);
    }
    Ok(json!({
        "dataDir": data_dir.display().to_string(),
        "through": (until - Duration::days(1)).to_string(),
        "engineers": ids.len(),
        "inspections": inspections,
        "faults": faults,
        "serviceRecords": services,
        "punches": punches,
    }))
}
