//! `verify --against awesome-selfhosted <folder>`: the alternatives compared with the entries of
//! awesome-selfhosted-data (`software/*.yml`, a folder on disk, read offline). An alternative
//! and an entry match by source or website address; for each match, a different licence, source
//! or website is reported, and so is a project the list marks archived or has seen no update
//! for a year. It reads, it never edits the content.

use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::tr;
use std::collections::BTreeSet;
use std::path::Path;

/// The fields of an entry that the comparison uses (the others are ignored).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Software {
    pub name: String,
    pub website_url: Option<String>,
    pub source_code_url: Option<String>,
    pub licenses: Vec<String>,
    pub archived: Option<bool>,
    pub updated_at: Option<String>,
}

/// An address as two lists may each write it: without scheme, `www.`, trailing `/` or `.git`,
/// in lowercase.
pub fn same_address(url: &str) -> String {
    let u = url.trim().to_ascii_lowercase();
    let u = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.trim_end_matches('/');
    u.strip_suffix(".git").unwrap_or(u).to_string()
}

/// The licence identifiers of an SPDX expression, or of the list's `licenses`, without the
/// `-only`, `-or-later` and `+` that the list does not write.
pub fn licence_ids(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "()".contains(c))
        .filter(|w| !w.is_empty() && !matches!(w.to_ascii_uppercase().as_str(), "AND" | "OR" | "WITH"))
        .map(|w| {
            let w = w.trim_end_matches('+');
            let w = w.strip_suffix("-only").or_else(|| w.strip_suffix("-or-later")).unwrap_or(w);
            w.to_ascii_uppercase()
        })
        .collect()
}

/// The date a year before `date` (`YYYY-MM-DD`).
fn year_before(date: &str) -> String {
    let year: i32 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    format!("{:04}{}", year - 1, date.get(4..).unwrap_or(""))
}

/// The entries of the list, each with its file (`software/nextcloud.yml`).
pub type Entries = Vec<(String, Software)>;

/// Reads `software/*.yml` (or the folder's own `*.yml`), sorted by file name; also gives the
/// names of the files it could not read (the list is not ours to check: they are skipped).
pub fn read_list(folder: &Path, lang: Lang) -> Result<(Entries, Vec<String>), String> {
    let dir = if folder.join("software").is_dir() { folder.join("software") } else { folder.to_path_buf() };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| tr!(lang, "lecture impossible de `{}` : {e}", "cannot read `{}`: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(tr!(lang, "`{}` ne contient aucun fichier `.yml` : donnez le dossier d'awesome-selfhosted-data (celui qui contient `software/`)", "`{}` holds no `.yml` file: give the awesome-selfhosted-data folder (the one holding `software/`)", folder.display()));
    }
    let mut out = Vec::new();
    let mut unread = Vec::new();
    for f in files {
        let name = format!("software/{}", f.file_name().unwrap_or_default().to_string_lossy());
        match std::fs::read_to_string(&f).ok().and_then(|text| serde_saphyr::from_str::<Software>(&text).ok()) {
            Some(s) => out.push((name, s)),
            None => unread.push(name),
        }
    }
    Ok((out, unread))
}

/// The findings: one warning per difference, at the alternative's file. The second value
/// says whether a project is archived (the command then fails, as `verify` does).
pub fn compare(checked: &Checked, list: &[(String, Software)], lang: Lang) -> (Vec<Diagnostic>, usize, bool) {
    let newest = list.iter().filter_map(|(_, s)| s.updated_at.clone()).max().unwrap_or_default();
    let stale_before = year_before(&newest);
    let mut diags = Vec::new();
    let mut matched = 0;
    let mut archived = false;
    for e in checked.dir.alternatives.values() {
        let Some(a) = e.alt() else { continue };
        let source = same_address(&a.source);
        let website = e.website.as_deref().map(same_address);
        let found = list.iter().find(|(_, s)| s.source_code_url.as_deref().map(same_address).is_some_and(|u| u == source))
            .or_else(|| list.iter().find(|(_, s)| website.is_some() && s.website_url.as_deref().map(same_address) == website));
        let Some((file, s)) = found else { continue };
        matched += 1;
        let at = |code, msg: String| Diagnostic::warning(code, &e.pos.file, e.pos.line, e.pos.col, msg);
        let theirs = s.licenses.join(", ");
        if !s.licenses.is_empty() && licence_ids(&a.license) != licence_ids(&s.licenses.join(" AND ")) {
            let ours = &a.license;
            diags.push(at("against-license", tr!(lang, "licence `{ours}` ; awesome-selfhosted ({file}) dit : {theirs}", "licence `{ours}`; awesome-selfhosted ({file}) says: {theirs}")).hint(lang.t("vérifiez le fichier LICENSE du dépôt du projet ; corrigez la fiche, ou signalez l'écart à awesome-selfhosted", "check the LICENSE file of the project's repository; fix the record, or report the difference to awesome-selfhosted")));
        }
        if let Some(u) = &s.source_code_url
            && same_address(u) != source
        {
            let ours = &a.source;
            diags.push(at("against-source", tr!(lang, "code source `{ours}` ; awesome-selfhosted ({file}) dit : {u}", "source `{ours}`; awesome-selfhosted ({file}) says: {u}")));
        }
        if let Some(u) = &s.website_url
            && website.as_deref().is_some_and(|w| w != same_address(u))
        {
            let ours = e.website.as_deref().unwrap_or("");
            diags.push(at("against-website", tr!(lang, "site `{ours}` ; awesome-selfhosted ({file}) dit : {u}", "website `{ours}`; awesome-selfhosted ({file}) says: {u}")));
        }
        if s.archived == Some(true) {
            archived = true;
            diags.push(Diagnostic::error("against-archived", &e.pos.file, e.pos.line, e.pos.col, tr!(lang, "awesome-selfhosted ({file}) dit le dépôt du projet archivé", "awesome-selfhosted ({file}) says the project's repository is archived")).hint(lang.t("vérifiez sur la forge du projet ; s'il est arrêté, mettez `maturity: unmaintained` et une réserve", "check on the project's forge; if it stopped, set `maturity: unmaintained` and a reservation")));
        } else if let Some(u) = &s.updated_at
            && !newest.is_empty()
            && *u < stale_before
        {
            diags.push(at("against-stale", tr!(lang, "awesome-selfhosted ({file}) n'a vu aucune mise à jour depuis le {u} (plus d'un an avant ses données les plus récentes, du {newest})", "awesome-selfhosted ({file}) has seen no update since {u} (over a year before its newest data, of {newest})")).hint(lang.t("vérifiez l'activité du projet ; s'il n'est plus entretenu, mettez `maturity: unmaintained`", "check the project's activity; if it is no longer maintained, set `maturity: unmaintained`")));
        }
    }
    (diags, matched, archived)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_licences_compare_as_the_lists_write_them() {
        assert_eq!(same_address("https://www.GitHub.com/nextcloud/server.git/"), "github.com/nextcloud/server");
        assert_eq!(same_address("http://etherpad.org"), "etherpad.org");
        assert_eq!(licence_ids("AGPL-3.0-or-later"), licence_ids("AGPL-3.0"));
        assert_eq!(licence_ids("(MIT OR Apache-2.0)"), licence_ids("Apache-2.0 AND MIT"));
        assert_ne!(licence_ids("GPL-3.0-only"), licence_ids("AGPL-3.0"));
        assert_eq!(year_before("2026-08-21"), "2025-08-21");
    }
}
