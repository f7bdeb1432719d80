//! Loading `content/`: a sorted walk, safe reading of every file (size, encoding, line endings,
//! Unicode normalisation), front matter, YAML, and the field checks of each record kind.
//! Files are read and parsed in parallel; results are merged in path order.

pub mod fields;
pub mod layers;
mod records;
mod settings;
mod yaml_messages;

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::{Body, Directory, Kind};
use crate::tr;
use crate::util::text::{self, TextError};
use crate::util::slug::{slug_problem, slugify};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The list of sites `verify` does not ask, with the reason for each: a file of the content
/// folder that is not a record.
pub const VERIFY_ALLOWLIST: &str = "verify-allowlist.yaml";

pub const SECTIONS: [&str; 7] = ["criteria", "needs", "tools", "alternatives", "providers", "pages", "glossary"];

/// A file found in `content/`, before parsing.
struct Found {
    /// The layer the file is read from (0: the site's own folder).
    layer: usize,
    section: &'static str,
    slug: String,
    ext: String,
    path: PathBuf,
    shown: String,
}

/// One parsed record of any kind.
enum Record {
    Criterion(crate::model::Criterion),
    Need(crate::model::Need),
    Tool(crate::model::Tool),
    Entry(Box<crate::model::Entry>),
    Page(crate::model::Page),
    Term(crate::model::Term),
}

/// The result of loading: the directory (records that passed their own checks), the
/// problems found, and the text of each file (to quote lines in messages).
pub struct Loaded {
    pub dir: Directory,
    pub diags: Vec<Diagnostic>,
    /// Every record file found (`providers/chapril.md`), even those whose fields failed their
    /// checks: a reference to one of them is not "unknown", its own errors are reported already.
    pub present: std::collections::BTreeSet<String>,
    /// With `keep_texts`, the text of every record file, by shown path.
    pub texts: BTreeMap<String, String>,
}

/// Shows `content/x/y.md` the way the user named the content folder.
pub fn shown_path(content_label: &str, rel: &str) -> String {
    let base = content_label.trim_end_matches('/');
    if base.is_empty() || base == "." { rel.to_string() } else { format!("{base}/{rel}") }
}

/// Loads and checks every record of `content`. `lang` is the `--lang` choice; without it the
/// site's language is used once `site.yaml` is read.
pub fn load(content: &Path, content_label: &str, lang: Option<Lang>, keep_texts: bool, wording: &crate::diag::Wording, timings: &mut crate::timings::Timings) -> Loaded {
    let mut diags = Vec::new();

    // site.yaml first: it sets the language of every other message.
    let site_rel = "site.yaml";
    let site_shown = shown_path(content_label, site_rel);
    let site_path = content.join(site_rel);
    let mut site = crate::model::Site::default();
    let pre_lang = lang.unwrap_or(Lang::Fr);
    match read_text(&site_path, &site_shown, pre_lang) {
        Ok(text) => {
            let mut d = Vec::new();
            if let Some(s) = settings::site(&text, &site_shown, pre_lang, &mut d) {
                site = s;
            }
            let lang = lang.unwrap_or(site.language);
            if lang != pre_lang {
                // Report site.yaml's own problems in the site's language too.
                d.clear();
                settings::site(&text, &site_shown, lang, &mut d);
            }
            diags.extend(d);
            drop(text);
        }
        Err(d) => diags.push(d),
    }
    let lang = lang.unwrap_or(site.language);

    let layers = layers::resolve(content, content_label, &site, lang, &mut diags);
    let layers::Merged { found, origin, excluded } = timings.time("walk", |_| {
        if layers.len() == 1 && site.exclude.is_empty() {
            layers::Merged { found: walk(content, content_label, lang, &mut diags), origin: BTreeMap::new(), excluded: Default::default() }
        } else {
            layers::merge(&layers, &site.exclude, lang, &mut diags, |l, d| walk(&l.path, &l.label, lang, d))
        }
    });
    let present: std::collections::BTreeSet<String> = found.iter().map(|f| format!("{}/{}.{}", f.section, f.slug, f.ext)).collect();

    // Each file is read, parsed and checked field by field, in parallel. Texts are not kept:
    // messages quote lines by reading the file again (`diag::quote_from_disk`), which saves
    // holding the whole content in memory. Bodies stay Markdown until the Markdown phase.
    type Parsed = (Option<Record>, Vec<Diagnostic>, Option<String>);
    // Small parts, so that no thread is left with a long list alone at the end (see
    // `render::pages::JOBS_PER_TASK`).
    let parsed: Vec<Parsed> = timings.time("read+parse", |_| found
        .par_iter()
        .with_max_len(16)
        .map(|f| {
            let mut d = Vec::new();
            let text = match read_record(&f.path, &f.shown, lang) {
                Ok(t) => t,
                Err(e) => return (None, vec![e], None),
            };
            let rec = parse_record(f, &text, lang, wording, &mut d);
            let text = keep_texts.then_some(text);
            (rec, d, text)
        })
        .collect());

    // The records' maps and the texts' map are filled side by side (a serial 5 to 20 ms at
    // 10,000 records otherwise).
    let mut records = Vec::with_capacity(parsed.len());
    let mut kept = Vec::new();
    for (rec, d, text) in parsed {
        diags.extend(d);
        records.push(rec);
        kept.push(text);
    }
    let fill = || {
        let mut dir = Directory { site, layers, origin, excluded, ..Default::default() };
        for rec in records.into_iter().flatten() {
            match rec {
                Record::Criterion(c) => {
                    dir.criteria.insert(c.id.clone(), c);
                }
                Record::Need(n) => {
                    dir.needs.insert(n.id.clone(), n);
                }
                Record::Tool(t) => {
                    dir.tools.insert(t.id.clone(), t);
                }
                Record::Entry(e) => {
                    match e.kind() {
                        Kind::Alternative => dir.alternatives.insert(e.slug.clone(), e),
                        Kind::Provider => dir.providers.insert(e.slug.clone(), e),
                    };
                }
                Record::Page(p) => {
                    dir.pages.insert(p.slug.clone(), p);
                }
                Record::Term(t) => {
                    dir.glossary.insert(t.slug.clone(), t);
                }
            }
        }
        dir
    };
    let (dir, texts) = rayon::join(fill, || {
        let texts: BTreeMap<String, String> = found.iter().zip(kept).filter_map(|(f, t)| Some((f.shown.clone(), t?))).collect();
        texts
    });
    Loaded { dir, diags, present, texts }
}

/// Reads one record file's bytes as the loader would (decoding, front matter, YAML, field
/// checks) and returns its problems. For the fuzzers and for tests of a single record.
pub fn check_record_bytes(section: &str, ext: &str, bytes: &[u8], lang: Lang) -> Vec<Diagnostic> {
    let Some(section) = SECTIONS.iter().find(|s| **s == section) else { return Vec::new() };
    let f = Found { layer: 0, section, slug: "record".into(), ext: ext.into(), path: PathBuf::new(), shown: format!("{section}/record.{ext}") };
    let mut d = Vec::new();
    match decode(bytes, &f.shown, lang) {
        Ok(text) => {
            parse_record(&f, &text, lang, &crate::diag::Wording::all(), &mut d);
        }
        Err(e) => d.push(e),
    }
    d
}

fn parse_record(f: &Found, text: &str, lang: Lang, wording: &crate::diag::Wording, d: &mut Vec<Diagnostic>) -> Option<Record> {
    let (yaml_text, yaml_first_line, body) = if f.ext == "md" {
        split_front_matter(text, &f.shown, lang, d)?
    } else {
        (text, 1, None)
    };
    let node = match crate::yaml::parse(yaml_text, yaml_first_line - 1) {
        Ok(n) => n,
        Err(e) => {
            d.push(yaml_messages::yaml_error(&e, &f.shown, lang));
            return None;
        }
    };
    // Positions in nodes are file lines; raw text lookups use the YAML text's byte offsets.
    let mut cx = fields::Cx { file: &f.shown, shared: f.shown.as_str().into(), src: yaml_text, lang, diags: d, wording };
    let slug = f.slug.clone();
    Some(match f.section {
        "criteria" => Record::Criterion(records::criterion(&mut cx, &node, slug, body)?),
        "needs" => Record::Need(records::need(&mut cx, &node, slug, body)?),
        "tools" => Record::Tool(records::tool(&mut cx, &node, slug, body)?),
        "alternatives" => Record::Entry(Box::new(records::entry(&mut cx, &node, Kind::Alternative, slug, body)?)),
        "providers" => Record::Entry(Box::new(records::entry(&mut cx, &node, Kind::Provider, slug, body)?)),
        "glossary" => Record::Term(records::term(&mut cx, &node, slug, body)?),
        _ => Record::Page(records::page(&mut cx, &node, slug, body)?),
    })
}

/// Splits `---` front matter from the Markdown body. Returns the YAML (a slice of `text`), the
/// file line it starts on, and the body.
fn split_front_matter<'t>(text: &'t str, shown: &str, lang: Lang, d: &mut Vec<Diagnostic>) -> Option<(&'t str, u32, Option<Body>)> {
    let first = text.split('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        d.push(
            Diagnostic::error("no-front-matter", shown, 1, 1, tr!(lang, "la fiche doit commencer par une ligne `---` suivie de ses champs", "the record must start with a `---` line followed by its fields"))
                .hint(lang.t("copiez le début d'une fiche existante : `---`, les champs, puis `---` et le texte", "copy the start of an existing record: `---`, the fields, then `---` and the text")),
        );
        return None;
    }
    // Line by line from the one after `---`; `at` is where the current line starts.
    let yaml_start = first.len() + 1;
    let mut at = yaml_start;
    let mut line_no = 1u32;
    while at <= text.len() {
        line_no += 1;
        let rest = &text[at..];
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], Some(at + i + 1)),
            None => (rest, None),
        };
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body = Body { text: next.map(|n| &text[n..]).unwrap_or("").to_string(), first_line: line_no + 1, indent: 0, html: String::new() };
            return Some((&text[yaml_start..at], 2, Some(body)));
        }
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    d.push(
        Diagnostic::error("unclosed-front-matter", shown, 1, 1, tr!(lang, "les champs ouverts par `---` ne sont jamais fermés", "the fields opened by `---` are never closed"))
            .width(3)
            .hint(lang.t("ajoutez une ligne `---` après le dernier champ, avant le texte", "add a `---` line after the last field, before the text")),
    );
    None
}

/// Reads a file as contributors' editors write it ([`crate::util::text`]); a symbolic link
/// is refused. Problems in words, for the file's messages.
pub fn read_text(path: &Path, shown: &str, lang: Lang) -> Result<String, Diagnostic> {
    text::read(path).map_err(|e| text_error(e, shown, lang))
}

/// [`read_text`] for a file the walk found (which refused symbolic links already).
fn read_record(path: &Path, shown: &str, lang: Lang) -> Result<String, Diagnostic> {
    text::read_found(path).map_err(|e| text_error(e, shown, lang))
}

pub fn decode(bytes: &[u8], shown: &str, lang: Lang) -> Result<String, Diagnostic> {
    text::decode(bytes.to_vec()).map_err(|e| text_error(e, shown, lang))
}

fn text_error(e: TextError, shown: &str, lang: Lang) -> Diagnostic {
    match e {
        TextError::NotFound => Diagnostic::error("missing-file", shown, 0, 0, tr!(lang, "fichier introuvable", "file not found"))
            .hint(lang.t("un site a besoin de `content/site.yaml` ; `aiguillage init DOSSIER` en crée un", "a site needs `content/site.yaml`; `aiguillage init DIR` creates one")),
        TextError::Io(err) => Diagnostic::error("io", shown, 0, 0, tr!(lang, "lecture impossible : {err}", "cannot read: {err}")),
        TextError::Symlink => symlink_error(shown, lang),
        TextError::TooLarge(kb) => Diagnostic::error("too-large", shown, 0, 0, tr!(lang, "fichier trop gros ({kb} Kio) ; une fiche ne doit pas dépasser 1 Mio", "file too large ({kb} KiB); a record must not exceed 1 MiB"))
            .hint(lang.t("une fiche est un formulaire court : retirez le texte collé par erreur", "a record is a short form: remove text pasted by mistake")),
        TextError::Empty => Diagnostic::error("empty-file", shown, 0, 0, tr!(lang, "le fichier est vide", "the file is empty"))
            .hint(lang.t("remplissez-le à partir d'un modèle : `aiguillage new …`", "fill it from a template: `aiguillage new …`")),
        TextError::NotUtf8 { line, col } => Diagnostic::error("bad-encoding", shown, line, col, tr!(lang, "le fichier n'est pas en UTF-8 (octet invalide ligne {line}, colonne {col})", "the file is not UTF-8 (invalid byte at line {line}, column {col})"))
            .hint(lang.t("enregistrez le fichier en « UTF-8 » dans votre éditeur", "save the file as \"UTF-8\" in your editor")),
    }
}

fn symlink_error(shown: &str, lang: Lang) -> Diagnostic {
    Diagnostic::error("symlink", shown, 0, 0, tr!(lang, "lien symbolique refusé : le contenu doit être de vrais fichiers dans le dossier", "symbolic link refused: content must be real files inside the folder"))
        .hint(lang.t("remplacez le lien par une copie du fichier", "replace the link by a copy of the file"))
}

/// The sorted list of record files, with every problem of names and places reported.
fn walk(content: &Path, label: &str, lang: Lang, diags: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut found = Vec::new();
    let Ok(top) = std::fs::read_dir(content) else {
        return found;
    };
    let mut top: Vec<_> = top.filter_map(|e| e.ok()).collect();
    top.sort_by_key(|e| e.file_name());
    for e in &top {
        let name = e.file_name().to_string_lossy().into_owned();
        let shown = shown_path(label, &name);
        if name.starts_with('.') || name == "site.yaml" || name == VERIFY_ALLOWLIST {
            continue;
        }
        let ft = match e.file_type() {
            Ok(t) => t,
            Err(_) => continue,
        };
        if ft.is_symlink() {
            diags.push(symlink_error(&shown, lang));
            continue;
        }
        if !ft.is_dir() || !SECTIONS.contains(&name.as_str()) {
            diags.push(Diagnostic::warning("ignored", &shown, 0, 0, tr!(lang, "ignoré : ce n'est pas un dossier de fiches", "ignored: not a folder of records"))
                .hint(tr!(lang, "dossiers reconnus : {}", "known folders: {}", SECTIONS.join(", "))));
        }
    }
    // Sections are walked side by side (each is a folder of its own), their results joined in
    // the sections' order.
    let walked: Vec<(Vec<Found>, Vec<Diagnostic>)> = SECTIONS.par_iter().map(|section| walk_section(content, label, lang, section)).collect();
    for (f, d) in walked {
        found.extend(f);
        diags.extend(d);
    }
    found
}

/// The records of one section folder, with the problems of their names.
fn walk_section(content: &Path, label: &str, lang: Lang, section: &'static str) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let dir = content.join(section);
    // A section that is a symbolic link was reported above; walking it would read files
    // outside the content folder (walkdir always follows its root).
    if !dir.is_dir() || std::fs::symlink_metadata(&dir).map(|m| m.file_type().is_symlink()).unwrap_or(true) {
        return (found, diags);
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut it = walkdir::WalkDir::new(&dir).min_depth(1).follow_links(false).sort_by(crate::util::by_name).into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let err = err.to_string();
                diags.push(Diagnostic::error("io", &shown_path(label, section), 0, 0, tr!(lang, "lecture impossible : {err}", "cannot read: {err}")));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(content).unwrap_or(entry.path());
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let shown = shown_path(label, &rel_s);
        let fname = entry.file_name().to_string_lossy().into_owned();
        if fname.starts_with('.') {
            // Hidden files (`.gitkeep`, editors' lock links) are not records; but a hidden
            // file named like a record (`.chapril.md`, `..md`) would be silently lost: it
            // goes on to the name check below, which refuses it.
            let looks_like_record = [".md", ".yaml", ".yml"].iter().any(|e| fname.ends_with(e));
            if entry.file_type().is_dir() {
                it.skip_current_dir();
                continue;
            }
            if !looks_like_record || entry.path_is_symlink() {
                continue;
            }
        }
        if entry.path_is_symlink() {
            diags.push(symlink_error(&shown, lang));
            continue;
        }
        if entry.file_type().is_dir() {
            diags.push(Diagnostic::error("nested-folder", &shown, 0, 0, tr!(lang, "sous-dossier refusé dans `{section}/`", "sub-folder refused in `{section}/`"))
                .hint(tr!(lang, "placez les fiches directement dans `{section}/`", "put records directly in `{section}/`")));
            // One message for the folder, not one more for everything inside it.
            it.skip_current_dir();
            continue;
        }
        if entry.depth() > 1 {
            continue;
        }
        let (stem, ext) = match fname.rsplit_once('.') {
            Some((s, e)) => (s.to_string(), e.to_string()),
            None => (fname.clone(), String::new()),
        };
        if ext.is_empty() {
            diags.push(Diagnostic::error("bad-extension", &shown, 0, 0, tr!(lang, "fichier sans extension : une fiche est un fichier `.md` ou `.yaml`", "file without an extension: a record is a `.md` or `.yaml` file"))
                .hint(tr!(lang, "renommez le fichier en `{stem}.md`", "rename the file to `{stem}.md`")));
            continue;
        }
        if ext != "md" && ext != "yaml" {
            diags.push(Diagnostic::error("bad-extension", &shown, 0, 0, tr!(lang, "extension `.{ext}` inconnue : une fiche est un fichier `.md` ou `.yaml`", "unknown extension `.{ext}`: a record is a `.md` or `.yaml` file"))
                .hint(tr!(lang, "renommez le fichier en `{stem}.md`", "rename the file to `{stem}.md`")));
            continue;
        }
        if let Some(d) = check_slug(&stem, &shown, lang) {
            diags.push(d);
            continue;
        }
        let key = stem.to_ascii_lowercase();
        if let Some(other) = seen.get(&key) {
            diags.push(Diagnostic::error("duplicate-slug", &shown, 0, 0, tr!(lang, "deux fiches portent le nom `{stem}` (l'autre : {other})", "two records are named `{stem}` (the other: {other})"))
                .hint(lang.t("gardez un seul fichier, ou donnez-lui un autre nom", "keep one file, or give it another name")));
            continue;
        }
        seen.insert(key, shown.clone());
        found.push(Found { layer: 0, section, slug: stem, ext, path: entry.path().to_path_buf(), shown });
    }
    (found, diags)
}


/// Windows refuses these names whatever the extension.
fn check_slug(stem: &str, shown: &str, lang: Lang) -> Option<Diagnostic> {
    let (fr, en) = slug_problem(stem)?;
    let why = lang.t(fr, en);
    let suggestion = slugify(stem);
    let hint = if suggestion.is_empty() || suggestion == stem {
        lang.t("lettres minuscules sans accents, chiffres et tirets simples, 64 caractères au plus", "lowercase letters without accents, digits and single hyphens, 64 characters at most").to_string()
    } else {
        tr!(lang, "renommez le fichier, par exemple `{suggestion}`", "rename the file, for example `{suggestion}`")
    };
    Some(Diagnostic::error("bad-slug", shown, 0, 0, tr!(lang, "nom de fichier invalide `{stem}` : {why}", "invalid file name `{stem}`: {why}")).hint(hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(slug_problem("chapril").is_none());
        assert!(slug_problem("la-quadrature-2").is_none());
        for bad in ["", "Chapril", "café", "a--b", "-a", "a-", "con", "com1", "a.", "a_b", &"x".repeat(65)] {
            assert!(slug_problem(bad).is_some(), "{bad}");
        }
        assert_eq!(slugify("Café Libre!"), "cafe-libre");
        assert_eq!(slugify("CON"), "con-1");
    }

    #[test]
    fn decodes_what_editors_write() {
        let t = decode(b"\xEF\xBB\xBFa\r\nb", "f", Lang::En).unwrap();
        assert_eq!(t, "a\nb");
        let nfd = "e\u{301}";
        assert_eq!(decode(nfd.as_bytes(), "f", Lang::En).unwrap(), "\u{e9}");
        let e = decode(b"ok\nab\xFF", "f", Lang::En).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
    }

    /// The look for characters that may need normalising goes by blocks of 64 bytes: a
    /// decomposed accent is found in any block, at its edges and in a short last block.
    #[test]
    fn decomposed_accents_are_found_in_any_block() {
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            let text = format!("{}e\u{301}{}", "a".repeat(at), "b".repeat(7));
            let want = format!("{}\u{e9}{}", "a".repeat(at), "b".repeat(7));
            assert_eq!(decode(text.as_bytes(), "f", Lang::En).unwrap(), want, "accent after {at} bytes");
        }
        let plain = "é".repeat(100);
        assert_eq!(decode(plain.as_bytes(), "f", Lang::En).unwrap(), plain);
    }
}
