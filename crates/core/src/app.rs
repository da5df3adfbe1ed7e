//! The application session: the store as start-up left it, the clock, and the operations the shell
//! and the CLI call. Every Tauri command is one call into an [`App`] method, so each can be tested
//! over a temporary directory without a window.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, Utc};
use dutydesk_sla::{compute_deadlines, TicketEvent, TicketEventKind};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::{
    self, CalendarFormat, CalendarOverrideInput, CalendarYearSummary, CalendarYearView,
};

use crate::calendar::deadlines::DeadlinePreview;
use crate::calendar::profiles::{self, ProfileEditInput, ProfileSummary};
use crate::changes::{ChangeListener, StoreChanges};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, FieldError, Result};
use crate::settings::{self, ProjectSettings};
use crate::store::{self, BackupInfo, Store};

/// What start-up found, and so which screen the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum StartupState {
    /// The store is open and the project is set up: show 今日.
    Ready,
    /// The store is open but empty: show the first-start setup form.
    NeedsSetup,
    /// The database failed its integrity check: offer restoring a backup.
    Corrupt,
    /// The database is from a newer DutyDesk: explain, change nothing.
    TooNew,
    /// The store could not be opened for another reason (a locked or unreadable file).
    OpenFailed,
}

/// The shell's answer to "where are we?", asked by the UI when it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    pub state: StartupState,
    /// Chinese explanation when the state is a problem.
    pub message: Option<String>,
    pub data_dir: String,
    pub schema_version: Option<u32>,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
}

enum Session {
    Open(Box<Store>),
    Problem { kind: ErrorKind, message: String },
}

pub struct App {
    data_dir: PathBuf,
    clock: Arc<dyn Clock>,
    session: Mutex<Session>,
    /// Told what each commit changed (the shell forwards it to the window), also across a store
    /// reopened after a restore.
    listener: Mutex<Option<ChangeListener>>,
    /// 应用锁: the window is locked (see `app_lock.rs`). Set at start when a password is set.
    pub(crate) window_locked: AtomicBool,
}

impl App {
    /// Opens the store in `data_dir` with the system clock. Never fails: a problem becomes the
    /// session's state, which the UI turns into the recovery screen.
    pub fn start(data_dir: &Path) -> App {
        Self::start_with_clock(data_dir, Arc::new(SystemClock))
    }

    /// [`App::start`] on `clock`: opens the store, then takes the day's copy before returning.
    pub fn start_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> App {
        let app = Self::open_with_clock(data_dir, clock);
        // One copy a day at start, so the recovery screen has something recent to offer (the
        // reminder loop repeats this while the app runs). A failed copy must not keep the engineer
        // out of the app; it is reported on stderr.
        if let Err(err) = app.backup_if_due() {
            eprintln!("启动备份失败：{err}");
        }
        app
    }

    /// For the window: opens the store and returns without the day's copy, so the first screen
    /// does not wait for a backup of a year's records. The shell's reminder loop takes the copy at
    /// its second tick, about 20 s after start ([`App::backup_if_due`]); its first only scans.
    pub fn start_for_window(data_dir: &Path) -> App {
        Self::open_with_clock(data_dir, Arc::new(SystemClock))
    }

    fn open_with_clock(data_dir: &Path, clock: Arc<dyn Clock>) -> App {
        let session = open_session(data_dir, clock.now());
        let app = App {
            data_dir: data_dir.to_path_buf(),
            clock,
            session: Mutex::new(session),
            listener: Mutex::new(None),
            window_locked: AtomicBool::new(false),
        };
        app.lock_at_start();
        app
    }

    /// Closes the open store, runs `f` on the data directory (which may replace the database
    /// file), and opens the store again, whatever `f` returned. Refused unless the store is open.
    pub(crate) fn reopen_around<T>(&self, f: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        let mut session = self.lock();
        if !matches!(&*session, Session::Open(_)) {
            return Err(Error::NotReady(
                "数据库尚未打开，请先在恢复页面处理。".into(),
            ));
        }
        // The connection must be closed before its file is moved.
        let previous = std::mem::replace(
            &mut *session,
            Session::Problem {
                kind: ErrorKind::NotReady,
                message: "正在恢复备份".into(),
            },
        );
        drop(previous);
        let outcome = f(&self.data_dir);
        self.reopened(&mut session);
        outcome
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn status(&self) -> AppStatus {
        let session = self.lock();
        let (state, message, schema_version) = match &*session {
            Session::Open(store) => {
                let configured = settings::is_configured(store.conn());
                let state = match configured {
                    Ok(true) => StartupState::Ready,
                    Ok(false) => StartupState::NeedsSetup,
                    Err(_) => StartupState::OpenFailed,
                };
                let message = configured.err().map(|e| e.to_string());
                (state, message, store.schema_version().ok())
            }
            Session::Problem { kind, message } => {
                let state = match kind {
                    ErrorKind::Corrupt => StartupState::Corrupt,
                    ErrorKind::TooNew => StartupState::TooNew,
                    _ => StartupState::OpenFailed,
                };
                (state, Some(message.clone()), None)
            }
        };
        AppStatus {
            state,
            message,
            data_dir: self.data_dir.display().to_string(),
            schema_version,
            backups: store::list_backups(&self.data_dir),
        }
    }

    /// Runs `f` against the open store, or says why there is none.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store, &dyn Clock) -> Result<T>) -> Result<T> {
        let mut session = self.lock();
        match &mut *session {
            Session::Open(store) => f(store, self.clock.as_ref()),
            Session::Problem { message, .. } => {
                Err(Error::NotReady(format!("数据库尚未打开：{message}")))
            }
        }
    }

    pub fn settings(&self) -> Result<Option<ProjectSettings>> {
        self.with_store(|store, _| settings::get(store.conn()))
    }

    pub fn save_settings(&self, input: &ProjectSettings) -> Result<ProjectSettings> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| settings::save(tx, input, now))?;
            settings::get(store.conn())?
                .ok_or_else(|| Error::Internal("保存后未能读回项目设置".into()))
        })
    }

    pub fn profiles(&self) -> Result<Vec<ProfileSummary>> {
        self.with_store(|store, _| profiles::list(store.conn()))
    }

    /// Saves a custom contract profile (a copy, or a new version of one).
    pub fn save_custom_profile(&self, input: &ProfileEditInput) -> Result<ProfileSummary> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| profiles::save_custom(tx, input, now))
        })
    }

    pub fn calendar_years(&self) -> Result<Vec<CalendarYearSummary>> {
        self.with_store(|store, _| calendar::list_years(store.conn()))
    }

    pub fn calendar_year(&self, year: i32) -> Result<CalendarYearView> {
        self.with_store(|store, _| calendar::year_view(store.conn(), year))
    }

    /// Imports a year's official notice; returns the year imported.
    pub fn import_calendar(
        &self,
        format: CalendarFormat,
        content: &str,
        year: Option<i32>,
    ) -> Result<i32> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| calendar::import_year(tx, format, content, year, now))
        })
    }

    pub fn set_calendar_override(&self, input: &CalendarOverrideInput) -> Result<()> {
        self.with_store(|store, clock| {
            let now = clock.now();
            store.with_tx(|tx| calendar::set_override(tx, input, now))
        })
    }

    pub fn remove_calendar_override(&self, date: &str) -> Result<()> {
        self.with_store(|store, _| store.with_tx(|tx| calendar::remove_override(tx, date)))
    }

    /// The deadlines a fault of `level` (code or Chinese name) reported at `reported_at` would
    /// get under the newest version of profile `profile_id`, with their explanations.
    pub fn preview_deadlines(
        &self,
        profile_id: &str,
        level: &str,
        reported_at: DateTime<FixedOffset>,
    ) -> Result<DeadlinePreview> {
        self.with_store(|store, _| {
            let profile = profiles::load(store.conn(), profile_id)?;
            let Some(level) = profile
                .levels
                .iter()
                .find(|l| l.code == level || l.name == level)
            else {
                let known: Vec<String> = profile
                    .levels
                    .iter()
                    .map(|l| format!("{}（{}）", l.code, l.name))
                    .collect();
                return Err(Error::validation(vec![FieldError::new(
                    "level",
                    format!(
                        "“{}”没有级别“{level}”；可用的级别：{}。",
                        profile.name,
                        known.join("、")
                    ),
                )]));
            };
            let cal = calendar::load(store.conn())?;
            let events = [TicketEvent {
                at: reported_at,
                kind: TicketEventKind::Reported {
                    level: level.code.clone(),
                },
            }];
            compute_deadlines(&profile, &cal, &events)
                .map(|d| DeadlinePreview::from(&d))
                .map_err(|e| Error::Internal(format!("无法计算时限：{e}")))
        })
    }

    /// Recovery: replaces the database with a backup (the current file is kept aside) and reopens.
    pub fn restore_backup(&self, file_name: &str) -> Result<AppStatus> {
        {
            let mut session = self.lock();
            // Only a damaged database is replaced here. A locked or unreadable file may be healthy
            // and newer than any backup; a file from a newer version must be opened by that version.
            match &*session {
                Session::Problem {
                    kind: ErrorKind::Corrupt,
                    ..
                } => {}
                Session::Problem {
                    kind: ErrorKind::TooNew,
                    ..
                } => {
                    return Err(Error::NotReady(
                        "数据库来自更新版本的驻场运维台，请先升级程序；为保护数据，此时不能恢复旧备份。"
                            .into(),
                    ))
                }
                _ => {
                    return Err(Error::NotReady(
                        "只有数据库损坏时才能从这里恢复备份；当前数据库没有损坏，恢复会覆盖较新的记录。"
                            .into(),
                    ))
                }
            }
            // Close the live connection before its file is moved.
            let previous = std::mem::replace(
                &mut *session,
                Session::Problem {
                    kind: ErrorKind::NotReady,
                    message: "正在恢复备份".into(),
                },
            );
            drop(previous);
            let restored = store::restore_backup(&self.data_dir, file_name);
            if restored.is_ok() {
                // Attachments the restored records refer to, from the backups' mirror. A missing
                // file does not undo the restore: the records matter more.
                if let Err(err) = crate::backup::restore_attachments(
                    &self.data_dir,
                    &crate::paths::backup_dir(&self.data_dir),
                ) {
                    eprintln!("恢复附件失败：{err}");
                }
            }
            self.reopened(&mut session);
            restored?;
        }
        Ok(self.status())
    }

    /// Recovery: moves a damaged database aside (never deleting it) and starts an empty store.
    pub fn start_fresh(&self) -> Result<AppStatus> {
        {
            let mut session = self.lock();
            if !matches!(
                &*session,
                Session::Problem {
                    kind: ErrorKind::Corrupt,
                    ..
                }
            ) {
                return Err(Error::NotReady(
                    "只有数据库损坏时才能新建空数据库；当前数据库不需要这样做。".into(),
                ));
            }
            store::move_database_aside(&self.data_dir)?;
            self.reopened(&mut session);
        }
        Ok(self.status())
    }

    /// Row counts of the record tables, for `dutydesk-cli info` and the settings page.
    pub fn record_counts(&self) -> Result<BTreeMap<String, i64>> {
        self.with_store(|store, _| {
            let mut counts = BTreeMap::new();
            for (name, sql) in RECORD_COUNTS {
                let n: i64 = store.conn().query_row(sql, [], |row| row.get(0))?;
                counts.insert((*name).to_string(), n);
            }
            Ok(counts)
        })
    }

    /// Tells `listener` after every commit which tables and rows it changed, and “everything” when
    /// the store is replaced (a restored backup, a fresh start).
    pub fn on_changes(&self, listener: ChangeListener) {
        if let Ok(mut slot) = self.listener.lock() {
            *slot = Some(Arc::clone(&listener));
        }
        if let Session::Open(store) = &mut *self.lock() {
            store.set_listener(Some(listener));
        }
    }

    /// Opens the store again after its file was replaced, hands it the listener, and tells the
    /// listener everything changed.
    fn reopened(&self, session: &mut Session) {
        *session = open_session(&self.data_dir, self.clock.now());
        let listener = self.listener.lock().ok().and_then(|l| l.clone());
        if let Session::Open(store) = session {
            store.set_listener(listener.clone());
        }
        if let Some(listener) = listener {
            listener(&StoreChanges::everything());
        }
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock leaves a usable session: SQLite rolled the transaction back.
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What `info` counts; each later record table adds a line.
const RECORD_COUNTS: &[(&str, &str)] = &[
    (
        "engineers",
        "SELECT count(*) FROM engineers WHERE active = 1",
    ),
    ("calendar_years", "SELECT count(*) FROM calendar_years"),
    (
        "calendar_overrides",
        "SELECT count(*) FROM calendar_overrides",
    ),
    (
        "contract_profiles",
        "SELECT count(*) FROM contract_profiles",
    ),
    ("faults", "SELECT count(*) FROM faults"),
    ("fault_events", "SELECT count(*) FROM fault_events"),
    ("attachments", "SELECT count(*) FROM attachments"),
    ("notices", "SELECT count(*) FROM notices"),
    (
        "requirement_changes",
        "SELECT count(*) FROM requirement_changes",
    ),
    ("service_records", "SELECT count(*) FROM service_records"),
    ("trainings", "SELECT count(*) FROM trainings"),
    (
        "faq_entries",
        "SELECT count(*) FROM faq_entries WHERE deleted_at IS NULL",
    ),
    ("audit_events", "SELECT count(*) FROM audit_events"),
    ("restore_tests", "SELECT count(*) FROM restore_tests"),
    (
        "attendance_punches",
        "SELECT count(*) FROM attendance_punches",
    ),
    (
        "attendance_leaves",
        "SELECT count(*) FROM attendance_leaves WHERE deleted_at IS NULL",
    ),
    (
        "duty_periods",
        "SELECT count(*) FROM duty_periods WHERE deleted_at IS NULL",
    ),
    (
        "duty_assignments",
        "SELECT count(*) FROM duty_assignments a JOIN duty_periods p ON p.id = a.duty_id
          WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL",
    ),
    ("work_logs", "SELECT count(*) FROM work_logs"),
];

fn open_session(data_dir: &Path, now: DateTime<Utc>) -> Session {
    match crate::startup::open_store_at(data_dir, now) {
        Ok(store) => Session::Open(Box::new(store)),
        Err(err) => Session::Problem {
            kind: err.kind(),
            message: err.to_string(),
        },
    }
}
