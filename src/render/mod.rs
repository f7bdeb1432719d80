//! Rendering: the Tera engine loaded with the theme, and every output file of the site as
//! bytes in memory, keyed by its relative path (sorted, so output is the same on every run).

mod data;
mod feeds;
mod pages;

use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::theme::Theme;
use crate::timings::Timings;
use crate::tr;
use std::collections::BTreeMap;

pub use pages::BundleInfo;

/// Key of the offline page's variant that goes into the zip instead of `hors-ligne.html`.
pub const IN_BUNDLE_OFFLINE: &str = ".bundle/hors-ligne.html";

/// The rendered site: relative path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

pub struct Engine {
    tera: tera::Tera,
    origins: BTreeMap<String, String>,
    /// The templates' text, to make more engines like this one (see [`Engine::fork`]).
    sources: Vec<(String, String)>,
    pub strings: BTreeMap<String, String>,
    lang: Lang,
    /// Pages rendered and time spent, by template, for `--timings` (shared with forks).
    spent: std::sync::Arc<std::sync::Mutex<BTreeMap<&'static str, (usize, std::time::Duration)>>>,
    /// Size of the last page of each template: the next page's buffer starts that large, and
    /// does not grow by doubling and copying.
    sizes: ahash::AHashMap<String, std::sync::atomic::AtomicUsize>,
}

impl Engine {
    /// `site_lang` is the language of the interface; `lang` that of the messages (`--lang`).
    pub fn new(theme: &Theme, site_lang: Lang, lang: Lang) -> Result<Engine, Vec<Diagnostic>> {
        let mut tera = new_tera();
        let mut origins = BTreeMap::new();
        let mut diags = Vec::new();
        let mut sources = Vec::new();
        for (name, f) in theme.templates() {
            origins.insert(name.to_string(), f.origin.clone());
            match String::from_utf8(f.bytes.clone()) {
                Ok(s) => sources.push((name.to_string(), s)),
                Err(_) => diags.push(Diagnostic::error("bad-encoding", &f.origin, 0, 0, tr!(lang, "le gabarit n'est pas en UTF-8", "the template is not UTF-8"))),
            }
        }
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
            diags.push(template_error(&e, &origins, lang));
        }
        let strings = match theme.strings(site_lang) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                BTreeMap::new()
            }
        };
        if !diags.is_empty() {
            return Err(diags);
        }
        let sizes = origins.keys().map(|k| (k.clone(), std::sync::atomic::AtomicUsize::new(4096))).collect();
        Ok(Engine { tera, origins, sources, strings, lang, spent: Default::default(), sizes })
    }

    /// An engine with the same templates compiled anew and an empty global context: one per
    /// thread, so that threads never share a value. Tera clones a value (an atomic count) at
    /// every variable it reads, and counts shared between cores cost a cache miss each time.
    pub fn fork(&self) -> Engine {
        let mut tera = new_tera();
        tera.add_raw_templates(self.sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))).expect("templates compiled once already");
        let sizes = self.sizes.keys().map(|k| (k.clone(), std::sync::atomic::AtomicUsize::new(4096))).collect();
        Engine {
            tera,
            origins: self.origins.clone(),
            sources: self.sources.clone(),
            strings: self.strings.clone(),
            lang: self.lang,
            spent: self.spent.clone(),
            sizes,
        }
    }

    pub fn global(&mut self) -> &mut tera::Context {
        self.tera.global_context()
    }

    /// The page's bytes (UTF-8, as Tera writes them).
    pub fn render(&self, template: &'static str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        use std::sync::atomic::Ordering::Relaxed;
        let t = std::time::Instant::now();
        let hint = self.sizes.get(template);
        let mut out = Vec::with_capacity(hint.map(|h| h.load(Relaxed)).unwrap_or(4096) + 512);
        let r = match self.tera.render_to(template, ctx, &mut out) {
            Ok(()) => {
                if let Some(h) = hint {
                    h.store(out.len(), Relaxed);
                }
                Ok(out)
            }
            Err(e) => Err(template_error(&e, &self.origins, self.lang)),
        };
        let mut spent = self.spent.lock().unwrap_or_else(|e| e.into_inner());
        let s = spent.entry(template).or_default();
        s.0 += 1;
        s.1 += t.elapsed();
        r
    }

    /// (template, pages, time) of every template rendered so far.
    pub fn spent(&self) -> Vec<(&'static str, usize, std::time::Duration)> {
        self.spent.lock().unwrap_or_else(|e| e.into_inner()).iter().map(|(k, (n, d))| (*k, *n, *d)).collect()
    }

    pub fn has(&self, template: &str) -> bool {
        self.tera.contains_template(template)
    }
}

/// Tera, escaping what `.html` and `.xml` templates print.
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    tera
}

/// Whether HTML escaping would change the text: it holds one of the five characters it escapes.
pub(crate) fn needs_escaping(s: &str) -> bool {
    // By blocks, with no early exit inside a block, which the compiler vectorises.
    s.as_bytes().chunks(32).any(|b| b.iter().fold(false, |found, &c| found | matches!(c, b'<' | b'>' | b'&' | b'"' | b'\'')))
}

/// Tera's own escaping, for the values that need it: most values a page shows (paths, names,
/// labels) hold none of the five characters HTML escapes and are written as they are. Tera's
/// escaping went through a table byte by byte for each of them, 400,000 times for 2,000 records.
fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if needs_escaping(input) { tera::escape_html(input, out) } else { out.write_all(input.as_bytes()) }
}

/// Turns a Tera error into a diagnostic naming the template file, line and column.
fn template_error(e: &tera::Error, origins: &BTreeMap<String, String>, lang: Lang) -> Diagnostic {
    let mut text = e.to_string();
    let mut src: &dyn std::error::Error = e;
    while let Some(s) = src.source() {
        text.push('\n');
        text.push_str(&s.to_string());
        src = s;
    }
    // Reports look like "error: msg\n --> name:line:col\n ...".
    let mut file = String::from("themes");
    let (mut line, mut col) = (0, 0);
    for l in text.lines() {
        if let Some(loc) = l.trim().strip_prefix("--> ") {
            let mut parts = loc.rsplitn(3, ':');
            col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            line = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
            let name = parts.next().unwrap_or("");
            file = origins.get(name).cloned().unwrap_or_else(|| name.to_string());
            break;
        }
    }
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim_start_matches("error: ")
        .to_string();
    Diagnostic::error("template", &file, line, col, tr!(lang, "erreur de gabarit : {first}", "template error: {first}"))
        .hint(lang.t("corrigez le gabarit du thème (syntaxe Tera), ou supprimez-le pour revenir au thème par défaut", "fix the theme's template (Tera syntax), or delete it to go back to the default theme"))
}

/// Options of one rendering.
pub struct RenderOptions<'a> {
    pub bundle: Option<&'a BundleInfo>,
}

/// `hors-ligne.html` alone, for the zip's final size and checksum.
pub fn offline_page(checked: &Checked, theme: &Theme, info: &BundleInfo) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let mut engine = Engine::new(theme, checked.dir.site.language, checked.lang)?;
    pages::offline_page(checked, &mut engine, info).map_err(|d| vec![d])
}

/// Where rendered files go, as soon as each is ready (from any thread).
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);
}

/// Renders every file of the site into `sink`. `--timings` shows the theme's templates with
/// the pages each rendered and the time they took (summed over threads).
pub fn site(checked: &Checked, theme: &Theme, opts: &RenderOptions, sink: &dyn Sink, timings: &mut Timings) -> Result<(), Vec<Diagnostic>> {
    let mut engine = timings.time("theme", |_| Engine::new(theme, checked.dir.site.language, checked.lang))?;
    for (name, f) in theme.statics() {
        sink.put(name.to_string(), f.bytes.clone());
    }
    // The open data does not depend on the pages: made alongside them.
    let (pages, ()) = rayon::join(|| pages::all(checked, &mut engine, opts, sink), || data::files(checked, sink));
    let pages = pages.map_err(|d| vec![d])?;
    feeds::write(checked, &engine, &pages, sink).map_err(|d| vec![d])?;
    for (template, n, d) in engine.spent() {
        timings.record(template, n, d);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The fast path writes exactly what Tera's escaping writes, whatever the text and wherever
    /// its special characters fall in the blocks.
    #[test]
    fn escape_writes_what_tera_writes() {
        let mut texts: Vec<String> = vec![String::new(), "chemin/vers-page.html".into(), "Café « libre » — été".into()];
        for c in ['<', '>', '&', '"', '\'', 'é'] {
            for at in [0, 1, 31, 32, 33, 63, 64, 70] {
                texts.push(format!("{}{c}{}", "a".repeat(at), "b".repeat(5)));
            }
        }
        for t in texts {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            super::escape(&t, &mut ours).unwrap();
            tera::escape_html(&t, &mut theirs).unwrap();
            assert_eq!(ours, theirs, "{t}");
        }
    }
}
