//! The [`App`] operations of inspections: templates, today's schedule, records, probes, and the
//! abnormal item that becomes a fault.

use std::sync::Arc;

use dutydesk_probe::{ProbeResult, ProbeSpec};
use serde::Serialize;
use ts_rs::TS;

use crate::app::App;
use crate::calendar::month::Month;
use crate::error::{Error, FieldError, Result};
use crate::faults::ops::author;
use crate::faults::{self, FaultChannel, FaultDetail, FaultInput};
use crate::inspections::records::{self, AnswerStatus};
use crate::inspections::{
    probes, schedule, template, AnswerInput, DueInspection, InspectionRecordView, InspectionRow,
    ProbeTarget, ProbeTargetInput, RecordHeaderInput, Template,
};
use crate::kinds::RecordKind;
use crate::{calendar, calendar::profiles, links, settings};

impl App {
    pub fn inspection_templates(&self) -> Result<Vec<Template>> {
        self.with_store(|store, _| template::list(store.conn()))
    }

    pub fn inspection_template(&self, id: &str) -> Result<Template> {
        self.with_store(|store, _| template::load(store.conn(), id))
    }

    /// Saves an edited template: a shipped one as a copy, a custom one as its next version.
    pub fn save_inspection_template(&self, input: &Template) -> Result<Template> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| template::save_custom(tx, input, now))
        })
    }

    /// The stopped (停用) templates, to start again.
    pub fn stopped_inspection_templates(&self) -> Result<Vec<Template>> {
        self.with_store(|store, _| template::list_stopped(store.conn()))
    }

    /// 停用 / 启用 a checklist; returns its version in effect.
    pub fn set_inspection_template_active(&self, id: &str, active: bool) -> Result<Template> {
        self.with_store(|store, _| {
            store.with_tx(|tx| template::set_active(tx, id, active))?;
            template::load(store.conn(), id)
        })
    }

    /// Today's scheduled inspections with their state now.
    pub fn inspections_due_today(&self) -> Result<Vec<DueInspection>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let cal = calendar::load(store.conn())?;
            let templates = template::list(store.conn())?;
            let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
            let since = schedule::project_since(store.conn())?;
            schedule::due_on(store.conn(), &cal, &templates, today, now, since, None)
        })
    }

    /// Starts (or resumes) an inspection; `slot` from today's list, or `None` for an ad-hoc one.
    pub fn start_inspection(
        &self,
        template_id: &str,
        slot: Option<&str>,
    ) -> Result<InspectionRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                let author = author(tx)?;
                records::start(tx, template_id, slot, &author, now)
            })?;
            records::view(store.conn(), id)
        })
    }

    pub fn inspection(&self, id: i64) -> Result<InspectionRecordView> {
        self.with_store(|store, _| records::view(store.conn(), id))
    }

    pub fn save_inspection_answer(
        &self,
        id: i64,
        input: &AnswerInput,
    ) -> Result<InspectionRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| records::save_answer(tx, id, input, now))?;
            records::view(store.conn(), id)
        })
    }

    pub fn save_inspection_header(
        &self,
        id: i64,
        input: &RecordHeaderInput,
    ) -> Result<InspectionRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| records::save_header(tx, id, input, now))?;
            records::view(store.conn(), id)
        })
    }

    /// Completes a draft and gives it its `YYMMDD-NN` number.
    pub fn complete_inspection(&self, id: i64) -> Result<InspectionRecordView> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| records::complete(tx, id, now))?;
            records::view(store.conn(), id)
        })
    }

    pub fn delete_inspection(&self, id: i64) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| records::delete(tx, id, now))
        })
    }

    pub fn inspections(&self, month: Option<Month>) -> Result<Vec<InspectionRow>> {
        self.with_store(|store, _| records::list(store.conn(), month))
    }

    /// The completed records of `month` with all answers (CLI, monthly workbook).
    pub fn inspections_in_month(&self, month: Month) -> Result<Vec<InspectionRecordView>> {
        self.with_store(|store, _| records::month(store.conn(), month))
    }

    pub fn probe_targets(&self) -> Result<Vec<ProbeTarget>> {
        self.with_store(|store, _| probes::list(store.conn()))
    }

    pub fn save_probe_target(&self, input: &ProbeTargetInput) -> Result<Vec<ProbeTarget>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| probes::save(tx, input, now))?;
            probes::list(store.conn())
        })
    }

    pub fn remove_probe_target(&self, id: i64) -> Result<Vec<ProbeTarget>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| probes::remove(tx, id, now))?;
            probes::list(store.conn())
        })
    }

    /// What "probe now" checks: the targets a record's template names, or all of them.
    pub fn probe_specs(&self, record_id: Option<i64>) -> Result<Vec<ProbeSpec>> {
        self.with_store(|store, _| {
            let targets = probes::list(store.conn())?;
            let wanted: Option<Vec<String>> = match record_id {
                Some(id) => Some(
                    records::view(store.conn(), id)?
                        .template
                        .items()
                        .filter_map(|i| i.probe.clone())
                        .collect(),
                ),
                None => None,
            };
            let specs: Vec<ProbeSpec> = targets
                .iter()
                .filter(|t| wanted.as_ref().is_none_or(|w| w.contains(&t.name)))
                .map(ProbeTarget::spec)
                .collect();
            if specs.is_empty() {
                return Err(Error::validation(vec![FieldError::new(
                    "probe",
                    "还没有可探测的服务：请先在“巡检 → 服务探测”中添加服务名称和网址（名称与检查项一致，如“签章服务”）。",
                )]));
            }
            Ok(specs)
        })
    }

    /// The background probes' targets.
    pub fn background_probe_specs(&self) -> Result<Vec<ProbeSpec>> {
        self.with_store(|store, _| {
            Ok(probes::list(store.conn())?
                .iter()
                .filter(|t| t.background)
                .map(ProbeTarget::spec)
                .collect())
        })
    }

    /// Stores probe results, and pre-fills the record's items when `record_id` is given.
    pub fn record_probe_results(
        &self,
        record_id: Option<i64>,
        results: &[ProbeResult],
    ) -> Result<Option<InspectionRecordView>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| {
                probes::record(tx, results)?;
                if let Some(id) = record_id {
                    records::apply_probe_results(tx, id, results, now)?;
                }
                Ok(())
            })?;
            record_id
                .map(|id| records::view(store.conn(), id))
                .transpose()
        })
    }

    /// The new-fault form for an abnormal item: description, time and level filled in.
    pub fn inspection_fault_draft(&self, record_id: i64, item_key: &str) -> Result<FaultInput> {
        self.with_store(|store, clock| {
            let view = records::view(store.conn(), record_id)?;
            let item = view.template.item(item_key).ok_or_else(|| {
                Error::validation(vec![FieldError::new(
                    "itemKey",
                    format!("模板中没有检查项“{item_key}”。"),
                )])
            })?;
            let answer = view.answers.iter().find(|a| a.item_key == item_key);
            let abnormal = view.abnormal.iter().find(|a| a.item_key == item_key);
            let project = settings::get(store.conn())?
                .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息。".into()))?;
            let profile = profiles::load(store.conn(), &project.profile_id)?;
            // The middle level: an inspection finding is rarely the top severity, and the engineer
            // adjusts it anyway.
            let level = profile
                .levels
                .get(profile.levels.len().saturating_sub(1) / 2)
                .map(|l| l.code.clone())
                .unwrap_or_default();
            let when = answer
                .and_then(|a| chrono::DateTime::parse_from_rfc3339(&a.updated_at).ok())
                .map(|t| t.with_timezone(&dutydesk_sla::CHINA))
                .unwrap_or_else(|| clock.now().with_timezone(&dutydesk_sla::CHINA));
            Ok(FaultInput {
                // The engineer picks the type on the draft; an inspection cannot tell it.
                fault_type: String::new(),
                reported_at: crate::calendar::deadlines::rfc3339(when),
                reporter: view.inspector.clone(),
                reporter_dept: String::new(),
                contact: String::new(),
                channel: Some(FaultChannel::Inspection),
                system: view
                    .template
                    .sections
                    .iter()
                    .find(|s| s.items.iter().any(|i| i.key == item_key))
                    .map(|s| s.system.clone().unwrap_or_else(|| s.title.clone()))
                    .unwrap_or_default(),
                title: format!("巡检发现：{}异常", item.label),
                description: format!(
                    "{}（{}，{}）",
                    abnormal
                        .map(|a| a.text.clone())
                        .unwrap_or_else(|| item.label.clone()),
                    view.template.name,
                    view.number
                        .clone()
                        .unwrap_or_else(|| "未完成的巡检记录".into())
                ),
                level,
            })
        })
    }

    /// Creates the fault for an abnormal item, linked both ways (item → fault, record ↔ fault).
    pub fn create_fault_from_inspection(
        &self,
        record_id: i64,
        item_key: &str,
        input: &FaultInput,
    ) -> Result<FaultDetail> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let id = store.with_tx(|tx| {
                let view = records::view(tx, record_id)?;
                let answer = view.answers.iter().find(|a| a.item_key == item_key);
                match answer {
                    Some(a) if a.fault_id.is_some() => {
                        return Err(Error::validation(vec![FieldError::new(
                            "itemKey",
                            format!(
                                "这个检查项已转为故障 {}。",
                                a.fault_code.clone().unwrap_or_default()
                            ),
                        )]))
                    }
                    Some(a) if a.status == Some(AnswerStatus::Abnormal) => {}
                    _ => {
                        return Err(Error::validation(vec![FieldError::new(
                            "itemKey",
                            "只有标记为“异常”的检查项才能转为故障。",
                        )]))
                    }
                }
                let author = author(tx)?;
                let fault_id = faults::create(tx, input, &author, now)?;
                records::set_item_fault(tx, record_id, item_key, fault_id)?;
                links::link(
                    tx,
                    (RecordKind::Inspection, record_id),
                    (RecordKind::Fault, fault_id),
                    now,
                )?;
                Ok(fault_id)
            })?;
            faults::detail(store.conn(), id, now)
        })
    }
}

/// How many services one probe round checks at once.
pub const PROBE_CONCURRENCY: usize = 4;

/// Which services a probe round checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeScope {
    /// 立即探测: the services a record's template names (all services without a record), the
    /// record pre-filled with what was found.
    Now(Option<i64>),
    /// The services marked for background probing; a service that fails twice in a row raises a
    /// reminder at the next scan.
    Background,
}

/// What "probe now" found, and the record it pre-filled.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeRun {
    pub results: Vec<ProbeResult>,
    pub record: Option<InspectionRecordView>,
}

impl App {
    /// One probe round, the same for 立即探测 and the shell's background loop: the targets are read
    /// from the store on the blocking pool, probed concurrently over the network (no store held),
    /// and the results stored (and the record pre-filled) on the blocking pool again.
    pub async fn probe_round(self: Arc<Self>, scope: ProbeScope) -> Result<ProbeRun> {
        let record_id = match scope {
            ProbeScope::Now(id) => id,
            ProbeScope::Background => None,
        };
        let app = Arc::clone(&self);
        let specs = blocking(move || match scope {
            ProbeScope::Now(id) => app.probe_specs(id),
            ProbeScope::Background => app.background_probe_specs(),
        })
        .await?;
        if specs.is_empty() && scope == ProbeScope::Background {
            return Ok(ProbeRun {
                results: Vec::new(),
                record: None,
            });
        }
        let results = dutydesk_probe::probe_all(specs, PROBE_CONCURRENCY).await;
        let stored = results.clone();
        let record = blocking(move || {
            // 立即探测 answers the window: if it was locked while the services were probed, the
            // results (and the record they pre-fill) wait for the unlock like any other command.
            if matches!(scope, ProbeScope::Now(_)) {
                self.ensure_unlocked()?;
            }
            self.record_probe_results(record_id, &stored)
        })
        .await?;
        Ok(ProbeRun { results, record })
    }
}

/// Runs store work off the async runtime (rusqlite is synchronous).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("探测的后台任务意外中断：{e}；请重试。")))?
}
