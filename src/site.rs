//! The build as a pipeline of named, timed phases: load+check → render+write (each page is
//! measured against the budget and written into a new tree beside the old one as soon as it
//! is rendered) → bundle → swap. Any failure drops the new tree: the old site stays as it was.

use crate::check::{self, CheckOptions, Checked};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::output::{self, OutputError, Staging, WriteReport};
use crate::render::{self, BundleInfo, Files, RenderOptions, Sink};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use crate::theme::Theme;
use crate::tr;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub content: PathBuf,
    pub content_label: String,
    pub out: PathBuf,
    pub lang: Option<Lang>,
    pub bundle: bool,
    pub gzip: bool,
}

pub use crate::timings::Timings;

pub enum BuildOutcome {
    /// Content or template problems: nothing was written.
    Failed { checked: Option<Checked>, diags: Vec<Diagnostic> },
    /// Nothing the build reads changed since the last build, whose output is intact.
    Unchanged { files: usize },
    Built { checked: Checked, report: WriteReport, files: usize, warnings: Warnings, bundle: Option<BundleInfo> },
}

/// The warnings of a build that succeeded: listed when few, counted when many (a long list
/// would drown the result; `check` gives the detail).
pub enum Warnings {
    Listed(Vec<Diagnostic>),
    Counted(String),
}

/// Most warnings a build lists; past it, their count.
const LISTED_WARNINGS: usize = 20;

/// The site folder: the parent of `content/`, where `themes/` is looked up.
pub fn site_dir(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub fn check(content: &Path, label: &str, lang: Option<Lang>, staleness: bool, keep_texts: bool, timings: &mut Timings) -> Checked {
    check::run(&CheckOptions { content, content_label: label, lang, staleness, keep_texts, edition_time: None, worded_warnings: usize::MAX }, timings)
}

/// Today, `YYYY-MM-DD`: SOURCE_DATE_EPOCH, else the clock. Only `verify`, which looks at the
/// world as it is now, asks for it; staleness is measured against the edition date.
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0));
    crate::dates::from_epoch(secs)
}

/// Theme diagnostics name `content/site.yaml`; show it the way the user named the content.
fn relabel(mut diags: Vec<Diagnostic>, content_label: &str) -> Vec<Diagnostic> {
    for d in &mut diags {
        if d.file == "content/site.yaml" {
            d.file = crate::content::shown_path(content_label, "site.yaml");
        }
    }
    diags
}

/// What `build` checks once the content is sound: the theme loads, every page renders, pages
/// fit the budget. `check` runs it too (in memory, writing nothing), so that CI fails wherever
/// the build would.
pub fn check_rendering(checked: &Checked, content: &Path, content_label: &str) -> Vec<Diagnostic> {
    let theme = match Theme::load(&site_dir(content), &checked.dir.site.theme, checked.lang) {
        Ok(t) => t,
        Err(diags) => return relabel(diags, content_label),
    };
    // The embedded theme renders any content that passed the checks (the test suite holds it
    // to that): with no override and no budget there is nothing more to find, and `check`
    // stays fast on large directories.
    if theme.is_embedded_only() && checked.dir.site.budget.is_none() {
        return Vec::new();
    }
    let sink = Measure::new(checked, None, false, false);
    match render::site(checked, &theme, &RenderOptions { bundle: None }, &sink, &mut Timings::default()) {
        Ok(()) => sink.over_budget(checked.lang),
        Err(diags) => diags,
    }
}

/// Where each rendered file goes during a build: measured against the budget, gzipped when
/// asked, handed to the new tree, and kept for the zip when one is made.
struct Measure<'a> {
    page_limit: Option<usize>,
    css_limit: Option<f64>,
    over: Mutex<Vec<(String, usize, bool)>>,
    staging: Option<&'a Staging>,
    gzip: bool,
    keep: Option<Mutex<Files>>,
    count: AtomicUsize,
    /// Nanoseconds spent measuring and writing, summed over threads, for `--timings`.
    spent: std::sync::atomic::AtomicU64,
}

impl<'a> Measure<'a> {
    fn new(c: &Checked, staging: Option<&'a Staging>, gzip: bool, keep: bool) -> Self {
        let b = c.dir.site.budget.as_ref();
        Measure {
            page_limit: b.and_then(|b| b.page_kb).map(|kb| (kb * 1024.0) as usize),
            css_limit: b.and_then(|b| b.css_kb).map(|kb| kb * 1024.0),
            over: Mutex::new(Vec::new()),
            staging,
            gzip,
            keep: keep.then(|| Mutex::new(Files::new())),
            count: AtomicUsize::new(0),
            spent: Default::default(),
        }
    }

    fn over_budget(&self, lang: Lang) -> Vec<Diagnostic> {
        let mut over = std::mem::take(&mut *self.over.lock().unwrap_or_else(|e| e.into_inner()));
        over.sort();
        over.into_iter()
            .map(|(page, size, css)| {
                let kb = format!("{:.1}", size as f64 / 1024.0);
                if css {
                    let limit = self.css_limit.unwrap_or(0.0) / 1024.0;
                    Diagnostic::error("over-budget", &page, 0, 0, tr!(lang, "feuille de style trop lourde : {kb} Kio, budget {limit} Kio", "stylesheet too heavy: {kb} KiB, budget {limit} KiB"))
                        .hint(lang.t("allégez la feuille de style du thème", "trim the theme's stylesheet"))
                } else {
                    let limit = self.page_limit.unwrap_or(0) as f64 / 1024.0;
                    Diagnostic::error("over-budget", &page, 0, 0, tr!(lang, "page trop lourde : {kb} Kio compressée, budget {limit} Kio", "page too heavy: {kb} KiB gzipped, budget {limit} KiB"))
                        .hint(lang.t("raccourcissez le texte de la fiche, ou baissez `list_size` dans site.yaml pour couper les longues listes", "shorten the record's text, or lower `list_size` in site.yaml to split long lists"))
                }
            })
            .collect()
    }
}

impl Sink for Measure<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        let t = std::time::Instant::now();
        self.put_timed(path, bytes);
        self.spent.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

impl Measure<'_> {
    fn put_timed(&self, path: String, bytes: Vec<u8>) {
        if !path.starts_with('.') {
            self.count.fetch_add(1, Ordering::Relaxed);
            // The printable directory is a document to print, not a page to browse.
            if let Some(limit) = self.page_limit.filter(|_| path.ends_with(".html") && !is_print(&path)) {
                // Level 6 compresses a little less than the gzip -9 of audits: a page within
                // budget here is within budget there. A page whose gzip cannot exceed the
                // limit even stored uncompressed is not compressed at all.
                let size = if gzip_bound(bytes.len()) <= limit { 0 } else { gzip_level(&bytes, 6).len() };
                if size > limit {
                    self.over.lock().unwrap_or_else(|e| e.into_inner()).push((path.clone(), size, false));
                }
            }
            if let Some(limit) = self.css_limit.filter(|_| path.ends_with(".css"))
                && bytes.len() as f64 > limit
            {
                self.over.lock().unwrap_or_else(|e| e.into_inner()).push((path.clone(), bytes.len(), true));
            }
            // With a zip, `hors-ligne.html` is rendered again with the zip's figures: the
            // placeholder version never reaches the new tree.
            let placeholder = self.keep.is_some() && path == "hors-ligne.html";
            if let Some(st) = self.staging.filter(|_| !placeholder) {
                if self.gzip && [".html", ".css", ".xml", ".json", ".csv"].iter().any(|e| path.ends_with(e)) {
                    self.count.fetch_add(1, Ordering::Relaxed);
                    st.put(&format!("{path}.gz"), &gzip(&bytes));
                }
                st.put(&path, &bytes);
            }
        }
        if let Some(keep) = &self.keep {
            // Kept until the zip is made: at its size.
            let mut bytes = bytes;
            bytes.shrink_to_fit();
            keep.lock().unwrap_or_else(|e| e.into_inner()).insert(path, bytes);
        }
    }
}

/// A fingerprint of everything a build reads: the program, its options, the edition's time,
/// and every file of `content/` and `themes/` (names, sizes, and modification and change times,
/// in sorted order).
///
/// The files' metadata, not their bytes: like make and cargo, a file whose times did not move
/// was not written. The change time (ctime) cannot be set back by a program, so restoring an
/// old modification time after an edit (`touch -d`, `cp -p`, `rsync -t`) still counts as a
/// change. Reading every byte instead cost a third of a no-change rebuild at 10,000 records.
fn fingerprint(o: &BuildOptions, edition_time: Option<i64>) -> String {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    // The program itself: another build of it may render differently (size and time of the
    // executable; its version alone would not tell two builds of one version apart).
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok().map(|m| (m.len(), m.modified().ok()));
    (env!("CARGO_PKG_VERSION"), exe, o.bundle, o.gzip, o.lang.map(Lang::code), edition_time).hash(&mut h);
    sources_fingerprint(&o.content).hash(&mut h);
    format!("{:016x}", h.finish())
}

/// A fingerprint of the sources (the content, the folders it includes and the site's themes): every entry's path, size,
/// type and modification time, and on Unix its change time, inode and device, which catch an
/// edit whose modification time went back (a restored backup, `touch -d`, a copy keeping
/// times). `build` compares it with the stamp of the last build; `serve` with the one it saw.
pub fn sources_fingerprint(content: &Path) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    use rayon::prelude::*;
    let entry_hash = |root: &Path, path: &Path, is_symlink: bool| -> u64 {
        let mut fh = DefaultHasher::new();
        path.strip_prefix(root).unwrap_or(path).hash(&mut fh);
        if let Ok(m) = std::fs::symlink_metadata(path) {
            (m.len(), m.file_type().is_dir(), m.modified().ok()).hash(&mut fh);
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                (m.ctime(), m.ctime_nsec(), m.ino(), m.dev()).hash(&mut fh);
            }
        }
        if is_symlink {
            std::fs::read_link(path).ok().hash(&mut fh);
        }
        fh.finish()
    };
    // An edition's bases too (`include`): an edit there changes the site.
    let dirs = [content.to_path_buf(), site_dir(content).join("themes")].into_iter().chain(crate::content::layers::included_folders(content));
    for dir in dirs {
        // The folder's own entries in order, each sub-folder walked by one thread (the sections
        // of a large directory are walked side by side), hashes joined in order.
        let mut top: Vec<(std::path::PathBuf, bool, bool)> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                let ft = e.file_type().ok();
                (e.path(), ft.is_some_and(|t| t.is_dir()), ft.is_some_and(|t| t.is_symlink()))
            })
            .collect();
        top.sort();
        entry_hash(&dir, &dir, false).hash(&mut h);
        let hashes: Vec<Vec<u64>> = top
            .par_iter()
            .map(|(path, is_dir, is_symlink)| {
                if !is_dir {
                    return vec![entry_hash(&dir, path, *is_symlink)];
                }
                walkdir::WalkDir::new(path).follow_links(false).sort_by(crate::util::by_name).into_iter().flatten().map(|e| entry_hash(&dir, e.path(), e.path_is_symlink())).collect()
            })
            .collect();
        hashes.hash(&mut h);
    }
    h.finish()
}

pub fn build(o: &BuildOptions, timings: &mut Timings) -> Result<BuildOutcome, OutputError> {
    // Asked once (it may run `git log`), for the fingerprint and the edition date.
    let edition_time = crate::edition::time(&o.content);
    let check_opts = CheckOptions { content: &o.content, content_label: &o.content_label, lang: o.lang, staleness: true, keep_texts: false, edition_time: Some(edition_time), worded_warnings: LISTED_WARNINGS };
    let load = |t: &mut Timings| t.time("load+check", |t| check::run(&check_opts, t));
    let (fp, mut checked) = if o.out.is_dir() && output::has_stamp(&o.out) {
        let fp = timings.time("fingerprint", |_| fingerprint(o, edition_time));
        if let Some(files) = output::stamp_holds(&o.out, &fp) {
            return Ok(BuildOutcome::Unchanged { files });
        }
        (fp, load(timings))
    } else {
        // No output, or no stamp to compare with (a first build, a fresh clone in CI): the
        // fingerprint is only for the next build's stamp, and is made beside the load.
        timings.beside("fingerprint", || fingerprint(o, edition_time), load)
    };
    let lang = checked.lang;
    if checked.diags.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        let diags = checked.diags.clone();
        return Ok(BuildOutcome::Failed { checked: Some(checked), diags });
    }
    // Rendering never looks at the diagnostics. Many of them are only counted: the list is
    // dropped before the pages take their memory (220,000 warnings at 100,000 records).
    let diags = std::mem::take(&mut checked.diags);
    let warnings = if diags.len() > LISTED_WARNINGS {
        let summary = crate::diag::summary(&diags, lang, false);
        drop(diags);
        Warnings::Counted(summary)
    } else {
        Warnings::Listed(diags)
    };
    let theme = match Theme::load(&site_dir(&o.content), &checked.dir.site.theme, lang) {
        Ok(t) => t,
        Err(diags) => return Ok(BuildOutcome::Failed { checked: Some(checked), diags: relabel(diags, &o.content_label) }),
    };
    let edition = checked.edition.clone().unwrap_or_else(|| "sans-date".into());
    let zip_name = format!("aiguillage-{edition}.zip");

    let _lock = output::lock(&o.out)?;
    let staging = Staging::begin(&o.out)?;
    // With `--bundle`, pages link the offline page and `hors-ligne.html` states the zip's size
    // and checksum. Every other page is the same whatever those figures are: render once with
    // placeholders, zip, then render `hors-ligne.html` alone with the real figures.
    let placeholder = o.bundle.then(|| BundleInfo { file: zip_name.clone(), size_kb: 0, sha256: String::new(), edition: edition.clone() });
    let sink = Measure::new(&checked, Some(&staging), o.gzip, o.bundle);
    // Pages are measured and written into the new tree as they are rendered.
    let rendered = timings.time("render+write", |t| render::site(&checked, &theme, &RenderOptions { bundle: placeholder.as_ref() }, &sink, t));
    timings.record("(writing files)", sink.count.load(Ordering::Relaxed), std::time::Duration::from_nanos(sink.spent.load(Ordering::Relaxed)));
    if let Err(diags) = rendered {
        staging.abort();
        return Ok(BuildOutcome::Failed { checked: Some(checked), diags });
    }
    let over = sink.over_budget(lang);
    if !over.is_empty() {
        staging.abort();
        return Ok(BuildOutcome::Failed { checked: Some(checked), diags: over });
    }
    let mut bundle = None;
    if let Some(keep) = &sink.keep {
        let files = std::mem::take(&mut *keep.lock().unwrap_or_else(|e| e.into_inner()));
        let zip = timings.time("bundle", |_| crate::bundle::zip(&files, &edition));
        let info = BundleInfo { file: zip_name.clone(), size_kb: (zip.len() as u64).div_ceil(1024), sha256: crate::bundle::sha256_hex(&zip), edition: edition.clone() };
        match render::offline_page(&checked, &theme, &info) {
            Ok(page) => staging.put("hors-ligne.html", &page),
            Err(diags) => {
                staging.abort();
                return Ok(BuildOutcome::Failed { checked: Some(checked), diags });
            }
        }
        staging.put(&format!("{zip_name}.sha256"), format!("{}  {zip_name}\n", info.sha256).as_bytes());
        staging.put(&zip_name, &zip);
        sink.count.fetch_add(2, Ordering::Relaxed);
        bundle = Some(info);
    }
    let n = sink.count.load(Ordering::Relaxed);
    let report = timings.time("swap", |_| staging.commit(Some(&fp)))?;
    Ok(BuildOutcome::Built { checked, report, files: n, warnings, bundle })
}

/// The printable directory (`print.html`, `print--2.html`…): documents to print, exempt from
/// the page budget.
fn is_print(path: &str) -> bool {
    path == "print.html" || path.starts_with("print--")
}

/// The largest gzip of `n` bytes: deflate never does worse than stored blocks (5 bytes of
/// header per block of at most 65,535 bytes; zlib's bound counts one per 16,383 to be safe),
/// plus gzip's 18 bytes of header and trailer.
fn gzip_bound(n: usize) -> usize {
    n + 5 * (n / 16_383 + 1) + 18
}

/// Deterministic gzip (no name, no time stamp), level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    gzip_level(bytes, 9)
}

fn gzip_level(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::new(level));
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_never_exceeds_its_bound() {
        // Incompressible bytes (a simple generator), and the sizes around block boundaries.
        let mut x: u32 = 2_463_534_242;
        let noise: Vec<u8> = (0..200_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        for n in [0, 1, 100, 16_383, 16_384, 65_535, 65_536, 131_072, 200_000] {
            for level in [6, 9] {
                let z = gzip_level(&noise[..n], level).len();
                assert!(z <= gzip_bound(n), "{n} bytes at level {level} gave {z} > {}", gzip_bound(n));
            }
        }
    }
}
