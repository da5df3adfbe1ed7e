//! The [`App`] operations of 应用锁: whether the window is locked, locking and unlocking it, and
//! setting, changing or clearing the password. The stored part is in [`crate::lock`]; the lock
//! itself is a flag of the session, set at start when a password is set.
//!
//! The shell refuses every command but these while the window is locked
//! ([`App::ensure_unlocked`]); the reminder loop calls the store directly and keeps running.

use std::sync::atomic::Ordering;

use crate::app::App;
use crate::error::{Error, FieldError, Result};
use crate::lock::{self, AppLockInput, AppLockStatus};

const LOCKED_MESSAGE: &str = "窗口已锁定，请先输入密码解锁。";

impl App {
    /// Locks the window at start when a password is set. A store that did not open has no
    /// password to ask for (the recovery screen comes first).
    pub(crate) fn lock_at_start(&self) {
        if self.app_lock_enabled().unwrap_or(false) {
            self.window_locked.store(true, Ordering::SeqCst);
        }
    }

    /// Runs a restore (`restore_backup` from the recovery screen, `restore_from_backup` from 备份与
    /// 恢复) and locks the window again when the restored store has a password: the restored
    /// records must not be readable by whoever stands at the screen just because the lock was not
    /// asked for at start (a damaged store has no password to ask for) or was entered before.
    /// The shell calls every restore through this.
    pub fn relocking<T>(&self, restore: impl FnOnce(&App) -> Result<T>) -> Result<T> {
        let result = restore(self);
        // Locked whatever the restore's outcome: a failed restore may still have reopened a
        // store with a password.
        self.lock_at_start();
        result
    }

    fn app_lock_enabled(&self) -> Result<bool> {
        self.with_store(|store, _| lock::is_enabled(store.conn()))
    }

    /// True while the window is locked and a password is set. A password cleared meanwhile
    /// (`dutydesk-cli unlock-reset`) leaves nothing to unlock with, so the window opens; a store
    /// that cannot be read keeps it locked.
    pub fn is_locked(&self) -> bool {
        if !self.window_locked.load(Ordering::SeqCst) {
            return false;
        }
        match self.app_lock_enabled() {
            Ok(false) => {
                self.window_locked.store(false, Ordering::SeqCst);
                false
            }
            _ => true,
        }
    }

    /// The shell calls this before every command but the lock's own: refused with kind `locked`
    /// while the window is locked.
    pub fn ensure_unlocked(&self) -> Result<()> {
        if self.is_locked() {
            return Err(Error::Locked(LOCKED_MESSAGE.into()));
        }
        Ok(())
    }

    /// 应用锁 for the settings section and the lock screen. Without an open store: no lock.
    pub fn app_lock_status(&self) -> Result<AppLockStatus> {
        let locked = self.is_locked();
        match self.with_store(|store, clock| lock::status(store.conn(), clock.now())) {
            Ok(status) => Ok(AppLockStatus { locked, ..status }),
            Err(Error::NotReady(_)) => Ok(AppLockStatus {
                enabled: false,
                locked: false,
                idle_minutes: lock::DEFAULT_IDLE_MINUTES,
                retry_after_seconds: None,
            }),
            Err(err) => Err(err),
        }
    }

    /// Turns the lock on (a new password), or changes the password or the idle time of the lock
    /// in force, which takes the current password. Nothing is stored unless all of it is right.
    pub fn set_app_lock(&self, input: &AppLockInput) -> Result<AppLockStatus> {
        self.with_store(|store, clock| {
            let now = clock.now();
            let enabled = lock::is_enabled(store.conn())?;
            let current = input.current_password.as_deref().unwrap_or("");
            let new = input.new_password.as_deref().filter(|p| !p.is_empty());

            let mut fields = Vec::new();
            if let Some(message) = lock::check_idle_minutes(input.idle_minutes) {
                fields.push(FieldError::new("idleMinutes", message));
            }
            match new {
                Some(password) => {
                    if let Some(message) = lock::check_new_password(password) {
                        fields.push(FieldError::new("newPassword", message));
                    } else if input.new_password_again.as_deref() != Some(password) {
                        fields.push(FieldError::new(
                            "newPasswordAgain",
                            "两次输入的新密码不一致，请重新输入。",
                        ));
                    }
                }
                None if !enabled => fields.push(FieldError::new(
                    "newPassword",
                    format!("请设置密码，至少 {} 个字符。", lock::MIN_PASSWORD_CHARS),
                )),
                None => {}
            }
            if enabled && current.is_empty() {
                fields.push(FieldError::new("currentPassword", "请输入当前密码。"));
            }
            // Refused before the current password is checked, so a typo elsewhere does not count
            // as a wrong password.
            if !fields.is_empty() {
                return Err(Error::validation(fields));
            }
            if enabled {
                lock::check_password(store, current, now, "currentPassword", "当前密码")?;
            }
            let hash = new.map(lock::hash_password).transpose()?;
            store.with_tx(|tx| lock::save(tx, hash.as_deref(), input.idle_minutes, now))
        })?;
        self.app_lock_status()
    }

    /// Turns the lock off; takes the current password.
    pub fn clear_app_lock(&self, current_password: &str) -> Result<AppLockStatus> {
        self.with_store(|store, clock| {
            if !lock::is_enabled(store.conn())? {
                return Err(Error::NotReady("应用锁没有启用，无需关闭。".into()));
            }
            lock::check_password(
                store,
                current_password,
                clock.now(),
                "currentPassword",
                "当前密码",
            )?;
            store.with_tx(lock::clear).map(|_| ())
        })?;
        self.window_locked.store(false, Ordering::SeqCst);
        self.app_lock_status()
    }

    /// 解锁: the right password opens the window. Wrong ones are counted (see
    /// [`lock::check_password`]).
    pub fn unlock_app(&self, password: &str) -> Result<AppLockStatus> {
        if self.is_locked() {
            self.with_store(|store, clock| {
                lock::check_password(store, password, clock.now(), "password", "密码")
            })?;
            self.window_locked.store(false, Ordering::SeqCst);
        }
        self.app_lock_status()
    }

    /// 锁定 now (the header's button, the tray, the idle timer). Refused without a password, which
    /// could never unlock it.
    pub fn lock_app(&self) -> Result<AppLockStatus> {
        if !self.app_lock_enabled()? {
            return Err(Error::NotReady(
                "还没有设置应用锁密码，无法锁定：请先在“设置 → 应用锁”中设置。".into(),
            ));
        }
        self.window_locked.store(true, Ordering::SeqCst);
        self.app_lock_status()
    }

    /// Forgot the password: removes the lock without asking for it. Only the command line offers
    /// this — whoever can run it on the data directory can read the database file anyway. True
    /// when a password was set.
    pub fn reset_app_lock(&self) -> Result<bool> {
        let was_set = self.with_store(|store, _| store.with_tx(lock::clear))?;
        self.window_locked.store(false, Ordering::SeqCst);
        Ok(was_set)
    }
}
