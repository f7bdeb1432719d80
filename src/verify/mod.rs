//! `aiguillage verify`: the one command that uses the network (spec §4). It reads the content as
//! `check` does (offline), then checks every web address the content gives, each once, and the
//! upstream activity of alternatives whose `source` is on a forge; it reports what is broken,
//! moved, archived or stale, grouped by file, and never edits the content.
//!
//! Sites that refuse robots can be listed in `content/verify-allowlist.yaml`, each with the
//! reason: their refusals (401, 403, 429) then count as reachable.

mod forge;
pub mod against;
pub mod http;

pub use http::{IN_ALL, Outcome, PER_HOST, Verdict};

use crate::check::Checked;
use crate::i18n::Lang;
use crate::model::Entry;
use crate::tr;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// The allowlist's file name, in the content folder.
use crate::content::VERIFY_ALLOWLIST as ALLOWLIST_FILE;

/// What the command line asked.
pub struct VerifyOptions<'a> {
    pub content: &'a Path,
    pub content_label: &'a str,
    pub lang: Option<Lang>,
    pub json: bool,
    pub timeout: Duration,
}

/// One entry of the allowlist: a host and why it is there.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Allowed {
    host: String,
    reason: String,
}

/// What `verify` checks: `link`, the address answers; `upstream`, the forge says the project
/// is alive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    Link,
    Upstream,
    /// Whether an `http://` address also answers in `https://`.
    Https,
}

/// One line of the report.
#[derive(Debug, serde::Serialize)]
struct Finding<'a> {
    file: &'a str,
    url: &'a str,
    check: Check,
    result: Verdict,
    http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
}

/// `verify --against awesome-selfhosted <folder>`: the alternatives compared with that list, on
/// disk (no network).
pub fn run_against(o: &VerifyOptions, list: &str, folder: &Path) -> anyhow::Result<ExitCode> {
    let mut timings = crate::timings::Timings::default();
    let checked = crate::site::check(o.content, o.content_label, o.lang, false, true, &mut timings);
    let lang = checked.lang;
    if list != "awesome-selfhosted" {
        eprintln!("{}", tr!(lang, "aiguillage : liste inconnue `{list}` ; la seule liste connue est `awesome-selfhosted`", "aiguillage: unknown list `{list}`; the only list known is `awesome-selfhosted`"));
        return Ok(ExitCode::from(2));
    }
    if crate::diag::fails(&checked.diags, false) {
        crate::diag::print(&checked.diags, lang, false, &checked.texts);
        eprintln!("{}", lang.t("`verify` lit le contenu comme `check` : corrigez d'abord ces erreurs.", "`verify` reads the content as `check` does: fix these errors first."));
        return Ok(ExitCode::from(1));
    }
    let (software, unread) = match against::read_list(folder, lang) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("aiguillage : {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let (mut diags, matched, archived) = against::compare(&checked, &software, lang);
    crate::diag::sort(&mut diags);
    if o.json {
        print!("{}", crate::diag::render_json(&diags));
    } else {
        crate::diag::print(&diags, lang, false, &checked.texts);
        let (total, read, found) = (checked.dir.alternatives.len(), software.len(), diags.len());
        if !unread.is_empty() {
            let (n, list) = (unread.len(), unread.join(", "));
            println!("{}", tr!(lang, "Fiches d'awesome-selfhosted illisibles, laissées de côté ({n}) : {list}", "Entries of awesome-selfhosted that cannot be read, left out ({n}): {list}"));
        }
        println!("{}", tr!(lang, "Retrouvées dans awesome-selfhosted : {matched} sur {total} alternatives (fiches lues : {read}) ; écarts signalés : {found}. Rien n'a été modifié.", "Found in awesome-selfhosted: {matched} of {total} alternatives (entries read: {read}); differences reported: {found}. Nothing was changed."));
    }
    Ok(ExitCode::from(u8::from(archived)))
}

pub fn run(o: &VerifyOptions) -> anyhow::Result<ExitCode> {
    let mut timings = crate::timings::Timings::default();
    let checked = crate::site::check(o.content, o.content_label, o.lang, false, true, &mut timings);
    let lang = checked.lang;
    if crate::diag::fails(&checked.diags, false) {
        crate::diag::print(&checked.diags, lang, false, &checked.texts);
        eprintln!("{}", lang.t("`verify` lit le contenu comme `check` : corrigez d'abord ces erreurs.", "`verify` reads the content as `check` does: fix these errors first."));
        return Ok(ExitCode::from(1));
    }
    let allowlist = match read_allowlist(o.content, o.content_label, lang) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let links = addresses(&checked);
    let repos: BTreeMap<String, (forge::Repo, BTreeSet<String>)> = checked
        .dir
        .alternatives
        .values()
        .filter_map(|e| {
            let src = &e.alt()?.source;
            Some((src.clone(), (forge::repo_of(src)?, BTreeSet::from([e.pos.file.to_string()]))))
        })
        .fold(BTreeMap::new(), |mut m, (src, (repo, files))| {
            m.entry(src).or_insert((repo, BTreeSet::new())).1.extend(files);
            m
        });
    let today = crate::site::today();
    let agent = http::agent(o.timeout);
    // Links and forge APIs share the pool: an API is a host like any other.
    // An `http://` address is also tried in `https://` (job `S`): `check` notes every
    // `http://` address, and only this can say which ones have a secure form.
    let plain: Vec<&String> = links.keys().filter(|u| u.starts_with("http://")).collect();
    let jobs: Vec<String> = links
        .keys()
        .map(|u| format!("L{u}"))
        .chain(plain.iter().map(|u| format!("S{u}")))
        .chain(repos.keys().map(|u| format!("U{u}")))
        .collect();
    let results = http::pool(&jobs, IN_ALL, |job| {
        let (kind, url) = job.split_at(1);
        match kind {
            "L" => http::check(&agent, url, &allowlist),
            "S" => {
                let secure = format!("https://{}", &url["http://".len()..]);
                let o = http::check(&agent, &secure, &allowlist);
                let answers = matches!(o.verdict, Verdict::Ok | Verdict::Redirect);
                http::Outcome { verdict: if answers { Verdict::Secure } else { Verdict::Ok }, detail: answers.then_some(secure), ..o }
            }
            _ => forge::check(&agent, &repos[url].0, &today),
        }
    });
    let mut findings: Vec<Finding> = Vec::new();
    for (job, outcome) in &results {
        let (kind, url) = job.split_at(1);
        let (check, files) = match kind {
            "L" => (Check::Link, &links[url]),
            "S" => (Check::Https, &links[url]),
            _ => (Check::Upstream, &repos[url].1),
        };
        // The `https://` try is reported only when it succeeds (then it is advice).
        if check == Check::Https && outcome.verdict != Verdict::Secure {
            continue;
        }
        for file in files {
            findings.push(Finding { file, url, check, result: outcome.verdict, http_status: outcome.http_status, location: outcome.location.as_deref(), detail: outcome.detail.as_deref() });
        }
    }
    findings.sort_by(|a, b| (a.file, a.url, a.check).cmp(&(b.file, b.url, b.check)));
    if o.json {
        let mut out = String::new();
        for f in &findings {
            out.push_str(&serde_json::to_string(f)?);
            out.push('\n');
        }
        print!("{out}");
    } else {
        print!("{}", human(&findings, lang, o.timeout, links.len(), repos.len()));
    }
    Ok(ExitCode::from(if findings.iter().any(|f| f.result.fails()) { 1 } else { 0 }))
}

fn read_allowlist(content: &Path, label: &str, lang: Lang) -> Result<BTreeSet<String>, String> {
    let path = content.join(ALLOWLIST_FILE);
    let shown = format!("{label}/{ALLOWLIST_FILE}");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(tr!(lang, "aiguillage : lecture impossible de `{shown}` : {e}", "aiguillage: cannot read `{shown}`: {e}")),
    };
    let list: Vec<Allowed> = serde_saphyr::from_str(&text).map_err(|e| {
        tr!(lang, "aiguillage : `{shown}` : {e}\naide : une liste d'éléments `- host: exemple.org` suivis de `reason: pourquoi ce site refuse les robots`", "aiguillage: `{shown}`: {e}\nhelp: a list of items `- host: example.org` followed by `reason: why this site refuses robots`")
    })?;
    let mut hosts = BTreeSet::new();
    for a in list {
        if a.reason.trim().is_empty() {
            let host = &a.host;
            return Err(tr!(lang, "aiguillage : `{shown}` : `{host}` sans raison (`reason`)\naide : dites pourquoi ce site est sur la liste, par exemple « refuse les robots (403) »", "aiguillage: `{shown}`: `{host}` without a reason (`reason`)\nhelp: say why this site is on the list, e.g. \"refuses robots (403)\""));
        }
        hosts.insert(a.host.trim().to_ascii_lowercase());
    }
    Ok(hosts)
}

/// Every web address of the content, each with the files that give it.
fn addresses(c: &Checked) -> BTreeMap<String, BTreeSet<String>> {
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |url: &str, file: &str| {
        if url.starts_with("http://") || url.starts_with("https://") {
            m.entry(url.to_string()).or_default().insert(file.to_string());
        }
    };
    let d = &c.dir;
    for e in d.entries() {
        for u in entry_urls(e) {
            add(u, &e.pos.file);
        }
    }
    // Links written in the bodies (already rendered: `href` values, escaped).
    let bodies = (d.entries().map(|e| (&e.body, &e.pos)))
        .chain(d.needs.values().map(|n| (&n.body, &n.pos)))
        .chain(d.criteria.values().map(|n| (&n.body, &n.pos)))
        .chain(d.tools.values().map(|n| (&n.body, &n.pos)))
        .chain(d.pages.values().map(|n| (&n.body, &n.pos)));
    for (body, pos) in bodies {
        let file = &*pos.file;
        for part in body.html.split("href=\"").skip(1) {
            if let Some(end) = part.find('"') {
                add(&part[..end].replace("&amp;", "&"), file);
            }
        }
    }
    m
}

fn entry_urls(e: &Entry) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    v.extend(e.website.as_deref());
    v.extend(e.sources.iter().map(String::as_str));
    v.extend(e.criteria.values().filter_map(|a| a.source.as_deref()));
    v.extend(e.reservations.iter().filter_map(|r| r.source.as_deref()));
    if let Some(a) = e.alt() {
        v.push(&a.source);
        v.extend(a.data.as_ref().and_then(|d| d.privacy_policy.as_deref()));
    }
    if let Some(p) = e.prov() {
        v.extend(p.contact.url.as_deref());
    }
    v
}

/// The human report: what is not fine, grouped by file, then the counts.
fn human(findings: &[Finding], lang: Lang, timeout: Duration, n_links: usize, n_repos: usize) -> String {
    let mut out = String::new();
    let mut last_file = "";
    for f in findings.iter().filter(|f| f.result != Verdict::Ok) {
        if f.file != last_file {
            out.push_str(&format!("{}{}\n", if last_file.is_empty() { "" } else { "\n" }, f.file));
            last_file = f.file;
        }
        let status = f.http_status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
        let detail = f.detail.unwrap_or("");
        let to = f.location.unwrap_or("");
        let secs = timeout.as_secs();
        let what = match f.result {
            Verdict::Redirect => tr!(lang, "redirigé vers {to}{status}", "redirected to {to}{status}"),
            Verdict::Broken if f.check == Check::Upstream => tr!(lang, "dépôt introuvable sur la forge{status}", "repository not found on the forge{status}"),
            Verdict::Broken if f.http_status.is_none() => tr!(lang, "cassé ({detail})", "broken ({detail})"),
            Verdict::Broken => tr!(lang, "cassé{status}", "broken{status}"),
            Verdict::Timeout => tr!(lang, "pas de réponse en {secs} s", "no answer within {secs} s"),
            Verdict::Error if f.http_status.is_some() && f.check == Check::Link => tr!(lang, "refusé ou en erreur{status} ; si ce site refuse les robots, ajoutez-le à `{ALLOWLIST_FILE}` avec la raison", "refused or failing{status}; if this site refuses robots, add it to `{ALLOWLIST_FILE}` with the reason"),
            Verdict::Error => tr!(lang, "erreur{status} : {detail}", "error{status}: {detail}"),
            Verdict::Archived => lang.t("dépôt archivé : le projet n'est plus maintenu ; vérifiez la fiche (`maturity: unmaintained`, réserve)", "repository archived: the project is no longer maintained; review the record (`maturity: unmaintained`, a reservation)").to_string(),
            Verdict::Stale => tr!(lang, "dépôt sans activité depuis le {detail} (plus de {} mois)", "repository without activity since {detail} (more than {} months)", forge::STALE_MONTHS),
            Verdict::Secure => tr!(lang, "répond aussi en `{detail}` : écrivez cette adresse (chiffrée)", "also answers as `{detail}`: write that (encrypted) address"),
            Verdict::Ok => String::new(),
        };
        out.push_str(&format!("  {} : {what}\n", f.url).replace(" : ", if lang == Lang::En { ": " } else { " : " }));
    }
    let count = |v: Verdict| {
        let mut seen = BTreeSet::new();
        findings.iter().filter(|f| f.result == v && seen.insert((f.url, f.check))).count()
    };
    if !out.is_empty() {
        out.push('\n');
    }
    let (ok, redirect, broken, timeout_n, error, archived, stale) = (count(Verdict::Ok), count(Verdict::Redirect), count(Verdict::Broken), count(Verdict::Timeout), count(Verdict::Error), count(Verdict::Archived), count(Verdict::Stale));
    let secure = count(Verdict::Secure);
    out.push_str(&tr!(
        lang,
        "Adresses vérifiées : {n_links} ; dépôts : {n_repos}. Bons : {ok}, redirigés : {redirect}, cassés : {broken}, sans réponse : {timeout_n}, en erreur : {error}, archivés : {archived}, inactifs : {stale} ; en http:// mais disponibles en https:// : {secure}.\n",
        "Addresses checked: {n_links}; repositories: {n_repos}. Fine: {ok}, redirected: {redirect}, broken: {broken}, no answer: {timeout_n}, failing: {error}, archived: {archived}, stale: {stale}; http:// but available as https://: {secure}.\n"
    ));
    out
}
