//! Opening a file for the engineer (打开文件): what the shell may hand to the system's opener.
//!
//! The webview never names a path to open. An attachment is opened by its id, its stored path
//! resolved here through [`crate::fsutil::join_under`], so a row from a hostile archive cannot
//! point the opener at `C:\Windows\…` or a UNC share. An export is opened only when the app itself
//! wrote it: a path recorded in [`WrittenFiles`] this session (the save dialog's answer), its
//! folder, or a file by name in `<data dir>/exports/`. Executables and scripts are never run:
//! [`decide`] turns them into "show in its folder".

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::app::App;
use crate::error::{Error, FieldError, Result};
use crate::fsutil::join_under;

/// Extensions that run code when "opened" by the system's default handler on Windows or Linux
/// desktops. Files with these extensions are only shown in their folder (lower case, no dot).
/// The list errs on the side of caution: an attachment is evidence, never something to run.
#[rustfmt::skip]
pub const NEVER_OPENED: &[&str] = &[
    // Windows programs, installers and shortcuts
    "exe", "com", "scr", "pif", "cpl", "msi", "msp", "mst", "dll", "sys", "appx", "msix",
    "appref-ms", "application", "gadget", "lnk", "url", "scf", "library-ms", "settingcontent-ms",
    "msu", "cab", "diagcab", "appinstaller", "xbap", "vsto",
    // Disk images Windows mounts with a double click (their content then runs one click away)
    "iso", "img", "vhd", "vhdx",
    // Windows scripts and script hosts
    "bat", "cmd", "ps1", "psm1", "psd1", "ps1xml", "psc1", "vbs", "vbe", "js", "jse", "wsf",
    "wsh", "wsc", "hta", "sct", "msc", "reg", "inf", "chm", "xll", "jar", "jnlp",
    // Unix scripts, packages and launchers
    "sh", "bash", "zsh", "csh", "ksh", "fish", "run", "bin", "out", "elf", "desktop", "appimage",
    "deb", "rpm", "flatpakref", "snap", "command", "tool", "workflow", "app", "pkg", "dmg",
    // Interpreters' files
    "py", "pyw", "pyc", "pl", "rb", "php", "lua", "tcl",
    // Office files with macros enabled run code too
    "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm",
];

/// What the shell does with a resolved path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenAction {
    /// Open with the system's default program.
    Open(PathBuf),
    /// Only select it in the file manager (an executable or script, or a file without a name the
    /// system could trust).
    Reveal(PathBuf),
}

/// True for a file the system would run rather than show: by extension (any case, and the last
/// one counts: `报告.pdf.exe` is an exe), or a name with no extension at all (an ELF or a script
/// with a `#!` line runs as a program on Linux).
pub fn is_executable(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return true;
    };
    // Windows ignores trailing dots and spaces: `a.exe.` and `a.exe ` run as `a.exe`.
    let name = name.trim_end_matches(['.', ' ']);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => NEVER_OPENED.contains(&ext),
        _ => true,
    }
}

/// Open a file, or only reveal it when it is an executable or a script. A folder is opened.
pub fn decide(path: PathBuf) -> OpenAction {
    if path.is_dir() || !is_executable(&path) {
        OpenAction::Open(path)
    } else {
        OpenAction::Reveal(path)
    }
}

fn refuse(message: impl Into<String>) -> Error {
    Error::validation(vec![FieldError::new("path", message)])
}

/// The files the app wrote this session where the engineer chose (the save dialog's answers),
/// kept by the shell: the only places outside the data directory the opener may go.
#[derive(Debug, Default)]
pub struct WrittenFiles(Mutex<Vec<PathBuf>>);

impl WrittenFiles {
    /// At most this many are remembered (the oldest are forgotten); a session writes a handful.
    const KEEP: usize = 200;

    pub fn record(&self, path: impl Into<PathBuf>) {
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let path = path.into();
        list.retain(|p| *p != path);
        list.push(path);
        let excess = list.len().saturating_sub(Self::KEEP);
        list.drain(..excess);
    }

    fn contains(&self, path: &Path) -> bool {
        let list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        list.iter().any(|p| p == path)
    }

    fn is_folder_of_one(&self, dir: &Path) -> bool {
        let list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        list.iter().any(|p| p.parent() == Some(dir))
    }

    /// Resolves `requested` (as the UI got it back from an export command) to what may be opened:
    /// a file the app wrote this session, the folder holding one, the `<data dir>/exports` folder,
    /// or a file by name directly in it. Anything else is refused.
    pub fn resolve(&self, data_dir: &Path, requested: &str) -> Result<OpenAction> {
        let requested = requested.trim();
        let shown: String = requested.chars().take(120).collect();
        if requested.is_empty() {
            return Err(refuse("没有要打开的文件。"));
        }
        let path = PathBuf::from(requested);
        if self.contains(&path) {
            return existing(decide(path), &shown);
        }
        if self.is_folder_of_one(&path) {
            return existing(OpenAction::Open(path), &shown);
        }
        let exports = data_dir.join("exports");
        if path == exports {
            return existing(OpenAction::Open(path), &shown);
        }
        if path.parent() == Some(exports.as_path()) {
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                let joined = join_under(data_dir, "exports", &format!("exports/{name}"))
                    .map_err(|e| refuse(format!("{e}，拒绝打开。")))?;
                return existing(decide(joined), &shown);
            }
        }
        Err(refuse(format!(
            "“{shown}”不是本程序导出的文件，为安全起见不能从这里打开；请在文件管理器中自行打开。"
        )))
    }
}

fn existing(action: OpenAction, shown: &str) -> Result<OpenAction> {
    let path = match &action {
        OpenAction::Open(p) | OpenAction::Reveal(p) => p,
    };
    if path.exists() {
        Ok(action)
    } else {
        Err(Error::NotFound(format!(
            "文件“{shown}”已不存在，可能被移动或删除；请重新导出。"
        )))
    }
}

impl App {
    /// What opening attachment `id` does: its copy in the data directory, opened, or only revealed
    /// when it is an executable or a script. A stored path that would leave `attachments/` is
    /// refused (see [`crate::attachments::path_of`]).
    pub fn attachment_open_action(&self, id: i64) -> Result<OpenAction> {
        let path = self.attachment_path(id)?;
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "附件 {id} 的文件已不在数据目录中（可能被删除或移动），可以从备份恢复。"
            )));
        }
        Ok(decide(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_and_scripts_are_executable_documents_are_not() {
        for bad in [
            "a.exe",
            "A.EXE",
            "报告.pdf.exe",
            "x.bat",
            "x.cmd",
            "x.ps1",
            "x.vbs",
            "x.js",
            "x.lnk",
            "x.sh",
            "x.desktop",
            "x.AppImage",
            "x.jar",
            "x.py",
            "x.msi",
            "x.scr",
            "x.hta",
            "x.xlsm",
            "a.exe.",
            "a.exe ",
            "noextension",
            ".bashrc",
        ] {
            assert!(is_executable(Path::new(bad)), "{bad} would be opened");
        }
        for good in [
            "故障报告-GZ-2026-11-001.xlsx",
            "截图.png",
            "签到表.PDF",
            "日志.txt",
            "a.docx",
            "x.jpeg",
        ] {
            assert!(
                !is_executable(Path::new(good)),
                "{good} would not be opened"
            );
        }
    }
}
