//! The HTML pages of spec §3: the data each template receives, built from the checked
//! directory, and rendered in parallel.

use super::{Engine, Files, RenderOptions};
use crate::check::{Checked, months_between};
use crate::diag::Diagnostic;
use crate::geo;
use crate::model::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The offline edition, when `--bundle` makes one.
#[derive(Debug, Clone, Serialize)]
pub struct BundleInfo {
    pub file: String,
    pub size_kb: u64,
    pub sha256: String,
    pub edition: String,
}

#[derive(Serialize, Clone)]
struct Link {
    path: String,
    name: String,
}

#[derive(Serialize, Clone)]
struct Cell {
    name: String,
    status: &'static str,
    symbol: &'static str,
    label: String,
}

#[derive(Serialize, Clone)]
struct Card {
    path: String,
    name: String,
    summary: String,
    kind: String,
    closed: bool,
    status_label: String,
    /// Grouping label when lists are grouped (region, department, status, letter).
    group: String,
    extra: String,
}

#[derive(Serialize, Clone)]
struct AltRow {
    path: String,
    name: String,
    summary: String,
    license: String,
    platforms: String,
    criteria: Vec<Cell>,
    closed: bool,
    status_label: String,
}

#[derive(Serialize)]
struct Pager {
    current: usize,
    total: usize,
    pages: Vec<Link>,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Serialize)]
struct Group<T> {
    name: String,
    path: Option<String>,
    items: Vec<T>,
}

/// Everything computed once and shared by the pages.
struct Index<'a> {
    c: &'a Checked,
    t: &'a BTreeMap<String, String>,
    providers_by_alt: BTreeMap<&'a str, BTreeSet<&'a str>>,
    alts_by_need: BTreeMap<&'a str, Vec<&'a str>>,
    alts_by_tool: BTreeMap<&'a str, Vec<&'a str>>,
    tools_by_need: BTreeMap<&'a str, Vec<&'a str>>,
    alt_rows: BTreeMap<&'a str, AltRow>,
    cards: BTreeMap<(Kind, &'a str), Card>,
}

fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Yes => "✔",
        Status::Partial => "◐",
        Status::No => "✘",
        Status::Unknown => "?",
    }
}

impl<'a> Index<'a> {
    fn s(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn label(&self, prefix: &str, value: &str) -> String {
        self.t.get(&format!("{prefix}.{value}")).cloned().unwrap_or_else(|| value.replace('_', " "))
    }

    fn cells(&self, e: &Entry) -> Vec<Cell> {
        self.c
            .dir
            .criteria
            .values()
            .map(|cr| {
                let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
                Cell { name: cr.name.clone(), status: st.as_str(), symbol: status_symbol(st), label: self.label("status", st.as_str()) }
            })
            .collect()
    }


    fn card(&self, kind: Kind, slug: &str, group: String) -> Option<Card> {
        let mut c = self.cards.get(&(kind, slug))?.clone();
        c.group = group;
        Some(c)
    }

    fn region_of(&self, e: &Entry) -> (usize, String, Option<String>) {
        let p = e.prov.as_ref();
        let dept = p.and_then(|p| p.location.department.as_deref());
        let country = p.map(|p| p.location.country.as_str()).unwrap_or("FR");
        match dept.and_then(geo::region_of).and_then(geo::region) {
            Some(r) if country == "FR" => {
                let i = geo::REGIONS.iter().position(|x| x.0 == r.0).unwrap_or(0);
                (i, self.region_name(r.0), Some(format!("regions/{}.html", r.0.to_ascii_lowercase())))
            }
            _ if country != "FR" => (900, format!("{} ({country})", self.s("region.abroad")), None),
            _ => (800, self.s("region.none"), None),
        }
    }

    fn region_name(&self, code: &str) -> String {
        geo::region(code).map(|r| if self.c.lang == crate::i18n::Lang::En { r.2 } else { r.1 }.to_string()).unwrap_or_else(|| code.to_string())
    }

    /// Providers grouped by the region they are based in, regions in INSEE order.
    fn by_region(&self, providers: impl IntoIterator<Item = &'a str>) -> Vec<Group<Card>> {
        let mut groups: BTreeMap<(usize, String), (Option<String>, Vec<Card>)> = BTreeMap::new();
        for slug in providers {
            let Some(e) = self.c.dir.providers.get(slug) else { continue };
            let (i, name, path) = self.region_of(e);
            if let Some(card) = self.card(Kind::Provider, slug, name.clone()) {
                groups.entry((i, name)).or_insert_with(|| (path, Vec::new())).1.push(card);
            }
        }
        groups.into_iter().map(|((_, name), (path, mut items))| {
            items.sort_by(|a, b| sort_key(&a.name).cmp(&sort_key(&b.name)));
            Group { name, path, items }
        }).collect()
    }
}

/// Names sort without regard to case or accents.
fn sort_key(s: &str) -> String {
    crate::content::slugify(s)
}

fn new_index<'a>(c: &'a Checked, t: &'a BTreeMap<String, String>) -> Index<'a> {
    let d = &c.dir;
    let mut ix = Index {
        c,
        t,
        providers_by_alt: BTreeMap::new(),
        alts_by_need: BTreeMap::new(),
        alts_by_tool: BTreeMap::new(),
        tools_by_need: BTreeMap::new(),
        alt_rows: BTreeMap::new(),
        cards: BTreeMap::new(),
    };
    for p in d.providers.values() {
        for o in p.prov.iter().flat_map(|x| &x.offers) {
            for a in &o.alternatives {
                if let Some((k, _)) = d.alternatives.get_key_value(&a.id) {
                    ix.providers_by_alt.entry(k.as_str()).or_default().insert(p.slug.as_str());
                }
            }
        }
    }
    for a in d.alternatives.values() {
        for n in &a.needs {
            if let Some((k, _)) = d.needs.get_key_value(&n.id) {
                ix.alts_by_need.entry(k.as_str()).or_default().push(a.slug.as_str());
            }
        }
        for t in a.alt.iter().flat_map(|x| &x.replaces) {
            if let Some((k, _)) = d.tools.get_key_value(&t.id) {
                ix.alts_by_tool.entry(k.as_str()).or_default().push(a.slug.as_str());
            }
        }
    }
    for t in d.tools.values() {
        for n in &t.needs {
            if let Some((k, _)) = d.needs.get_key_value(&n.id) {
                ix.tools_by_need.entry(k.as_str()).or_default().push(t.id.as_str());
            }
        }
    }
    let rows: Vec<(&str, AltRow)> = d
        .alternatives
        .values()
        .map(|e| {
            let a = e.alt.as_ref();
            (e.slug.as_str(), AltRow {
                path: format!("alternatives/{}.html", e.slug),
                name: e.name.clone(),
                summary: e.summary.clone(),
                license: a.map(|a| a.license.clone()).unwrap_or_default(),
                platforms: a.map(|a| a.platforms.iter().map(|p| ix.label("platform", p)).collect::<Vec<_>>().join(", ")).unwrap_or_default(),
                criteria: ix.cells(e),
                closed: e.status == "closed",
                status_label: if e.status == "active" { String::new() } else { ix.label("entry_status", &e.status) },
            })
        })
        .collect();
    ix.alt_rows = rows.into_iter().collect();
    let cards: Vec<((Kind, &str), Card)> = d
        .entries()
        .map(|e| {
            let extra = match &e.prov {
                Some(p) => {
                    let mut bits = Vec::new();
                    if let Some(city) = &p.location.city {
                        bits.push(city.clone());
                    }
                    let types: BTreeSet<&str> = p.offers.iter().map(|o| o.kind.as_str()).collect();
                    bits.push(types.iter().map(|t| ix.label("offer", t)).collect::<Vec<_>>().join(", "));
                    bits.join(" · ")
                }
                None => e.alt.as_ref().map(|a| a.license.clone()).unwrap_or_default(),
            };
            ((e.kind, e.slug.as_str()), Card {
                path: format!("{}/{}.html", e.kind.folder(), e.slug),
                name: e.name.clone(),
                summary: e.summary.clone(),
                kind: ix.label("kind", match e.kind { Kind::Alternative => "alternative", Kind::Provider => "provider" }),
                closed: e.status == "closed",
                status_label: if e.status == "active" { String::new() } else { ix.label("entry_status", &e.status) },
                group: String::new(),
                extra,
            })
        })
        .collect();
    ix.cards = cards.into_iter().collect();
    ix
}

/// Splits a list into pages of `size`; page 1 is `base.html`, then `base--2.html`… (a slug
/// never holds `--`, so these names cannot collide with a record's page).
fn paginate<T>(items: Vec<T>, size: usize, base: &str) -> Vec<(String, Vec<T>, Pager)> {
    let size = size.max(1);
    let total = items.len().div_ceil(size).max(1);
    let name = |n: usize| if n == 1 { format!("{base}.html") } else { format!("{base}--{n}.html") };
    let file_name = |n: usize| name(n).rsplit('/').next().unwrap_or("").to_string();
    let mut out = Vec::with_capacity(total);
    let mut it = items.into_iter();
    for n in 1..=total {
        let chunk: Vec<T> = it.by_ref().take(size).collect();
        let pager = Pager {
            current: n,
            total,
            pages: if total > 1 { (1..=total).map(|k| Link { path: file_name(k), name: k.to_string() }).collect() } else { Vec::new() },
            prev: (n > 1).then(|| file_name(n - 1)),
            next: (n < total).then(|| file_name(n + 1)),
        };
        out.push((name(n), chunk, pager));
    }
    out
}

/// One page to render: its output path, template and data.
struct Job {
    path: String,
    template: &'static str,
    ctx: tera::Context,
}

fn ctx(root: &str, title: &str) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("root", root);
    c.insert("title", title);
    c
}

pub fn all(c: &Checked, engine: &mut Engine, opts: &RenderOptions) -> Result<Files, Diagnostic> {
    let strings = engine.strings.clone();
    let ix = new_index(c, &strings);
    let d = &c.dir;
    {
        let g = engine.global();
        g.insert("t", &strings);
        g.insert("lang", c.lang.code());
        g.insert("site", &serde_json::json!({"title": d.site.title, "description": d.site.description}));
        let footer: Vec<Link> = d.pages.values().map(|p| Link { path: format!("pages/{}.html", p.slug), name: p.name.clone() }).collect();
        g.insert("footer_pages", &footer);
        g.insert("bundle", &opts.bundle);
        g.insert("edition", &c.edition);
        let crit: Vec<Link> = d.criteria.values().map(|cr| Link { path: format!("criteria/{}.html", cr.id), name: cr.name.clone() }).collect();
        g.insert("criteria_names", &crit);
    }
    let mut jobs: Vec<Job> = Vec::new();
    index_page(&ix, &mut jobs);
    need_pages(&ix, &mut jobs);
    entry_pages(&ix, &mut jobs);
    tool_pages(&ix, &mut jobs);
    criterion_pages(&ix, &mut jobs);
    region_pages(&ix, &mut jobs);
    other_pages(&ix, opts, &mut jobs);

    let engine = &*engine;
    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> =
        jobs.par_iter().map(|j| engine.render(j.template, &j.ctx).map(|html| (j.path.clone(), html.into_bytes()))).collect();
    let mut files = Files::new();
    for r in rendered {
        let (p, b) = r?;
        files.insert(p, b);
    }
    Ok(files)
}

fn index_page(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    let mut groups: Vec<Group<Card>> = Vec::new();
    let mut order: Vec<String> = Vec::new();
    for n in d.needs.values() {
        if !order.contains(&n.group) {
            order.push(n.group.clone());
        }
    }
    for g in order {
        let mut items: Vec<Card> = d
            .needs
            .values()
            .filter(|n| n.group == g)
            .map(|n| {
                let alts = ix.alts_by_need.get(n.id.as_str()).map(|v| v.len()).unwrap_or(0);
                Card { path: format!("needs/{}.html", n.id), name: n.name.clone(), summary: n.summary.clone(), kind: String::new(), closed: false, status_label: String::new(), group: g.clone(), extra: alts.to_string() }
            })
            .collect();
        items.sort_by(|a, b| sort_key(&a.name).cmp(&sort_key(&b.name)));
        groups.push(Group { name: g, path: None, items });
    }
    let criteria: Vec<Card> = d.criteria.values().map(|cr| Card { path: format!("criteria/{}.html", cr.id), name: cr.name.clone(), summary: cr.question.clone(), kind: String::new(), closed: false, status_label: String::new(), group: String::new(), extra: String::new() }).collect();
    let regions = region_counts(ix);
    let mut c = ctx("", &d.site.title);
    c.insert("groups", &groups);
    c.insert("criteria", &criteria);
    c.insert("regions", &regions);
    c.insert("counts", &serde_json::json!({"alternatives": d.alternatives.len(), "providers": d.providers.len(), "needs": d.needs.len(), "tools": d.tools.len()}));
    c.insert("contribute", &d.pages.get("contribuer").or_else(|| d.pages.get("contribute")).map(|p| format!("pages/{}.html", p.slug)));
    jobs.push(Job { path: "index.html".into(), template: "index.html", ctx: c });
}

fn need_pages(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    for n in d.needs.values() {
        let alts: Vec<AltRow> = ix.alts_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
        let mut providers: BTreeSet<&str> = BTreeSet::new();
        for a in ix.alts_by_need.get(n.id.as_str()).into_iter().flatten() {
            providers.extend(ix.providers_by_alt.get(a).into_iter().flatten().copied());
        }
        let tools: Vec<Link> = ix.tools_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|t| d.tools.get(*t)).map(|t| Link { path: format!("tools/{}.html", t.id), name: t.name.clone() }).collect();
        let n_alts = alts.len();
        let by_region = ix.by_region(providers.iter().copied());
        let n_prov = providers.len();
        for (i, (path, chunk, pager)) in paginate(alts, d.site.list_size, &format!("needs/{}", n.id)).into_iter().enumerate() {
            let mut c = ctx("../", &n.name);
            c.insert("need", &serde_json::json!({"id": n.id, "name": n.name, "summary": n.summary, "group": n.group}));
            c.insert("body", &if i == 0 { ix.c.bodies.get(&format!("needs/{}", n.id)).cloned().unwrap_or_default() } else { String::new() });
            c.insert("alternatives", &chunk);
            c.insert("n_alternatives", &n_alts);
            c.insert("pager", &pager);
            if i == 0 {
                c.insert("providers", &by_region);
            } else {
                c.insert("providers", &Vec::<Group<Card>>::new());
            }
            c.insert("n_providers", &n_prov);
            c.insert("tools", &tools);
            jobs.push(Job { path, template: "need.html", ctx: c });
        }
    }
}

#[derive(Serialize)]
struct CriterionView {
    id: String,
    path: String,
    name: String,
    question: String,
    status: &'static str,
    symbol: &'static str,
    label: String,
    evidence: Option<String>,
    source: Option<String>,
}

#[derive(Serialize)]
struct OfferView {
    kind: String,
    alternatives: Vec<Link>,
    price: String,
    registration: String,
    taking_new: bool,
}

fn entry_pages(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    let stale_limit = d.site.stale_after_months as i64;
    for e in d.entries() {
        let mut c = ctx("../", &e.name);
        let criteria: Vec<CriterionView> = d
            .criteria
            .values()
            .map(|cr| {
                let a = e.criteria.get(&cr.id);
                let st = a.map(|a| a.status).unwrap_or(Status::Unknown);
                CriterionView {
                    id: cr.id.clone(),
                    path: format!("criteria/{}.html", cr.id),
                    name: cr.name.clone(),
                    question: cr.question.clone(),
                    status: st.as_str(),
                    symbol: status_symbol(st),
                    label: ix.label("status", st.as_str()),
                    evidence: a.and_then(|a| a.evidence.clone()),
                    source: a.and_then(|a| a.source.clone()),
                }
            })
            .collect();
        let needs: Vec<Link> = e.needs.iter().filter_map(|r| d.needs.get(&r.id)).map(|n| Link { path: format!("needs/{}.html", n.id), name: n.name.clone() }).collect();
        let reservations: Vec<serde_json::Value> = e
            .reservations
            .iter()
            .map(|r| serde_json::json!({"text": r.text, "severity": r.severity, "severity_label": ix.label("severity", &r.severity), "date": r.date, "source": r.source}))
            .collect();
        let stale = match (&e.last_verified, &ix.c.edition) {
            (Some(v), Some(ed)) => months_between(v, ed).is_some_and(|m| m >= stale_limit),
            _ => false,
        };
        let common = serde_json::json!({
            "slug": e.slug, "name": e.name, "summary": e.summary, "website": e.website,
            "status": e.status, "status_label": ix.label("entry_status", &e.status),
            "last_verified": e.last_verified, "stale": stale, "sources": e.sources,
            "source_file": format!("content/{}/{}", e.kind.folder(), e.pos.file.rsplit('/').next().unwrap_or("")),
        });
        c.insert("entry", &common);
        c.insert("criteria", &criteria);
        c.insert("needs", &needs);
        c.insert("reservations", &reservations);
        c.insert("body", &ix.c.bodies.get(&format!("{}/{}", e.kind.folder(), e.slug)).cloned().unwrap_or_default());
        let template = match (&e.alt, &e.prov) {
            (Some(a), _) => {
                let replaces: Vec<Link> = a.replaces.iter().filter_map(|r| d.tools.get(&r.id)).map(|t| Link { path: format!("tools/{}.html", t.id), name: t.name.clone() }).collect();
                c.insert("alt", &serde_json::json!({
                    "license": a.license, "source": a.source,
                    "platforms": a.platforms.iter().map(|p| ix.label("platform", p)).collect::<Vec<_>>(),
                    "self_hostable": a.self_hostable, "maturity": a.maturity, "maturity_label": ix.label("maturity", &a.maturity),
                    "data": a.data,
                }));
                c.insert("replaces", &replaces);
                let providers = ix.providers_by_alt.get(e.slug.as_str()).cloned().unwrap_or_default();
                c.insert("providers", &ix.by_region(providers.iter().copied()));
                "alternative.html"
            }
            (_, Some(p)) => {
                let offers: Vec<OfferView> = p
                    .offers
                    .iter()
                    .map(|o| OfferView {
                        kind: ix.label("offer", &o.kind),
                        alternatives: o.alternatives.iter().filter_map(|r| d.alternatives.get(&r.id)).map(|a| Link { path: format!("alternatives/{}.html", a.slug), name: a.name.clone() }).collect(),
                        price: price_text(ix, &o.price),
                        registration: ix.label("registration", &o.registration),
                        taking_new: o.taking_new,
                    })
                    .collect();
                let dept = p.location.department.as_deref().and_then(geo::department);
                let region = dept.map(|d| (d.2, ix.region_name(d.2)));
                let area: Vec<Link> = p
                    .area
                    .iter()
                    .map(|a| match a.as_str() {
                        "national" | "remote" => Link { path: String::new(), name: ix.label("area", a) },
                        code if code.starts_with("FR-") => Link { path: format!("regions/{}.html", code.to_ascii_lowercase()), name: ix.region_name(code) },
                        dep => Link { path: String::new(), name: geo::department(dep).map(|x| format!("{} ({})", x.1, x.0)).unwrap_or_else(|| dep.to_string()) },
                    })
                    .collect();
                c.insert("prov", &serde_json::json!({
                    "legal_form": ix.label("legal_form", &p.legal_form),
                    "country": p.location.country, "city": p.location.city,
                    "department": dept.map(|d| format!("{} ({})", d.1, d.0)),
                    "region": region.as_ref().map(|r| r.1.clone()),
                    "region_path": region.as_ref().map(|r| format!("regions/{}.html", r.0.to_ascii_lowercase())),
                    "meet_in_person": p.meet_in_person,
                    "memberships": p.memberships,
                    "contact": p.contact,
                    "accessibility_features": p.accessibility_features.iter().map(|f| ix.label("feature", f)).collect::<Vec<_>>(),
                }));
                c.insert("area", &area);
                c.insert("offers", &offers);
                "provider.html"
            }
            _ => continue,
        };
        jobs.push(Job { path: format!("{}/{}.html", e.kind.folder(), e.slug), template, ctx: c });
    }
}

fn price_text(ix: &Index, p: &Price) -> String {
    let mut s = ix.label("price", &p.model);
    if let Some(f) = p.from_eur {
        let amount = if f.fract() == 0.0 { format!("{f:.0}") } else { format!("{f:.2}") };
        s.push_str(&format!(" · {} {amount} €", ix.s("price.from")));
    }
    if let Some(n) = &p.note {
        s.push_str(" · ");
        s.push_str(n);
    }
    s
}

fn tool_pages(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    for t in d.tools.values() {
        let alts: Vec<AltRow> = ix.alts_by_tool.get(t.id.as_str()).into_iter().flatten().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
        let needs: Vec<Link> = t.needs.iter().filter_map(|r| d.needs.get(&r.id)).map(|n| Link { path: format!("needs/{}.html", n.id), name: n.name.clone() }).collect();
        let n = alts.len();
        for (path, chunk, pager) in paginate(alts, d.site.list_size, &format!("tools/{}", t.id)) {
            let title = ix.s("tool.title").replace("{name}", &t.name);
            let mut c = ctx("../", &title);
            c.insert("tool", &serde_json::json!({"id": t.id, "name": t.name, "vendor": t.vendor}));
            c.insert("body", &ix.c.bodies.get(&format!("tools/{}", t.id)).cloned().unwrap_or_default());
            c.insert("needs", &needs);
            c.insert("alternatives", &chunk);
            c.insert("n_alternatives", &n);
            c.insert("pager", &pager);
            jobs.push(Job { path, template: "tool.html", ctx: c });
        }
    }
}

fn criterion_pages(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    for cr in d.criteria.values() {
        let mut items: Vec<(Status, String, Card)> = Vec::new();
        let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
        for e in d.entries() {
            let a = e.criteria.get(&cr.id);
            let st = a.map(|a| a.status).unwrap_or(Status::Unknown);
            *counts.entry(st).or_default() += 1;
            if let Some(mut card) = ix.card(e.kind, &e.slug, format!("{} {}", status_symbol(st), ix.label("status", st.as_str()))) {
                card.extra = a.and_then(|a| a.evidence.clone()).unwrap_or_default();
                items.push((st, sort_key(&e.name), card));
            }
        }
        items.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let counts: Vec<serde_json::Value> = Status::ALL.iter().map(|s| serde_json::json!({"symbol": status_symbol(*s), "label": ix.label("status", s.as_str()), "count": counts.get(s).copied().unwrap_or(0)})).collect();
        let cards: Vec<Card> = items.into_iter().map(|x| x.2).collect();
        for (i, (path, chunk, pager)) in paginate(cards, d.site.list_size, &format!("criteria/{}", cr.id)).into_iter().enumerate() {
            let mut c = ctx("../", &cr.name);
            c.insert("criterion", &serde_json::json!({"id": cr.id, "name": cr.name, "question": cr.question}));
            c.insert("body", &if i == 0 { ix.c.bodies.get(&format!("criteria/{}", cr.id)).cloned().unwrap_or_default() } else { String::new() });
            c.insert("counts", &counts);
            c.insert("entries", &chunk);
            c.insert("pager", &pager);
            jobs.push(Job { path, template: "criterion.html", ctx: c });
        }
    }
}

/// For each region: providers based there, and providers serving it from elsewhere.
fn region_members<'a>(ix: &Index<'a>) -> BTreeMap<&'static str, (Vec<&'a Entry>, Vec<&'a Entry>)> {
    let mut m: BTreeMap<&'static str, (Vec<&Entry>, Vec<&Entry>)> = BTreeMap::new();
    for p in ix.c.dir.providers.values() {
        let Some(pf) = &p.prov else { continue };
        let home = pf.location.department.as_deref().filter(|_| pf.location.country == "FR").and_then(geo::region_of);
        if let Some(r) = home {
            m.entry(r).or_default().0.push(p);
        }
        let mut served: BTreeSet<&'static str> = BTreeSet::new();
        for a in &pf.area {
            if let Some(r) = geo::region(a) {
                served.insert(r.0);
            } else if let Some(r) = geo::region_of(a) {
                served.insert(r);
            }
        }
        for r in served {
            if Some(r) != home {
                m.entry(r).or_default().1.push(p);
            }
        }
    }
    m
}

fn region_counts(ix: &Index) -> Vec<Card> {
    let members = region_members(ix);
    geo::REGIONS
        .iter()
        .filter_map(|r| {
            let (a, b) = members.get(r.0)?;
            Some(Card { path: format!("regions/{}.html", r.0.to_ascii_lowercase()), name: ix.region_name(r.0), summary: String::new(), kind: String::new(), closed: false, status_label: String::new(), group: String::new(), extra: (a.len() + b.len()).to_string() })
        })
        .collect()
}

fn region_pages(ix: &Index, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    let members = region_members(ix);
    for (code, (home, serving)) in &members {
        let name = ix.region_name(code);
        let mut located: Vec<(usize, String, Card)> = home
            .iter()
            .filter_map(|p| {
                let dept = p.prov.as_ref()?.location.department.as_deref()?;
                let i = geo::DEPARTMENTS.iter().position(|x| x.0 == dept).unwrap_or(0);
                let label = geo::department(dept).map(|x| format!("{} ({})", x.1, x.0)).unwrap_or_default();
                Some((i, sort_key(&p.name), ix.card(Kind::Provider, &p.slug, label)?))
            })
            .collect();
        located.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let located: Vec<Card> = located.into_iter().map(|x| x.2).collect();
        let mut serving_cards: Vec<Card> = serving.iter().filter_map(|p| ix.card(Kind::Provider, &p.slug, String::new())).collect();
        serving_cards.sort_by(|a, b| sort_key(&a.name).cmp(&sort_key(&b.name)));
        // By need: which providers of the region (based or serving) offer an alternative for it.
        let mut by_need: BTreeMap<&str, BTreeSet<(String, &str)>> = BTreeMap::new();
        for p in home.iter().chain(serving.iter()) {
            for o in p.prov.iter().flat_map(|x| &x.offers) {
                for a in &o.alternatives {
                    for n in d.alternatives.get(&a.id).into_iter().flat_map(|x| &x.needs) {
                        by_need.entry(n.id.as_str()).or_default().insert((sort_key(&p.name), p.slug.as_str()));
                    }
                }
            }
        }
        let by_need: Vec<Group<Link>> = by_need
            .into_iter()
            .filter_map(|(n, ps)| {
                let need = d.needs.get(n)?;
                Some(Group {
                    name: need.name.clone(),
                    path: Some(format!("needs/{n}.html")),
                    items: ps.into_iter().filter_map(|(_, s)| d.providers.get(s)).map(|p| Link { path: format!("providers/{}.html", p.slug), name: p.name.clone() }).collect(),
                })
            })
            .collect();
        let n_total = located.len() + serving_cards.len();
        for (i, (path, chunk, pager)) in paginate(located, d.site.list_size, &format!("regions/{}", code.to_ascii_lowercase())).into_iter().enumerate() {
            let title = ix.s("region.title").replace("{name}", &name);
            let mut c = ctx("../", &title);
            c.insert("region", &serde_json::json!({"code": code, "name": name}));
            c.insert("located", &chunk);
            c.insert("pager", &pager);
            c.insert("n_total", &n_total);
            if i == 0 {
                c.insert("serving", &serving_cards);
                c.insert("by_need", &by_need);
            } else {
                c.insert("serving", &Vec::<Card>::new());
                c.insert("by_need", &Vec::<Group<Link>>::new());
            }
            jobs.push(Job { path, template: "region.html", ctx: c });
        }
    }
}

fn other_pages(ix: &Index, opts: &RenderOptions, jobs: &mut Vec<Job>) {
    let d = &ix.c.dir;
    for p in d.pages.values() {
        let mut c = ctx("../", &p.name);
        c.insert("page", &serde_json::json!({"slug": p.slug, "name": p.name, "summary": p.summary}));
        c.insert("body", &ix.c.bodies.get(&format!("pages/{}", p.slug)).cloned().unwrap_or_default());
        jobs.push(Job { path: format!("pages/{}.html", p.slug), template: "page.html", ctx: c });
    }

    // A–Z: one page, or one page per initial letter past list_size.
    let mut all: Vec<(String, Card)> = d
        .entries()
        .filter_map(|e| {
            let key = sort_key(&e.name);
            let letter = key.chars().next().filter(|c| c.is_ascii_lowercase()).map(|c| c.to_string()).unwrap_or_else(|| "0-9".into());
            Some((key, ix.card(e.kind, &e.slug, letter.to_ascii_uppercase())?))
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.path.cmp(&b.1.path)));
    let cards: Vec<Card> = all.into_iter().map(|x| x.1).collect();
    let mut letters: Vec<Link> = Vec::new();
    for card in &cards {
        if letters.last().map(|l| &l.name) != Some(&card.group) {
            letters.push(Link { path: format!("a-z-{}.html", card.group.to_ascii_lowercase()), name: card.group.clone() });
        }
    }
    let split = cards.len() > d.site.list_size;
    let title = ix.s("az.title");
    let mut c = ctx("", &title);
    c.insert("letters", &letters);
    c.insert("split", &split);
    c.insert("n_total", &cards.len());
    if split {
        c.insert("entries", &Vec::<Card>::new());
        for l in &letters {
            let chunk: Vec<&Card> = cards.iter().filter(|x| x.group == l.name).collect();
            let mut lc = ctx("", &format!("{title} — {}", l.name));
            lc.insert("letters", &letters);
            lc.insert("split", &true);
            lc.insert("n_total", &cards.len());
            lc.insert("letter", &l.name);
            lc.insert("entries", &chunk);
            jobs.push(Job { path: l.path.clone(), template: "a-z.html", ctx: lc });
        }
    } else {
        c.insert("entries", &cards);
    }
    jobs.push(Job { path: "a-z.html".into(), template: "a-z.html", ctx: c });

    // To verify: never verified first, then oldest verification first.
    let stale_limit = d.site.stale_after_months as i64;
    let mut rows: Vec<(Option<String>, String, Card)> = d
        .entries()
        .filter_map(|e| {
            let stale = match (&e.last_verified, &ix.c.edition) {
                (Some(v), Some(ed)) => months_between(v, ed).is_some_and(|m| m >= stale_limit),
                (None, _) => true,
                _ => false,
            };
            let mut card = ix.card(e.kind, &e.slug, e.last_verified.clone().unwrap_or_else(|| ix.s("verify.never")))?;
            card.extra = if stale { ix.s("verify.due") } else { String::new() };
            Some((e.last_verified.clone(), sort_key(&e.name), card))
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let n_rows = rows.len();
    for (path, chunk, pager) in paginate(rows.into_iter().map(|r| r.2).collect(), d.site.list_size, "a-verifier") {
        let mut c = ctx("", &ix.s("verify.title"));
        c.insert("entries", &chunk);
        c.insert("pager", &pager);
        c.insert("n_total", &n_rows);
        c.insert("months", &stale_limit);
        jobs.push(Job { path, template: "to-verify.html", ctx: c });
    }

    // The printable directory.
    let needs: Vec<serde_json::Value> = d
        .needs
        .values()
        .map(|n| {
            let alts: Vec<&str> = ix.alts_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|s| d.alternatives.get(*s)).map(|a| a.name.as_str()).collect();
            serde_json::json!({"id": n.id, "name": n.name, "summary": n.summary, "group": n.group, "alternatives": alts})
        })
        .collect();
    let entry_json = |e: &Entry| {
        let crit: Vec<String> = d.criteria.values().map(|cr| {
            let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
            format!("{} {} {}", cr.name, status_symbol(st), ix.label("status", st.as_str()))
        }).collect();
        serde_json::json!({
            "slug": e.slug, "name": e.name, "summary": e.summary, "website": e.website,
            "criteria": crit, "status_label": if e.status == "active" { String::new() } else { ix.label("entry_status", &e.status) },
            "license": e.alt.as_ref().map(|a| &a.license), "source": e.alt.as_ref().map(|a| &a.source),
            "city": e.prov.as_ref().and_then(|p| p.location.city.clone()),
            "department": e.prov.as_ref().and_then(|p| p.location.department.as_deref()).and_then(geo::department).map(|x| format!("{} ({})", x.1, x.0)),
            "contact": e.prov.as_ref().map(|p| &p.contact),
            "offers": e.prov.as_ref().map(|p| p.offers.iter().map(|o| ix.label("offer", &o.kind)).collect::<BTreeSet<_>>()),
        })
    };
    let mut c = ctx("", &ix.s("print.title"));
    c.insert("needs", &needs);
    c.insert("alternatives", &d.alternatives.values().map(entry_json).collect::<Vec<_>>());
    c.insert("providers", &d.providers.values().map(entry_json).collect::<Vec<_>>());
    jobs.push(Job { path: "print.html".into(), template: "print.html", ctx: c });

    let mut c = ctx("", &ix.s("data.title"));
    c.insert("criteria_ids", &d.criteria.keys().collect::<Vec<_>>());
    jobs.push(Job { path: "donnees.html".into(), template: "data.html", ctx: c });

    if opts.bundle.is_some() {
        jobs.push(Job { path: "hors-ligne.html".into(), template: "offline.html", ctx: ctx("", &ix.s("offline.title")) });
        // The copy inside the zip cannot link to the zip itself: it says it is the offline copy.
        let mut c = ctx("", &ix.s("offline.title"));
        c.insert("in_bundle", &true);
        jobs.push(Job { path: super::IN_BUNDLE_OFFLINE.into(), template: "offline.html", ctx: c });
    }
    jobs.push(Job { path: "404.html".into(), template: "404.html", ctx: ctx("", &ix.s("notfound.title")) });
}
