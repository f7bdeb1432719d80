//! The theme: the default one embedded in the binary (by `build.rs`), overridden file by file
//! by `themes/<name>/` beside `content/`.

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::tr;
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// A theme file and where it came from (shown in messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: String,
    /// From the default theme embedded in the program (not a `themes/` folder).
    pub embedded: bool,
}

/// All files of the theme by relative path (`templates/base.html`, `static/style.css`,
/// `i18n/fr.yaml`).
pub struct Theme {
    pub files: BTreeMap<String, ThemeFile>,
}

impl Theme {
    pub fn load(site_dir: &Path, name: &str, lang: Lang) -> Result<Theme, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, ThemeFile> = embedded::FILES
            .iter()
            .map(|(p, b)| (p.to_string(), ThemeFile { bytes: b.to_vec(), origin: format!("(default theme) {p}"), embedded: true }))
            .collect();
        let dir = site_dir.join("themes").join(name);
        let shown_dir = format!("themes/{name}");
        if !dir.is_dir() {
            if name == "default" {
                return Ok(Theme { files });
            }
            return Err(vec![Diagnostic::error("unknown-theme", "content/site.yaml", 0, 0, tr!(lang, "thème introuvable `{name}` : pas de dossier `{shown_dir}/`", "theme not found `{name}`: no `{shown_dir}/` folder"))
                .hint(lang.t("écrivez `theme: default` ou créez le dossier du thème à côté de `content/`", "write `theme: default` or create the theme folder beside `content/`"))]);
        }
        let mut diags = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by(crate::util::by_name) {
            let Ok(entry) = entry else { continue };
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let shown = format!("{shown_dir}/{rel}");
            if entry.path_is_symlink() {
                diags.push(Diagnostic::error("symlink", &shown, 0, 0, tr!(lang, "lien symbolique refusé dans le thème", "symbolic link refused in the theme"))
                    .hint(lang.t("remplacez le lien par une copie du fichier", "replace the link by a copy of the file")));
                continue;
            }
            if !entry.file_type().is_file() || rel.split('/').any(|s| s.starts_with('.')) {
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) if bytes.len() as u64 <= crate::util::text::MAX_FILE_BYTES * 4 => {
                    files.insert(rel, ThemeFile { bytes, origin: shown, embedded: false });
                }
                Ok(_) => diags.push(Diagnostic::error("too-large", &shown, 0, 0, tr!(lang, "fichier de thème trop gros (4 Mio au plus)", "theme file too large (4 MiB at most)"))),
                Err(e) => {
                    let e = e.to_string();
                    diags.push(Diagnostic::error("io", &shown, 0, 0, tr!(lang, "lecture impossible : {e}", "cannot read: {e}")))
                }
            }
        }
        if diags.is_empty() { Ok(Theme { files }) } else { Err(diags) }
    }

    /// True when no file of a `themes/` folder overrides the embedded default theme.
    pub fn is_embedded_only(&self) -> bool {
        self.files.values().all(|f| f.embedded)
    }

    pub fn templates(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files.iter().filter_map(|(k, v)| k.strip_prefix("templates/").map(|n| (n, v)))
    }

    pub fn statics(&self) -> impl Iterator<Item = (&str, &ThemeFile)> {
        self.files.iter().filter_map(|(k, v)| k.strip_prefix("static/").map(|n| (n, v)))
    }

    /// Interface strings of `lang`: the default theme's, overridden key by key.
    pub fn strings(&self, lang: Lang) -> Result<BTreeMap<String, String>, Diagnostic> {
        let key = format!("i18n/{}.yaml", lang.code());
        let mut out: BTreeMap<String, String> = BTreeMap::new();
        let default = embedded::FILES.iter().find(|(p, _)| *p == key).map(|(_, b)| *b).unwrap_or(b"");
        let parse = |bytes: &[u8], origin: &str| -> Result<BTreeMap<String, String>, Diagnostic> {
            let text = String::from_utf8_lossy(bytes);
            serde_saphyr::from_str::<BTreeMap<String, String>>(&text).map_err(|e| {
                let (line, col) = e.location().map(|l| (l.line() as u32, l.column() as u32)).unwrap_or((0, 0));
                let first = e.to_string().lines().next().unwrap_or("").to_string();
                Diagnostic::error("theme-i18n", origin, line, col, first)
            })
        };
        out.extend(parse(default, &key)?);
        if let Some(f) = self.files.get(&key)
            && !f.embedded
        {
            out.extend(parse(&f.bytes, &f.origin)?);
        }
        Ok(out)
    }
}
