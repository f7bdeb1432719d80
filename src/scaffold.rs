//! `aiguillage new` (a commented record to fill) and `aiguillage init` (a new directory site,
//! ready to build). A new record's references point at records that exist, but its example
//! texts (name, summary, addresses, description) are refused by `check` until a person
//! replaces them: an unfilled template never reaches the site.

pub mod forms;

use crate::i18n::Lang;
use crate::tr;
use anyhow::{Context as _, Result};
use std::path::Path;
use std::process::ExitCode;

/// What `aiguillage new` makes: a record of one of these kinds, from its template.
#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq, Debug)]
pub enum NewKind {
    /// A libre alternative (`content/alternatives/`)
    Alternative,
    /// A provider: an organisation that hosts, supports or trains (`content/providers/`)
    #[value(alias = "prestataire")]
    Provider,
    /// A need people have (`content/needs/`)
    #[value(alias = "besoin")]
    Need,
    /// A dominant tool that alternatives replace (`content/tools/`)
    #[value(alias = "outil")]
    Tool,
}

const ALT_FR: &str = include_str!("scaffold/alternative.fr.md");
const ALT_EN: &str = include_str!("scaffold/alternative.en.md");
const PROV_FR: &str = include_str!("scaffold/provider.fr.md");
const PROV_EN: &str = include_str!("scaffold/provider.en.md");
const NEED_FR: &str = include_str!("scaffold/need.fr.md");
const NEED_EN: &str = include_str!("scaffold/need.en.md");
const TOOL_FR: &str = include_str!("scaffold/tool.fr.yaml");
const TOOL_EN: &str = include_str!("scaffold/tool.en.yaml");
const FORMAT: &str = include_str!("../docs/format.md");
const CONTRIBUTING: &str = include_str!("../CONTRIBUTING.md");

/// This repository's contributor guide for a site made by `init`: without the part for the
/// program's developers (`## 10.` up to the English part, and its English paragraph).
fn contributing() -> String {
    let mut out = CONTRIBUTING.to_string();
    if let (Some(a), Some(b)) = (out.find("\n## 10. "), out.find("\n## In English")) {
        out.replace_range(a..b, "\n");
    }
    if let Some(a) = out.find("\n**Developers.**") {
        let end = out[a + 1..].find("\n\n").map(|e| a + 1 + e).unwrap_or(out.len());
        out.replace_range(a..end, "");
    }
    out
}

mod starter {
    include!(concat!(env!("OUT_DIR"), "/starter.rs"));
}

/// The example values of the templates (names, summaries, addresses, and the first line of
/// their body text), read from the templates themselves: `check` refuses a record that still
/// holds one, so an unfilled `new` never reaches the site.
pub fn example_values() -> &'static [String] {
    static VALUES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    VALUES.get_or_init(|| {
        let mut v = Vec::new();
        for t in [ALT_FR, ALT_EN, PROV_FR, PROV_EN, NEED_FR, NEED_EN, TOOL_FR, TOOL_EN] {
            let mut parts = t.splitn(3, "---\n");
            let (front, body) = match (parts.next(), parts.next(), parts.next()) {
                (Some(""), Some(front), Some(body)) => (front, Some(body)),
                _ => (t, None),
            };
            for line in front.lines() {
                for key in ["name: ", "summary: ", "website: ", "source: ", "vendor: "] {
                    if let Some(value) = line.strip_prefix(key) {
                        v.push(value.trim().trim_matches('"').to_string());
                    }
                }
                if let Some(url) = line.strip_prefix("contact: {url: ").and_then(|r| r.strip_suffix('}')) {
                    v.push(url.trim().to_string());
                }
            }
            // The first sentence of the body that is not a heading (headings such as "Sans
            // outil numérique" are meant to stay).
            if let Some(first) = body.and_then(|b| b.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'))) {
                v.push(first.to_string());
            }
        }
        v.retain(|x| !x.is_empty() && !x.contains('{'));
        v.sort();
        v.dedup();
        v
    })
}

/// Whether a value is one of the templates' examples ([`example_values`]). Every line of every
/// record's description is asked: the examples' lengths are looked at first (a bit each), so
/// that most lines are never hashed (the hashing was 1.6 % of a build).
pub fn is_example(value: &str) -> bool {
    struct Examples {
        set: ahash::AHashSet<&'static str>,
        /// Bit `n` set when some example is `n` bytes long (`n` < 256; longer ones are hashed).
        lengths: [u64; 4],
    }
    static EXAMPLES: std::sync::OnceLock<Examples> = std::sync::OnceLock::new();
    let ex = EXAMPLES.get_or_init(|| {
        let mut lengths = [0u64; 4];
        for v in example_values() {
            if v.len() < 256 {
                lengths[v.len() / 64] |= 1 << (v.len() % 64);
            }
        }
        Examples { set: example_values().iter().map(String::as_str).collect(), lengths }
    });
    let v = value.trim();
    (v.len() >= 256 || ex.lengths[v.len() / 64] & (1 << (v.len() % 64)) != 0) && ex.set.contains(v)
}

/// The first record file name of a folder, without extension.
fn first_id(dir: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let stem = n.strip_suffix(".md").or_else(|| n.strip_suffix(".yaml"))?.to_string();
            crate::util::slug::slug_problem(&stem).is_none().then_some(stem)
        })
        .collect();
    names.sort();
    names.into_iter().next()
}

fn criteria_ids(content: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(content.join("criteria"))
        .map(|d| d.flatten().filter_map(|e| e.file_name().to_string_lossy().strip_suffix(".md").map(str::to_string)).collect())
        .unwrap_or_default();
    v.sort();
    if v.is_empty() {
        v = ["accessibility", "equity", "proximity", "respect"].map(String::from).to_vec();
    }
    v
}

/// The text of a new record, with its example values filled in.
pub fn record_text(content: &Path, kind: NewKind, slug: &str, lang: Lang) -> String {
    let template = match (kind, lang) {
        (NewKind::Alternative, Lang::Fr) => ALT_FR,
        (NewKind::Alternative, Lang::En) => ALT_EN,
        (NewKind::Provider, Lang::Fr) => PROV_FR,
        (NewKind::Provider, Lang::En) => PROV_EN,
        (NewKind::Need, Lang::Fr) => NEED_FR,
        (NewKind::Need, Lang::En) => NEED_EN,
        (NewKind::Tool, Lang::Fr) => TOOL_FR,
        (NewKind::Tool, Lang::En) => TOOL_EN,
    };
    let criteria: String = criteria_ids(content).iter().map(|c| format!("  {c}:\n    status: unknown\n")).collect();
    template
        .replace("{slug}", slug)
        .replace("{need}", &first_id(&content.join("needs")).unwrap_or_else(|| "visioconference".into()))
        .replace("{tool}", &first_id(&content.join("tools")).unwrap_or_else(|| "zoom".into()))
        .replace("{alternative}", &first_id(&content.join("alternatives")).unwrap_or_else(|| "jitsi-meet".into()))
        .replace("{criteria}\n", &criteria)
}

pub fn new_record(content: &Path, kind: NewKind, slug: &str, lang: Option<Lang>) -> Result<ExitCode> {
    let lang = lang.unwrap_or_else(|| site_lang(content));
    if let Some((fr, en)) = crate::util::slug::slug_problem(slug) {
        let why = lang.t(fr, en);
        let s = crate::util::slug::slugify(slug);
        eprintln!("{}", tr!(lang, "aiguillage : nom invalide `{slug}` : {why}\naide : essayez `{s}`", "aiguillage: invalid name `{slug}`: {why}\nhelp: try `{s}`"));
        return Ok(ExitCode::from(2));
    }
    let (folder, ext) = match kind {
        NewKind::Alternative => ("alternatives", "md"),
        NewKind::Provider => ("providers", "md"),
        NewKind::Need => ("needs", "md"),
        NewKind::Tool => ("tools", "yaml"),
    };
    let dir = content.join(folder);
    for e in ["md", "yaml"] {
        let p = dir.join(format!("{slug}.{e}"));
        if p.exists() {
            eprintln!("{}", tr!(lang, "aiguillage : `{}` existe déjà\naide : choisissez un autre nom, ou modifiez la fiche existante", "aiguillage: `{}` already exists\nhelp: choose another name, or edit the existing record", p.display()));
            return Ok(ExitCode::from(2));
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(format!("{slug}.{ext}"));
    std::fs::write(&path, record_text(content, kind, slug, lang)).with_context(|| format!("writing {}", path.display()))?;
    println!("{}", tr!(lang, "Fiche créée : {}\nRemplissez chaque champ puis lancez `aiguillage check`.", "Record created: {}\nFill in each field, then run `aiguillage check`.", path.display()));
    Ok(ExitCode::SUCCESS)
}

fn site_lang(content: &Path) -> Lang {
    std::fs::read_to_string(content.join("site.yaml"))
        .ok()
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("language:").map(|v| v.trim().to_string())))
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_default()
}

/// The guide of regional editions: the README of a site made by `init --from`.
const EDITION: &str = include_str!("../docs/edition-regionale.md");

/// Writes `dir/rel`, making its folders.
fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(&p, bytes).with_context(|| format!("writing {}", p.display()))
}

/// `to` as a relative path from the folder `from` (both existing), with `/`.
fn relative(from: &Path, to: &Path) -> Option<String> {
    let (from, to) = (std::fs::canonicalize(from).ok()?, std::fs::canonicalize(to).ok()?);
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), a.len() - common).collect();
    parts.extend(b[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(if parts.is_empty() { ".".into() } else { parts.join("/") })
}

/// `init --from`: a regional edition built upon `base` (spec §2.1, `include`): its site.yaml
/// includes the base, its own record folders start empty, and its README is the guide of
/// editions; the Forgejo files and contributor guides are those of any site.
pub fn init_edition(dir: &Path, base: &Path, lang: Lang) -> Result<ExitCode> {
    if !base.join("site.yaml").is_file() {
        eprintln!("{}", tr!(lang, "aiguillage : `{}` n'est pas un dossier de contenu (pas de `site.yaml`) ; rien n'a été écrit", "aiguillage: `{}` is not a content folder (no `site.yaml`); nothing was written", base.display()));
        return Ok(ExitCode::from(2));
    }
    if dir.join("content").join("site.yaml").exists() {
        eprintln!("{}", tr!(lang, "aiguillage : `{}` contient déjà un dossier `content/` ; rien n'a été écrit", "aiguillage: `{}` already holds a `content/` folder; nothing was written", dir.display()));
        return Ok(ExitCode::from(2));
    }
    let content = dir.join("content");
    std::fs::create_dir_all(&content).with_context(|| format!("creating {}", content.display()))?;
    let include = relative(&content, base).with_context(|| format!("reading {}", base.display()))?;
    let base_site = std::fs::read_to_string(base.join("site.yaml")).with_context(|| format!("reading {}", base.join("site.yaml").display()))?;
    let field = |key: &str| base_site.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().trim_matches(['"', '\'']).to_string());
    let title = field("title:").unwrap_or_else(|| "Aiguillage".into());
    let language = field("language:").and_then(|l| Lang::parse(&l)).unwrap_or(lang);
    let site = format!(
        "# {}\ntitle: \"{} — {}\"\nlanguage: {}\nbudget:\n  page_kb: 14\n  css_kb: 8\ninclude:\n  - {include}\n# exclude:\n#   - providers/un-prestataire\n",
        language.t("Édition régionale : les fiches de la base (include) sont reprises ; celles de ce dossier s'y ajoutent ou les remplacent (même nom de fichier). Voir README.md.", "Regional edition: the base's records (include) are taken; those of this folder add to them or replace them (same file name). See README.md."),
        title.replace('"', "'"),
        language.t("édition régionale", "regional edition"),
        language.code()
    );
    let write = |rel: &str, text: &[u8]| write_file(dir, rel, text);
    write("content/site.yaml", site.as_bytes())?;
    for folder in ["providers", "pages"] {
        write(&format!("content/{folder}/.gitkeep"), b"")?;
    }
    for (rel, bytes) in starter::FILES.iter().filter(|(rel, _)| rel.starts_with(".forgejo/")) {
        write(rel, bytes)?;
    }
    write("README.md", EDITION.as_bytes())?;
    write("docs/edition-regionale.md", EDITION.as_bytes())?;
    write("docs/format.md", FORMAT.as_bytes())?;
    write("CONTRIBUTING.md", contributing().as_bytes())?;
    // The issue forms list the needs of the base, which the edition shows.
    let needs = forms::need_options(base);
    for f in forms::WITH_NEEDS {
        let p = dir.join(f);
        let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        write(f, forms::with_options(&text, "besoins", &needs).as_bytes())?;
    }
    println!("{}", tr!(lang, "Nouvelle édition dans {0}, sur la base {1}\n  cd {0} && aiguillage build   puis ouvrez public/index.html", "New edition in {0}, built upon {1}\n  cd {0} && aiguillage build   then open public/index.html", dir.display(), base.display()));
    Ok(ExitCode::SUCCESS)
}

/// Writes a new site: the starter content, a README for its maintainers and the Forgejo files.
pub fn init(dir: &Path, lang: Lang) -> Result<ExitCode> {
    if dir.join("content").exists() {
        eprintln!("{}", tr!(lang, "aiguillage : `{}` contient déjà un dossier `content/` ; rien n'a été écrit", "aiguillage: `{}` already holds a `content/` folder; nothing was written", dir.display()));
        return Ok(ExitCode::from(2));
    }
    for (rel, bytes) in starter::FILES {
        write_file(dir, rel, bytes)?;
    }
    // The guides of this repository, for the new site's contributors: the content format, and
    // the contributor's guide without its part for the program's developers.
    let write = |rel: &str, text: &str| write_file(dir, rel, text.as_bytes());
    write("docs/format.md", FORMAT)?;
    write("docs/edition-regionale.md", EDITION)?;
    write("CONTRIBUTING.md", &contributing())?;
    // The issue forms list the new site's own needs.
    let needs = forms::need_options(&dir.join("content"));
    for f in forms::WITH_NEEDS {
        let p = dir.join(f);
        let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        write(f, &forms::with_options(&text, "besoins", &needs))?;
    }
    println!("{}", tr!(lang, "Nouveau site dans {0}\n  cd {0} && aiguillage build   puis ouvrez public/index.html", "New site in {0}\n  cd {0} && aiguillage build   then open public/index.html", dir.display()));
    Ok(ExitCode::SUCCESS)
}
