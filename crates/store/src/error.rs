//! Errors of the domain and the one shape in which they cross to the UI: `{ kind, message, fields }`.
//!
//! The UI branches on `kind`, never on the message text; `message` is Chinese and tells the engineer
//! what to fix. Validation errors also name each offending field so the form can show the message
//! next to it.
//!
//! SQLite and the operating system answer in English ("database is locked", "UNIQUE constraint
//! failed", "os error 28"). Their `Display` here is a Chinese sentence chosen by error code or
//! kind ([`storage_sentence`], [`io_sentence`]); the raw text goes to the log (`tracing`) when the
//! error crosses to the UI, never into the message.

use serde::Serialize;
use ts_rs::TS;

/// A stable category the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ErrorKind {
    /// The input was refused; `fields` says where.
    Validation,
    NotFound,
    /// SQLite refused or failed an operation.
    Storage,
    /// The database file failed its integrity check.
    Corrupt,
    /// The database was written by a newer DutyDesk.
    TooNew,
    Io,
    /// The store is not open (start-up found a problem that the recovery screen must solve first).
    NotReady,
    /// The window is locked (应用锁): every command but unlocking is refused until the password is
    /// entered.
    Locked,
    /// Too many wrong passwords in a row: the next try must wait (the message says how long).
    Throttled,
    Internal,
}

/// One field's complaint, `field` being the camelCase path used by the form (`engineers.0.phone`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The error every command returns to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// The domain error. Each variant's `Display` is the Chinese sentence shown to the engineer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    Validation {
        message: String,
        fields: Vec<FieldError>,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("数据库文件已损坏{}，无法读取：{path}。原文件会保留，不会删除；可以从备份恢复。", shown_detail(.detail))]
    Corrupt { path: String, detail: String },
    #[error(
        "数据库由更新版本的驻场运维台创建（数据库版本 {found}，本程序只支持到 {supported}）。\
         为防止数据损坏，已拒绝打开，文件未作任何改动：{path}。请安装最新版本后再打开。"
    )]
    TooNew {
        path: String,
        found: u32,
        supported: u32,
    },
    #[error("{}", storage_sentence(.0))]
    Storage(#[from] rusqlite::Error),
    #[error("文件读写失败（{path}）：{}", io_sentence(.source))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    NotReady(String),
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    Throttled(String),
    #[error("内部错误：{0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [only] => only.message.clone(),
            _ => format!("有 {} 处填写需要修改，请查看标红的字段。", fields.len()),
        };
        Error::Validation { message, fields }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
            Error::NotReady(_) => ErrorKind::NotReady,
            Error::Locked(_) => ErrorKind::Locked,
            Error::Throttled(_) => ErrorKind::Throttled,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }
}

/// A corruption's detail as the engineer sees it: the app's own Chinese finding (`文件长度 … 不是整页`)
/// is shown in brackets; SQLite's English verdict (`*** in database main *** …`) only goes to the
/// log.
fn shown_detail(detail: &str) -> String {
    if detail.is_ascii() || detail.trim().is_empty() {
        String::new()
    } else {
        format!("（{detail}）")
    }
}

/// The Chinese sentence for a SQLite error, by its (extended) result code. A message that a
/// trigger raised in Chinese (`RAISE(ABORT, '审计记录只能追加…')`) is shown as written.
pub fn storage_sentence(err: &rusqlite::Error) -> String {
    use rusqlite::ffi;
    use rusqlite::ErrorCode as C;
    match err {
        rusqlite::Error::SqliteFailure(e, message) => {
            let raised = message.as_deref().filter(|m| !m.is_ascii());
            match (e.code, e.extended_code) {
                (C::ConstraintViolation, _) if raised.is_some() => {
                    format!("{}。", raised.unwrap_or_default().trim_end_matches('。'))
                }
                (C::DatabaseBusy | C::DatabaseLocked | C::FileLockingProtocolFailed, _) => {
                    "数据库正忙（可能另一个驻场运维台窗口、命令行或备份程序正在使用它），请稍等几秒再试。"
                        .into()
                }
                (
                    C::ConstraintViolation,
                    ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
                ) => "记录重复：已有相同编号或相同内容的记录，未保存；请修改后再保存。".into(),
                (C::ConstraintViolation, ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => {
                    "关联的记录不存在或已被删除，未保存；请刷新页面后重试。".into()
                }
                (C::ConstraintViolation, ffi::SQLITE_CONSTRAINT_NOTNULL) => {
                    "有必须填写的内容为空，未保存；请补全后再保存。".into()
                }
                (C::ConstraintViolation, _) => {
                    "填写的内容不符合要求，未保存；请检查后再保存。".into()
                }
                (C::DiskFull, _) => {
                    "磁盘空间不足，数据未保存；请清理数据目录所在的磁盘后重试。".into()
                }
                (C::ReadOnly, _) => {
                    "数据库文件是只读的，无法保存；请检查数据目录的权限，或磁盘是否写保护。".into()
                }
                (C::DatabaseCorrupt | C::NotADatabase, _) => {
                    "数据库文件已损坏，无法读写；请重新启动程序，按提示从备份恢复。".into()
                }
                (C::CannotOpen, _) => {
                    "无法打开数据库文件；请检查数据目录是否存在、是否有读写权限。".into()
                }
                (C::PermissionDenied | C::AuthorizationForStatementDenied, _) => {
                    "没有权限访问数据库文件；请检查数据目录的权限。".into()
                }
                (C::SystemIoFailure, _) => {
                    "读写数据库文件时磁盘出错（磁盘故障或网络共享断开）；请检查磁盘后重试。".into()
                }
                (C::OutOfMemory, _) => "内存不足，操作未完成；请关闭其他程序后重试。".into(),
                (C::TooBig, _) => "内容过大，超出了数据库的限制；请缩短后再保存。".into(),
                (C::OperationInterrupted | C::OperationAborted | C::SchemaChanged, _) => {
                    "数据库操作被中断，未保存；请重试。".into()
                }
                (_, code) => format!(
                    "数据库操作失败（错误码 {code}），未保存；请重试，若反复出现请把日志发给维护人员。"
                ),
            }
        }
        rusqlite::Error::QueryReturnedNoRows => {
            "要找的记录不存在，可能已被删除；请刷新页面后重试。".into()
        }
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) if !inner.to_string().is_ascii() => {
            format!("数据库中有一条记录无法读取：{inner}。")
        }
        _ => "数据库中的数据与本程序不符，操作未完成；请把日志发给维护人员。".into(),
    }
}

/// The Chinese sentence for an I/O error, by its kind (`StorageFull`, `PermissionDenied`, …).
pub fn io_sentence(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match err.kind() {
        K::NotFound => "文件或文件夹不存在，可能已被移动或删除",
        K::PermissionDenied => "没有权限，请检查文件或文件夹的权限，或文件是否被其他程序占用",
        K::StorageFull => "磁盘空间不足，请清理磁盘后重试",
        K::QuotaExceeded => "超出了磁盘配额，请清理后重试",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的，无法写入",
        K::AlreadyExists => "同名文件已存在",
        K::FileTooLarge => "文件过大",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidFilename => "文件名无效（过长或含有不允许的字符）",
        K::CrossesDevices => "不能跨磁盘移动文件",
        K::ResourceBusy | K::WouldBlock => "文件正被其他程序占用，请关闭该程序后重试",
        K::TimedOut => "读写超时（网络共享或移动硬盘可能已断开）",
        K::Interrupted => "读写被中断，请重试",
        K::UnexpectedEof => "文件不完整（可能被截断或仍在写入）",
        K::InvalidData => "文件内容无法识别",
        K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::BrokenPipe
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::NetworkDown => "网络共享连接中断，请检查网络后重试",
        K::OutOfMemory => "内存不足",
        K::Unsupported => "当前系统不支持这项操作",
        _ => {
            return match err.raw_os_error() {
                Some(code) => format!("读写失败（系统错误码 {code}），请检查磁盘和权限后重试"),
                None => "读写失败，请检查磁盘和权限后重试".into(),
            }
        }
    };
    text.into()
}

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
        // The raw English detail (SQLite's message, the OS error) is for whoever reads the log;
        // the engineer sees the Chinese sentence.
        match &err {
            Error::Storage(raw) => tracing::warn!(error = ?raw, "storage error"),
            Error::Io { path, source } => tracing::warn!(%path, error = ?source, "i/o error"),
            Error::Corrupt { path, detail } => tracing::warn!(%path, %detail, "corrupt database"),
            _ => {}
        }
        let kind = err.kind();
        let message = err.to_string();
        let fields = match err {
            Error::Validation { fields, .. } => fields,
            _ => Vec::new(),
        };
        IpcError {
            kind,
            message,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_crosses_with_its_fields() {
        let err = Error::validation(vec![FieldError::new("projectName", "请填写项目名称")]);
        let ipc = IpcError::from(err);
        let json = serde_json::to_value(&ipc).unwrap_or_default();
        assert_eq!(json["kind"], "validation");
        assert_eq!(json["message"], "请填写项目名称");
        assert_eq!(json["fields"][0]["field"], "projectName");
    }

    #[test]
    fn several_field_errors_get_a_summary_message() {
        let err = Error::validation(vec![
            FieldError::new("projectName", "请填写项目名称"),
            FieldError::new("contractEnd", "合同结束日期早于开始日期"),
        ]);
        assert_eq!(err.to_string(), "有 2 处填写需要修改，请查看标红的字段。");
    }
}
