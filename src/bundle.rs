//! The offline edition: the whole site as one deterministic zip (sorted entries, fixed times,
//! no extra fields), to copy on a USB stick, and its SHA-256.

use crate::render::Files;
use sha2::{Digest, Sha256};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Zips `files` (the site as rendered for the zip) under a folder named after the edition, so
/// that unzipping never scatters files. Every entry carries the edition date at noon.
pub fn zip(files: &Files, edition: &str) -> Vec<u8> {
    let (y, m, d) = crate::dates::parse(edition).unwrap_or((1980, 1, 1));
    let time = DateTime::from_date_and_time(y.clamp(1980, 2107) as u16, m as u8, d as u8, 12, 0, 0).unwrap_or_default();
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let folder = format!("aiguillage-{edition}");
    let mut entries: Vec<(&str, &Vec<u8>)> = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        // The zip-only copy of the offline page replaces the site's one.
        let name = if path == crate::render::IN_BUNDLE_OFFLINE {
            "hors-ligne.html"
        } else if path.starts_with('.') || (path == "hors-ligne.html" && files.contains_key(crate::render::IN_BUNDLE_OFFLINE)) {
            continue;
        } else {
            path.as_str()
        };
        entries.push((name, bytes));
    }
    entries.sort_by(|a, b| a.0.cmp(b.0));
    // Compressing is most of the work: runs of entries are compressed side by side into small
    // archives, then copied as they are, in order, into the edition. Runs have a fixed length,
    // so the bytes do not depend on the number of threads.
    use rayon::prelude::*;
    let parts: Option<Vec<Vec<u8>>> = entries
        .par_chunks(64)
        .map(|run| {
            let mut w = ZipWriter::new(Cursor::new(Vec::new()));
            for (name, bytes) in run {
                w.start_file(format!("{folder}/{name}"), opts).ok()?;
                w.write_all(bytes).ok()?;
            }
            w.finish().ok().map(|c| c.into_inner())
        })
        .collect();
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for part in parts.unwrap_or_default() {
        let Ok(archive) = zip::ZipArchive::new(Cursor::new(part)) else { return Vec::new() };
        if w.merge_archive(archive).is_err() {
            return Vec::new();
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
