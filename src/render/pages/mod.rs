//! The HTML pages of spec §3: the data each template receives, built from the checked
//! directory, and rendered in parallel.
//!
//! What many pages share (an entry's card, an alternative's comparison row, a need's link) is
//! turned into a Tera value once: Tera values share their arrays and maps, so putting one in a
//! hundred pages costs a pointer copy, not a hundred serializations.

mod access;
mod entry;
mod families;
mod lists;
mod pagination;
mod places;
mod sheets;
mod views;

use crate::vocab::*;
use entry::{crit_value, entry_job};
use families::{criterion_pages, index_page, need_pages, replace_page, tool_pages};
use lists::other_pages;
use pagination::paginate;

use super::{Engine, RenderOptions};
use crate::catalogue::Catalogue;
use crate::check::Checked;
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
    views::value(&views::Link { path: plain(&path), name: V::from(name) })
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
    crate::util::slug::slugify(s)
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
    /// Each need's name and page as template values, made once (place pages show them by the
    /// hundred).
    need_parts: Lookup<&'a str, (V, V)>,
    /// Where each provider serves, as pages say it.
    places: Lookup<&'a str, places::ProviderPlaces>,
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

    /// The label of a vocabulary's value (`labels.offer.hosting`: "Hébergement").
    fn name_of<W: Vocabulary>(&self, value: W) -> String {
        self.label(W::LABELS, value.word())
    }

    /// The names of what a provider offers, each once, in the order of their words (as the
    /// pages have always listed them).
    fn offer_types(&self, p: &crate::model::ProvFields) -> Vec<String> {
        let types: BTreeSet<&str> = p.offers.iter().map(|o| o.kind.word()).collect();
        types.into_iter().filter_map(OfferType::from_word).map(|t| self.name_of(t)).collect()
    }

    /// [`Index::name_of`] as a template value.
    fn name_of_v<W: Vocabulary>(&self, value: W) -> V {
        self.label_v(W::LABELS, value.word())
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
        if e.status == EntryStatus::Active { String::new() } else { self.name_of(e.status) }
    }

    /// The free page that explains how to contribute, when the site has one.
    fn contribute_path(&self) -> V {
        let d = &self.c.dir;
        opt(&d.pages.get("contribuer").or_else(|| d.pages.get("contribute")).map(|p| format!("pages/{}.html", p.slug)))
    }

    fn region_name(&self, code: &str) -> String {
        geo::region(code).map(|r| if self.c.dir.site.language == crate::i18n::Lang::En { r.2 } else { r.1 }.to_string()).unwrap_or_else(|| code.to_string())
    }

    /// Where a record comes from, in an edition that includes other folders: a sentence the
    /// page shows (nothing in a site of one folder).
    fn layer_v(&self, section: &str, slug: &str) -> V {
        let d = &self.c.dir;
        if !d.layered() {
            return V::none();
        }
        let i = d.layer_of(section, slug);
        let Some(l) = d.layers.get(i) else { return V::none() };
        let key = if i == 0 { "layer.own" } else { "layer.from" };
        V::from(self.s(key).replace("{title}", &l.title))
    }

    /// The repository where a record of this layer is edited: the edition's for its own
    /// records, the base's (its `site.yaml`) for an included one.
    fn repository_of(&self, section: &str, slug: &str) -> Option<&crate::model::Repository> {
        let d = &self.c.dir;
        match d.layer_of(section, slug) {
            0 => d.site.repository.as_ref(),
            i => d.layers.get(i).and_then(|l| l.repository.as_ref()),
        }
    }

    /// The HTML of a record's body, as a template value.
    fn body(&self, body: &crate::model::Body) -> V {
        V::from(body.html.as_str())
    }

    /// A date of the content as the page's readers read it ("28 novembre 2026").
    fn date_v(&self, date: &Option<String>) -> V {
        date.as_deref().map(|v| V::from(crate::dates::long(v, self.c.dir.site.language))).unwrap_or_else(V::none)
    }

    /// The sort key of an entry's name.
    fn key(&self, e: &'a Entry) -> &str {
        self.keys.get(&(e.kind(), e.slug.as_str())).map(String::as_str).unwrap_or("")
    }

    fn card(&self, e: &Entry) -> V {
        self.cards.get(&(e.kind(), e.slug.as_str())).cloned().unwrap_or_else(V::none)
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
        // Made below, beside the other parts of the index.
        cat: Catalogue::empty(d),
        need_keys: d.needs.values().map(|n| (n.id.as_str(), sort_key(&n.name))).collect(),
        need_parts: d.needs.values().map(|n| (n.id.as_str(), (V::from(n.name.as_str()), plain(&format!("needs/{}.html", n.id))))).collect(),
        places: Lookup::default(),
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
    let (((keys, cards), rows), (relations, cat)) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || entries.par_iter().map(|e| ((e.kind(), e.slug.as_str()), sort_key(&e.name))).collect::<Vec<_>>().into_iter().collect::<Lookup<_, _>>(),
                        || cards_of(ix_ref, &entries),
                    )
                },
                || rows_of(ix_ref),
            )
        },
        || rayon::join(|| relations_of(ix_ref), || Catalogue::new(d)),
    );
    let Relations { providers_by_alt, alts_by_need, alts_by_tool, tools_by_need, need_links, tool_links } = relations;
    let ix = Index { keys, cards, alt_rows: rows, providers_by_alt, alts_by_need, alts_by_tool, tools_by_need, need_links, tool_links, cat, ..ix };
    // Where each provider serves, as pages say it: needs the catalogue.
    let places = places::provider_places(&ix);
    Index { places, ..ix }
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
        for o in p.prov().iter().flat_map(|x| &x.offers) {
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
        for t in a.alt().iter().flat_map(|x| &x.replaces) {
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
            let a = e.alt();
            let cells: Vec<V> = d
                .criteria
                .values()
                .map(|cr| {
                    let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
                    obj([("status", plain(st.word())), ("symbol", plain(status_symbol(st))), ("label", V::from(ix.name_of(st)))])
                })
                .collect();
            let platforms = a.map(|a| a.platforms.iter().map(|p| ix.name_of(*p)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
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
            let extra = match e.prov() {
                Some(p) => {
                    let mut bits = Vec::new();
                    if let Some(city) = &p.location.city {
                        bits.push(city.clone());
                    }
                    bits.push(ix.offer_types(p).join(", "));
                    bits.join(" · ")
                }
                None => e.alt().map(|a| a.license.clone()).unwrap_or_default(),
            };
            let kind = ix.label("kind", e.kind().word());
            ((e.kind(), e.slug.as_str()), obj([
                ("path", plain(&format!("{}/{}.html", e.kind().folder(), e.slug))),
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
        g.insert("edition", &c.edition.as_deref().map(|e| crate::dates::long(e, d.site.language)));
        let crit: Vec<V> = d.criteria.values().map(|cr| link(format!("criteria/{}.html", cr.id), &cr.name)).collect();
        g.insert_value("criteria_names", V::from(crit));
        let repository = d.site.repository.as_ref().map(|r| obj([("url", V::from(r.url.as_str())), ("issues", V::from(format!("{}/issues/new/choose", r.url)))]));
        g.insert_value("repository", repository.unwrap_or_else(V::none));
        let contribute = d.pages.get("contribuer").or_else(|| d.pages.get("contribute")).map(|p| link(format!("pages/{}.html", p.slug), &p.name));
        g.insert_value("contribute_page", contribute.unwrap_or_else(V::none));
    }
}

/// A text as one component of a URL's query: everything but unreserved ASCII percent-encoded.
fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    let families: [Family; 9] = [index_page, replace_page, access::access_pages, need_pages, sheets::sheet_pages, tool_pages, criterion_pages, places::place_pages, other_pages];
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
        || entries.par_iter().with_max_len(JOBS_PER_TASK).map(|e| emit(entry_job(&ix, e))).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;


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

}
