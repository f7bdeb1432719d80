//! The fields of each record kind (spec §2), read from the YAML tree into the model.

use super::fields::{Cx, Obj};
use crate::diag::closest;
use crate::geo;
use crate::i18n::Lang;
use crate::model::*;
use crate::tr;
use crate::vocab::{EntryStatus, LegalForm, Maturity, OfferType, Platform, PriceModel, Registration, Severity, Vocabulary};
use crate::yaml::{Node, Value};
use std::collections::BTreeMap;


const SHARED: [&str; 9] =
    ["name", "summary", "website", "needs", "criteria", "reservations", "status", "last_verified", "sources"];
const ALT: [&str; 7] = ["replaces", "license", "source", "platforms", "self_hostable", "maturity", "data"];
const PROV: [&str; 8] =
    ["legal_form", "location", "area", "meet_in_person", "offers", "memberships", "contact", "accessibility_features"];

/// Refuses the values left from `aiguillage new`'s template ([`crate::scaffold::example_values`]),
/// naming the field that still holds one; the body text too.
fn template_values(cx: &mut Cx, o: &Obj, body: &Body) {
    let lang = cx.lang;
    for key in ["name", "summary", "website", "source", "vendor"] {
        if let Some(n) = o.get(key)
            && let Value::Str(v) = &n.value
            && crate::scaffold::is_example(v)
        {
            cx.err("template-value", n, tr!(lang, "`{key}` garde la valeur d'exemple du modèle : « {v} »", "`{key}` still holds the template's example: \"{v}\""), Some(lang.t("remplacez-la par la vraie valeur (le commentaire au-dessus du champ dit laquelle)", "replace it with the real value (the comment above the field says which)").into()));
        }
    }
    if let Some(n) = o.get("contact")
        && let Value::Map(entries) = &n.value
        && let Some((_, u)) = entries.iter().find(|(k, _)| matches!(&k.value, Value::Str(s) if s == "url"))
        && let Value::Str(v) = &u.value
        && crate::scaffold::is_example(v)
    {
        let u = u.clone();
        cx.err("template-value", &u, tr!(lang, "`contact.url` garde la valeur d'exemple du modèle : « {v} »", "`contact.url` still holds the template's example: \"{v}\""), Some(lang.t("mettez l'adresse de la page de contact de la structure", "put the address of the organisation's contact page").into()));
    }
    if let Some(i) = body.text.lines().position(|l| !l.trim().is_empty() && crate::scaffold::is_example(l)) {
        let at = body.first_line + i as u32;
        cx.diags.push(crate::diag::Diagnostic::error("template-value", cx.file, at, 1, lang.t("le texte de présentation est encore celui du modèle", "the description is still the template's text").to_string()).hint(lang.t("remplacez-le par une présentation de quelques phrases", "replace it with a description of a few sentences")));
    }
}

/// The body: the Markdown after the front matter, or the `description` field of a `.yaml` record.
fn body_of(cx: &mut Cx, o: &Obj, body: Option<Body>) -> Body {
    if let Some(b) = body {
        return b;
    }
    match o.get("description") {
        Some(n) => {
            let text = cx.text(o, "description", false).unwrap_or_default();
            let raw = n.raw(cx.src).unwrap_or("");
            let block = raw.starts_with('|') || raw.starts_with('>');
            // The parser places a `description: |` block at its first line of text, indented:
            // that indentation is added back to columns. (A quoted value starts one further.)
            let quoted = raw.starts_with('"') || raw.starts_with('\'');
            let indent = n.col.saturating_sub(1) + u32::from(quoted);
            Body { text, first_line: n.line + u32::from(block), indent, html: String::new() }
        }
        None => Body::default(),
    }
}

fn with_description<'a>(fields: &[&'a str], yaml: bool) -> Vec<&'a str> {
    let mut v = fields.to_vec();
    if yaml {
        v.push("description");
    }
    v
}

fn summary(cx: &mut Cx, o: &Obj, required: bool) -> Option<String> {
    let lang = cx.lang;
    let s = cx.text(o, "summary", required)?;
    let n = s.chars().count();
    if n > 200 {
        cx.err("too-long", o.get("summary")?, tr!(lang, "le résumé fait {n} caractères ; 200 au plus", "the summary is {n} characters long; 200 at most"), Some(lang.t("une seule phrase ; le détail va dans le texte sous les champs", "one sentence; details go in the text below the fields").into()));
    }
    Some(s)
}

pub fn criterion(cx: &mut Cx, node: &Node, id: String, body: Option<Body>) -> Option<Criterion> {
    let o = cx.obj(node, "", &with_description(&["name", "question"], body.is_none()))?;
    let name = cx.text(&o, "name", true);
    let question = cx.text(&o, "question", true);
    let body = body_of(cx, &o, body);
    Some(Criterion { id, name: name?, question: question?, body, pos: cx.pos(node) })
}

pub fn need(cx: &mut Cx, node: &Node, id: String, body: Option<Body>) -> Option<Need> {
    let o = cx.obj(node, "", &with_description(&["name", "summary", "group", "look_for"], body.is_none()))?;
    let name = cx.text(&o, "name", true);
    let summary = summary(cx, &o, true);
    let group = cx.text(&o, "group", true);
    // Each text is a small Markdown body of its own, placed where it is written.
    let look_for: Vec<Body> = cx.texts(&o, "look_for", false).into_iter().map(|(text, n)| Body { text, first_line: n.line, indent: n.col.saturating_sub(1), html: String::new() }).collect();
    let body = body_of(cx, &o, body);
    template_values(cx, &o, &body);
    Some(Need { id, name: name?, summary: summary?, group: group?, look_for, body, pos: cx.pos(node) })
}

pub fn tool(cx: &mut Cx, node: &Node, id: String, body: Option<Body>) -> Option<Tool> {
    let o = cx.obj(node, "", &with_description(&["name", "vendor", "needs"], body.is_none()))?;
    let name = cx.text(&o, "name", true);
    let vendor = cx.text(&o, "vendor", true);
    let needs = cx.refs(&o, "needs", true);
    let body = body_of(cx, &o, body);
    template_values(cx, &o, &body);
    Some(Tool { id, name: name?, vendor: vendor?, needs, body, pos: cx.pos(node) })
}

pub fn page(cx: &mut Cx, node: &Node, slug: String, body: Option<Body>) -> Option<Page> {
    let o = cx.obj(node, "", &with_description(&["name", "summary", "guide"], body.is_none()))?;
    let name = cx.text(&o, "name", true);
    let summary = summary(cx, &o, false);
    let guide = cx.bool(&o, "guide", false).unwrap_or(false);
    let body = body_of(cx, &o, body);
    Some(Page { slug, name: name?, summary, guide, body, pos: cx.pos(node) })
}

/// A glossary word: `term`, `aliases`, `sources`, and its definition as the body. Whether two
/// words clash is checked once all are loaded (`check::glossary`).
pub fn term(cx: &mut Cx, node: &Node, slug: String, body: Option<Body>) -> Option<Term> {
    let o = cx.obj(node, "", &with_description(&["term", "aliases", "sources"], body.is_none()))?;
    let term = o.get("term").map(|n| cx.pos(n));
    let term = cx.text(&o, "term", true).zip(term).map(|(text, pos)| Written { text, pos });
    let aliases: Vec<Written> = cx.texts(&o, "aliases", false).into_iter().map(|(text, n)| Written { text, pos: cx.pos(&n) }).collect();
    let sources: Vec<String> = cx
        .texts(&o, "sources", false)
        .into_iter()
        .filter_map(|(u, n)| cx.check_url("sources", &n, &u))
        .collect();
    let body = body_of(cx, &o, body);
    if body.text.trim().is_empty() {
        let lang = cx.lang;
        cx.err(
            "empty-definition",
            node,
            lang.t("le mot n'a pas de définition", "the word has no definition").into(),
            Some(lang.t("écrivez la définition sous le `---` de fin, en une à quatre phrases simples", "write the definition below the closing `---`, in one to four plain sentences").into()),
        );
    }
    Some(Term { slug, term: term?, aliases, sources, body, pos: cx.pos(node) })
}

pub fn entry(cx: &mut Cx, node: &Node, kind: Kind, slug: String, body: Option<Body>) -> Option<Entry> {
    let mut allowed: Vec<&str> = SHARED.to_vec();
    allowed.extend(match kind {
        Kind::Alternative => ALT.as_slice(),
        Kind::Provider => PROV.as_slice(),
    });
    let allowed = with_description(&allowed, body.is_none());
    let o = cx.obj(node, "", &allowed)?;

    let name = cx.text(&o, "name", true);
    let summary = summary(cx, &o, true);
    let website = cx.url(&o, "website", kind == Kind::Provider);
    let needs = cx.refs(&o, "needs", true);
    let (criteria, criteria_refs) = criteria(cx, &o);
    let reservations = reservations(cx, &o);
    let status = cx.choice(&o, "status", false).unwrap_or(EntryStatus::Active);
    let last_verified = cx.date(&o, "last_verified");
    let sources: Vec<String> = cx
        .texts(&o, "sources", false)
        .into_iter()
        .filter_map(|(u, n)| cx.check_url("sources", &n, &u))
        .collect();
    if sources.is_empty() {
        cx.warn("missing-sources", node, |lang| (tr!(lang, "la fiche n'a pas de `sources`", "the record has no `sources`"), Some(match kind {
            Kind::Alternative => lang.t("ajoutez `sources:` avec les pages où vous avez lu ces informations : le site du projet, son dépôt de code (fichier LICENSE)", "add `sources:` with the pages where you read these facts: the project's website, its code repository (LICENSE file)"),
            Kind::Provider => lang.t("ajoutez `sources:` avec les pages où vous avez lu ces informations : le site de la structure (offres, tarifs, statuts) d'abord", "add `sources:` with the pages where you read these facts: the organisation's own site (offers, prices, statutes) first"),
        }.into())));
    }
    let fields = match kind {
        Kind::Alternative => KindFields::Alternative(alternative(cx, &o)),
        Kind::Provider => KindFields::Provider(provider(cx, &o)),
    };
    let body = body_of(cx, &o, body);
    template_values(cx, &o, &body);
    // A record with errors is kept (without the fields that failed) when its name and summary
    // could be read: its references are checked in the same run, so a volunteer sees every
    // problem at once, not one more after each round of CI. Nothing is built while any error
    // stands.
    Some(Entry {
        slug,
        name: name?,
        summary: summary?,
        website,
        needs,
        criteria,
        criteria_refs,
        reservations,
        status,
        last_verified,
        sources,
        body,
        pos: cx.pos(node),
        last_verified_pos: o.get("last_verified").map(|n| cx.pos(n)),
        criteria_pos: o.entries.iter().find(|(k, _)| matches!(&k.value, Value::Str(s) if s == "criteria")).map(|(k, _)| cx.pos(k)),
        fields,
    })
}

fn criteria(cx: &mut Cx, o: &Obj) -> (BTreeMap<String, Assessment>, Vec<Ref>) {
    let lang = cx.lang;
    let mut map = BTreeMap::new();
    let mut refs = Vec::new();
    let Some(n) = o.get("criteria") else { return (map, refs) };
    let Value::Map(entries) = &n.value else {
        cx.obj(n, "criteria", &[]);
        return (map, refs);
    };
    for (k, v) in entries {
        let Value::Str(id) = &k.value else { continue };
        refs.push(Ref { id: id.clone(), pos: cx.pos(k) });
        let path = format!("criteria.{id}");
        // `equity: unknown` is accepted as a short form of `equity: {status: unknown}`.
        if !matches!(v.value, Value::Map(_)) {
            if let Some(s) = status_of(cx, &format!("{path}.status"), v) {
                if s != Status::Unknown {
                    cx.err("missing-evidence", v, tr!(lang, "`{path}` : le statut `{}` demande une preuve", "`{path}`: status `{}` needs evidence", s.word()), Some(lang.t("écrivez `status:` puis `evidence:` sur deux lignes sous le critère", "write `status:` then `evidence:` on two lines under the criterion").into()));
                } else {
                    map.insert(id.clone(), Assessment { status: s, evidence: None, source: None });
                }
            }
            continue;
        }
        let Some(a) = cx.obj(v, &path, &["status", "evidence", "source"]) else { continue };
        let status = match a.get("status") {
            Some(sn) => status_of(cx, &format!("{path}.status"), sn),
            None => {
                cx.missing(&a, "status", Some(tr!(lang, "valeurs possibles : {}", "possible values: {}", Status::WORDS.join(", "))));
                None
            }
        };
        let evidence = cx.text(&a, "evidence", false);
        let source = cx.url(&a, "source", false);
        if let Some(s) = status {
            if s != Status::Unknown && evidence.is_none() && a.get("evidence").is_none() {
                let what = s.word();
                cx.err("missing-evidence", a.get("status").unwrap_or(v), tr!(lang, "`{path}` vaut `{what}` sans preuve (`evidence`)", "`{path}` is `{what}` without evidence (`evidence`)"), Some(lang.t("ajoutez `evidence:` avec ce qui le montre (et `source:` avec un lien), ou écrivez `status: unknown`", "add `evidence:` saying what shows it (and `source:` with a link), or write `status: unknown`").into()));
            }
            if s != Status::Unknown && source.is_none() && a.get("source").is_none() {
                let what = s.word();
                cx.warn("unsourced", a.get("status").unwrap_or(v), |lang| (tr!(lang, "`{path}` vaut `{what}` sans source (`source`)", "`{path}` is `{what}` without a source (`source`)"), Some(source_hint(lang, id))));
            }
            map.insert(id.clone(), Assessment { status: s, evidence, source });
        }
    }
    (map, refs)
}

/// What kind of page proves an assessment of this criterion (SPEC §2.2: a source proves the
/// claim about this entry; a collective's charter does not prove that someone is a member).
fn source_hint(lang: Lang, criterion: &str) -> String {
    let page = match criterion {
        "equity" => lang.t("la page des tarifs ou des cotisations, les statuts, les comptes publiés", "the page of prices or membership fees, the statutes, the published accounts"),
        "respect" => lang.t("la politique de confidentialité, les conditions d'utilisation, le fichier LICENSE du code", "the privacy policy, the terms of use, the code's LICENSE file"),
        "accessibility" => lang.t("la déclaration d'accessibilité (RGAA, WCAG), la documentation d'accessibilité du projet", "the accessibility statement (RGAA, WCAG), the project's accessibility documentation"),
        "proximity" => lang.t("la page de la structure qui dit où la rencontrer (permanences, adresse), sa page de membre d'un réseau (pas la charte du réseau)", "the organisation's page saying where to meet it (drop-in hours, address), its member page in a network (not the network's charter)"),
        _ => lang.t("la page qui montre ce fait", "the page that shows this fact"),
    };
    tr!(lang, "ajoutez `source:` avec l'adresse de la page qui le prouve : {page} ; sans source, écrivez `status: unknown`", "add `source:` with the address of the page that proves it: {page}; without a source, write `status: unknown`")
}

fn status_of(cx: &mut Cx, field: &str, n: &Node) -> Option<Status> {
    let lang = cx.lang;
    let word = match &n.value {
        // A YAML 1.1 reader's `true`/`false` for plain yes/no.
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::Str(s) => s.trim().to_string(),
        _ => cx.shown(n),
    };
    if let Some(s) = Status::from_word(&word) {
        return Some(s);
    }
    let other = word.as_str();
    let values = Status::WORDS.join(", ");
    let hint = match Status::synonym(other).map(|s| s.word().to_string()).or_else(|| closest(other, Status::WORDS.iter().copied(), 1).into_iter().next()) {
        Some(c) => tr!(lang, "écrivez `{c}` (les statuts s'écrivent en anglais : yes, partial, no, unknown)", "write `{c}` (statuses are English words: yes, partial, no, unknown)"),
        None => tr!(lang, "écrivez `yes` (oui), `partial`, `no` ou `unknown`", "write `yes`, `partial`, `no` or `unknown`"),
    };
    cx.err("bad-value", n, tr!(lang, "`{field}` vaut `{other}` ; valeurs possibles : {values}", "`{field}` is `{other}`; possible values: {values}"), Some(hint));
    None
}

fn reservations(cx: &mut Cx, o: &Obj) -> Vec<Reservation> {
    let mut out = Vec::new();
    for (i, n) in cx.list_nodes(o, "reservations", false).into_iter().enumerate() {
        let path = format!("reservations[{}]", i + 1);
        let Some(r) = cx.obj(n, &path, &["text", "severity", "date", "source"]) else { continue };
        let text = cx.text(&r, "text", true);
        let severity = cx.choice::<Severity>(&r, "severity", true);
        let date = cx.date(&r, "date");
        let source = cx.url(&r, "source", false);
        if let (Some(text), Some(severity)) = (text, severity) {
            out.push(Reservation { text, severity, date, source });
        }
    }
    out
}

fn alternative(cx: &mut Cx, o: &Obj) -> AltFields {
    let replaces = cx.refs(o, "replaces", true);
    let license = cx.text(o, "license", true);
    if let (Some(l), Some(n)) = (&license, o.get("license")) {
        for p in crate::spdx::check(l) {
            license_problem(cx, n, p);
        }
    }
    let source = cx.url(o, "source", true);
    let mut platforms = Vec::new();
    for (p, n) in cx.texts(o, "platforms", true) {
        if let Some(p) = cx.check_choice::<Platform>("platforms", &n, &p) {
            platforms.push(p);
        }
    }
    platforms.sort();
    platforms.dedup();
    let self_hostable = cx.bool(o, "self_hostable", true);
    let maturity = cx.choice(o, "maturity", false).unwrap_or(Maturity::Released);
    let data = match o.get("data") {
        Some(n) => cx.obj(n, "data", &["ads", "trackers", "privacy_policy"]).and_then(|d| {
            let ads = cx.bool(&d, "ads", true);
            let trackers = cx.bool(&d, "trackers", true);
            let privacy_policy = cx.url(&d, "privacy_policy", false);
            Some(DataPolicy { ads: ads?, trackers: trackers?, privacy_policy })
        }),
        None => None,
    };
    // A field that failed has its error reported already; the rest is kept so that the
    // record's references are checked in the same run (nothing is built while errors stand).
    AltFields { replaces, license: license.unwrap_or_default(), source: source.unwrap_or_default(), platforms, self_hostable: self_hostable.unwrap_or(false), maturity, data }
}

/// A problem of an alternative's licence, in words (the policy: [`crate::spdx`]).
fn license_problem(cx: &mut Cx, n: &Node, p: crate::spdx::Problem) {
    use crate::spdx::Problem;
    let lang = cx.lang;
    let spdx_list = lang.t("un identifiant de la liste SPDX comme `AGPL-3.0-or-later`, `GPL-3.0-only`, `MIT` (voir spdx.org/licenses)", "an identifier of the SPDX list such as `AGPL-3.0-or-later`, `GPL-3.0-only`, `MIT` (see spdx.org/licenses)");
    let maybe = |near: &[String]| if near.is_empty() { spdx_list.to_string() } else { tr!(lang, "vouliez-vous dire {} ?", "did you mean {}?", crate::diag::list_or(lang, near)) };
    match p {
        Problem::Malformed { at } => cx.err("bad-license", n, tr!(lang, "licence illisible : l'expression SPDX est incomplète ou mal formée près de `{at}`", "unreadable license: the SPDX expression is incomplete or malformed near `{at}`"), Some(lang.t("un identifiant, ou des identifiants joints par `AND`, `OR`, `WITH`, par exemple `MIT OR Apache-2.0`", "an identifier, or identifiers joined by `AND`, `OR`, `WITH`, for example `MIT OR Apache-2.0`").into())),
        Problem::Unknown { word, near } => cx.err("bad-license", n, tr!(lang, "licence SPDX inconnue `{word}`", "unknown SPDX license `{word}`"), Some(maybe(&near))),
        Problem::UnknownException { word, near } => cx.err("bad-license", n, tr!(lang, "exception SPDX inconnue `{word}` (après `WITH`)", "unknown SPDX exception `{word}` (after `WITH`)"), Some(maybe(&near))),
        Problem::NotLibre { ids } => {
            let ids = ids.join("`, `");
            cx.err("not-libre", n, tr!(lang, "la licence `{ids}` n'est pas libre : elle restreint qui peut utiliser le logiciel ou pour quoi faire", "the license `{ids}` is not libre: it restricts who may use the software or for what"), Some(lang.t("l'annuaire ne présente que des alternatives libres (licence approuvée par l'OSI ou reconnue libre par la FSF) ; vérifiez la licence dans le fichier LICENSE du dépôt, ou retirez la fiche", "the directory lists only libre alternatives (a license approved by the OSI or listed free by the FSF); check the license in the repository's LICENSE file, or remove the record").into()));
        }
        Problem::Deprecated { id, instead } => {
            let hint = if instead.is_empty() {
                tr!(lang, "voyez sur spdx.org/licenses/{id}.html l'identifiant qui le remplace", "see on spdx.org/licenses/{id}.html the identifier that replaces it")
            } else {
                tr!(lang, "écrivez {} selon ce que dit le fichier LICENSE du projet (« version 3 ou ultérieure » : `-or-later`)", "write {} as the project's LICENSE file says (\"version 3 or later\": `-or-later`)", crate::diag::list_or(lang, &instead))
            };
            cx.warn("deprecated-license", n, |lang| (tr!(lang, "l'identifiant de licence `{id}` est obsolète dans la liste SPDX", "the license identifier `{id}` is deprecated in the SPDX list"), Some(hint)));
        }
        Problem::Unreviewed { ids } => {
            let ids = ids.join("`, `");
            cx.warn("unreviewed-license", n, |lang| (tr!(lang, "la licence `{ids}` n'est reconnue libre ni par l'OSI ni par la FSF", "the license `{ids}` is recognised as libre by neither the OSI nor the FSF"), Some(lang.t("lisez la licence : si elle laisse utiliser, étudier, modifier et partager le logiciel sans restriction, dites-le dans `criteria.respect.evidence` avec sa source ; sinon retirez la fiche", "read the license: if it lets anyone use, study, change and share the software without restriction, say so in `criteria.respect.evidence` with its source; otherwise remove the record").into())));
        }
    }
}

fn provider(cx: &mut Cx, o: &Obj) -> ProvFields {
    let lang = cx.lang;
    let legal_form = cx.choice::<LegalForm>(o, "legal_form", true);
    let location = match o.get("location") {
        Some(n) => location(cx, n),
        None => {
            cx.missing(o, "location", Some(lang.t("par exemple `location: {country: FR, department: \"34\", city: Montpellier}`", "for example `location: {country: FR, department: \"34\", city: Montpellier}`").into()));
            None
        }
    };
    let area = area(cx, o);
    let meet_in_person = cx.bool(o, "meet_in_person", false);
    let mut offers = Vec::new();
    for (i, n) in cx.list_nodes(o, "offers", true).into_iter().enumerate() {
        if let Some(off) = offer(cx, n, i + 1) {
            offers.push(off);
        }
    }
    let memberships = cx.texts(o, "memberships", false).into_iter().map(|(t, _)| t).collect();
    let contact = match o.get("contact") {
        Some(n) => contact(cx, n),
        None => {
            cx.missing(o, "contact", Some(lang.t("au moins un de `email`, `phone`, `url`", "at least one of `email`, `phone`, `url`").into()));
            None
        }
    };
    let accessibility_features = cx.texts(o, "accessibility_features", false).into_iter().map(|(t, _)| t).collect();
    // As for alternatives: what failed is reported, the rest kept for the reference checks.
    let location = location.unwrap_or(Location { country: String::new(), department: None, city: None });
    ProvFields { legal_form: legal_form.unwrap_or(LegalForm::Other), location, area, meet_in_person, offers, memberships, contact: contact.unwrap_or_default(), accessibility_features }
}

fn location(cx: &mut Cx, n: &Node) -> Option<Location> {
    let lang = cx.lang;
    let l = cx.obj(n, "location", &["country", "department", "city"])?;
    let country = cx.text(&l, "country", true)?;
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        cx.err("bad-country", l.get("country")?, tr!(lang, "`location.country` vaut `{country}` ; il faut un code pays ISO de deux lettres majuscules", "`location.country` is `{country}`; expected a two-letter uppercase ISO country code"), Some(lang.t("par exemple `FR`, `BE`, `CH`", "for example `FR`, `BE`, `CH`").into()));
        return None;
    }
    let department = match l.get("department") {
        Some(dn) => Some(department(cx, "location.department", dn, &country)?),
        None => None,
    };
    let city = cx.text(&l, "city", false);
    Some(Location { country, department, city })
}

/// A department code as written (`34`, `"34"`, `01`, `2A`), checked against the INSEE list.
fn department(cx: &mut Cx, field: &str, n: &Node, country: &str) -> Option<String> {
    let lang = cx.lang;
    let raw = match &n.value {
        Value::Str(s) => s.clone(),
        Value::Int(_) | Value::Float(_) => n.raw(cx.src).unwrap_or("").trim().to_string(),
        _ => {
            cx.text_of(field, n);
            return None;
        }
    };
    if country != "FR" {
        return Some(raw);
    }
    let code = geo::normalize_department(&raw);
    if geo::department(&code).is_some() {
        return Some(code);
    }
    // A name instead of a code: say which code, never a code that merely looks alike.
    if let Some(d) = geo::department_named(&raw) {
        let (code, name) = (d.0, d.1);
        cx.err("bad-department", n, tr!(lang, "département `{raw}` : il faut son code INSEE", "department `{raw}`: its INSEE code is needed"), Some(tr!(lang, "écrivez `\"{code}\"` ({name})", "write `\"{code}\"` ({name})")));
        return None;
    }
    if let Some(r) = geo::region_named(&raw) {
        let (code, name) = (r.0, r.1);
        cx.err("bad-department", n, tr!(lang, "`{raw}` est une région, pas un département", "`{raw}` is a region, not a department"), Some(tr!(lang, "donnez le code INSEE du département (par exemple `\"34\"`) ; pour dire que la structure intervient dans toute la région, écrivez `{code}` dans `area` ({name})", "give the department's INSEE code (e.g. `\"34\"`); to say the organisation works in the whole region, write `{code}` in `area` ({name})")));
        return None;
    }
    let near = geo::nearest_departments(&raw);
    let near_s = crate::diag::list_or(lang, &near);
    cx.err("bad-department", n, tr!(lang, "département inconnu `{raw}`", "unknown department `{raw}`"), Some(tr!(lang, "codes INSEE proches : {near_s} (par exemple \"34\" pour l'Hérault, \"2A\" pour la Corse-du-Sud, \"974\" pour La Réunion)", "nearby INSEE codes: {near_s} (e.g. \"34\" for Hérault, \"2A\" for Corse-du-Sud, \"974\" for La Réunion)")));
    None
}

fn area(cx: &mut Cx, o: &Obj) -> Vec<String> {
    let lang = cx.lang;
    let mut out = Vec::new();
    for n in cx.list_nodes(o, "area", true) {
        let n = n.clone();
        let word = match &n.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(_) | Value::Float(_) => n.raw(cx.src).unwrap_or("").trim().to_string(),
            _ => {
                cx.text_of("area", &n);
                continue;
            }
        };
        if word == "national" || word == "remote" {
            out.push(word);
            continue;
        }
        let upper = word.to_ascii_uppercase();
        if upper.starts_with("FR-") {
            if geo::region(&upper).is_some() {
                out.push(upper);
            } else {
                let codes: Vec<&str> = geo::REGIONS.iter().map(|r| r.0).collect();
                let near = closest(&upper, codes.iter().copied(), 3);
                let near_s = crate::diag::list_or(lang, &near);
                let hint = if near.is_empty() {
                    tr!(lang, "les régions : {}", "the regions: {}", codes.join(", "))
                } else {
                    tr!(lang, "codes proches : {near_s} ; toutes les régions : {}", "nearby codes: {near_s}; every region: {}", codes.join(", "))
                };
                cx.err("bad-region", &n, tr!(lang, "région inconnue `{word}`", "unknown region `{word}`"), Some(hint));
            }
            continue;
        }
        if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            if let Some(d) = department(cx, "area", &n, "FR") {
                out.push(d);
            }
            continue;
        }
        // A place written by its name: its code.
        let named = geo::department_named(&word).map(|d| format!("\"{}\"", d.0)).or_else(|| geo::region_named(&word).map(|r| r.0.to_string()));
        if let Some(code) = named {
            cx.err("bad-area", &n, tr!(lang, "zone `{word}` : il faut son code", "area `{word}`: its code is needed"), Some(tr!(lang, "écrivez `{code}`", "write `{code}`")));
            continue;
        }
        cx.err("bad-area", &n, tr!(lang, "zone inconnue `{word}`", "unknown area `{word}`"), Some(lang.t("`national`, `remote` (à distance), une région comme `FR-OCC` ou un département comme `\"30\"`", "`national`, `remote`, a region such as `FR-OCC` or a department such as `\"30\"`").into()));
    }
    out.sort();
    out.dedup();
    out
}

fn offer(cx: &mut Cx, n: &Node, i: usize) -> Option<Offer> {
    let path = format!("offers[{i}]");
    let o = cx.obj(n, &path, &["type", "alternatives", "price", "registration", "taking_new"])?;
    let kind = cx.choice::<OfferType>(&o, "type", true);
    let alternatives = cx.refs(&o, "alternatives", false);
    let price = match o.get("price") {
        Some(pn) => price(cx, pn, &path),
        None => {
            let lang = cx.lang;
            cx.missing(&o, "price", Some(lang.t("par exemple `price: {model: membership}` ; modèles : free, donation, membership, sliding_scale, quote, fixed", "for example `price: {model: membership}`; models: free, donation, membership, sliding_scale, quote, fixed").into()));
            None
        }
    };
    let registration = cx.choice::<Registration>(&o, "registration", true);
    let taking_new = cx.bool(&o, "taking_new", true);
    Some(Offer { kind: kind?, alternatives, price: price?, registration: registration?, taking_new: taking_new? })
}

fn price(cx: &mut Cx, n: &Node, path: &str) -> Option<Price> {
    let p = cx.obj(n, &format!("{path}.price"), &["model", "from_eur", "note"])?;
    let model = cx.choice::<PriceModel>(&p, "model", true);
    let from_eur = cx.number(&p, "from_eur");
    let note = cx.text(&p, "note", false);
    Some(Price { model: model?, from_eur, note })
}

fn contact(cx: &mut Cx, n: &Node) -> Option<Contact> {
    let lang = cx.lang;
    let c = cx.obj(n, "contact", &["email", "phone", "url"])?;
    let before = cx.diags.len();
    let email = cx.text(&c, "email", false);
    if let Some(e) = &email
        && !is_email(e)
    {
        cx.err("bad-email", c.get("email")?, tr!(lang, "adresse électronique invalide `{e}`", "invalid e-mail address `{e}`"), Some(lang.t("par exemple `contact@exemple.org`", "for example `contact@example.org`").into()));
    }
    let phone = cx.text(&c, "phone", false);
    if let Some(p) = &phone
        && !(p.chars().all(|ch| ch.is_ascii_digit() || " +.-()".contains(ch)) && p.chars().filter(|ch| ch.is_ascii_digit()).count() >= 4)
    {
        cx.err("bad-phone", c.get("phone")?, tr!(lang, "numéro de téléphone invalide `{p}`", "invalid phone number `{p}`"), Some(lang.t("des chiffres, espaces et `+`, par exemple `+33 1 23 45 67 89`", "digits, spaces and `+`, for example `+33 1 23 45 67 89`").into()));
    }
    let url = cx.url(&c, "url", false);
    // A contact that was given but is wrong is reported above; "give at least one" is for none.
    if email.is_none() && phone.is_none() && url.is_none() && cx.diags.len() == before {
        cx.err("empty-contact", n, tr!(lang, "`contact` doit donner au moins un moyen de contact", "`contact` must give at least one way to get in touch"), Some(lang.t("ajoutez `email`, `phone` ou `url`", "add `email`, `phone` or `url`").into()));
        return None;
    }
    if email.is_none() && phone.is_none() && url.is_none() {
        return None;
    }
    Some(Contact { email, phone, url })
}

pub fn is_email(e: &str) -> bool {
    let Some((user, host)) = e.split_once('@') else { return false };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && e.chars().all(|c| c.is_alphanumeric() || "@.-_+".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/format.md, the reference people read, names every field and every value this
    /// module accepts (a field added here and not there fails this test).
    #[test]
    fn the_format_reference_names_every_field_and_value() {
        let doc = include_str!("../../docs/format.md");
        let offer_fields = ["type", "alternatives", "price", "registration", "taking_new", "model", "from_eur", "note"];
        let others = ["text", "severity", "date", "source", "evidence", "status", "country", "department", "city", "email", "phone", "url", "ads", "trackers", "privacy_policy", "question", "group", "vendor", "description", "look_for", "guide", "term", "aliases"];
        let words = [Status::WORDS, EntryStatus::WORDS, Severity::WORDS, Platform::WORDS, Maturity::WORDS, LegalForm::WORDS, OfferType::WORDS, PriceModel::WORDS, Registration::WORDS].concat();
        let missing: Vec<&str> = SHARED.iter().chain(&ALT).chain(&PROV).chain(&offer_fields).chain(&others).chain(&words).copied().filter(|w| !doc.contains(&format!("`{w}`"))).collect();
        assert!(missing.is_empty(), "docs/format.md does not name: {missing:?}");
    }
}
