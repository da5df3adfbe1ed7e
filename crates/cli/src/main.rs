//! `dutydesk-cli`: the same store and domain as the app, without a window.
//!
//! Every subcommand prints one JSON document on stdout; on failure it prints a Chinese message on
//! stderr and exits non-zero. `--data-dir` may stand before or after the subcommand; without it the
//! app's own data location is used (or `DUTYDESK_DATA_DIR`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dutydesk_core::calendar::deadlines::parse_instant;
use dutydesk_core::calendar::month::Month;
use dutydesk_core::store;
use dutydesk_core::tickets::FaqInput;
use dutydesk_core::{backup, paths, App, Error, FieldError, StartupState};
use serde_json::{json, Value};

mod year;

#[derive(Parser)]
#[command(name = "dutydesk-cli", version, about = "驻场运维台命令行工具")]
struct Cli {
    /// 数据目录（默认为程序的数据目录，或环境变量 DUTYDESK_DATA_DIR）
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 显示数据库版本、项目设置和记录数量
    Info,
    /// 检查一个表单定义文件（不写入数据库）：通过则输出摘要，否则逐条列出问题所在的 JSON 路径
    FormCheck {
        /// 表单定义文件（.json）
        #[arg(long)]
        file: PathBuf,
    },
    /// 导入一个表单定义文件：作为新表单的第 1 版，或已有表单的下一版
    FormImport {
        /// 表单定义文件（.json）
        #[arg(long)]
        file: PathBuf,
    },
    /// 列出在用的表单及其记录、超时数量
    Forms,
    /// 计算某级别故障的响应与恢复时限（按数据目录中的工作日历和合同服务级别）
    Sla {
        /// 合同服务级别 id，如 three-level、four-level、two-level
        #[arg(long)]
        profile: String,
        /// 故障级别代码或名称，如 urgent 或 紧急
        #[arg(long)]
        level: String,
        /// 报告时间，RFC 3339 带时区，如 2026-09-30T17:55:00+08:00
        #[arg(long)]
        reported: String,
    },
    /// 探测一个服务：可用性、状态码、首字节与总用时、证书剩余天数
    Probe {
        /// 网址，如 https://oa.example.gov.cn/login
        #[arg(long)]
        url: String,
        /// 页面必须包含的文字（可选）
        #[arg(long)]
        keyword: Option<String>,
        /// 期望的状态码（默认 2xx 或 3xx 均可）
        #[arg(long)]
        status: Option<u16>,
        /// 超时（毫秒）
        #[arg(long, default_value_t = 10_000)]
        timeout_ms: u64,
        /// 允许自签名证书（仅内网服务）
        #[arg(long)]
        allow_invalid_cert: bool,
    },
    /// 列出某月已完成的巡检记录（编号、时间、每项结果、异常项）
    Inspections {
        /// 月份，YYYY-MM，如 2026-11
        #[arg(long)]
        month: String,
    },
    /// 导出某月的运维记录工作簿（.xlsx），导出前列出自查发现的缺漏
    Export {
        /// 月份，YYYY-MM，如 2026-11
        #[arg(long)]
        month: String,
        /// 输出文件（默认写到数据目录的 exports 文件夹）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// 导出某一周的运维周报（.xlsx）：运行情况与本周工作、负载、备份、问题及处理
    Weekly {
        /// 该周中的任意一天，YYYY-MM-DD
        #[arg(long)]
        date: String,
        /// 输出文件（默认写到数据目录的 exports 文件夹）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// 列出某月报告的故障：时限、实际响应与恢复时间、是否按时
    Faults {
        /// 月份，YYYY-MM，如 2026-11
        #[arg(long)]
        month: String,
    },
    /// 列出某月每位工程师每天的考勤状态（由打卡、请假、值班和工作日历推导）及合计、考核扣分
    Attendance {
        /// 月份，YYYY-MM，如 2026-11
        #[arg(long)]
        month: String,
    },
    /// 计算合同考核周期（如年度评定）的考核表：各项得分（扣分封顶按整个周期计）、每条扣分的日期和依据、合计与付款档位
    Assessment {
        /// 考核周期：年份（2026）、月份（2026-11）或日期（2026-11-15），取合同中包含它的考核周期
        #[arg(long)]
        period: String,
    },
    /// 备份数据库（含完整性检查）；附件复制到备份文件所在文件夹的 attachments/ 中
    Backup {
        /// 备份文件路径，如 D:\备份\dutydesk-20261123.sqlite3
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 从备份文件恢复数据库（请先退出驻场运维台）；当前数据库改名保留，不会删除
    Restore {
        /// 备份文件路径；同一文件夹中的 attachments/ 里的附件会一并恢复
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// 检查审计记录（痕迹）：重算哈希链，找出程序之外的改动
    Verify,
    /// 团队归档：导出一段日期的记录给项目经理汇总，或导入其他工程师的归档
    Archive {
        #[command(subcommand)]
        action: ArchiveAction,
    },
    /// 忘记应用锁密码时清除应用锁（不需要原密码）；之后重新启动驻场运维台，在“设置 → 应用锁”中重新设置
    UnlockReset,
    /// 基准数据：在新数据目录中写入一整个合同年度（5 名工程师，每个工作日的打卡、日常巡检、故障和服务记录），
    /// 截至 --until 的前一天（启动基准测试用）
    #[command(hide = true)]
    SelftestYear {
        #[arg(long, default_value_t = 2026)]
        year: i32,
        /// 写到这一天之前（YYYY-MM-DD），默认今天
        #[arg(long)]
        until: Option<String>,
    },
    /// 自检：逐条写入 N 条常见问题（每条一个事务），每写完一条立即输出其编号（断电/强杀测试用）
    #[command(hide = true)]
    SelftestWrite {
        #[arg(long)]
        count: u64,
        /// 每写入 N 条做一次备份（固定审计链头），0 表示不备份
        #[arg(long, default_value_t = 0)]
        backup_every: u64,
    },
}

#[derive(Subcommand)]
enum ArchiveAction {
    /// 导出日期范围内的记录、附件和修改记录（.ddarchive）
    Export {
        /// 开始日期，YYYY-MM-DD
        #[arg(long)]
        from: String,
        /// 结束日期（含），YYYY-MM-DD
        #[arg(long)]
        to: String,
        /// 归档文件路径，如 D:\归档\王工_2026-11.ddarchive
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 导入其他工作站导出的归档：按稳定编号合并，不会重复；先整体校验，有问题则不写入任何内容
    Import {
        /// 归档文件路径
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// 列出导入记录和待处理的冲突
    Status,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    let data_dir = paths::resolve_data_dir(cli.data_dir);
    let result = match cli.command {
        Command::Info => info(&App::start(&data_dir)),
        Command::FormCheck { file } => return form_check(&file),
        Command::FormImport { file } => {
            let app = App::start(&data_dir);
            require_open(&app)
                .and_then(|_| app.import_form_definition(&file))
                .map(|d| json!({ "id": d.id, "version": d.version, "name": d.name }))
        }
        Command::Forms => {
            let app = App::start(&data_dir);
            require_open(&app)
                .and_then(|_| app.form_summaries())
                .map(|forms| {
                    json!(forms
                        .iter()
                        .map(|f| json!({
                            "id": f.definition.id,
                            "version": f.definition.version,
                            "name": f.definition.name,
                            "builtin": f.builtin,
                            "records": f.records,
                            "overdue": f.overdue,
                            "pending": f.pending,
                        }))
                        .collect::<Vec<_>>())
                })
        }
        Command::Sla {
            profile,
            level,
            reported,
        } => sla(&App::start(&data_dir), &profile, &level, &reported),
        Command::Probe {
            url,
            keyword,
            status,
            timeout_ms,
            allow_invalid_cert,
        } => {
            // A probe needs no store: it must work before the project is set up.
            let spec = dutydesk_probe::ProbeSpec {
                name: url.clone(),
                url,
                expected_status: status,
                keyword,
                timeout_ms,
                allow_invalid_cert,
            };
            let result = dutydesk_probe::probe_all_blocking(vec![spec], 1).remove(0);
            let ok = result.ok;
            println!(
                "{}",
                serde_json::to_string_pretty(&probe_json(&result)).unwrap_or_default()
            );
            return if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            };
        }
        Command::Weekly { date, out } => {
            let app = App::start(&data_dir);
            require_open(&app)
                .and_then(|_| app.export_week(&date, out.as_deref()))
                .map(|p| json!({ "date": date.trim(), "file": p.display().to_string() }))
        }
        Command::Export { month, out } => export(&App::start(&data_dir), &month, out.as_deref()),
        Command::Inspections { month } => inspections(&App::start(&data_dir), &month),
        Command::Faults { month } => faults(&App::start(&data_dir), &month),
        Command::Attendance { month } => attendance(&App::start(&data_dir), &month),
        Command::Assessment { period } => assessment(&App::start(&data_dir), &period),
        Command::Backup { out } => backup(&App::start(&data_dir), &out),
        Command::Restore { from } => restore(&data_dir, &from),
        Command::Verify => verify(&App::start(&data_dir)),
        Command::Archive { action } => archive(&App::start(&data_dir), action),
        Command::UnlockReset => unlock_reset(&App::start(&data_dir)),
        Command::SelftestWrite {
            count,
            backup_every,
        } => selftest_write(&App::start(&data_dir), count, backup_every),
        Command::SelftestYear { year, until } => {
            let until = match until.as_deref() {
                Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    Error::validation(vec![FieldError::new(
                        "until",
                        format!("日期“{text}”无法识别，请写成 2026-12-06 这样。"),
                    )])
                }),
                None => Ok((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()),
            };
            until.and_then(|u| year::generate(&data_dir, year, u))
        }
    };
    match result {
        Ok(value) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("错误：{err}");
            ExitCode::FAILURE
        }
    }
}

/// Reads a vendor's definition file with the app's own reader, writing nothing: the problems, each
/// with its JSON path, on stdout as JSON (exit 1), or a summary of the form (exit 0).
fn form_check(file: &Path) -> ExitCode {
    match dutydesk_core::forms::definition::read_definition_file(file) {
        Ok(d) => {
            let out = json!({
                "ok": true,
                "id": d.id,
                "version": d.version,
                "name": d.name,
                "fields": d.fields.len(),
                "deadlines": d.deadlines.iter().map(|x| x.label.clone()).collect::<Vec<_>>(),
                "signatures": d.signatures.iter().map(|x| x.label.clone()).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(Error::Validation { fields, .. }) => {
            let out = json!({
                "ok": false,
                "problems": fields.iter().map(|f| json!({ "path": f.field, "message": f.message })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            ExitCode::FAILURE
        }
        Err(other) => {
            eprintln!("错误：{other}");
            ExitCode::FAILURE
        }
    }
}

/// Refuses to work on a store that start-up could not open, with the reason start-up gave.
fn require_open(app: &App) -> Result<(), Error> {
    let status = app.status();
    match status.state {
        StartupState::Ready | StartupState::NeedsSetup => Ok(()),
        _ => Err(Error::NotReady(status.message.unwrap_or_default())),
    }
}

fn info(app: &App) -> Result<Value, Error> {
    require_open(app)?;
    let status = app.status();
    let project = app.settings()?.map(|s| {
        json!({
            "project_name": s.project_name,
            "client_name": s.client_name,
            "vendor_name": s.vendor_name,
            "contract_start": s.contract_start,
            "contract_end": s.contract_end,
            "profile_id": s.profile_id,
            "updated_at": s.updated_at,
            "engineers": s.engineers.iter().map(|e| json!({
                "id": e.id, "name": e.name, "phone": e.phone, "role": e.role,
            })).collect::<Vec<_>>(),
        })
    });
    Ok(json!({
        "schema_version": status.schema_version,
        "data_dir": status.data_dir,
        "database": paths::db_path(app.data_dir()).display().to_string(),
        "project": project,
        "counts": app.record_counts()?,
        "backups": status.backups.len(),
    }))
}

fn sla(app: &App, profile: &str, level: &str, reported: &str) -> Result<Value, Error> {
    require_open(app)?;
    let at = parse_instant("reported", reported)?;
    let d = app.preview_deadlines(profile, level, at)?;
    Ok(json!({
        "profile_id": d.profile_id,
        "profile_version": d.profile_version,
        "level": d.level,
        "level_name": d.level_name,
        "reported_at": d.reported_at,
        "respond_by": d.respond_by,
        "restore_by": d.restore_by,
        "warnings": d.warnings,
        "respond_explanation": d.respond.summary,
        "restore_explanation": d.restore.summary,
    }))
}

fn probe_json(r: &dutydesk_probe::ProbeResult) -> Value {
    json!({
        "url": r.url,
        "ok": r.ok,
        "outcome": r.outcome,
        "outcome_name": r.outcome.zh(),
        "status": r.status,
        "ttfb_ms": r.ttfb_ms,
        "total_ms": r.total_ms,
        "cert_days_left": r.cert_days_left,
        "cert_not_after": r.cert_not_after,
        "message": r.message,
        "checked_at": r.checked_at,
    })
}

fn export(app: &App, month: &str, out: Option<&std::path::Path>) -> Result<Value, Error> {
    require_open(app)?;
    // Read once here; the App takes the month typed.
    let month = Month::parse(month)?;
    // One read of the month: the workbook, its score and the self-check all come from it.
    let written = app.export_month_report(month, out)?;
    Ok(json!({
        "month": month.to_string(),
        "file": written.path.display().to_string(),
        "score": written.assessment.score,
        "pay_percent": written.assessment.pay_percent,
        "self_check": written.self_check.iter().map(|m| m.message.clone()).collect::<Vec<_>>(),
    }))
}

fn inspections(app: &App, month: &str) -> Result<Value, Error> {
    require_open(app)?;
    // Read once here; the App takes the month typed.
    let month = Month::parse(month)?;
    let records = app.inspections_in_month(month)?;
    let list: Vec<Value> = records
        .iter()
        .map(|r| {
            let answers: Vec<Value> = r
                .template
                .items()
                .map(|item| {
                    let a = r.answers.iter().find(|a| a.item_key == item.key);
                    json!({
                        "item_key": item.key,
                        "label": item.label,
                        "status": a.and_then(|a| a.status),
                        "value": a.and_then(|a| a.value_num),
                        "text": a.map(|a| a.value_text.clone()).unwrap_or_default(),
                        "note": a.map(|a| a.note.clone()).unwrap_or_default(),
                        "measured": a.and_then(|a| a.measured.as_ref()).map(|m| json!({
                            "ok": m.ok, "outcome": m.outcome, "total_ms": m.total_ms,
                        })),
                        "fault": a.and_then(|a| a.fault_code.clone()),
                    })
                })
                .collect();
            json!({
                "number": r.number,
                "date": r.date,
                "template_id": r.template.id,
                "template_name": r.template.name,
                "slot": r.slot,
                "inspector": r.inspector,
                "recorder": r.recorder,
                "method": r.method_name,
                "started_at": r.started_at,
                "ended_at": r.ended_at,
                "summary": r.summary,
                "abnormal": r.abnormal.iter().map(|a| a.text.clone()).collect::<Vec<_>>(),
                "answers": answers,
            })
        })
        .collect();
    Ok(json!({ "month": month.to_string(), "count": list.len(), "records": list }))
}

fn faults(app: &App, month: &str) -> Result<Value, Error> {
    require_open(app)?;
    // Read once here; the App takes the month typed.
    let month = Month::parse(month)?;
    let faults = app.faults_in_month(month)?;
    let breached = faults
        .iter()
        .filter(|f| f.respond_met == Some(false) || f.restore_met == Some(false))
        .count();
    Ok(json!({
        "month": month.to_string(),
        "count": faults.len(),
        "breached": breached,
        "faults": faults,
    }))
}

fn assessment(app: &App, period: &str) -> Result<Value, Error> {
    require_open(app)?;
    let day = dutydesk_core::reports::period::day_of_period_arg(period)?;
    let Some(p) = app.period_assessment_on(day)? else {
        return Err(Error::NotReady(
            "当前合同服务级别没有考核表，无法计算考核。".into(),
        ));
    };
    let a = &p.assessment;
    let items: Vec<Value> = a
        .items
        .iter()
        .map(|i| {
            json!({
                "code": i.code,
                "name": i.name,
                "group": i.group,
                "full_points": i.full_points,
                "score": i.score,
                "basis": i.basis,
                "deductions": i.lines.iter().map(|l| json!({
                    "name": l.name,
                    "count": l.count,
                    "points_each": l.points_each,
                    "points": l.points,
                    "manual": l.manual,
                    "evidence": l.evidence,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "period": {
            "unit": p.period.unit,
            "label": p.period.label,
            "start": p.period.start,
            "end": p.period.end,
            "through": p.through,
        },
        "profile": a.profile_name,
        "items": items,
        "total_points": a.total_points,
        "score": a.score,
        "band_applies": a.band_applies,
        "pay_percent": a.pay_percent,
        "passed": a.passed,
        "penalty_percent": a.penalty_percent,
        "band_text": a.band_text,
        "payment": p.payment.as_ref().map(|pay| json!({
            "advance_percent": pay.advance_percent,
            "text": pay.text,
        })),
        "months": p.months.iter().map(|m| json!({
            "month": m.month,
            "reached": m.reached,
            "points": m.points,
        })).collect::<Vec<_>>(),
    }))
}

fn attendance(app: &App, month: &str) -> Result<Value, Error> {
    require_open(app)?;
    // Read once here; the App takes the month typed.
    let month = Month::parse(month)?;
    let m = app.attendance_month(month)?;
    let line = |l: &dutydesk_core::attendance::AssessmentLine| {
        json!({
            "item_name": l.item_name,
            "full_points": l.full_points,
            "occurrences": l.occurrences,
            "deducted": l.deducted,
            "score": l.score,
            "basis": l.basis,
        })
    };
    let engineers: Vec<Value> = m
        .engineers
        .iter()
        .map(|e| {
            let t = &e.totals;
            json!({
                "engineer_id": e.engineer_id,
                "name": e.name,
                "days": e.days.iter().map(|d| json!({
                    "date": d.date,
                    "status": d.status.code(),
                    "status_zh": d.status.zh(),
                    "symbol": d.symbol,
                    "is_working_day": d.is_working_day,
                    "clock_in": d.clock_in,
                    "clock_out": d.clock_out,
                    "late_minutes": d.late_minutes,
                    "early_minutes": d.early_minutes,
                    "overtime_minutes": d.overtime_minutes,
                    "leave": d.leave,
                    "duty": d.duty,
                    "corrected": d.corrected,
                    "explanation": d.explanation,
                })).collect::<Vec<_>>(),
                "totals": {
                    "normal": t.normal,
                    "late": t.late,
                    "early": t.early,
                    "absent": t.absent,
                    "leave_days": t.leave_days,
                    "duty": t.duty,
                    "overtime": t.overtime,
                    "missed_duties": t.missed_duties,
                    "deductions": t.deductions,
                    "corrected": t.corrected,
                },
            })
        })
        .collect();
    Ok(json!({
        "month": m.month,
        "as_of": m.as_of,
        "rules": m.rules_summary,
        "working_days": m.days.iter().filter(|d| d.is_working_day).count(),
        "calendar_warning": m.calendar_warning,
        "engineers": engineers,
        "assessment": {
            "attendance": line(&m.attendance),
            "duty": line(&m.duty),
        },
    }))
}

fn backup(app: &App, out: &Path) -> Result<Value, Error> {
    require_open(app)?;
    let Some(file_name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(Error::validation(vec![FieldError::new(
            "out",
            format!(
                "“{}”不是文件路径，请写成如 D:\\备份\\dutydesk.sqlite3。",
                out.display()
            ),
        )]));
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let written = app.with_store(|store, _| backup::write_backup_full(store, &dir, &file_name))?;
    let info = &written.info;
    for warning in &written.warnings {
        eprintln!("警告：{warning}");
    }
    Ok(json!({
        "file": dir.join(&info.file_name).display().to_string(),
        "size_bytes": info.size_bytes,
        "check": info.check,
        "schema_version": info.schema_version,
        "attachments": info.attachments,
        "attachments_dir": dir.join(backup::MIRROR_DIR).display().to_string(),
        "audit_head": written.audit_head,
        "warnings": written.warnings,
    }))
}

/// Works on the files directly, without opening the current store: it may be the damaged one.
fn restore(data_dir: &Path, from: &Path) -> Result<Value, Error> {
    if !from.is_file() {
        return Err(Error::NotFound(format!(
            "找不到备份文件“{}”，请检查路径。",
            from.display()
        )));
    }
    backup::ensure_not_in_use(data_dir)?;
    let version = store::check_backup_file(from)?;
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
    let aside = store::restore_from_file(data_dir, from, "replaced")?;
    let source_dir = match from.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let attachments = backup::restore_attachments(data_dir, &source_dir)?;
    for warning in &attachments.warnings {
        eprintln!("警告：{warning}");
    }
    // Opening upgrades an older backup and proves the restored file is usable.
    let opened = dutydesk_core::startup::open_store(data_dir)?;
    Ok(json!({
        "restored_from": from.display().to_string(),
        "backup_schema_version": version,
        "schema_version": opened.schema_version()?,
        "previous_kept_as": aside.map(|p| p.display().to_string()),
        "attachments_restored": attachments.copied,
        "attachments_missing": attachments.missing,
        "warnings": attachments.warnings,
    }))
}

/// Forgot the app lock's password: clears it without asking for it. Anyone who can run this on
/// the data directory can read the database file anyway (docs/security.md); the lock guards the
/// window, not the file.
fn unlock_reset(app: &App) -> Result<Value, Error> {
    require_open(app)?;
    let was_set = app.reset_app_lock()?;
    let message = if was_set {
        "已清除应用锁密码。请重新启动驻场运维台（托盘图标 → 退出，再打开），窗口将不再要求密码；\
         需要时在“设置 → 应用锁”中重新设置。"
    } else {
        "应用锁没有启用，无需清除。"
    };
    Ok(json!({ "cleared": was_set, "message": message }))
}

fn verify(app: &App) -> Result<Value, Error> {
    require_open(app)?;
    let report = app.verify_audit()?;
    if !report.ok {
        // The report is the answer; the exit code tells a script it failed.
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
        return Err(Error::Validation {
            message: report.message,
            fields: Vec::new(),
        });
    }
    Ok(serde_json::to_value(&report).unwrap_or_default())
}

fn archive(app: &App, action: ArchiveAction) -> Result<Value, Error> {
    require_open(app)?;
    let value = match action {
        ArchiveAction::Export { from, to, out } => {
            serde_json::to_value(app.export_archive(&from, &to, &out)?)
        }
        ArchiveAction::Import { file } => serde_json::to_value(app.import_archive(&file)?),
        ArchiveAction::Status => serde_json::to_value(app.archive_overview()?),
    };
    value.map_err(|e| Error::Internal(e.to_string()))
}

/// One FAQ entry per transaction; each id is printed (and flushed) only after its commit, so a
/// printed id is a write the store acknowledged. The kill-loop test relies on exactly that.
/// With `backup_every`, every so many writes a backup is written to `backups/`, pinning the audit
/// chain's head in the store and its check file, so kills also land inside a pin.
fn selftest_write(app: &App, count: u64, backup_every: u64) -> Result<Value, Error> {
    require_open(app)?;
    let backups = paths::backup_dir(app.data_dir());
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        if backup_every > 0 && i > 0 && i % backup_every == 0 {
            let name = format!("selftest-{i}.sqlite3");
            let written =
                app.with_store(|store, _| backup::write_backup_full(store, &backups, &name))?;
            writeln!(out, "pinned {}", written.audit_head.event_id)
                .map_err(|e| Error::io("stdout", e))?;
        }
        let entry = app.create_faq(&FaqInput {
            question: format!("自检写入 {i}"),
            solution: "断电与强制结束测试写入的记录，可以删除。".into(),
            ..FaqInput::default()
        })?;
        writeln!(out, "{}", entry.id).map_err(|e| Error::io("stdout", e))?;
        out.flush().map_err(|e| Error::io("stdout", e))?;
    }
    Ok(json!({ "written": count }))
}

/// Help and version go to stdout as clap writes them; a usage mistake gets a Chinese sentence on
/// stderr, with clap's own line kept because it names the argument.
fn usage_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let what = match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            return if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
        ErrorKind::MissingRequiredArgument => "缺少必填参数",
        ErrorKind::UnknownArgument => "不认识的参数",
        ErrorKind::InvalidSubcommand => "不认识的子命令",
        ErrorKind::MissingSubcommand => "缺少子命令",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数值无效",
        ErrorKind::ArgumentConflict => "参数互相冲突",
        _ => "命令行参数有误",
    };
    let detail = err.to_string();
    let detail = detail
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ");
    eprintln!("错误：{what}（{detail}）。运行 dutydesk-cli --help 查看用法。");
    ExitCode::from(2)
}
