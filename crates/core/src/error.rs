//! Errors of the domain and the one shape in which they cross to the UI: `{ kind, message, fields }`.
//!
//! The UI branches on `kind`, never on the message text; `message` is Chinese and tells the engineer
//! what to fix. Validation errors also name each offending field so the form can show the message
//! next to it.

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
    #[error("数据库文件已损坏（{detail}）：{path}。原文件会保留，不会删除；可以从备份恢复。")]
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
    #[error("数据库操作失败：{0}")]
    Storage(#[from] rusqlite::Error),
    #[error("文件读写失败（{path}）：{source}")]
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

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
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
