//! Checks that need the whole directory: cross-references (needs, tools, criteria,
//! alternatives named in offers, links between records), criteria left out, stale entries.
//! Bodies are rendered to HTML (the Markdown phase, where their links are checked) after loading.

use crate::content::{self, Loaded};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::{Directory, Ref};
use crate::timings::Timings;
use crate::tr;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A checked directory, with its bodies rendered to HTML.
pub struct Checked {
    pub dir: Directory,
    pub diags: Vec<Diagnostic>,
    pub lang: Lang,
    /// `YYYY-MM-DD`: SOURCE_DATE_EPOCH, else the last commit of the content, else the newest
    /// date written in it. Never the clock.
    pub edition: Option<String>,
    /// Text of the files that have a problem, by shown path, when asked for.
    pub texts: BTreeMap<String, String>,
}

pub struct CheckOptions<'a> {
    pub content: &'a Path,
    pub content_label: &'a str,
    pub lang: Option<Lang>,
    /// Whether to warn about entries to verify again (`check` and `build` do; `verify` does not).
    pub staleness: bool,
    /// Keep the text of each file that has a problem, to quote it without reading it again
    /// (`check`, which prints every message; a build prints a count past 20).
    pub keep_texts: bool,
    /// [`crate::edition::time`], when the caller has asked it already (it runs `git`).
    pub edition_time: Option<Option<i64>>,
    /// How many warnings get their words, the others being only counted
    /// ([`crate::diag::Wording`]): all for `check`, the few a build lists.
    pub worded_warnings: usize,
}

pub fn run(o: &CheckOptions, timings: &mut Timings) -> Checked {
    let wording = crate::diag::Wording::first(o.worded_warnings);
    let Loaded { mut dir, mut diags, present, mut texts } = content::load(o.content, o.content_label, o.lang, o.keep_texts, &wording, timings);
    let lang = o.lang.unwrap_or(dir.site.language);
    timings.time("markdown", |_| {
        let known: std::collections::HashSet<String> = present.iter().cloned().collect();
        diags.extend(crate::markdown::render_all(&mut dir, &known, lang));
    });
    timings.time("references", |_| references(&dir, &present, lang, &wording, &mut diags));
    glossary_clashes(&dir, lang, &mut diags);
    // An edition changes when any of its layers does (a base updated as a git submodule).
    let time = if dir.layered() {
        dir.layers.iter().filter_map(|l| crate::edition::time(&l.path)).max()
    } else {
        o.edition_time.unwrap_or_else(|| crate::edition::time(o.content))
    };
    let edition = timings.time("edition", |_| crate::edition::date(time, &dir));
    if o.staleness
        && let Some(ed) = &edition
    {
        staleness(&dir, ed, lang, &wording, &mut diags);
    }
    crate::diag::sort(&mut diags);
    if !texts.is_empty() {
        // Only the files that messages quote.
        let quoted: BTreeSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
        texts.retain(|f, _| quoted.contains(f.as_str()));
    }
    Checked { dir, diags, lang, edition, texts }
}

/// `what` is the message before the id: (`besoin inconnu`, `unknown need`), so that French
/// agrees in gender (`alternative inconnue`).
fn unknown_ref(r: &Ref, what: (&str, &str), folder: &str, known: &[&str], lang: Lang) -> Diagnostic {
    let id = &r.id;
    let (fr, en) = what;
    let near = crate::diag::closest_id(id, known.iter().copied(), 3);
    // What to do when nothing is close: say the record is not in the directory, and how to add
    // it (`new` makes needs, tools, alternatives and providers) or remove the name.
    let new_kind = match folder {
        "alternatives" => Some("alternative"),
        "providers" => Some("provider"),
        "needs" => Some("need"),
        "tools" => Some("tool"),
        _ => None,
    };
    let hint = if near.is_empty() {
        match new_kind {
            Some(k) => tr!(lang, "`{id}` n'est pas dans l'annuaire : créez sa fiche avec `aiguillage new {k} {id}`, ou retirez ce nom (la liste est dans `content/{folder}/`)", "`{id}` is not in the directory: create its record with `aiguillage new {k} {id}`, or remove this name (the list is in `content/{folder}/`)"),
            None => tr!(lang, "aucun nom proche ; la liste est dans `content/{folder}/`", "no close name; the list is in `content/{folder}/`"),
        }
    } else {
        tr!(lang, "vouliez-vous dire {} ? (fichiers de `content/{folder}/`)", "did you mean {}? (files of `content/{folder}/`)", crate::diag::list_or(lang, &near))
    };
    let msg = match lang {
        Lang::Fr => format!("{fr} `{id}`"),
        Lang::En => format!("{en} `{id}`"),
    };
    Diagnostic::error("unknown-ref", &r.pos.file, r.pos.line, r.pos.col, msg).width(id.chars().count()).hint(hint)
}

/// A word may lead to one definition only: the same term or alias (whatever the case) in two
/// glossary records is an error at the second.
fn glossary_clashes(dir: &Directory, lang: Lang, diags: &mut Vec<Diagnostic>) {
    for (w, first, _) in crate::glossary::clashes(&dir.glossary) {
        let word = &w.text;
        let other = &first.pos.file;
        diags.push(
            Diagnostic::error("duplicate-term", &w.pos.file, w.pos.line, w.pos.col, tr!(lang, "le mot « {word} » est déjà défini dans `{other}`", "the word \"{word}\" is already defined in `{other}`"))
                .width(word.chars().count())
                .hint(lang.t("un mot mène à une seule définition : retirez-le de l'une des deux fiches, ou réunissez les deux définitions en une", "a word leads to one definition only: remove it from one of the two records, or merge the two definitions")),
        );
    }
}

fn references(dir: &Directory, present: &BTreeSet<String>, lang: Lang, wording: &crate::diag::Wording, diags: &mut Vec<Diagnostic>) {
    let needs: Vec<&str> = dir.needs.keys().map(String::as_str).collect();
    let tools: Vec<&str> = dir.tools.keys().map(String::as_str).collect();
    let criteria: Vec<&str> = dir.criteria.keys().map(String::as_str).collect();
    let alts: Vec<&str> = dir.alternatives.keys().map(String::as_str).collect();
    let check = |refs: &[Ref], known: &[&str], what: (&str, &str), folder: &str, diags: &mut Vec<Diagnostic>| {
        for r in refs {
            if known.binary_search(&r.id.as_str()).is_ok() {
                continue;
            }
            // A record that exists but failed its own checks is not unknown: its errors are
            // reported in its own file, and repeating them here as "unknown" would mislead.
            let exists = ["md", "yaml"].iter().any(|ext| present.contains(&format!("{folder}/{}.{ext}", r.id)));
            if !exists && dir.excluded.contains(&format!("{folder}/{}", r.id)) {
                let id = &r.id;
                diags.push(
                    Diagnostic::error("excluded-ref", &r.pos.file, r.pos.line, r.pos.col, tr!(lang, "`{id}` est exclue par cette édition (`exclude` de site.yaml), mais cette fiche la nomme", "`{id}` is excluded by this edition (`exclude` of site.yaml), but this record names it"))
                        .width(id.chars().count())
                        .hint(lang.t("excluez aussi cette fiche-ci, ou mettez dans ce site une fiche du même nom, sans cette référence", "exclude this record too, or put in this site a record of the same name, without this reference")),
                );
            } else if !exists {
                diags.push(unknown_ref(r, what, folder, known, lang));
            }
        }
    };
    for t in dir.tools.values() {
        check(&t.needs, &needs, ("besoin inconnu", "unknown need"), "needs", diags);
    }
    // Entries are many (tens of thousands in a large directory): checked in parallel.
    let entries: Vec<&crate::model::Entry> = dir.entries().collect();
    let per_entry: Vec<Vec<Diagnostic>> = entries
        .par_iter()
        .map(|e| {
            let mut diags = Vec::new();
            let diags = &mut diags;
            check(&e.needs, &needs, ("besoin inconnu", "unknown need"), "needs", diags);
            check(&e.criteria_refs, &criteria, ("critère inconnu", "unknown criterion"), "criteria", diags);
            if let Some(a) = e.alt() {
                check(&a.replaces, &tools, ("outil inconnu", "unknown tool"), "tools", diags);
            }
            if let Some(p) = e.prov() {
                for o in &p.offers {
                    check(&o.alternatives, &alts, ("alternative inconnue", "unknown alternative"), "alternatives", diags);
                }
                // No warning for offers that name no alternative (support, training): a
                // provider is listed on the pages of the needs it names (`catalogue`).
            }
            for c in &criteria {
                if !e.criteria.contains_key(*c) && !e.criteria_refs.iter().any(|r| r.id == *c) {
                    let at = e.criteria_pos.as_ref().unwrap_or(&e.pos);
                    diags.push(wording.warning("missing-criterion", &at.file, at.line, at.col, || {
                        (tr!(lang, "le critère `{c}` n'est pas évalué ; il compte comme `unknown`", "criterion `{c}` is not assessed; it counts as `unknown`"), Some(tr!(lang, "ajoutez sous `criteria:` une ligne `{c}: {{status: unknown}}` ou une évaluation avec preuve", "add under `criteria:` a line `{c}: {{status: unknown}}` or an assessment with evidence")))
                    }));
                }
            }
            std::mem::take(diags)
        })
        .collect();
    // Made to measure: grown by doubling, the list was copied and faulted in again and again
    // (twenty thousand warnings at 10,000 records).
    diags.reserve(per_entry.iter().map(Vec::len).sum());
    diags.extend(per_entry.into_iter().flatten());
    if dir.criteria.is_empty() {
        diags.push(Diagnostic::error("no-criteria", "content/criteria", 0, 0, tr!(lang, "aucun critère : le dossier `criteria/` est vide ou absent", "no criteria: the `criteria/` folder is empty or missing"))
            .hint(lang.t("`aiguillage init` crée les quatre critères équité, respect, accessibilité, proximité", "`aiguillage init` creates the four criteria equity, respect, accessibility, proximity")));
    }
}

/// Entries to verify again, measured against the edition date: the date their pages show
/// and measure against too (see [`crate::dates::is_stale`]).
fn staleness(dir: &Directory, edition: &str, lang: Lang, wording: &crate::diag::Wording, diags: &mut Vec<Diagnostic>) {
    let limit = dir.site.stale_after_months;
    for e in dir.entries() {
        let Some(d) = &e.last_verified else { continue };
        if crate::dates::is_stale(d, edition, limit)
            && let Some(m) = crate::dates::months_between(d, edition)
        {
            let at = e.last_verified_pos.as_ref().unwrap_or(&e.pos);
            diags.push(wording.warning("stale", &at.file, at.line, at.col, || {
                (tr!(lang, "fiche vérifiée pour la dernière fois le {d}, il y a {m} mois (plus de {limit})", "record last verified on {d}, {m} months ago (more than {limit})"), Some(lang.t("vérifiez les faits de la fiche puis mettez `last_verified` à la date du jour", "check the record's facts, then set `last_verified` to today's date").into()))
            }));
        }
    }
}
