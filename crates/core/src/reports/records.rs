//! The month read from SQLite once ([`MonthRecords::load`]): everything the assessment, the
//! self-check, the 报表导出 page and the workbook are made from. What is computed from it
//! (`assessment.rs`, `self_check.rs`, `overview.rs`, `export::monthly`) reads no table.

use std::path::Path;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use dutydesk_sla::{Profile, WorkCalendar};
use rusqlite::Connection;

use crate::attendance::duty::DutyPeriodView;
use crate::attendance::month::AttendanceMonth;
use crate::attendance::worklog::WorkLogEntry;
use crate::calendar::month::Month;
use crate::calendar::profiles;
use crate::complaints::{self, ComplaintView};
use crate::error::{Error, Result};
use crate::faults::{self, MonthFault};
use crate::inspections::{self, DueInspection, InspectionRecordView, Schedule, Template};
use crate::reports::{manual_deductions, report_text, ManualDeduction, MonthlyReportText};
use crate::settings::{self, ProjectSettings};
use crate::tickets::{self, ChangeView, FaqEntry, ServiceRecordView, TrainingView};
use crate::{attendance, calendar};

/// One month's records as they stood at `now`.
#[derive(Debug, Clone)]
pub struct MonthRecords {
    pub month: Month,
    pub project: ProjectSettings,
    /// The contract profile in effect: its levels and its assessment sheet.
    pub profile: Profile,
    pub report: MonthlyReportText,
    pub faults: Vec<MonthFault>,
    pub inspections: Vec<InspectionRecordView>,
    pub changes: Vec<ChangeView>,
    pub services: Vec<ServiceRecordView>,
    pub trainings: Vec<TrainingView>,
    pub faq: Vec<FaqEntry>,
    /// 投诉 received in the month, oldest first.
    pub complaints: Vec<ComplaintView>,
    /// 工作情况评价 whose period ends in the month.
    pub evaluations: Vec<crate::complaints::EvaluationView>,
    pub attendance: AttendanceMonth,
    pub duties: Vec<DutyPeriodView>,
    pub worklogs: Vec<WorkLogEntry>,
    /// Every hand-entered deduction of the month, the removed ones too (with `deleted_at`): only
    /// the others count.
    pub manual: Vec<ManualDeduction>,
    /// The daily inspection slots (`YYYY-MM-DD@HH:MM`) of each working day of the month before
    /// `now`'s day (in Beijing), each as it stood at the end of its day.
    pub daily_due: Vec<(NaiveDate, Vec<DueInspection>)>,
    /// The 服务报告's 定稿 / 报送 against the contract's days; `None` where it sets none.
    pub delivery: Option<crate::report_delivery::ReportDelivery>,
    /// One sheet per form (发布报告, 应急演练记录 …) with records dated in the month.
    pub forms: Vec<crate::forms::MonthForm>,
    /// 配置管理报告 of each living table (系统配置管理表).
    pub config_reports: Vec<crate::forms::ConfigReport>,
    /// When the project was set up: slots that ran out before it cost nothing.
    pub project_since: Option<DateTime<chrono::FixedOffset>>,
    /// When the month was read: the self-check looks at the month up to this day.
    pub now: DateTime<Utc>,
}

impl MonthRecords {
    /// Reads the month in one read transaction, so every part sees the same state of the store.
    pub fn load(
        conn: &Connection,
        data_dir: &Path,
        month: Month,
        now: DateTime<Utc>,
    ) -> Result<MonthRecords> {
        Self::load_as(conn, data_dir, None, month, now, Reading::Whole)
    }

    /// The month read for its part in a contract period's score ([`MonthRecords::part_of`]): the
    /// records the assessment counts (faults, inspections and their slots, attendance, duty,
    /// complaints, requirement changes, hand-entered deductions) and the project and profile,
    /// without what only the month's own sheets print — forms and the configuration report,
    /// service records, trainings, FAQ, evaluations, the report text, the work log and the
    /// report's delivery, left empty. A year's period reads up to eleven earlier months each time
    /// its sheet is shown or exported.
    pub fn load_for_scoring(
        conn: &Connection,
        data_dir: &Path,
        month: Month,
        now: DateTime<Utc>,
    ) -> Result<MonthRecords> {
        Self::load_as(conn, data_dir, None, month, now, Reading::Scoring)
    }

    /// The month read, whole or for scoring, on a basis already read: a contract period reads up
    /// to eleven months on one, the year's summary twelve.
    pub fn load_on(
        conn: &Connection,
        data_dir: &Path,
        basis: &Basis,
        month: Month,
        now: DateTime<Utc>,
        reading: Reading,
    ) -> Result<MonthRecords> {
        Self::load_as(conn, data_dir, Some(basis), month, now, reading)
    }

    fn load_as(
        conn: &Connection,
        data_dir: &Path,
        basis: Option<&Basis>,
        month: Month,
        now: DateTime<Utc>,
        reading: Reading,
    ) -> Result<MonthRecords> {
        let tx = conn.unchecked_transaction()?;
        let read_here;
        let basis = match basis {
            Some(basis) => basis,
            None => {
                read_here = Basis::load(&tx)?;
                &read_here
            }
        };
        let records = Self::read(&tx, data_dir, basis, month, now, reading)?;
        tx.commit()?;
        Ok(records)
    }

    fn read(
        conn: &Connection,
        data_dir: &Path,
        basis: &Basis,
        month: Month,
        now: DateTime<Utc>,
        reading: Reading,
    ) -> Result<MonthRecords> {
        let project = basis.project.clone();
        let profile = basis.profile.clone();
        let start = month.first_day();
        let from = china_midnight(start)?;
        let to = china_midnight(month.next_first_day())?;
        let (forms, config_reports) = sheets_only(reading, || {
            let (cal, hours, local) = crate::forms::load_clocks(conn, now)?;
            let clocks = crate::forms::Clocks {
                cal: &cal,
                hours: &hours,
                now: local,
            };
            Ok((
                crate::forms::month_forms(conn, month, &clocks)?,
                crate::forms::config::config_reports(conn, month, &clocks)?,
            ))
        })?;
        Ok(MonthRecords {
            month,
            faults: faults::month_on(conn, &basis.calendar, month, now)?,
            inspections: inspections::records::month(conn, month)?,
            changes: tickets::list_changes_in_month(conn, month, now)?,
            services: sheets_only(reading, || {
                tickets::list_service_records_in_month(conn, month, now)
            })?,
            trainings: sheets_only(reading, || {
                tickets::list_trainings_in_month(conn, data_dir, month)
            })?,
            faq: sheets_only(reading, || tickets::list_faq_in_month(conn, month))?,
            complaints: complaints::complaints_in_month(conn, month, now)?,
            evaluations: sheets_only(reading, || {
                complaints::evaluations::evaluations_ending_between(
                    conn,
                    month.first_day(),
                    month.last_day(),
                )
            })?,
            report: sheets_only(reading, || report_text(conn, month))?,
            attendance: attendance::month::month_on(
                conn,
                &attendance::month::Ground {
                    cal: &basis.calendar,
                    project: Some(&basis.project),
                    profile: Some(&basis.profile),
                },
                month,
                now,
            )?,
            duties: attendance::duty::between(conn, from, to, now)?,
            worklogs: sheets_only(reading, || {
                attendance::worklog::worklog_in_month(conn, month)
            })?,
            manual: manual_deductions(conn, month, true)?,
            daily_due: daily_due(conn, basis, start, now)?,
            project_since: inspections::schedule::project_since(conn)?,
            delivery: sheets_only(reading, || {
                crate::report_delivery::delivery(conn, &profile, month, now)
            })?,
            forms,
            config_reports,
            project,
            profile,
            now,
        })
    }
}

/// What every part of a month's read stands on: the project, its contract profile in effect, the
/// work calendar and the inspection templates with daily slots. Read once per month's read, and
/// once for all the months of a contract period or a year: each part used to read its own, three
/// calendars and three profiles a month, thirty of each for a year's sheet.
#[derive(Debug, Clone)]
pub struct Basis {
    pub project: ProjectSettings,
    pub profile: Profile,
    pub calendar: WorkCalendar,
    /// The active templates scheduled several times a working day: only they have daily slots.
    pub daily_templates: Vec<Template>,
}

impl Basis {
    pub fn load(conn: &Connection) -> Result<Basis> {
        let project = settings::get(conn)?.ok_or_else(|| {
            Error::NotReady("请先在“设置”中填写项目信息，再导出月度记录。".into())
        })?;
        let profile = profiles::load(conn, &project.profile_id)?;
        let daily_templates = inspections::template::list(conn)?
            .into_iter()
            .filter(|t| matches!(t.schedule, Schedule::TimesPerWorkingDay { .. }))
            .collect();
        Ok(Basis {
            calendar: calendar::load(conn)?,
            project,
            profile,
            daily_templates,
        })
    }
}

/// What a read of the month is for: its own sheets ([`MonthRecords::load`]) or its part in a
/// contract period's score ([`MonthRecords::load_for_scoring`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Whole,
    Scoring,
}

/// What only the month's own sheets print: `read` for the whole month, empty when the month is
/// read for its part in a period's score.
fn sheets_only<T: Default>(reading: Reading, read: impl FnOnce() -> Result<T>) -> Result<T> {
    match reading {
        Reading::Whole => read(),
        Reading::Scoring => Ok(T::default()),
    }
}

pub(crate) fn china_midnight(day: NaiveDate) -> Result<DateTime<chrono::FixedOffset>> {
    dutydesk_sla::CHINA
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .single()
        .ok_or_else(|| Error::Internal("月份起止时间无效".into()))
}

/// The daily slots of every working day of the month before today, as each stood at the end of
/// its day. Only the templates scheduled several times a working day have such slots.
fn daily_due(
    conn: &Connection,
    basis: &Basis,
    first: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<(NaiveDate, Vec<DueInspection>)>> {
    let (cal, templates) = (&basis.calendar, &basis.daily_templates);
    let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
    let known = inspections::schedule::MonthSlots::load(conn, templates, first)?;
    let mut out = Vec::new();
    let mut day = first;
    while day.month() == first.month() && day < today {
        if cal.is_working_day(day) {
            // The day's end in Beijing, not at UTC midnight (08:00 the next morning here).
            let end_of_day = china_midnight(day + Duration::days(1))
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(now);
            let due = inspections::schedule::due_on(
                conn,
                cal,
                templates,
                day,
                end_of_day,
                None,
                Some(&known),
            )?;
            out.push((day, due));
        }
        day += Duration::days(1);
    }
    Ok(out)
}
