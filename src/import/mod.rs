//! `aiguillage import chatonsinfos <file or URL>`: a provider record draft from the files a
//! CHATONS member publishes about itself. Reads the organisation file and the service files it
//! lists (`subs.*`), from disk or over HTTP with the client of `verify`; reports every unknown
//! or malformed field with its line; writes `content/providers/<slug>.md`, never over an
//! existing record (it prints what would change instead).

pub mod chatonsinfos;
pub mod properties;

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::tr;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

pub struct ImportOptions<'a> {
    pub content: &'a Path,
    pub content_label: &'a str,
    /// The organisation file: a path or an http(s) address.
    pub source: &'a str,
    pub lang: Option<Lang>,
    pub timeout: std::time::Duration,
}

/// Where a service file is, from the organisation file's place: an address relative to an
/// address, a path relative to the file's folder, or as written when absolute.
fn resolve(base: &str, sub: &str) -> String {
    if crate::util::url::is_web_url(sub) {
        return sub.to_string();
    }
    if crate::util::url::is_web_url(base) {
        let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if let Some(abs) = sub.strip_prefix('/') {
            return format!("{scheme}://{host}/{abs}");
        }
        let dir = path.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        return format!("{scheme}://{host}/{dir}{sub}");
    }
    if Path::new(sub).is_absolute() {
        return sub.to_string();
    }
    Path::new(base).parent().map(|p| p.join(sub).to_string_lossy().into_owned()).unwrap_or_else(|| sub.to_string())
}

/// The text of a file or of an address.
fn read(source: &str, agent: &ureq::Agent, lang: Lang) -> Result<String, String> {
    if crate::util::url::is_web_url(source) {
        let mut resp = agent.get(source).call().map_err(|e| tr!(lang, "lecture impossible de {source} : {e}", "cannot read {source}: {e}"))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Err(tr!(lang, "{source} répond {status}", "{source} answers {status}"));
        }
        resp.body_mut().with_config().limit(1 << 20).read_to_string().map_err(|e| tr!(lang, "lecture impossible de {source} : {e}", "cannot read {source}: {e}"))
    } else {
        let bytes = std::fs::read(source).map_err(|e| tr!(lang, "lecture impossible de {source} : {e}", "cannot read {source}: {e}"))?;
        // The format says UTF-8; Java's own default is Latin-1, which some tools still write.
        Ok(String::from_utf8(bytes).unwrap_or_else(|e| e.into_bytes().iter().map(|b| *b as char).collect()))
    }
}

/// Reads and parses one file, its problems said with their lines.
fn load(source: &str, class: &str, agent: &ureq::Agent, lang: Lang, diags: &mut Vec<Diagnostic>, texts: &mut BTreeMap<String, String>) -> Option<Vec<properties::Property>> {
    let text = match read(source, agent, lang) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error("import-read", source, 0, 0, e));
            return None;
        }
    };
    let (props, problems) = properties::parse(&text);
    texts.insert(source.to_string(), text);
    for p in problems {
        use properties::ProblemKind as K;
        let (msg, hint) = match &p.kind {
            K::BadKey(k) => (tr!(lang, "ligne illisible : `{k}` n'est pas un nom de champ", "unreadable line: `{k}` is not a field name"), lang.t("une ligne est `nom.du.champ = valeur`, ou un commentaire commençant par `#`", "a line is `field.name = value`, or a comment starting with `#`")),
            K::BadEscape(e) => (tr!(lang, "échappement invalide `{e}`", "invalid escape `{e}`"), lang.t("`\\u` est suivi de quatre chiffres hexadécimaux, par exemple `\\u00e9`", "`\\u` is followed by four hexadecimal digits, for example `\\u00e9`")),
            K::Repeated(k, first) => (tr!(lang, "`{k}` est déjà donné ligne {first} : cette valeur-ci compte", "`{k}` is given already on line {first}: this value counts"), lang.t("gardez une seule ligne pour ce champ", "keep one line for this field")),
        };
        diags.push(Diagnostic::warning("import-malformed", source, p.line, 1, msg).hint(hint));
    }
    for p in props.iter().filter(|p| !chatonsinfos::is_known(&p.key)) {
        let k = &p.key;
        diags.push(Diagnostic::warning("import-unknown", source, p.line, 1, tr!(lang, "champ inconnu du format ChatonsInfos : `{k}` (ignoré)", "field unknown to the ChatonsInfos format: `{k}` (ignored)")));
    }
    let found = chatonsinfos::get(&props, "file.class").map(str::to_ascii_lowercase);
    if found.as_deref() != Some(class) {
        let found = found.unwrap_or_else(|| "—".into());
        diags.push(Diagnostic::error("import-class", source, props.iter().find(|p| p.key == "file.class").map_or(0, |p| p.line), 1, tr!(lang, "`file.class` vaut `{found}`, on attend `{class}`", "`file.class` is `{found}`, expected `{class}`")).hint(lang.t("donnez le fichier de l'organisation (organization.properties) ; il liste ses services dans `subs.*`", "give the organisation's file (organization.properties); it lists its services in `subs.*`")));
        return None;
    }
    Some(props)
}

/// Lines of `old` and `new` that differ, as a unified diff.
fn diff(old: &str, new: &str, name: &str) -> String {
    similar::TextDiff::from_lines(old, new).unified_diff().context_radius(2).header(name, &format!("{name} (ChatonsInfos)")).to_string()
}

pub fn chatonsinfos_run(o: &ImportOptions) -> Result<ExitCode> {
    let mut timings = crate::timings::Timings::default();
    let loaded = crate::content::load(o.content, o.content_label, o.lang, false, &crate::diag::Wording::all(), &mut timings);
    let dir = loaded.dir;
    let lang = o.lang.unwrap_or(dir.site.language);
    let agent = crate::verify::http::agent_following(o.timeout);
    let mut diags = Vec::new();
    let mut texts = BTreeMap::new();
    let Some(org) = load(o.source, "organization", &agent, lang, &mut diags, &mut texts) else {
        crate::diag::print(&diags, lang, false, &texts);
        return Ok(ExitCode::from(1));
    };
    let mut services = Vec::new();
    for sub in org.iter().filter(|p| p.key.starts_with("subs.")) {
        let at = resolve(o.source, sub.value.trim());
        if let Some(props) = load(&at, "service", &agent, lang, &mut diags, &mut texts) {
            services.push(chatonsinfos::Service { props, source: at });
        }
    }
    let Some(name) = chatonsinfos::get(&org, "organization.name").map(str::to_string) else {
        diags.push(Diagnostic::error("import-name", o.source, 0, 0, lang.t("le fichier ne donne pas `organization.name`", "the file gives no `organization.name`").into()));
        crate::diag::print(&diags, lang, false, &texts);
        return Ok(ExitCode::from(1));
    };
    let known = chatonsinfos::Known {
        criteria: dir.criteria.keys().map(String::as_str).collect(),
        alternatives: dir.alternatives.values().map(|a| (a.slug.as_str(), a.name.as_str(), a.website.as_deref(), a.needs.iter().map(|n| n.id.as_str()).collect())).collect(),
    };
    let organisation = chatonsinfos::Organisation { props: org, source: o.source.to_string(), services };
    let text = chatonsinfos::draft(&organisation, &known, lang);
    crate::diag::print(&diags, lang, false, &texts);
    let slug = crate::util::slug::slugify(&name);
    let rel = format!("providers/{slug}.md");
    let shown = crate::content::shown_path(o.content_label, &rel);
    let existing = ["md", "yaml"].iter().map(|e| o.content.join(format!("providers/{slug}.{e}"))).find(|p| p.exists());
    if let Some(path) = existing {
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old == text {
            eprintln!("{}", tr!(lang, "`{}` existe déjà, identique au brouillon : rien n'a été écrit.", "`{}` exists already, the same as the draft: nothing was written.", path.display()));
            return Ok(ExitCode::from(1));
        }
        print!("{}", diff(&old, &text, &path.to_string_lossy()));
        eprintln!("{}", tr!(lang, "`{}` existe déjà : rien n'a été écrit. Ci-dessus, ce que le brouillon changerait ; reportez à la main ce qui est juste.", "`{}` exists already: nothing was written. Above, what the draft would change; carry over by hand what is right.", path.display()));
        return Ok(ExitCode::from(1));
    }
    let path = o.content.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, &text)?;
    println!("{}", tr!(lang, "Brouillon écrit : {shown}\nÀ compléter avant `aiguillage check` : la présentation, les prix des offres, les critères (avec leurs sources), et les champs qui gardent une valeur d'exemple.", "Draft written: {shown}\nTo complete before `aiguillage check`: the description, the offers' prices, the criteria (with sources), and the fields that keep an example value."));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn service_files_are_found_from_the_organisation_file() {
        assert_eq!(resolve("https://x.org/ci/organization.properties", "nextcloud.properties"), "https://x.org/ci/nextcloud.properties");
        assert_eq!(resolve("https://x.org/ci/organization.properties", "/s/a.properties"), "https://x.org/s/a.properties");
        assert_eq!(resolve("https://x.org/ci/organization.properties", "https://y.org/a.properties"), "https://y.org/a.properties");
        assert_eq!(resolve("dir/organization.properties", "a.properties"), "dir/a.properties");
    }
}
