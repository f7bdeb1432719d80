//! The HTML pages of spec §3: the data each template receives, built from the checked
//! directory, and rendered in parallel.
//!
//! What many pages share (an entry's card, an alternative's comparison row, a need's link) is
//! turned into a Tera value once: Tera values share their arrays and maps, so putting one in a
//! hundred pages costs a pointer copy, not a hundred serializations.

mod places;

use super::{Engine, RenderOptions};
use crate::catalogue::Catalogue;
use crate::check::{Checked, months_between};
use crate::diag::Diagnostic;
use crate::geo;
use crate::model::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use tera::Value as V;

/// The offline edition, when `--bundle` makes one.
#[derive(Debug, Clone, Serialize)]
pub struct BundleInfo {
    pub file: String,
    pub size_kb: u64,
    pub sha256: String,
    pub edition: String,
}

/// A map value from fixed keys.
///
/// Made through Tera's serializer, which builds the map once and takes each value as it is:
/// `V::from(map)` would hash every key into a second map (a twentieth of the build's CPU at
/// 10,000 records went to building maps twice).
fn obj<const N: usize>(pairs: [(&'static str, V); N]) -> V {
    struct Fields<const N: usize>([(&'static str, V); N]);
    impl<const N: usize> serde::Serialize for Fields<N> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct("obj", N)?;
            for (k, v) in &self.0 {
                st.serialize_field(k, v)?;
            }
            st.end()
        }
    }
    V::from_serializable(&Fields(pairs))
}

fn link(path: String, name: &str) -> V {
    obj([("path", plain(&path)), ("name", V::from(name))])
}

/// A text made of slugs, ids and fixed words (a page's path, a status, `../`): HTML escaping
/// leaves it as it is, so it is marked safe and Tera writes it without looking at it again. A
/// text with a character that escaping would change stays a normal text.
fn plain(s: &str) -> V {
    if super::needs_escaping(s) { V::from(s) } else { V::safe_string(s) }
}

/// Sections that only page 1 of a paginated list shows (the text, the providers…): `v` on the
/// first page, an empty text or list on the others.
fn first_page_only(i: usize, v: &V) -> V {
    match (i, v.is_string()) {
        (0, _) => v.clone(),
        (_, true) => V::from(""),
        (_, false) => V::from(Vec::<V>::new()),
    }
}

fn opt(s: &Option<String>) -> V {
    s.as_deref().map(V::from).unwrap_or_else(V::none)
}

fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Yes => "✔",
        Status::Partial => "◐",
        Status::No => "✘",
        Status::Unknown => "?",
    }
}

/// Names sort without regard to case or accents.
fn sort_key(s: &str) -> String {
    crate::content::slugify(s)
}

/// Consecutive items with the same group become one `{name, path, items}` object.
fn regroup(items: Vec<(String, Option<String>, V)>) -> V {
    let mut groups: Vec<V> = Vec::new();
    let mut cur: Option<(String, Option<String>, Vec<V>)> = None;
    for (g, path, item) in items {
        match &mut cur {
            Some((name, _, list)) if *name == g => list.push(item),
            _ => {
                if let Some((n, p, l)) = cur.take() {
                    groups.push(obj([("name", V::from(n)), ("path", opt(&p)), ("items", V::from(l))]));
                }
                cur = Some((g, path, vec![item]));
            }
        }
    }
    if let Some((n, p, l)) = cur {
        groups.push(obj([("name", V::from(n)), ("path", opt(&p)), ("items", V::from(l))]));
    }
    V::from(groups)
}

/// Maps that pages only look up in, never walk through: hashed, as lists of ten thousand
/// entries look up names many times (ordered maps compared strings there: 5 % of a build).
type Lookup<K, V> = ahash::AHashMap<K, V>;

/// Everything computed once and shared by the pages.
struct Index<'a> {
    c: &'a Checked,
    t: &'a BTreeMap<String, String>,
    providers_by_alt: Lookup<&'a str, BTreeSet<&'a str>>,
    alts_by_need: Lookup<&'a str, Vec<&'a str>>,
    alts_by_tool: Lookup<&'a str, Vec<&'a str>>,
    tools_by_need: Lookup<&'a str, Vec<&'a str>>,
    /// Comparison-table row of each alternative.
    alt_rows: Lookup<&'a str, V>,
    /// `{path, name, summary, kind, status_label, extra}` of each entry.
    cards: Lookup<(Kind, &'a str), V>,
    need_links: Lookup<&'a str, V>,
    tool_links: Lookup<&'a str, V>,
    /// Where providers serve and which answer each need.
    cat: Catalogue<'a>,
    /// Sort key of each need's name.
    need_keys: Lookup<&'a str, String>,
    /// Sort key of each entry's name ([`sort_key`]), computed once: lists sort the same
    /// entries many times.
    keys: Lookup<(Kind, &'a str), String>,
    /// Interface labels (`status.yes`…) by prefix then value, as template values: every page
    /// shows some, and a lookup here makes no string.
    labels: Lookup<&'a str, Lookup<&'a str, V>>,
    /// Of each criterion, in order: its page and its name.
    crit_links: Vec<(V, V)>,
    /// Of each criterion, in order: what an entry that does not assess it shows (most don't).
    crit_unknown: Vec<V>,
}

impl<'a> Index<'a> {
    fn s(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn label(&self, prefix: &str, value: &str) -> String {
        match self.labels.get(prefix).and_then(|m| m.get(value)).and_then(V::as_str) {
            Some(l) => l.to_string(),
            None => value.replace('_', " "),
        }
    }

    /// [`Index::label`] as a template value.
    fn label_v(&self, prefix: &str, value: &str) -> V {
        match self.labels.get(prefix).and_then(|m| m.get(value)) {
            Some(l) => l.clone(),
            None => V::from(value.replace('_', " ")),
        }
    }

    /// "1 prestataire", "2 prestataires" (in French 0 and 1 take the singular).
    fn count(&self, n: usize, one: &str, many: &str) -> String {
        let singular = match self.c.dir.site.language {
            crate::i18n::Lang::Fr => n <= 1,
            crate::i18n::Lang::En => n == 1,
        };
        format!("{n} {}", self.s(if singular { one } else { many }))
    }

    fn status_label(&self, e: &Entry) -> String {
        if e.status == "active" { String::new() } else { self.label("entry_status", &e.status) }
    }

    /// The free page that explains how to contribute, when the site has one.
    fn contribute_path(&self) -> V {
        let d = &self.c.dir;
        opt(&d.pages.get("contribuer").or_else(|| d.pages.get("contribute")).map(|p| format!("pages/{}.html", p.slug)))
    }

    fn region_name(&self, code: &str) -> String {
        geo::region(code).map(|r| if self.c.dir.site.language == crate::i18n::Lang::En { r.2 } else { r.1 }.to_string()).unwrap_or_else(|| code.to_string())
    }

    /// The HTML of a record's body (`needs/visioconference`), as a template value.
    fn body(&self, key: &str) -> V {
        V::from(self.c.bodies.get(key).map(String::as_str).unwrap_or(""))
    }

    /// The sort key of an entry's name.
    fn key(&self, e: &'a Entry) -> &str {
        self.keys.get(&(e.kind, e.slug.as_str())).map(String::as_str).unwrap_or("")
    }

    fn card(&self, e: &Entry) -> V {
        self.cards.get(&(e.kind, e.slug.as_str())).cloned().unwrap_or_else(V::none)
    }
}

fn new_index<'a>(c: &'a Checked, t: &'a BTreeMap<String, String>) -> Index<'a> {
    let d = &c.dir;
    let mut ix = Index {
        c,
        t,
        providers_by_alt: Lookup::default(),
        alts_by_need: Lookup::default(),
        alts_by_tool: Lookup::default(),
        tools_by_need: Lookup::default(),
        alt_rows: Lookup::default(),
        cards: Lookup::default(),
        need_links: Lookup::default(),
        tool_links: Lookup::default(),
        cat: Catalogue::new(d),
        need_keys: d.needs.values().map(|n| (n.id.as_str(), sort_key(&n.name))).collect(),
        keys: Lookup::default(),
        labels: Lookup::default(),
        crit_links: d.criteria.values().map(|cr| (plain(&format!("criteria/{}.html", cr.id)), V::from(cr.name.as_str()))).collect(),
        crit_unknown: Vec::new(),
    };
    for (k, v) in t {
        if let Some((prefix, value)) = k.split_once('.') {
            ix.labels.entry(prefix).or_default().insert(value, plain(v));
        }
    }
    ix.crit_unknown = ix.crit_links.iter().map(|(path, name)| crit_value(&ix, path, name, Status::Unknown, V::none(), V::none())).collect();
    // The parts of the index are independent: made side by side (a serial tenth of the render
    // phase otherwise, with one thread waiting).
    let entries: Vec<&Entry> = d.entries().collect();
    let ix_ref = &ix;
    let (((keys, cards), rows), relations) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || entries.par_iter().map(|e| ((e.kind, e.slug.as_str()), sort_key(&e.name))).collect::<Vec<_>>().into_iter().collect::<Lookup<_, _>>(),
                        || cards_of(ix_ref, &entries),
                    )
                },
                || rows_of(ix_ref),
            )
        },
        || relations_of(ix_ref),
    );
    let Relations { providers_by_alt, alts_by_need, alts_by_tool, tools_by_need, need_links, tool_links } = relations;
    Index { keys, cards, alt_rows: rows, providers_by_alt, alts_by_need, alts_by_tool, tools_by_need, need_links, tool_links, ..ix }
}

/// Who offers, meets or replaces what (see [`Index`]).
struct Relations<'a> {
    providers_by_alt: Lookup<&'a str, BTreeSet<&'a str>>,
    alts_by_need: Lookup<&'a str, Vec<&'a str>>,
    alts_by_tool: Lookup<&'a str, Vec<&'a str>>,
    tools_by_need: Lookup<&'a str, Vec<&'a str>>,
    need_links: Lookup<&'a str, V>,
    tool_links: Lookup<&'a str, V>,
}

fn relations_of<'a>(ix: &Index<'a>) -> Relations<'a> {
    let d = &ix.c.dir;
    let mut providers_by_alt: Lookup<&str, BTreeSet<&str>> = Lookup::default();
    let mut alts_by_need: Lookup<&str, Vec<&str>> = Lookup::default();
    let mut alts_by_tool: Lookup<&str, Vec<&str>> = Lookup::default();
    let mut tools_by_need: Lookup<&str, Vec<&str>> = Lookup::default();
    for p in d.providers.values() {
        for o in p.prov.iter().flat_map(|x| &x.offers) {
            for a in &o.alternatives {
                if let Some((k, _)) = d.alternatives.get_key_value(&a.id) {
                    providers_by_alt.entry(k.as_str()).or_default().insert(p.slug.as_str());
                }
            }
        }
    }
    for a in d.alternatives.values() {
        for n in &a.needs {
            if let Some((k, _)) = d.needs.get_key_value(&n.id) {
                alts_by_need.entry(k.as_str()).or_default().push(a.slug.as_str());
            }
        }
        for t in a.alt.iter().flat_map(|x| &x.replaces) {
            if let Some((k, _)) = d.tools.get_key_value(&t.id) {
                alts_by_tool.entry(k.as_str()).or_default().push(a.slug.as_str());
            }
        }
    }
    for t in d.tools.values() {
        for n in &t.needs {
            if let Some((k, _)) = d.needs.get_key_value(&n.id) {
                tools_by_need.entry(k.as_str()).or_default().push(t.id.as_str());
            }
        }
    }
    let need_links = d.needs.values().map(|n| (n.id.as_str(), link(format!("needs/{}.html", n.id), &n.name))).collect();
    let tool_links = d.tools.values().map(|t| (t.id.as_str(), link(format!("tools/{}.html", t.id), &t.name))).collect();
    Relations { providers_by_alt, alts_by_need, alts_by_tool, tools_by_need, need_links, tool_links }
}

/// The comparison-table row of each alternative.
fn rows_of<'a>(ix: &Index<'a>) -> Lookup<&'a str, V> {
    let d = &ix.c.dir;
    d.alternatives
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|e| {
            let a = e.alt.as_ref();
            let cells: Vec<V> = d
                .criteria
                .values()
                .map(|cr| {
                    let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
                    obj([("status", plain(st.as_str())), ("symbol", plain(status_symbol(st))), ("label", V::from(ix.label("status", st.as_str())))])
                })
                .collect();
            let platforms = a.map(|a| a.platforms.iter().map(|p| ix.label("platform", p)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
            (e.slug.as_str(), obj([
                ("path", plain(&format!("alternatives/{}.html", e.slug))),
                ("name", V::from(e.name.as_str())),
                ("license", V::from(a.map(|a| a.license.as_str()).unwrap_or(""))),
                ("platforms", V::from(platforms)),
                ("criteria", V::from(cells)),
                ("status_label", V::from(ix.status_label(e))),
            ]))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The card of each entry.
fn cards_of<'a>(ix: &Index<'a>, entries: &[&'a Entry]) -> Lookup<(Kind, &'a str), V> {
    entries
        .par_iter()
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
            let kind = ix.label("kind", match e.kind { Kind::Alternative => "alternative", Kind::Provider => "provider" });
            ((e.kind, e.slug.as_str()), obj([
                ("path", plain(&format!("{}/{}.html", e.kind.folder(), e.slug))),
                ("name", V::from(e.name.as_str())),
                ("summary", V::from(e.summary.as_str())),
                ("kind", V::from(kind)),
                ("status_label", V::from(ix.status_label(e))),
                ("extra", V::from(extra)),
            ]))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

struct Pager {
    path: String,
    value: V,
}

/// Splits a list into pages of `size`; page 1 is `base.html`, then `base--2.html`… (a slug
/// never holds `--`, so these names cannot collide with a record's page).
fn paginate<T>(items: Vec<T>, size: usize, base: &str) -> Vec<(Pager, Vec<T>)> {
    let size = size.max(1);
    let total = items.len().div_ceil(size).max(1);
    let name = |n: usize| if n == 1 { format!("{base}.html") } else { format!("{base}--{n}.html") };
    let file_name = |n: usize| name(n).rsplit('/').next().unwrap_or("").to_string();
    // Up to 11 pages, every number; past that, the first, the last and two on each side of the
    // current one, with gaps: a long list's pages do not each carry a link to every other page.
    let window = |n: usize| -> V {
        if total <= 1 {
            return V::from(Vec::<V>::new());
        }
        let mut shown: Vec<usize> = if total <= 11 { (1..=total).collect() } else { [1, total].into_iter().chain(n.saturating_sub(2).max(1)..=(n + 2).min(total)).collect() };
        shown.sort();
        shown.dedup();
        let mut v = Vec::new();
        let mut last = 0;
        for k in shown {
            if k > last + 1 {
                v.push(obj([("path", V::from("")), ("name", V::from("…")), ("current", V::from(false))]));
            }
            v.push(obj([("path", plain(&file_name(k))), ("name", V::from(k.to_string())), ("current", V::from(k == n))]));
            last = k;
        }
        V::from(v)
    };
    let mut out = Vec::with_capacity(total);
    let mut it = items.into_iter();
    for n in 1..=total {
        let chunk: Vec<T> = it.by_ref().take(size).collect();
        let value = obj([
            ("current", V::from(n)),
            ("total", V::from(total)),
            ("pages", window(n)),
            ("prev", if n > 1 { plain(&file_name(n - 1)) } else { V::none() }),
            ("next", if n < total { plain(&file_name(n + 1)) } else { V::none() }),
        ]);
        out.push((Pager { path: name(n), value }, chunk));
    }
    out
}

/// One page to render: its output path, template and data.
struct Job<'i> {
    path: String,
    template: &'static str,
    ctx: Ctx<'i>,
}

/// A page's data, or how to make it: long lists (every entry of the directory on the
/// printable pages, on the criteria pages) are turned into template values page by page as
/// they are rendered, so that a 100,000-entry directory never holds them all at once.
enum Ctx<'i> {
    Ready(tera::Context),
    Later(Box<dyn FnOnce() -> tera::Context + Send + 'i>),
}

impl From<tera::Context> for Ctx<'_> {
    fn from(c: tera::Context) -> Self {
        Ctx::Ready(c)
    }
}

fn ctx(root: &str, title: &str) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert_value("root", plain(root));
    c.insert_value("title", V::from(title));
    c
}

/// Pages rendered in one go by a thread. Rayon otherwise splits a list into as many parts as
/// threads, then halves a part only when another thread steals from it: a thread that ends its
/// own work early finds nothing left to take, and the last part runs alone (up to a tenth of the
/// render phase at 10,000 records). Small parts keep both threads busy to the end.
const JOBS_PER_TASK: usize = 16;

type Family = for<'i, 'a, 'o, 'b> fn(&'i Index<'a>, &'o RenderOptions<'b>) -> Vec<Job<'i>>;

/// What every page sees: interface strings, site, footer, edition.
fn globals(c: &Checked, engine: &mut Engine, strings: &BTreeMap<String, String>, opts: &RenderOptions) {
    let d = &c.dir;
    {
        let g = engine.global();
        // Most interface texts hold nothing that escaping would change: written as they are.
        g.insert_value("t", V::from(strings.iter().map(|(k, v)| (k.clone(), plain(v))).collect::<BTreeMap<String, V>>()));
        g.insert("lang", c.dir.site.language.code());
        g.insert_value("site", obj([("title", V::from(d.site.title.as_str())), ("description", V::from(d.site.description.as_str()))]));
        let footer: Vec<V> = d.pages.values().map(|p| link(format!("pages/{}.html", p.slug), &p.name)).collect();
        g.insert_value("footer_pages", V::from(footer));
        g.insert("bundle", &opts.bundle);
        g.insert("edition", &c.edition);
        let crit: Vec<V> = d.criteria.values().map(|cr| link(format!("criteria/{}.html", cr.id), &cr.name)).collect();
        g.insert_value("criteria_names", V::from(crit));
    }
}

pub fn offline_page(c: &Checked, engine: &mut Engine, info: &BundleInfo) -> Result<Vec<u8>, Diagnostic> {
    let strings = engine.strings.clone();
    globals(c, engine, &strings, &RenderOptions { bundle: Some(info) });
    let title = strings.get("offline.title").cloned().unwrap_or_default();
    engine.render("offline.html", &ctx("", &title))
}

/// Renders every page into `sink`; returns the pages' paths.
pub fn all(c: &Checked, engine: &mut Engine, opts: &RenderOptions, sink: &dyn super::Sink) -> Result<Vec<String>, Diagnostic> {
    let strings = engine.strings.clone();
    let ix = new_index(c, &strings);
    globals(c, engine, &strings, opts);
    // One engine per thread of the pool (see `Engine::fork`); the calling thread has its own.
    let forks: Vec<Engine> = (0..rayon::current_num_threads())
        .into_par_iter()
        .map(|_| {
            let mut e = engine.fork();
            globals(c, &mut e, &strings, opts);
            e
        })
        .collect();
    let families: [Family; 6] = [index_page, need_pages, tool_pages, criterion_pages, places::place_pages, other_pages];
    let engine = &*engine;
    let emit = |j: Job| -> Result<String, Diagnostic> {
        let ctx = match j.ctx {
            Ctx::Ready(c) => c,
            Ctx::Later(make) => make(),
        };
        let engine = rayon::current_thread_index().and_then(|i| forks.get(i)).unwrap_or(engine);
        let html = engine.render(j.template, &ctx)?;
        sink.put(j.path.clone(), html);
        Ok(j.path)
    };
    // Each family builds its pages' data and renders them, side by side; each page goes to the
    // sink as soon as it is rendered.
    // Entry pages, by far the most numerous, are built, rendered and handed over one by one so
    // that their data never all sit in memory at once.
    let entries: Vec<&Entry> = ix.c.dir.entries().collect();
    type Paths = Result<Vec<String>, Diagnostic>;
    let (mut rendered, entry_paths): (Vec<Paths>, Paths) = rayon::join(
        || families.par_iter().map(|f| f(&ix, opts).into_par_iter().with_max_len(JOBS_PER_TASK).map(emit).collect()).collect(),
        || entries.par_iter().with_max_len(JOBS_PER_TASK).filter_map(|e| entry_job(&ix, e)).map(emit).collect(),
    );
    rendered.push(entry_paths);
    // Freeing the index (ten thousand cards, rows and keys, made on both threads) is a serial
    // 10 ms at 10,000 records: halved, one half on each thread.
    let Index { cards, keys, alt_rows, .. } = ix;
    let mut paths = Vec::new();
    rayon::join(
        move || drop(cards),
        || {
            drop((keys, alt_rows));
            for r in rendered {
                paths.extend(r?);
            }
            paths.sort();
            Ok::<_, Diagnostic>(())
        },
    )
    .1?;
    Ok(paths)
}

fn index_page<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    // Groups in the order site.yaml gives (`groups:`), then the others alphabetically.
    let mut order: Vec<&str> = d.site.groups.iter().map(String::as_str).filter(|g| d.needs.values().any(|n| n.group == *g)).collect();
    let mut rest: Vec<&str> = d.needs.values().map(|n| n.group.as_str()).filter(|g| !order.contains(g)).collect();
    rest.sort_by_cached_key(|g| sort_key(g));
    rest.dedup();
    order.extend(rest);
    let groups: Vec<V> = order
        .into_iter()
        .map(|g| {
            let mut needs: Vec<&Need> = d.needs.values().filter(|n| n.group == g).collect();
            needs.sort_by_cached_key(|n| sort_key(&n.name));
            let items: Vec<V> = needs
                .into_iter()
                .map(|n| {
                    let alts = ix.alts_by_need.get(n.id.as_str()).map(|v| v.len()).unwrap_or(0);
                    obj([("path", V::from(format!("needs/{}.html", n.id))), ("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("count", V::from(alts))])
                })
                .collect();
            obj([("name", V::from(g)), ("items", V::from(items))])
        })
        .collect();
    let criteria: Vec<V> = d.criteria.values().map(|cr| obj([("path", V::from(format!("criteria/{}.html", cr.id))), ("name", V::from(cr.name.as_str())), ("question", V::from(cr.question.as_str()))])).collect();
    let mut c = ctx("", &d.site.title);
    c.insert_value("groups", V::from(groups));
    c.insert_value("criteria", V::from(criteria));
    c.insert_value("regions", V::from(ix.region_counts()));
    c.insert_value("counts", obj([
        ("alternatives", V::from(ix.count(d.alternatives.len(), "count.alternative", "count.alternatives"))),
        ("providers", V::from(ix.count(d.providers.len(), "count.provider", "count.providers"))),
        ("needs", V::from(ix.count(d.needs.len(), "count.need", "count.needs"))),
        ("tools", V::from(ix.count(d.tools.len(), "count.tool", "count.tools"))),
    ]));
    c.insert_value("contribute", ix.contribute_path());
    vec![Job { path: "index.html".into(), template: "index.html", ctx: c.into() }]
}

fn need_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    d.needs
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|n| {
            let alt_slugs = ix.alts_by_need.get(n.id.as_str()).cloned().unwrap_or_default();
            let alts: Vec<V> = alt_slugs.iter().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
            // Providers that name the need or offer an alternative that meets it (the
            // catalogue's rule), with what they offer for it.
            let answering = ix.cat.for_need(n.id.as_str());
            let n_prov = answering.map_or(0, |m| m.len());
            // Past list_size, the list would outweigh the page: regions with their counts, each
            // linking to the region's page, which lists its providers.
            let (by_region, region_counts) = match answering {
                Some(m) if n_prov <= d.site.list_size => {
                    let offers: BTreeMap<&str, String> = m.iter().map(|(slug, o)| (*slug, ix.need_offers_text(o))).collect();
                    (ix.provider_groups(&offers), V::from(Vec::<V>::new()))
                }
                Some(m) => (V::from(Vec::<V>::new()), ix.provider_counts(m.keys().copied())),
                None => (V::from(Vec::<V>::new()), V::from(Vec::<V>::new())),
            };
            let tools: Vec<V> = ix.tools_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|t| ix.tool_links.get(t).cloned()).collect();
            let tools = V::from(tools);
            let n_alts = alts.len();
            let need = obj([("id", V::from(n.id.as_str())), ("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("group", V::from(n.group.as_str()))]);
            let body = ix.body(&format!("needs/{}", n.id));
            paginate(alts, d.site.list_size, &format!("needs/{}", n.id))
                .into_iter()
                .enumerate()
                .map(|(i, (pager, chunk))| {
                    let mut c = ctx("../", &n.name);
                    c.insert_value("need", need.clone());
                    c.insert_value("body", first_page_only(i, &body));
                    c.insert_value("alternatives", V::from(chunk));
                    c.insert_value("n_alternatives", V::from(n_alts));
                    c.insert_value("pager", pager.value);
                    c.insert_value("providers", first_page_only(i, &by_region));
                    c.insert_value("n_providers", V::from(n_prov));
                    c.insert_value("region_counts", first_page_only(i, &region_counts));
                    c.insert_value("tools", tools.clone());
                    Job { path: pager.path, template: "need.html", ctx: c.into() }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn entry_job<'i>(ix: &'i Index, e: &Entry) -> Option<Job<'i>> {
    let d = &ix.c.dir;
    let stale_limit = d.site.stale_after_months as i64;
    let mut c = ctx("../", &e.name);
    let criteria: Vec<V> = d
        .criteria
        .values()
        .zip(&ix.crit_links)
        .zip(&ix.crit_unknown)
        .map(|((cr, (path, name)), unknown)| match e.criteria.get(&cr.id) {
            None => unknown.clone(),
            Some(a) => crit_value(ix, path, name, a.status, opt(&a.evidence), opt(&a.source)),
        })
        .collect();
    let needs: Vec<V> = e.needs.iter().filter_map(|r| ix.need_links.get(r.id.as_str()).cloned()).collect();
    let reservations: Vec<V> = e
        .reservations
        .iter()
        .map(|r| obj([("text", V::from(r.text.as_str())), ("severity_label", ix.label_v("severity", &r.severity)), ("date", opt(&r.date)), ("source", opt(&r.source))]))
        .collect();
    let stale = match (&e.last_verified, &ix.c.edition) {
        (Some(v), Some(ed)) => months_between(v, ed).is_some_and(|m| m >= stale_limit),
        _ => false,
    };
    let file = e.pos.file.rsplit('/').next().unwrap_or("");
    c.insert_value("entry", obj([
        ("name", V::from(e.name.as_str())),
        ("summary", V::from(e.summary.as_str())),
        ("website", opt(&e.website)),
        ("status", V::from(e.status.as_str())),
        ("status_label", ix.label_v("entry_status", &e.status)),
        ("last_verified", opt(&e.last_verified)),
        ("stale", V::from(stale)),
        ("sources", V::from(e.sources.iter().map(|s| V::from(s.as_str())).collect::<Vec<_>>())),
        ("source_file", V::from(format!("content/{}/{file}", e.kind.folder()))),
    ]));
    c.insert_value("criteria", V::from(criteria));
    c.insert_value("needs", V::from(needs));
    c.insert_value("reservations", V::from(reservations));
    c.insert_value("body", ix.body(&format!("{}/{}", e.kind.folder(), e.slug)));
    let template = match (&e.alt, &e.prov) {
        (Some(a), _) => {
            let replaces: Vec<V> = a.replaces.iter().filter_map(|r| ix.tool_links.get(r.id.as_str()).cloned()).collect();
            let data = match &a.data {
                Some(dp) => obj([("ads", V::from(dp.ads)), ("trackers", V::from(dp.trackers)), ("privacy_policy", opt(&dp.privacy_policy))]),
                None => V::none(),
            };
            c.insert_value("alt", obj([
                ("license", V::from(a.license.as_str())),
                ("source", V::from(a.source.as_str())),
                ("platforms", V::from(a.platforms.iter().map(|p| ix.label("platform", p)).collect::<Vec<_>>().join(", "))),
                ("self_hostable", V::from(a.self_hostable)),
                ("maturity_label", ix.label_v("maturity", &a.maturity)),
                ("data", data),
            ]));
            c.insert_value("replaces", V::from(replaces));
            let slug = e.slug.as_str();
            let offers: BTreeMap<&str, String> = ix
                .providers_by_alt
                .get(slug)
                .into_iter()
                .flatten()
                .filter_map(|p| d.providers.get(*p))
                .map(|p| {
                    let mine = p.prov.iter().flat_map(|x| &x.offers).filter(|o| o.alternatives.iter().any(|a| a.id == slug));
                    (p.slug.as_str(), ix.offers_text(mine.map(|o| (o, &[][..]))))
                })
                .collect();
            c.insert_value("providers", ix.provider_groups(&offers));
            "alternative.html"
        }
        (_, Some(p)) => {
            let offers: Vec<V> = p
                .offers
                .iter()
                .map(|o| {
                    let alts: Vec<V> = o.alternatives.iter().filter_map(|r| d.alternatives.get(&r.id)).map(|a| link(format!("alternatives/{}.html", a.slug), &a.name)).collect();
                    obj([
                        ("kind", ix.label_v("offer", &o.kind)),
                        ("alternatives", V::from(alts)),
                        ("price", V::from(price_text(ix, &o.price))),
                        ("registration", ix.label_v("registration", &o.registration)),
                        ("taking_new", V::from(o.taking_new)),
                    ])
                })
                .collect();
            let dept = p.location.department.as_deref().and_then(geo::department);
            let region = dept.map(|d| (d.2, ix.region_name(d.2)));
            let area: Vec<V> = p
                .area
                .iter()
                .map(|a| match a.as_str() {
                    "national" | "remote" => link(String::new(), &ix.label("area", a)),
                    code if code.starts_with("FR-") => link(places::region_path(code), &ix.region_name(code)),
                    dep => link(places::department_path(dep), &ix.department_label(dep)),
                })
                .collect();
            let contact = obj([("email", opt(&p.contact.email)), ("phone", opt(&p.contact.phone)), ("url", opt(&p.contact.url))]);
            let texts = |v: Vec<String>| V::from(v.into_iter().map(V::from).collect::<Vec<_>>());
            c.insert_value("prov", obj([
                ("legal_form", ix.label_v("legal_form", &p.legal_form)),
                ("country", V::from(p.location.country.as_str())),
                ("city", opt(&p.location.city)),
                ("department", dept.map(|d| V::from(ix.department_label(d.0))).unwrap_or_else(V::none)),
                ("department_path", dept.map(|d| plain(&places::department_path(d.0))).unwrap_or_else(V::none)),
                ("region", region.as_ref().map(|r| V::from(r.1.as_str())).unwrap_or_else(V::none)),
                ("region_path", region.as_ref().map(|r| plain(&places::region_path(r.0))).unwrap_or_else(V::none)),
                ("meet_in_person", p.meet_in_person.map(V::from).unwrap_or_else(V::none)),
                ("memberships", texts(p.memberships.iter().map(|m| ix.label("membership", m)).collect())),
                ("contact", contact),
                ("accessibility_features", texts(p.accessibility_features.iter().map(|f| ix.label("feature", f)).collect())),
            ]));
            c.insert_value("area", V::from(area));
            c.insert_value("offers", V::from(offers));
            "provider.html"
        }
        _ => return None,
    };
    Some(Job { path: format!("{}/{}.html", e.kind.folder(), e.slug), template, ctx: c.into() })
}

/// A criterion as an entry page shows it.
fn crit_value(ix: &Index, path: &V, name: &V, st: Status, evidence: V, source: V) -> V {
    obj([
        ("path", path.clone()),
        ("name", name.clone()),
        ("status", plain(st.as_str())),
        ("symbol", plain(status_symbol(st))),
        ("label", ix.label_v("status", st.as_str())),
        ("evidence", evidence),
        ("source", source),
    ])
}

fn price_text(ix: &Index, p: &Price) -> String {
    let mut s = ix.label("price", &p.model);
    if let Some(f) = p.from_eur {
        let amount = if f.fract() == 0.0 { format!("{f:.0}") } else { format!("{f:.2}") };
        // French writes a decimal comma.
        let amount = if ix.c.dir.site.language == crate::i18n::Lang::Fr { amount.replace('.', ",") } else { amount };
        s.push_str(&format!(" · {} {amount} €", ix.s("price.from")));
    }
    if let Some(n) = &p.note {
        s.push_str(" · ");
        s.push_str(n);
    }
    s
}

fn tool_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let mut jobs = Vec::new();
    for t in d.tools.values() {
        let alts: Vec<V> = ix.alts_by_tool.get(t.id.as_str()).into_iter().flatten().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
        let needs: Vec<V> = t.needs.iter().filter_map(|r| ix.need_links.get(r.id.as_str()).cloned()).collect();
        let needs = V::from(needs);
        let n = alts.len();
        let title = ix.s("tool.title").replace("{name}", &t.name);
        let tool = obj([("id", V::from(t.id.as_str())), ("name", V::from(t.name.as_str())), ("vendor", V::from(t.vendor.as_str()))]);
        let body = ix.body(&format!("tools/{}", t.id));
        for (i, (pager, chunk)) in paginate(alts, d.site.list_size, &format!("tools/{}", t.id)).into_iter().enumerate() {
            let mut c = ctx("../", &title);
            c.insert_value("tool", tool.clone());
            c.insert_value("body", first_page_only(i, &body));
            c.insert_value("needs", needs.clone());
            c.insert_value("alternatives", V::from(chunk));
            c.insert_value("n_alternatives", V::from(n));
            c.insert_value("pager", pager.value);
            jobs.push(Job { path: pager.path, template: "tool.html", ctx: c.into() });
        }
    }
    jobs
}

fn criterion_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let entries: Vec<(&str, &Entry)> = d.entries().map(|e| (ix.key(e), e)).collect();
    d.criteria
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|cr| {
            let mut items: Vec<(Status, &str, &Entry)> = entries.iter().map(|(k, e)| (e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown), *k, *e)).collect();
            items.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
            for (s, _, _) in &items {
                *counts.entry(*s).or_default() += 1;
            }
            let counts = V::from(
                Status::ALL
                    .iter()
                    .map(|s| obj([("symbol", V::from(status_symbol(*s))), ("label", V::from(ix.label("status", s.as_str()))), ("count", V::from(counts.get(s).copied().unwrap_or(0)))]))
                    .collect::<Vec<_>>(),
            );
            let group_names: std::sync::Arc<BTreeMap<Status, String>> = std::sync::Arc::new(Status::ALL.iter().map(|s| (*s, format!("{} {}", status_symbol(*s), ix.label("status", s.as_str())))).collect());
            let rows: Vec<(Status, &Entry)> = items.into_iter().map(|(st, _, e)| (st, e)).collect();
            let criterion = obj([("id", V::from(cr.id.as_str())), ("name", V::from(cr.name.as_str())), ("question", V::from(cr.question.as_str()))]);
            let body = ix.body(&format!("criteria/{}", cr.id));
            let id = cr.id.as_str();
            paginate(rows, d.site.list_size, &format!("criteria/{}", cr.id))
                .into_iter()
                .enumerate()
                .map(|(i, (pager, chunk))| {
                    let mut c = ctx("../", &cr.name);
                    c.insert_value("criterion", criterion.clone());
                    c.insert_value("body", first_page_only(i, &body));
                    c.insert_value("counts", counts.clone());
                    let group_names = group_names.clone();
                    // The rows of this page (a card and the evidence of each entry), made when
                    // the page is rendered.
                    let make = move || {
                        let rows = chunk
                            .into_iter()
                            .map(|(st, e)| {
                                let evidence = e.criteria.get(id).and_then(|a| a.evidence.as_deref()).unwrap_or("");
                                (group_names[&st].clone(), None, obj([("card", ix.card(e)), ("evidence", V::from(evidence))]))
                            })
                            .collect();
                        c.insert_value("groups", regroup(rows));
                        c.insert_value("pager", pager.value);
                        c
                    };
                    Job { path: pager.path, template: "criterion.html", ctx: Ctx::Later(Box::new(make)) }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn other_pages<'i>(ix: &'i Index, opts: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let mut jobs = Vec::new();
    for p in d.pages.values() {
        let mut c = ctx("../", &p.name);
        c.insert_value("page", obj([("slug", V::from(p.slug.as_str())), ("name", V::from(p.name.as_str())), ("summary", opt(&p.summary))]));
        c.insert_value("body", ix.body(&format!("pages/{}", p.slug)));
        jobs.push(Job { path: format!("pages/{}.html", p.slug), template: "page.html", ctx: c.into() });
    }
    az_pages(ix, &mut jobs);
    verify_pages(ix, &mut jobs);
    print_page(ix, &mut jobs);

    let mut c = ctx("", &ix.s("data.title"));
    c.insert("criteria_ids", &d.criteria.keys().collect::<Vec<_>>());
    jobs.push(Job { path: "donnees.html".into(), template: "data.html", ctx: c.into() });

    if opts.bundle.is_some() {
        jobs.push(Job { path: "hors-ligne.html".into(), template: "offline.html", ctx: (ctx("", &ix.s("offline.title"))).into() });
        // The copy inside the zip cannot link to the zip itself: it says it is the offline copy.
        let mut c = ctx("", &ix.s("offline.title"));
        c.insert("in_bundle", &true);
        jobs.push(Job { path: super::IN_BUNDLE_OFFLINE.into(), template: "offline.html", ctx: c.into() });
    }
    jobs.push(Job { path: "404.html".into(), template: "404.html", ctx: (ctx("", &ix.s("notfound.title"))).into() });
    jobs
}

/// A–Z: one page, or one page per initial letter past `list_size`.
fn az_pages<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let mut all: Vec<(String, String, &Entry)> = d
        .entries()
        .map(|e| {
            let key = ix.key(e).to_string();
            let letter = key.chars().next().filter(|c| c.is_ascii_lowercase()).map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_else(|| "0-9".into());
            (key, letter, e)
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.kind.cmp(&b.2.kind)).then(a.2.slug.cmp(&b.2.slug)));
    let mut letters: Vec<(String, String)> = Vec::new();
    for (_, l, _) in &all {
        if letters.last().map(|x| &x.0) != Some(l) {
            letters.push((l.clone(), format!("a-z-{}.html", l.to_ascii_lowercase())));
        }
    }
    let letters_v = V::from(letters.iter().map(|(l, p)| link(p.clone(), l)).collect::<Vec<_>>());
    let split = all.len() > d.site.list_size;
    let title = ix.s("az.title");
    let n_total = all.len();
    let rows: Vec<(String, Option<String>, V)> = all.into_iter().map(|(_, l, e)| (l, None, ix.card(e))).collect();
    let mut c = ctx("", &title);
    c.insert_value("letters", letters_v.clone());
    c.insert_value("split", V::from(split));
    c.insert_value("n_total", V::from(n_total));
    c.insert_value("letter", V::none());
    c.insert_value("pager", obj([("total", V::from(1))]));
    if split {
        c.insert_value("groups", V::from(Vec::<V>::new()));
        let mut by_letter: BTreeMap<String, Vec<(String, Option<String>, V)>> = BTreeMap::new();
        for r in rows {
            by_letter.entry(r.0.clone()).or_default().push(r);
        }
        for (l, path) in &letters {
            // A letter longer than list_size is itself split: a-z-c.html, a-z-c--2.html…
            let base = path.trim_end_matches(".html");
            for (pager, chunk) in paginate(by_letter.remove(l).unwrap_or_default(), d.site.list_size, base) {
                let mut lc = ctx("", &format!("{title} — {l}"));
                lc.insert_value("letters", letters_v.clone());
                lc.insert_value("split", V::from(true));
                lc.insert_value("n_total", V::from(n_total));
                lc.insert_value("groups", regroup(chunk));
                lc.insert_value("letter", V::from(l.as_str()));
                lc.insert_value("pager", pager.value);
                jobs.push(Job { path: pager.path, template: "a-z.html", ctx: lc.into() });
            }
        }
    } else {
        c.insert_value("groups", regroup(rows));
    }
    jobs.push(Job { path: "a-z.html".into(), template: "a-z.html", ctx: c.into() });
}

/// To verify: never verified first, then oldest verification first.
fn verify_pages<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let stale_limit = d.site.stale_after_months as i64;
    let mut rows: Vec<(Option<&String>, &str, &Entry)> = d.entries().map(|e| (e.last_verified.as_ref(), ix.key(e), e)).collect();
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let never = ix.s("verify.never");
    let due = ix.s("verify.due");
    let items: Vec<V> = rows
        .iter()
        .map(|(lv, _, e)| {
            let stale = match (lv, &ix.c.edition) {
                (Some(v), Some(ed)) => months_between(v, ed).is_some_and(|m| m >= stale_limit),
                (None, _) => true,
                _ => false,
            };
            obj([
                ("card", ix.card(e)),
                ("verified", V::from(lv.map(|s| s.as_str()).unwrap_or(never.as_str()))),
                ("due", V::from(if stale { due.as_str() } else { "" })),
            ])
        })
        .collect();
    let n_rows = items.len();
    for (pager, chunk) in paginate(items, d.site.list_size, "a-verifier") {
        let mut c = ctx("", &ix.s("verify.title"));
        c.insert_value("entries", V::from(chunk));
        c.insert_value("pager", pager.value);
        c.insert_value("n_total", V::from(n_rows));
        c.insert_value("months", V::from(stale_limit));
        jobs.push(Job { path: pager.path, template: "to-verify.html", ctx: c.into() });
    }
}

/// The printable directory: needs first, then every entry with its facts written out.
fn print_page<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let needs: Vec<V> = d
        .needs
        .values()
        .map(|n| {
            let alts: Vec<V> = ix.alts_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|s| d.alternatives.get(*s)).map(|a| V::from(a.name.as_str())).collect();
            obj([("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("alternatives", V::from(alts))])
        })
        .collect();
    let sorted = |m: &'i crate::model::Entries| {
        let mut v: Vec<&'i Entry> = m.values().map(|e| &**e).collect();
        v.sort_by(|a, b| (ix.key(a), &a.slug).cmp(&(ix.key(b), &b.slug)));
        v
    };
    // One document for a directory of any usual size; past ten lists' worth of entries (a
    // network of networks) it is split into documents of that many entries, each still
    // printable as a whole: print.html, print--2.html…
    let mut all: Vec<(bool, &'i Entry)> = sorted(&d.alternatives).into_iter().map(|e| (true, e)).collect();
    all.extend(sorted(&d.providers).into_iter().map(|e| (false, e)));
    let needs = V::from(needs);
    for (i, (pager, chunk)) in paginate(all, d.site.list_size * 10, "print").into_iter().enumerate() {
        let needs = first_page_only(i, &needs);
        // Each entry written out in full: made when the page is rendered.
        let make = move || {
            let mut c = ctx("", &ix.s("print.title"));
            c.insert_value("needs", needs);
            let (alts, provs): (Vec<_>, Vec<_>) = chunk.into_iter().partition(|(alt, _)| *alt);
            c.insert_value("alternatives", V::from(alts.into_iter().map(|x| print_entry(ix, x.1)).collect::<Vec<_>>()));
            c.insert_value("providers", V::from(provs.into_iter().map(|x| print_entry(ix, x.1)).collect::<Vec<_>>()));
            c.insert_value("pager", pager.value);
            c
        };
        jobs.push(Job { path: pager.path, template: "print.html", ctx: Ctx::Later(Box::new(make)) });
    }
}

/// An entry on the printable pages: every fact written out.
fn print_entry(ix: &Index, e: &Entry) -> V {
    let d = &ix.c.dir;
    let crit: Vec<V> = d
        .criteria
        .values()
        .map(|cr| {
            let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
            V::from(format!("{} {} {}", cr.name, status_symbol(st), ix.label("status", st.as_str())))
        })
        .collect();
    let p = e.prov.as_ref();
    let kinds: BTreeSet<&str> = p.map(|p| p.offers.iter().map(|o| o.kind.as_str()).collect()).unwrap_or_default();
    let offers: Vec<String> = kinds.into_iter().map(|k| ix.label("offer", k)).collect();
    obj([
        ("name", V::from(e.name.as_str())),
        ("summary", V::from(e.summary.as_str())),
        ("website", opt(&e.website)),
        ("criteria", V::from(crit)),
        ("status_label", V::from(ix.status_label(e))),
        ("license", e.alt.as_ref().map(|a| V::from(a.license.as_str())).unwrap_or_else(V::none)),
        ("source", e.alt.as_ref().map(|a| V::from(a.source.as_str())).unwrap_or_else(V::none)),
        ("city", p.map(|p| opt(&p.location.city)).unwrap_or_else(V::none)),
        ("department", p.and_then(|p| p.location.department.as_deref()).map(|x| V::from(ix.department_label(x))).unwrap_or_else(V::none)),
        ("contact", p.map(|p| obj([("email", opt(&p.contact.email)), ("phone", opt(&p.contact.phone)), ("url", opt(&p.contact.url))])).unwrap_or_else(V::none)),
        ("offers", V::from(offers.into_iter().map(V::from).collect::<Vec<_>>())),
        ("reservations", V::from(e.reservations.iter().map(|r| V::from(format!("{} — {}", ix.label("severity", &r.severity), r.text))).collect::<Vec<_>>())),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(pager: &V) -> Vec<String> {
        let json = serde_json::to_value(pager).unwrap();
        json["pages"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    }

    /// Only a text that escaping leaves as it is may skip escaping.
    #[test]
    fn plain_texts_are_safe_and_others_are_not() {
        for s in ["", "../", "alternatives/jitsi-meet.html", "yes", "✔", "a-z-b--2.html"] {
            assert!(plain(s).is_safe(), "{s}");
        }
        for s in ["a<b", "a>b", "a&b", "a\"b", "l'outil"] {
            assert!(!plain(s).is_safe(), "{s}");
            assert_eq!(plain(s).as_str(), Some(s));
        }
    }

    #[test]
    fn long_pagers_show_a_window() {
        let pages = paginate((0..300).collect::<Vec<_>>(), 10, "x");
        assert_eq!(pages.len(), 30);
        assert_eq!(pages[0].0.path, "x.html");
        assert_eq!(pages[1].0.path, "x--2.html");
        assert_eq!(names(&pages[14].0.value), ["1", "…", "13", "14", "15", "16", "17", "…", "30"]);
        assert_eq!(names(&pages[0].0.value), ["1", "2", "3", "…", "30"]);
        let short = paginate((0..50).collect::<Vec<_>>(), 10, "y");
        assert_eq!(names(&short[2].0.value), ["1", "2", "3", "4", "5"]);
    }
}
