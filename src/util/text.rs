//! Text files as contributors' editors write them: at most [`MAX_FILE_BYTES`], UTF-8 (a
//! byte-order mark is dropped), CRLF and lone CR turned into LF, accents normalised to NFC.
//! What went wrong is a [`TextError`]; the modules that read files say it in words.

use std::path::Path;

/// The largest record or page file read (1 MiB): a record is a short form.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    NotFound,
    /// Another input/output error, as the system words it.
    Io(String),
    Symlink,
    /// Larger than [`MAX_FILE_BYTES`]; its size in KiB.
    TooLarge(u64),
    /// Nothing but white space.
    Empty,
    /// Not UTF-8: the line and column of the first bad byte.
    NotUtf8 { line: u32, col: u32 },
}

impl From<std::io::Error> for TextError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound { TextError::NotFound } else { TextError::Io(e.to_string()) }
    }
}

/// Reads a text file; a symbolic link is refused.
pub fn read(path: &Path) -> Result<String, TextError> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(TextError::Symlink);
    }
    read_found(path)
}

/// [`read`] for a file a walk found: the walk has already refused symbolic links, and a second
/// look at the name would cost a path lookup per record.
pub fn read_found(path: &Path) -> Result<String, TextError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Err(TextError::TooLarge(len / 1024));
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    // Never more than the limit, even if the file grows while it is read.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    decode(bytes)
}

/// The text of a file's bytes (without copying those of a plain UTF-8 file).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, TextError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TextError::Empty);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let good = &bytes[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let last = good.iter().rposition(|b| *b == b'\n').map(|p| p + 1).unwrap_or(0);
            let col = String::from_utf8_lossy(&good[last..]).chars().count() as u32 + 1;
            return Err(TextError::NotUtf8 { line, col });
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    // Below U+0300 every character is its own NFC form (UTF-8 lead bytes below 0xCC): French
    // text with its accents needs no table lookup.
    if !super::bytes::any(text.as_bytes(), |b| b >= 0xCC) {
        return Ok(text);
    }
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc".to_vec()), Ok("a\nb\nc".to_string()));
        assert_eq!(decode(b" \n ".to_vec()), Err(TextError::Empty));
        assert_eq!(decode(b"ok\nab\xFF".to_vec()), Err(TextError::NotUtf8 { line: 2, col: 3 }));
        // "e" + combining acute accent becomes "é".
        assert_eq!(decode("e\u{301}".as_bytes().to_vec()), Ok("\u{e9}".to_string()));
    }
}
