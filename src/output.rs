//! Writing the site atomically: the new tree is made beside the old one and swapped in only
//! when complete. Unchanged files are hard-linked from the old tree (their bytes are never
//! rewritten, so their modification time stays); when nothing changed, nothing is written.
//! A lock file keeps two builds from writing the same output at once.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Why the output could not be written; the caller turns it into a message.
#[derive(Debug)]
pub enum OutputError {
    /// Another build holds the lock.
    Locked(PathBuf),
    /// `--out` is not a usable folder (a file, the content itself, `/`…).
    BadTarget(String),
    Io(PathBuf, io::Error),
}

fn io_err(p: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |e| OutputError::Io(p.to_path_buf(), e)
}

/// Sibling paths used while building `out`: `.<name>.aiguillage-{new,old,lock}`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.aiguillage-{what}"))
}

/// Refuses outputs that would destroy something that is not a site: `/`, the home folder, the
/// content folder or one of its parents, a file.
pub fn check_target(out: &Path, content: &Path) -> Result<(), OutputError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // Normalise `.` and `..` without touching the file system (the folder may not exist).
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                c => out.push(c),
            }
        }
        fs::canonicalize(&out).unwrap_or(out)
    };
    let o = abs(out);
    let c = abs(content);
    if o.parent().is_none() {
        return Err(OutputError::BadTarget("/".into()));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && o == abs(&home)
    {
        return Err(OutputError::BadTarget(out.display().to_string()));
    }
    if c.starts_with(&o) || o.starts_with(&c) {
        return Err(OutputError::BadTarget(out.display().to_string()));
    }
    if o.exists() && !o.is_dir() {
        return Err(OutputError::BadTarget(out.display().to_string()));
    }
    Ok(())
}

/// Holds the output lock while alive. The lock is an OS file lock, released when the process
/// ends however it ends, so a killed build never blocks the next one.
pub struct Lock {
    _file: File,
}

pub fn lock(out: &Path) -> Result<Lock, OutputError> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let path = sibling(out, "lock");
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(OutputError::Locked(path)),
        Err(fs::TryLockError::Error(e)) => Err(OutputError::Io(path, e)),
    }
}

/// Puts back a site left aside by a build killed between its two renames.
fn recover(out: &Path) -> Result<(), OutputError> {
    let old = sibling(out, "old");
    if !out.exists() && old.is_dir() {
        fs::rename(&old, out).map_err(io_err(out))?;
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    let new = sibling(out, "new");
    if new.exists() {
        fs::remove_dir_all(&new).map_err(io_err(&new))?;
    }
    Ok(())
}

/// Every file under `dir`, relative, `/`-separated.
fn existing(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut m = BTreeMap::new();
    if !dir.is_dir() {
        return m;
    }
    for e in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        if e.file_type().is_file()
            && let Ok(rel) = e.path().strip_prefix(dir)
        {
            m.insert(rel.to_string_lossy().replace('\\', "/"), e.path().to_path_buf());
        }
    }
    m
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.len() == bytes.len() as u64 => fs::read(path).map(|b| b == bytes).unwrap_or(false),
        _ => false,
    }
}

/// Writes `files` as the new content of `out`.
pub fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport, OutputError> {
    recover(out)?;
    let old = existing(out);
    let mut report = WriteReport::default();
    let changed: Vec<&String> = files.keys().filter(|k| !old.get(*k).is_some_and(|p| same_bytes(p, &files[*k]))).collect();
    let removed = old.keys().filter(|k| !files.contains_key(*k)).count();
    if changed.is_empty() && removed == 0 && out.is_dir() {
        report.unchanged = files.len();
        return Ok(report);
    }
    let new = sibling(out, "new");
    fs::create_dir_all(&new).map_err(io_err(&new))?;
    let result = (|| -> Result<(), OutputError> {
        let changed: std::collections::BTreeSet<&String> = changed.into_iter().collect();
        let mut made_dirs: std::collections::BTreeSet<PathBuf> = std::collections::BTreeSet::new();
        for (rel, bytes) in files {
            let dest = new.join(rel);
            if let Some(parent) = dest.parent()
                && made_dirs.insert(parent.to_path_buf())
            {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            if !changed.contains(rel) {
                let src = &old[rel];
                if fs::hard_link(src, &dest).is_ok() {
                    report.unchanged += 1;
                    continue;
                }
                // No hard links here (FAT, another device): copy and keep the time.
                fs::copy(src, &dest).map_err(io_err(&dest))?;
                if let Ok(t) = fs::metadata(src).and_then(|m| m.modified()) {
                    let _ = File::options().write(true).open(&dest).and_then(|f| f.set_modified(t));
                }
                report.unchanged += 1;
                continue;
            }
            let mut f = File::create(&dest).map_err(io_err(&dest))?;
            f.write_all(bytes).map_err(io_err(&dest))?;
            report.written += 1;
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&new);
        return Err(e);
    }
    // Swap: the old tree aside, the new one in, then the old one away.
    let aside = sibling(out, "old");
    if out.exists() {
        fs::rename(out, &aside).map_err(io_err(out))?;
    }
    if let Err(e) = fs::rename(&new, out) {
        let _ = fs::rename(&aside, out);
        return Err(OutputError::Io(out.to_path_buf(), e));
    }
    if aside.exists() {
        let _ = fs::remove_dir_all(&aside);
    }
    report.removed = removed;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_rebuild_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), b"a".to_vec());
        files.insert("x/y.html".to_string(), b"b".to_vec());
        let r = write_site(&out, &files).unwrap();
        assert_eq!(r.written, 2);
        let r = write_site(&out, &files).unwrap();
        assert_eq!((r.written, r.unchanged), (0, 2));
        files.insert("index.html".to_string(), b"c".to_vec());
        let r = write_site(&out, &files).unwrap();
        assert_eq!((r.written, r.unchanged), (1, 1));
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"c");
    }

    #[test]
    fn refuses_dangerous_targets() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(&content).unwrap();
        assert!(check_target(Path::new("/"), &content).is_err());
        assert!(check_target(&content, &content).is_err());
        assert!(check_target(dir.path(), &content).is_err());
        assert!(check_target(&dir.path().join("public"), &content).is_ok());
    }
}
