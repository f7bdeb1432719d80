//! Writing the site atomically: the new tree is made beside the old one and swapped in only
//! when complete. Unchanged files are hard-linked from the old tree (their bytes are never
//! rewritten, so their modification time stays); when nothing changed, nothing is written.
//! A lock file keeps two builds from writing the same output at once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
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

/// A build's new tree, filled file by file (from many threads) as pages are rendered.
///
/// A file whose bytes equal the old tree's is not written; at commit the unchanged files are
/// hard-linked from the old tree into the new one (so their modification time stays) and the
/// new tree is swapped in. When nothing changed, nothing is created at all.
pub struct Staging {
    out: PathBuf,
    new: PathBuf,
    old: BTreeMap<String, PathBuf>,
    state: Mutex<StagingState>,
}

#[derive(Default)]
struct StagingState {
    seen: BTreeSet<String>,
    written: usize,
    dirs: BTreeSet<PathBuf>,
    error: Option<OutputError>,
    /// Files whose bytes equal the old tree's: linked at commit.
    keep: Vec<String>,
    /// Size and modification time of each file written, read from its open handle (for the
    /// stamp, without a second look at every path).
    stamps: Vec<(String, u64, String)>,
}

impl Staging {
    /// Puts back a site left aside by an interrupted build, then lists the current one.
    pub fn begin(out: &Path) -> Result<Staging, OutputError> {
        recover(out)?;
        Ok(Staging { out: out.to_path_buf(), new: sibling(out, "new"), old: existing(out), state: Mutex::new(StagingState::default()) })
    }

    /// Adds one file of the new site. Errors are kept and returned by [`Staging::commit`].
    pub fn put(&self, rel: &str, bytes: &[u8]) {
        let unchanged = self.old.get(rel).is_some_and(|p| same_bytes(p, bytes));
        let dest = self.new.join(rel);
        let parent = dest.parent().map(Path::to_path_buf);
        {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.seen.insert(rel.to_string());
            if unchanged {
                st.keep.push(rel.to_string());
            }
            if unchanged || st.error.is_some() {
                return;
            }
            st.written += 1;
            if let Some(p) = &parent
                && !st.dirs.contains(p)
            {
                if let Err(e) = fs::create_dir_all(p) {
                    st.error = Some(OutputError::Io(p.clone(), e));
                    return;
                }
                st.dirs.insert(p.clone());
            }
        }
        let written = File::create(&dest).and_then(|mut f| {
            f.write_all(bytes)?;
            f.metadata()
        });
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match written {
            Ok(m) => {
                if let Some(t) = file_time(&m) {
                    st.stamps.push((rel.to_string(), m.len(), t));
                }
            }
            Err(e) => {
                st.error.get_or_insert(OutputError::Io(dest, e));
            }
        }
    }

    /// Drops the new tree: the old site stays as it was.
    pub fn abort(self) {
        if self.new.exists() {
            let _ = fs::remove_dir_all(&self.new);
        }
    }

    /// Completes the new tree with the unchanged files and swaps it in. With a fingerprint,
    /// leaves the stamp of this build beside the output (see [`stamp_holds`]).
    pub fn commit(self, fingerprint: Option<&str>) -> Result<WriteReport, OutputError> {
        let st = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let cleanup = |e: OutputError| {
            let _ = fs::remove_dir_all(&self.new);
            e
        };
        if let Some(e) = st.error {
            return Err(cleanup(e));
        }
        // No stamp while the output changes: an interrupted build is never trusted.
        clear_stamp(&self.out);
        let removed = self.old.keys().filter(|k| !st.seen.contains(*k)).count();
        let unchanged = st.seen.len() - st.written;
        if st.written == 0 && removed == 0 && self.out.is_dir() {
            if let Some(fp) = fingerprint {
                write_stamp(&self.out, fp);
            }
            return Ok(WriteReport { written: 0, unchanged, removed: 0 });
        }
        let mut dirs = st.dirs;
        let mut stamps = st.stamps;
        for rel in &st.keep {
            let Some(src) = self.old.get(rel) else { continue };
            let dest = self.new.join(rel);
            if let Some(parent) = dest.parent()
                && dirs.insert(parent.to_path_buf())
            {
                fs::create_dir_all(parent).map_err(|e| cleanup(OutputError::Io(parent.to_path_buf(), e)))?;
            }
            if fs::hard_link(src, &dest).is_err() {
                // No hard links here (FAT, another device): copy and keep the time.
                fs::copy(src, &dest).map_err(|e| cleanup(OutputError::Io(dest.clone(), e)))?;
                if let Ok(t) = fs::metadata(src).and_then(|m| m.modified()) {
                    let _ = File::options().write(true).open(&dest).and_then(|f| f.set_modified(t));
                }
            }
            if let Some((len, t)) = fs::metadata(&dest).ok().and_then(|m| Some((m.len(), file_time(&m)?))) {
                stamps.push((rel.clone(), len, t));
            }
        }
        fs::create_dir_all(&self.new).map_err(|e| cleanup(OutputError::Io(self.new.clone(), e)))?;
        // The tests kill a build between writing its new tree and swapping it in; this pause,
        // set by them only, makes that moment wide enough to hit every time.
        if let Some(ms) = std::env::var("AIGUILLAGE_TEST_PAUSE_BEFORE_SWAP_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        // Swap: the old tree aside, the new one in, then the old one away.
        let aside = sibling(&self.out, "old");
        if self.out.exists() {
            fs::rename(&self.out, &aside).map_err(|e| cleanup(OutputError::Io(self.out.clone(), e)))?;
        }
        if let Err(e) = fs::rename(&self.new, &self.out) {
            let _ = fs::rename(&aside, &self.out);
            return Err(cleanup(OutputError::Io(self.out.clone(), e)));
        }
        if aside.exists() {
            let _ = fs::remove_dir_all(&aside);
        }
        // Renaming the folder kept every file's size and time: the stamp can say them.
        if let Some(fp) = fingerprint
            && stamps.len() == st.seen.len()
        {
            stamps.sort();
            let mut text = format!("{fp}\n");
            for (rel, len, t) in &stamps {
                text.push_str(&format!("{len} {t} {rel}\n"));
            }
            let _ = fs::write(sibling(&self.out, "stamp"), text);
        }
        Ok(WriteReport { written: st.written, unchanged, removed })
    }
}

/// The record of a successful build, kept beside the output (`.<name>.aiguillage-stamp`): a
/// fingerprint of everything the build read, then the size and time of every file it left.
/// When both still hold, a new build would write the same bytes: it can stop at once.
/// Whether a build left its stamp beside `out` (it stays when `out` is deleted).
pub fn has_stamp(out: &Path) -> bool {
    sibling(out, "stamp").is_file()
}

pub fn stamp_holds(out: &Path, fingerprint: &str) -> Option<usize> {
    let text = fs::read_to_string(sibling(out, "stamp")).ok()?;
    let mut lines = text.lines();
    if lines.next()? != fingerprint {
        return None;
    }
    let mut n = 0;
    let mut listed = BTreeSet::new();
    for line in lines {
        let mut parts = line.splitn(3, ' ');
        let (size, time, rel) = (parts.next()?, parts.next()?, parts.next()?);
        let m = fs::metadata(out.join(rel)).ok()?;
        if m.len().to_string() != size || file_time(&m)? != time {
            return None;
        }
        listed.insert(rel.to_string());
        n += 1;
    }
    // A file added to the output by hand is not the site the build would make.
    (existing(out).len() == listed.len()).then_some(n)
}

fn file_time(m: &fs::Metadata) -> Option<String> {
    let t = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(t.as_nanos().to_string())
}

/// Writes the stamp of the build that just made `out`, reading every file's size and time.
fn write_stamp(out: &Path, fingerprint: &str) {
    let mut text = format!("{fingerprint}\n");
    for (rel, path) in existing(out) {
        let Ok(m) = fs::metadata(&path) else { return };
        let Some(t) = file_time(&m) else { return };
        text.push_str(&format!("{} {t} {rel}\n", m.len()));
    }
    let _ = fs::write(sibling(out, "stamp"), text);
}

/// Forgets the stamp (before the output changes, so an interrupted build is never trusted).
fn clear_stamp(out: &Path) {
    let _ = fs::remove_file(sibling(out, "stamp"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_site(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport, OutputError> {
        let staging = Staging::begin(out)?;
        for (rel, bytes) in files {
            staging.put(rel, bytes);
        }
        staging.commit(None)
    }

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
