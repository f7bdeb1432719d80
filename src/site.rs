//! The build as a pipeline of named, timed phases: load+check → render → measure → bundle →
//! write. Every phase before `write` works in memory, so a failure leaves the output as it was.

use crate::check::{self, CheckOptions, Checked};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::output::{self, OutputError, WriteReport};
use crate::render::{self, BundleInfo, Files, RenderOptions};
use crate::theme::Theme;
use crate::tr;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct BuildOptions {
    pub content: PathBuf,
    pub content_label: String,
    pub out: PathBuf,
    pub lang: Option<Lang>,
    pub bundle: bool,
    pub gzip: bool,
}

#[derive(Default)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        self.phases.push((name, t.elapsed()));
        r
    }
}

pub enum BuildOutcome {
    /// Content or template problems: nothing was written.
    Failed { checked: Option<Checked>, diags: Vec<Diagnostic> },
    Built { checked: Checked, report: WriteReport, files: usize, warnings: Vec<Diagnostic>, bundle: Option<BundleInfo> },
}

/// The site folder: the parent of `content/`, where `themes/` is looked up.
pub fn site_dir(content: &Path) -> PathBuf {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub fn check(content: &Path, label: &str, lang: Option<Lang>, today: Option<String>) -> Checked {
    check::run(&CheckOptions { content, content_label: label, lang, today })
}

/// `YYYY-MM-DD` for staleness warnings: SOURCE_DATE_EPOCH, else the clock (check writes nothing).
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0));
    check::date_from_epoch(secs)
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
    match render::site(checked, &theme, &RenderOptions { bundle: None }) {
        Ok(mut files) => {
            files.retain(|k, _| !k.starts_with('.'));
            budget(checked, &files, checked.lang)
        }
        Err(diags) => diags,
    }
}

pub fn build(o: &BuildOptions, timings: &mut Timings) -> Result<BuildOutcome, OutputError> {
    let checked = timings.time("load+check", || check(&o.content, &o.content_label, o.lang, Some(today())));
    let lang = checked.lang;
    if checked.diags.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        let diags = checked.diags.clone();
        return Ok(BuildOutcome::Failed { checked: Some(checked), diags });
    }
    let warnings = checked.diags.clone();
    let theme = match Theme::load(&site_dir(&o.content), &checked.dir.site.theme, lang) {
        Ok(t) => t,
        Err(diags) => return Ok(BuildOutcome::Failed { checked: Some(checked), diags: relabel(diags, &o.content_label) }),
    };
    let edition = checked.edition.clone().unwrap_or_else(|| "sans-date".into());
    let zip_name = format!("aiguillage-{edition}.zip");

    // With `--bundle`, pages link the offline page and `hors-ligne.html` states the zip's size
    // and checksum. Every other page is the same whatever those figures are: render once with
    // placeholders, zip, then render `hors-ligne.html` alone with the real figures.
    let placeholder = o.bundle.then(|| BundleInfo { file: zip_name.clone(), size_kb: 0, sha256: String::new(), edition: edition.clone() });
    let first = timings.time("render", || render::site(&checked, &theme, &RenderOptions { bundle: placeholder.as_ref() }));
    let mut files = match first {
        Ok(f) => f,
        Err(diags) => return Ok(BuildOutcome::Failed { checked: Some(checked), diags }),
    };
    let mut bundle = None;
    if o.bundle {
        let zip = timings.time("bundle", || crate::bundle::zip(&files, &edition));
        let info = BundleInfo { file: zip_name.clone(), size_kb: (zip.len() as u64).div_ceil(1024), sha256: crate::bundle::sha256_hex(&zip), edition: edition.clone() };
        match render::offline_page(&checked, &theme, &info) {
            Ok(page) => files.insert("hors-ligne.html".into(), page),
            Err(diags) => return Ok(BuildOutcome::Failed { checked: Some(checked), diags }),
        };
        files.insert(format!("{zip_name}.sha256"), format!("{}  {zip_name}\n", info.sha256).into_bytes());
        files.insert(zip_name.clone(), zip);
        bundle = Some(info);
    }
    files.retain(|k, _| !k.starts_with('.'));

    let over = timings.time("measure", || budget(&checked, &files, lang));
    if !over.is_empty() {
        return Ok(BuildOutcome::Failed { checked: Some(checked), diags: over });
    }
    if o.gzip {
        timings.time("gzip", || add_gzip(&mut files));
    }
    let n = files.len();
    let _lock = output::lock(&o.out)?;
    let report = timings.time("write", || output::write_site(&o.out, &files))?;
    Ok(BuildOutcome::Built { checked, report, files: n, warnings, bundle })
}

/// Deterministic gzip (no name, no time stamp), level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn add_gzip(files: &mut Files) {
    use rayon::prelude::*;
    let gz: Vec<(String, Vec<u8>)> = files
        .par_iter()
        .filter(|(k, _)| [".html", ".css", ".xml", ".json", ".csv"].iter().any(|e| k.ends_with(e)))
        .map(|(k, v)| (format!("{k}.gz"), gzip(v)))
        .collect();
    files.extend(gz);
}

/// Pages and stylesheet over the site's budget. The printable directory is a document to
/// print, not a page to browse: it is left out.
fn budget(c: &Checked, files: &Files, lang: Lang) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let Some(b) = &c.dir.site.budget else { return Vec::new() };
    let mut diags = Vec::new();
    if let Some(page_kb) = b.page_kb {
        let limit = (page_kb * 1024.0) as usize;
        let mut over: Vec<(String, usize)> = files
            .par_iter()
            .filter(|(k, _)| k.ends_with(".html") && *k != "print.html")
            .filter_map(|(k, v)| {
                let size = gzip(v).len();
                (size > limit).then(|| (k.clone(), size))
            })
            .collect();
        over.sort();
        for (page, size) in over {
            let kb = format!("{:.1}", size as f64 / 1024.0);
            diags.push(Diagnostic::error("over-budget", &page, 0, 0, tr!(lang, "page trop lourde : {kb} Kio compressée, budget {page_kb} Kio", "page too heavy: {kb} KiB gzipped, budget {page_kb} KiB"))
                .hint(lang.t("raccourcissez le texte de la fiche, ou baissez `list_size` dans site.yaml pour couper les longues listes", "shorten the record's text, or lower `list_size` in site.yaml to split long lists")));
        }
    }
    if let Some(css_kb) = b.css_kb {
        for (k, v) in files.iter().filter(|(k, _)| k.ends_with(".css")) {
            if v.len() as f64 > css_kb * 1024.0 {
                let kb = format!("{:.1}", v.len() as f64 / 1024.0);
                diags.push(Diagnostic::error("over-budget", k, 0, 0, tr!(lang, "feuille de style trop lourde : {kb} Kio, budget {css_kb} Kio", "stylesheet too heavy: {kb} KiB, budget {css_kb} KiB"))
                    .hint(lang.t("allégez la feuille de style du thème", "trim the theme's stylesheet")));
            }
        }
    }
    diags
}
