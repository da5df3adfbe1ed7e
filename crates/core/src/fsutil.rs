//! Writing a file so that a crash or power cut never leaves half of it under its final name.

use std::fs::{self, File};
use std::io;
use std::path::Path;

use crate::store;

/// Writes `dest` through `<dest>.partial`: `write` fills the file, which is then synced and renamed
/// into place. On any failure the partial file is removed and `dest` is left as it was.
pub(crate) fn write_atomically<T>(
    dest: &Path,
    write: impl FnOnce(&mut File) -> io::Result<T>,
) -> io::Result<T> {
    let partial = store::append(dest, ".partial");
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
