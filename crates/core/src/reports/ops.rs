//! The [`App`] operations of 报表导出: the monthly report text, hand-entered assessment items, the
//! month as the page shows it, and the workbook. Each reading operation loads the month once
//! ([`MonthRecords::load`]) and computes what it answers from that.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::app::App;
use crate::calendar::month::Month;
use crate::error::{Error, Result};
use crate::export::handover::{HandoverFile, HandoverPackage};
use crate::export::{self, monthly as workbook};
use crate::reports::summary::{self, YearSummary};
use crate::reports::{
    self, period, AssessmentResult, ManualDeduction, ManualDeductionInput, MonthExport,
    MonthOverview, MonthRecords, MonthlyReportText, PeriodAssessment, SelfCheckItem,
};

/// A file name without the characters Windows refuses.
pub(crate) fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `<项目名称>_年度总结报告_2026-01-01至2026-12-31.xlsx`.
fn year_summary_name(project: &str, s: &YearSummary) -> String {
    format!(
        "{}_年度总结报告_{}至{}.xlsx",
        file_safe(project),
        s.start,
        s.end
    )
}

/// `<项目名称>_运维记录_2026-11.xlsx`.
fn workbook_name(project: &str, month: Month) -> String {
    format!("{}_运维记录_{month}.xlsx", file_safe(project))
}

impl App {
    pub fn monthly_report(&self, month: Month) -> Result<MonthlyReportText> {
        self.with_store(|store, _| reports::report_text(store.conn(), month))
    }

    pub fn save_monthly_report(&self, input: &MonthlyReportText) -> Result<MonthlyReportText> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::save_report_text(tx, input, now))?;
            reports::report_text(store.conn(), Month::parse(&input.month)?)
        })
    }

    /// Records the month's report as finalised (定稿) or handed over (报送) at `at`, and answers
    /// where it stands against the contract's days (`None` where the contract sets none).
    pub fn mark_report_delivery(
        &self,
        month: Month,
        step: crate::report_delivery::DeliveryStep,
        at: &str,
    ) -> Result<Option<crate::report_delivery::ReportDelivery>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| crate::report_delivery::mark(tx, month, step, at, now))?;
            let project = crate::settings::get(store.conn())?
                .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息。".into()))?;
            let profile = crate::calendar::profiles::load(store.conn(), &project.profile_id)?;
            crate::report_delivery::delivery(store.conn(), &profile, month, now)
        })
    }

    /// The month's hand-entered deductions; removed ones (with `deletedAt`) only on request.
    pub fn manual_deductions(
        &self,
        month: Month,
        include_deleted: bool,
    ) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, _| reports::manual_deductions(store.conn(), month, include_deleted))
    }

    pub fn add_manual_deduction(
        &self,
        input: &ManualDeductionInput,
    ) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::add_manual_deduction(tx, input, now))?;
            reports::manual_deductions(store.conn(), Month::parse(&input.month)?, false)
        })
    }

    /// 删除扣分; returns the deductions that still count.
    pub fn remove_manual_deduction(&self, month: Month, id: i64) -> Result<Vec<ManualDeduction>> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| reports::remove_manual_deduction(tx, id, now))?;
            reports::manual_deductions(store.conn(), month, false)
        })
    }

    /// The month read once, as the records stand now.
    pub fn month_records(&self, month: Month) -> Result<MonthRecords> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            MonthRecords::load(store.conn(), &data_dir, month, clock.now())
        })
    }

    /// Everything 报表导出 shows of the month, from one read.
    pub fn month_overview(&self, month: Month) -> Result<MonthOverview> {
        Ok(self.month_records(month)?.overview())
    }

    /// The month's assessment as the records stand now.
    pub fn month_assessment(&self, month: Month) -> Result<AssessmentResult> {
        Ok(self.month_records(month)?.assessment())
    }

    /// The assessment over the contract period holding `month`, up to that month: each item's
    /// cap over the period, what each month contributed, the band only when the period ends in
    /// `month`. `None` when the contract has no sheet or the month is outside its term.
    pub fn period_assessment(&self, month: Month) -> Result<Option<PeriodAssessment>> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            period::load_period(store.conn(), &data_dir, month, clock.now(), &[])
        })
    }

    /// The whole period holding `day` so far (to its last month, or to this month if it has not
    /// come yet): what `dutydesk-cli assessment --period` prints.
    pub fn period_assessment_on(&self, day: NaiveDate) -> Result<Option<PeriodAssessment>> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            let now = clock.now();
            let Some(project) = crate::settings::get(store.conn())? else {
                return Ok(None);
            };
            let profile = crate::calendar::profiles::load(store.conn(), &project.profile_id)?;
            let Some(unit) = profile.assessment.as_ref().map(|a| a.period) else {
                return Ok(None);
            };
            let Some(p) = period::containing(&project, unit, day) else {
                return Err(crate::error::Error::validation(vec![
                    crate::error::FieldError::new(
                        "period",
                        format!(
                            "{day} 不在合同服务期（{} 至 {}）内，请检查考核周期。",
                            project.contract_start, project.contract_end
                        ),
                    ),
                ]));
            };
            let this_month = Month::of(now.with_timezone(&dutydesk_sla::CHINA).date_naive());
            let last = Month::of(p.end);
            let asked = match (last, this_month) {
                (Some(l), Some(t)) => l.min(t.max(Month::of(p.start).unwrap_or(t))),
                (Some(l), None) => l,
                _ => return Ok(None),
            };
            period::load_period(store.conn(), &data_dir, asked, now, &[])
        })
    }

    /// The period workbook's default name: `<项目名称>_年度考核_2026-01-01至2026-12-31.xlsx`.
    pub fn period_workbook_name(&self, month: Month) -> Result<Option<String>> {
        let Some(p) = self.period_assessment(month)? else {
            return Ok(None);
        };
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(Some(format!(
                "{}_{}考核_{}至{}.xlsx",
                file_safe(&project),
                p.period.unit_label,
                p.period.start,
                p.period.end
            )))
        })
    }

    /// Writes the assessment workbook of the contract period holding `month`, up to that month
    /// (年度考核: the sheet in the seed's layout, the deductions by date, the months side by side)
    /// to `dest`, or to `<data dir>/exports/` under its default name.
    pub fn export_period(&self, month: Month, dest: Option<&Path>) -> Result<PathBuf> {
        let name = self.period_workbook_name(month)?.ok_or_else(|| {
            crate::error::Error::NotReady(
                "当前合同服务级别没有考核表，或该月不在合同服务期内，无法导出周期考核。".into(),
            )
        })?;
        let period = self
            .period_assessment(month)?
            .ok_or_else(|| crate::error::Error::Internal("考核周期未能读取".into()))?;
        let dest = dest
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.data_dir().join("exports").join(name));
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?.ok_or_else(|| {
                crate::error::Error::NotReady("请先在“设置”中填写项目信息。".into())
            })?;
            let mut wb = export::period::build(&export::period::PeriodBook {
                project: &project,
                period: &period,
            })?;
            export::save(&mut wb, &dest)
        })
    }

    /// The service year holding `month`, up to it, in numbers (年度总结): `None` when the month is
    /// outside the contract's term.
    pub fn year_summary(&self, month: Month) -> Result<Option<YearSummary>> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            Ok(summary::load_year(store.conn(), &data_dir, month, clock.now())?.map(|r| r.summary))
        })
    }

    /// The 年度总结报告's default file name for the service year holding `month`.
    pub fn year_summary_workbook_name(&self, month: Month) -> Result<Option<String>> {
        let Some(s) = self.year_summary(month)? else {
            return Ok(None);
        };
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(Some(year_summary_name(&project, &s)))
        })
    }

    /// Writes the 年度总结报告 of the service year holding `month` to `dest`, or to
    /// `<data dir>/exports/` under `<项目名称>_年度总结报告_<start>至<end>.xlsx`.
    pub fn export_year_summary(&self, month: Month, dest: Option<&Path>) -> Result<PathBuf> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, clock| {
            let report = summary::load_year(store.conn(), &data_dir, month, clock.now())?
                .ok_or_else(|| {
                    Error::NotReady(format!("{month} 不在合同服务期内，无法生成年度总结。"))
                })?;
            let project = crate::settings::get(store.conn())?
                .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息。".into()))?;
            let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| {
                data_dir
                    .join("exports")
                    .join(year_summary_name(&project.project_name, &report.summary))
            });
            let mut wb = export::summary::build(&project, &report)?;
            export::save(&mut wb, &dest)
        })
    }

    /// Writes the whole FAQ (常见问题及解决方案, every entry by 序号) to `dest`, or to
    /// `<data dir>/exports/<项目名称>_常见问题.xlsx`.
    pub fn export_faq(&self, dest: Option<&Path>) -> Result<PathBuf> {
        let data_dir = self.data_dir().to_path_buf();
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .ok_or_else(|| Error::NotReady("请先在“设置”中填写项目信息。".into()))?;
            let entries =
                crate::tickets::faq::list_faq(store.conn(), &crate::tickets::FaqFilter::default())?;
            let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| {
                data_dir.join("exports").join(format!(
                    "{}_常见问题.xlsx",
                    file_safe(&project.project_name)
                ))
            });
            let mut wb = export::faq::build(&project, &entries)?;
            export::save(&mut wb, &dest)
        })
    }

    /// 合同期移交资料: one folder in `parent` (or `<data dir>/exports/`) holding the contract
    /// term's monthly workbooks, each assessment period's workbook, each service year's summary,
    /// the whole FAQ, the team archive of every record of the term, and a contents sheet. Written
    /// under a temporary name and renamed when complete, so a half-written package never carries
    /// the final name.
    pub fn export_handover(&self, parent: Option<&Path>) -> Result<HandoverPackage> {
        let (project, now) = self.with_store(|store, clock| {
            Ok((
                crate::settings::get(store.conn())?.ok_or_else(|| {
                    Error::NotReady("请先在“设置”中填写项目信息，再生成移交资料。".into())
                })?,
                clock.now(),
            ))
        })?;
        let Some((start, end)) = project.term() else {
            return Err(Error::NotReady("项目设置中的合同服务期无法读取。".into()));
        };
        let today = now.with_timezone(&dutydesk_sla::CHINA).date_naive();
        let last_day = end.min(today);
        let parent = parent
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.data_dir().join("exports"));
        let base = format!(
            "{}_合同期移交资料_{start}至{end}",
            file_safe(&project.project_name)
        );
        let mut name = base.clone();
        let mut n = 2;
        while parent.join(&name).exists() {
            name = format!("{base}（{n}）");
            n += 1;
        }
        let folder = parent.join(&name);
        let partial = parent.join(format!("{name}.partial"));
        if partial.exists() {
            std::fs::remove_dir_all(&partial).map_err(|e| {
                Error::Internal(format!(
                    "上次未完成的移交资料文件夹无法清理：{}",
                    crate::error::io_sentence(&e)
                ))
            })?;
        }
        let mkdir = |p: &Path| {
            std::fs::create_dir_all(p).map_err(|e| {
                Error::Internal(format!(
                    "无法创建文件夹 {}：{}",
                    p.display(),
                    crate::error::io_sentence(&e)
                ))
            })
        };
        mkdir(&partial.join("运维记录"))?;
        let mut files: Vec<HandoverFile> = Vec::new();
        let rel = |p: &Path| {
            p.strip_prefix(&partial)
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let mut month = Month::of(start);
        while let Some(m) = month.filter(|m| m.first_day() <= last_day) {
            let dest = partial
                .join("运维记录")
                .join(workbook_name(&project.project_name, m));
            self.export_month(m, Some(&dest))?;
            files.push(HandoverFile {
                path: rel(&dest),
                content: format!(
                    "{}年{}月运维记录（巡检、故障、工单、考勤、值班、考核）",
                    m.year(),
                    m.month()
                ),
            });
            month = Month::of(m.next_first_day());
        }
        let mut year_start = start;
        while year_start <= last_day {
            let month =
                Month::of(year_start).ok_or_else(|| Error::Internal("服务年度无法读取".into()))?;
            let year_end_month = Month::of(
                year_start
                    .checked_add_months(chrono::Months::new(12))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(end)
                    .min(last_day),
            )
            .unwrap_or(month);
            if let Some(report) = self.with_store(|store, clock| {
                summary::load_year(store.conn(), self.data_dir(), year_end_month, clock.now())
            })? {
                let dest = partial.join(year_summary_name(&project.project_name, &report.summary));
                let mut wb = export::summary::build(&project, &report)?;
                export::save(&mut wb, &dest)?;
                files.push(HandoverFile {
                    path: rel(&dest),
                    content: format!("年度运维总结报告（{}）", report.summary.label),
                });
            }
            match year_start.checked_add_months(chrono::Months::new(12)) {
                Some(next) => year_start = next,
                None => break,
            }
        }
        // Each assessment period that has begun, up to its last month reached.
        let unit = self.with_store(|store, _| {
            Ok(
                crate::calendar::profiles::load(store.conn(), &project.profile_id)?
                    .assessment
                    .map(|a| a.period),
            )
        })?;
        for p in unit
            .map(|u| crate::calendar::periods::periods(start, end, u))
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.start <= last_day)
        {
            let Some(asked) = Month::of(p.end.min(last_day)) else {
                continue;
            };
            let Some(name) = self.period_workbook_name(asked)? else {
                continue;
            };
            let dest = partial.join(&name);
            self.export_period(asked, Some(&dest))?;
            files.push(HandoverFile {
                path: rel(&dest),
                content: format!("运维工作考核表（{}，扣分明细、各月对照）", p.label()),
            });
        }
        let faq = partial.join("常见问题及解决方案（全部）.xlsx");
        self.export_faq(Some(&faq))?;
        files.push(HandoverFile {
            path: rel(&faq),
            content: "全部常见问题及解决方案".into(),
        });
        let archive = partial.join(format!(
            "{}_{start}至{last_day}.ddarchive",
            file_safe(&project.project_name)
        ));
        self.export_archive(&start.to_string(), &last_day.to_string(), &archive)?;
        files.push(HandoverFile {
            path: rel(&archive),
            content: "合同期全部记录、附件和修改记录（团队归档，可在驻场运维台中导入查看）".into(),
        });
        let contents = partial.join("00_目录.xlsx");
        let mut wb = export::handover::contents(
            &project,
            &start.to_string(),
            &last_day.to_string(),
            &files,
        )?;
        export::save(&mut wb, &contents)?;
        std::fs::rename(&partial, &folder).map_err(|e| {
            Error::Internal(format!(
                "移交资料已生成但无法改为最终名称：{}",
                crate::error::io_sentence(&e)
            ))
        })?;
        Ok(HandoverPackage {
            folder: folder.display().to_string(),
            files,
        })
    }

    /// What is missing for the month, to fix before exporting.
    pub fn month_self_check(&self, month: Month) -> Result<Vec<SelfCheckItem>> {
        Ok(self.month_records(month)?.self_check())
    }

    /// The default file name: `<项目名称>_运维记录_2026-11.xlsx`.
    pub fn month_workbook_name(&self, month: Month) -> Result<String> {
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(workbook_name(&project, month))
        })
    }

    /// The weekly report's default file name: `<项目名称>_周报_<monday>.xlsx`.
    pub fn week_workbook_name(&self, date: &str) -> Result<String> {
        let monday = export::weekly::week_of(date)?;
        self.with_store(|store, _| {
            let project = crate::settings::get(store.conn())?
                .map(|p| p.project_name)
                .unwrap_or_default();
            Ok(format!("{}_周报_{monday}.xlsx", file_safe(&project)))
        })
    }

    /// Writes the weekly report (周报) of the week holding `date` to `dest`, or to
    /// `<data dir>/exports/` under its default name.
    pub fn export_week(&self, date: &str, dest: Option<&Path>) -> Result<PathBuf> {
        let name = self.week_workbook_name(date)?;
        let dest = dest
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.data_dir().join("exports").join(name));
        self.with_store(|store, clock| {
            let data = export::weekly::gather(store.conn(), date, clock.now())?;
            let mut wb = export::weekly::build(&data)?;
            export::save(&mut wb, &dest)
        })
    }

    /// Writes the month's workbook to `dest`, or to `<data dir>/exports/` under its default name.
    pub fn export_month(&self, month: Month, dest: Option<&Path>) -> Result<PathBuf> {
        Ok(self.export_month_report(month, dest)?.path)
    }

    /// [`App::export_month`], answering also the assessment and the self-check the workbook was
    /// written with (the CLI prints them): the month is read once for all three.
    pub fn export_month_report(&self, month: Month, dest: Option<&Path>) -> Result<MonthExport> {
        let data_dir = self.data_dir().to_path_buf();
        let exports = data_dir.join("exports");
        self.with_store(|store, clock| {
            // The cover prints the head with the verdict of a verify run now, and the head is
            // pinned in the store once the workbook is saved (see audit::pin_head). The check reads
            // on the store's second connection on the second core while the month is read, scored
            // and built here: it is the export's largest part, and the rest needs nothing from it.
            // The connection is kept on the store between exports.
            let lent = store.lend_reader();
            let (audit, month_read) = std::thread::scope(|scope| {
                let dir = data_dir.as_path();
                let audit = scope.spawn(move || {
                    lent.map(|reader| {
                        let verdict = crate::backup::verify_at(&reader, dir);
                        (reader, verdict)
                    })
                });
                let month_read = (|| -> Result<_> {
                    let records = MonthRecords::load(store.conn(), &data_dir, month, clock.now())?;
                    let assessment = records.assessment();
                    let period = period::load_period(
                        store.conn(),
                        &data_dir,
                        month,
                        clock.now(),
                        std::slice::from_ref(&records),
                    )?;
                    let sheets = workbook::sheets(&records, &assessment, period.as_ref())?;
                    Ok((records, assessment, sheets))
                })();
                let audit = audit
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (audit, month_read)
            });
            let audit = audit.map(|(reader, verdict)| {
                store.keep_reader(reader);
                verdict
            });
            let (records, assessment, sheets) = month_read?;
            let dest = dest.map(Path::to_path_buf).unwrap_or_else(|| {
                exports.join(workbook_name(&records.project.project_name, month))
            });
            let mut wb = workbook::assemble(sheets, &records, &assessment, Some(&audit??))?;
            let saved = export::save(&mut wb, &dest)?;
            let name = saved
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            crate::audit::pin_workbook(store.conn(), &name)?;
            Ok(MonthExport {
                path: saved,
                self_check: records.self_check(),
                assessment,
            })
        })
    }
}
