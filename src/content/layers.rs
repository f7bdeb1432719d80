//! An edition's layers (spec §2.1, `include` and `exclude`): the site's own content folder and
//! the folders it builds upon, in priority order, and which layer's file each record is read
//! from. A record of a layer replaces a lower layer's record of the same slug whole (no field
//! merge); `exclude` leaves included records out. All this is settled before anything is
//! parsed: the rest of the loader sees one list of files, as for a site of one folder.

use super::{Found, SECTIONS, read_text, settings, shown_path};
use crate::diag::{Diagnostic, closest};
use crate::i18n::Lang;
use crate::model::{Layer, Site, Written};
use crate::tr;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// `base/rel` with `.` and `..` worked out on the words alone (`content/../national/content`
/// is shown `national/content`), for messages.
fn joined_label(base: &str, rel: &str) -> String {
    if Path::new(rel).is_absolute() {
        return rel.to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let base = if base.is_empty() || base == "." { "" } else { base };
    for c in Path::new(base).join(rel).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            c => parts.push(c.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() { ".".into() } else { parts.join("/") }
}

/// The site's own folder, then every folder it includes, depth first in the order written (a
/// base's own includes come right after it): the priority order. A folder met twice is one
/// layer, at its first place.
pub(super) fn resolve(content: &Path, label: &str, site: &Site, lang: Lang, diags: &mut Vec<Diagnostic>) -> Vec<Layer> {
    let own = Layer { label: label.to_string(), path: content.to_path_buf(), title: site.title.clone(), repository: site.repository.clone() };
    let mut layers = vec![own];
    if site.include.is_empty() {
        return layers;
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let mut seen = vec![canonical(content)];
    let chain = vec![canonical(content)];
    visit(content, label, &site.include, site.language, &chain, &mut seen, &mut layers, lang, diags);
    layers
}

#[allow(clippy::too_many_arguments)]
fn visit(from: &Path, from_label: &str, includes: &[Written], language: Lang, chain: &[PathBuf], seen: &mut Vec<PathBuf>, layers: &mut Vec<Layer>, lang: Lang, diags: &mut Vec<Diagnostic>) {
    for inc in includes {
        let rel = inc.text.as_str();
        let width = rel.chars().count();
        let at = |code, msg: String, hint: String| Diagnostic::error(code, &inc.pos.file, inc.pos.line, inc.pos.col, msg).width(width).hint(hint);
        let path = from.join(rel);
        let label = joined_label(from_label, rel);
        if !path.is_dir() {
            diags.push(at(
                "include-missing",
                tr!(lang, "le dossier inclus `{rel}` n'existe pas (cherché : `{label}`)", "the included folder `{rel}` does not exist (looked for: `{label}`)"),
                lang.t("le chemin est relatif au dossier du contenu ; pour un sous-module git, lancez `git submodule update --init`", "the path is relative to the content folder; for a git submodule, run `git submodule update --init`").into(),
            ));
            continue;
        }
        let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if chain.contains(&canon) {
            diags.push(at(
                "include-cycle",
                tr!(lang, "`{rel}` inclut à son tour ce dossier : les inclusions forment une boucle", "`{rel}` includes this folder in turn: the includes form a loop"),
                lang.t("une base ne peut pas inclure l'édition qui la reprend : retirez l'une des deux inclusions", "a base cannot include the edition built upon it: remove one of the two includes").into(),
            ));
            continue;
        }
        if seen.contains(&canon) {
            continue;
        }
        let site_shown = shown_path(&label, "site.yaml");
        let site_path = path.join("site.yaml");
        if !site_path.is_file() {
            diags.push(at(
                "include-not-content",
                tr!(lang, "`{rel}` n'est pas un dossier de contenu : il n'a pas de `site.yaml`", "`{rel}` is not a content folder: it has no `site.yaml`"),
                lang.t("incluez le dossier `content/` de l'annuaire de base, celui qui contient `site.yaml`, `needs/`, `alternatives/`…", "include the base directory's `content/` folder, the one holding `site.yaml`, `needs/`, `alternatives/`…").into(),
            ));
            continue;
        }
        let base = match read_text(&site_path, &site_shown, lang) {
            Ok(text) => settings::site(&text, &site_shown, lang, diags),
            Err(d) => {
                diags.push(d);
                None
            }
        };
        let Some(base) = base else { continue };
        if base.language != language {
            let (theirs, ours) = (base.language.code(), language.code());
            diags.push(at(
                "include-language",
                tr!(lang, "`{rel}` est en langue `{theirs}`, ce site en `{ours}`", "`{rel}` is in language `{theirs}`, this site in `{ours}`"),
                lang.t("une édition ne reprend qu'un contenu de sa propre langue", "an edition builds only upon content of its own language").into(),
            ));
            continue;
        }
        seen.push(canon.clone());
        layers.push(Layer { label: label.clone(), path: path.clone(), title: base.title.clone(), repository: base.repository.clone() });
        let mut chain = chain.to_vec();
        chain.push(canon);
        visit(&path, &label, &base.include, language, &chain, seen, layers, lang, diags);
    }
}

/// Every folder a content folder includes, nested includes too, each once (its `site.yaml`
/// read for that alone, problems left to `check`): what `build` and `serve` watch beside the
/// content folder, so that an edit in a base is seen.
pub fn included_folders(content: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen = vec![std::fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf())];
    let mut todo = vec![content.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(text) = std::fs::read_to_string(dir.join("site.yaml")) else { continue };
        let Some(site) = settings::site(&text, "site.yaml", Lang::Fr, &mut Vec::new()) else { continue };
        for inc in site.include {
            let path = dir.join(&inc.text);
            let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if path.is_dir() && !seen.contains(&canon) {
                seen.push(canon);
                out.push(path.clone());
                todo.push(path);
            }
        }
    }
    out
}

/// The files of every layer, each record from the first layer that has it, less the excluded
/// ones; sorted by section then slug, whatever the order of the file system. Also gives the
/// layer of each record read from an included folder.
pub(super) fn merge(layers: &[Layer], exclude: &[Written], lang: Lang, diags: &mut Vec<Diagnostic>, walk: impl Fn(&Layer, &mut Vec<Diagnostic>) -> Vec<Found>) -> Merged {
    let mut by_key: BTreeMap<(usize, String), Found> = BTreeMap::new();
    let mut excluded = std::collections::BTreeSet::new();
    for (i, layer) in layers.iter().enumerate() {
        for mut f in walk(layer, diags) {
            f.layer = i;
            let section = SECTIONS.iter().position(|s| *s == f.section).unwrap_or(0);
            by_key.entry((section, f.slug.clone())).or_insert(f);
        }
    }
    for ex in exclude {
        let text = ex.text.trim();
        let key = text.trim_end_matches(".md").trim_end_matches(".yaml");
        let at = |code, msg: String, hint: String| Diagnostic::error(code, &ex.pos.file, ex.pos.line, ex.pos.col, msg).width(text.chars().count()).hint(hint);
        let parsed = key.split_once('/').and_then(|(s, slug)| Some((SECTIONS.iter().position(|x| *x == s)?, slug.to_string())));
        let Some(k) = parsed else {
            diags.push(at("bad-exclude", tr!(lang, "`{text}` ne désigne pas une fiche", "`{text}` does not name a record"), lang.t("écrivez le dossier et le nom du fichier sans extension, par exemple `providers/un-prestataire`", "write the folder and the file name without extension, for example `providers/a-provider`").into()));
            continue;
        };
        match by_key.get(&k) {
            None => {
                let names: Vec<String> = by_key.iter().filter(|(_, f)| f.layer > 0).map(|((s, slug), _)| format!("{}/{slug}", SECTIONS[*s])).collect();
                let near = closest(key, names.iter().map(String::as_str), 1);
                let hint = match near.first() {
                    Some(c) => tr!(lang, "vouliez-vous dire `{c}` ?", "did you mean `{c}`?"),
                    None => lang.t("vérifiez le dossier et le nom du fichier dans la base incluse", "check the folder and the file name in the included base").into(),
                };
                diags.push(at("unknown-exclude", tr!(lang, "`{key}` : aucune fiche incluse ne porte ce nom", "`{key}`: no included record has this name"), hint));
            }
            Some(f) if f.layer == 0 => {
                let shown = f.shown.clone();
                diags.push(at("exclude-own", tr!(lang, "`{key}` est une fiche de ce site (`{shown}`), pas d'une base incluse", "`{key}` is a record of this site (`{shown}`), not of an included base"), lang.t("pour retirer une fiche de ce site, supprimez son fichier", "to remove a record of this site, delete its file").into()));
            }
            Some(_) => {
                by_key.remove(&k);
                excluded.insert(key.to_string());
            }
        }
    }
    let origin = by_key.values().filter(|f| f.layer > 0).map(|f| (format!("{}/{}", f.section, f.slug), f.layer)).collect();
    Merged { found: by_key.into_values().collect(), origin, excluded }
}

/// What [`merge`] settles.
pub(super) struct Merged {
    pub(super) found: Vec<Found>,
    /// The layer of each record read from an included folder, by `section/slug`.
    pub origin: BTreeMap<String, usize>,
    /// The records left out, by `section/slug`.
    pub excluded: std::collections::BTreeSet<String>,
}

#[cfg(test)]
mod tests {
    use super::joined_label;

    #[test]
    fn labels_are_worked_out() {
        assert_eq!(joined_label("content", "../national/content"), "national/content");
        assert_eq!(joined_label(".", "../national/content"), "../national/content");
        assert_eq!(joined_label("site/content", "./../../base/content"), "base/content");
        assert_eq!(joined_label("content", "../../x"), "../x");
    }
}
