//! Files on disk: writing one so that a crash or power cut never leaves half of it under its final
//! name, and joining a stored relative path so that it can never point outside its folder.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// Larger attachments are refused: attachments are evidence, not an archive of disk images. The
/// backup mirror copies at most this much of one file too.
pub const MAX_ATTACHMENT_BYTES: u64 = 100 * 1024 * 1024;

/// Writes `dest` through `<dest>.partial`: `write` fills the file, which is then synced and renamed
/// into place. On any failure the partial file is removed and `dest` is left as it was.
pub fn write_atomically<T>(
    dest: &Path,
    write: impl FnOnce(&mut File) -> io::Result<T>,
) -> io::Result<T> {
    let partial = append(dest, ".partial");
    let written = (|| {
        let mut file = File::create(&partial)?;
        let value = write(&mut file)?;
        file.sync_all()?;
        fs::rename(&partial, dest)?;
        Ok(value)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&partial);
    }
    written
}

/// Copies `input` to `dest` through [`write_atomically`], reading at most `limit` bytes: a source
/// that is larger, or grows after its size was checked (a log still being written, a file on a
/// share), is refused with [`io::ErrorKind::FileTooLarge`] and nothing is left under `dest`.
pub fn copy_bounded(dest: &Path, input: impl io::Read, limit: u64) -> io::Result<u64> {
    write_atomically(dest, |out| {
        let n = io::copy(&mut input.take(limit + 1), out)?;
        if n > limit {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the source passed its size limit while being copied",
            ));
        }
        Ok(n)
    })
}

/// Why a stored or received relative path was refused by [`join_under`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafePath(pub String);

impl std::fmt::Display for UnsafePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Joins a path that came from the store, an archive or the webview under `base/folder`, refusing
/// anything that could land outside it. Paths are written with `/` in the store on every system,
/// so a relative path is only ever `folder/part/part…` with plain parts: no `..` or `.`, no root,
/// no drive (`C:`) or UNC (`\\host`) prefix, no backslash, no control characters and nothing
/// empty. The check is on the text, not on the disk, so it refuses the same on Windows and Linux
/// and needs no file to exist.
pub fn join_under(
    base: &Path,
    folder: &str,
    relative: &str,
) -> Result<std::path::PathBuf, UnsafePath> {
    let refuse = |why: &str| UnsafePath(format!("存放位置“{}”{why}", shown(relative)));
    if relative.is_empty() {
        return Err(refuse("为空"));
    }
    if relative.len() > 1024 {
        return Err(refuse("过长"));
    }
    if relative.chars().any(|c| c.is_control()) {
        return Err(refuse("含有控制字符"));
    }
    if relative.contains('\\') || relative.contains(':') {
        return Err(refuse("含有盘符或反斜杠，不是本程序写入的位置"));
    }
    if relative.starts_with('/') {
        return Err(refuse("是绝对路径，不是本程序写入的位置"));
    }
    let mut parts = relative.split('/');
    if parts.next() != Some(folder) {
        return Err(refuse(&format!("不在“{folder}”文件夹下")));
    }
    let mut joined = base.join(folder);
    let mut any = false;
    for part in parts {
        if part.is_empty() || part == "." || part == ".." {
            return Err(refuse("含有“..”或空的路径段，可能指向数据目录以外"));
        }
        joined.push(part);
        any = true;
    }
    if !any {
        return Err(refuse("没有文件名"));
    }
    Ok(joined)
}

/// The first 80 characters of a path for a message, control characters shown as `?`.
fn shown(text: &str) -> String {
    text.chars()
        .take(80)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// `path` with `suffix` added to its file name (`a.sqlite3` → `a.sqlite3.partial`).
pub fn append(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod join_tests {
    use super::*;

    #[test]
    fn plain_paths_under_the_folder_are_joined() {
        let base = Path::new("/data");
        assert_eq!(
            join_under(base, "attachments", "attachments/2026-11/a.png").ok(),
            Some(Path::new("/data/attachments/2026-11/a.png").to_path_buf())
        );
    }

    #[test]
    fn every_way_out_of_the_folder_is_refused() {
        let base = Path::new("/data");
        for bad in [
            "",
            "attachments",
            "attachments/",
            "attachments/../secret",
            "attachments/2026-11/../../x",
            "attachments/./x",
            "attachments//x",
            "/etc/passwd",
            "../attachments/x",
            "exports/x",
            "C:\\Windows\\system32\\calc.exe",
            "attachments\\..\\..\\x",
            "\\\\host\\share\\x.exe",
            "attachments/C:x",
            "attachments/a\u{0}b",
        ] {
            let got = join_under(base, "attachments", bad);
            assert!(got.is_err(), "{bad:?} was accepted as {got:?}");
        }
    }
}
