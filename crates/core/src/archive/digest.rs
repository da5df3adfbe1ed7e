//! The archive's digests and its one refusal: the leaf every other archive file uses, so the
//! archive's module (row hashes) and its table specs (attachment checks) do not use each other.

use sha2::{Digest, Sha256};

use crate::error::{Error, FieldError};

pub(crate) use crate::audit::hex;

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 and size of a file, streamed: attachments may be up to 100 MB each.
pub(crate) fn sha256_file(path: &std::path::Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut h)?;
    Ok((hex(&h.finalize()), bytes))
}

/// A refusal of the archive as a whole, shown as it is.
pub(crate) fn refuse(message: impl Into<String>) -> Error {
    Error::validation(vec![FieldError::new("archive", message)])
}
