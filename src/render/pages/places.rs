//! "Près de chez vous": the pages that answer *who, near us?* — every region's and every
//! department's page, the map of the regions (`regions.html`), and the providers of a need or
//! of an alternative grouped by where they serve. Where a provider serves is the catalogue's
//! rule ([`crate::catalogue::Reach`]); this file only lays it out.

use super::{Ctx, Index, Job, ctx, link, obj, plain};
use crate::catalogue::NeedOffer;
use crate::geo;
use crate::model::{Entry, Offer};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use tera::Value as V;

/// The page of a region or a department.
pub(super) fn region_path(code: &str) -> String {
    format!("regions/{}.html", code.to_ascii_lowercase())
}

pub(super) fn department_path(code: &str) -> String {
    format!("departements/{}.html", code.to_ascii_lowercase())
}

/// Where one provider serves, as its lines on pages say it: for each region where it serves on
/// site, the departments there when not the whole region ("Haute-Garonne (31)"); and, when it
/// works everywhere, "toute la France, à distance". Made once per provider, shared by every page.
pub(super) struct ProviderPlaces {
    regions: Vec<(usize, V)>,
    everywhere: V,
    /// Each offer as one line without its alternatives ("Hébergement · adhésion · accepte de
    /// nouvelles structures"), in the record's order: an alternative's page joins those that
    /// name it.
    offers: Vec<String>,
}

/// [`ProviderPlaces`] of every provider, made side by side.
pub(super) fn provider_places<'a>(ix: &Index<'a>) -> super::Lookup<&'a str, ProviderPlaces> {
    use rayon::prelude::*;
    let providers: Vec<&'a Entry> = ix.c.dir.providers.values().map(|p| &**p).collect();
    providers
        .par_iter()
        .map(|p| {
            let reach = ix.cat.reach(&p.slug);
            let regions = reach
                .regions()
                .into_iter()
                .map(|r| {
                    let code = geo::REGIONS[r].0;
                    let served = reach.departments_in(code);
                    let text = if served.len() == geo::departments_of(code).count() { String::new() } else { served.iter().map(|d| ix.department_label(d)).collect::<Vec<_>>().join(", ") };
                    (r, V::from(text))
                })
                .collect();
            let mut v = Vec::new();
            if reach.national {
                v.push(ix.label("area", "national"));
            }
            if reach.remote {
                v.push(ix.label("area", "remote"));
            }
            let offers = p.prov().iter().flat_map(|x| &x.offers).map(|o| ix.offers_text([(o, &[][..])])).collect();
            (p.slug.as_str(), ProviderPlaces { regions, everywhere: V::from(v.join(", ")), offers })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

impl Index<'_> {
    /// "Hérault (34)": a department as people read it.
    pub(super) fn department_label(&self, code: &str) -> String {
        geo::department(code).map(|d| format!("{} ({})", d.1, d.0)).unwrap_or_else(|| code.to_string())
    }

    /// What a provider offers, in one line: "Hébergement : Nextcloud · adhésion · accepte de
    /// nouvelles structures"; several offers are separated by semicolons.
    pub(super) fn offers_text<'o>(&self, offers: impl IntoIterator<Item = (&'o Offer, &'o [&'o str])>) -> String {
        let d = &self.c.dir;
        let mut parts: Vec<String> = Vec::new();
        for (o, alts) in offers {
            let mut s = self.name_of(o.kind);
            let names: Vec<&str> = alts.iter().filter_map(|a| d.alternatives.get(*a)).map(|a| a.name.as_str()).collect();
            if !names.is_empty() {
                s.push_str(" : ");
                s.push_str(&names.join(", "));
            }
            s.push_str(" · ");
            s.push_str(&self.name_of(o.price.model));
            s.push_str(" · ");
            s.push_str(&self.s(if o.taking_new { "taking_new" } else { "not_taking_new" }));
            if !parts.contains(&s) {
                parts.push(s);
            }
        }
        parts.join(" ; ")
    }

    /// A provider's offers that name one alternative, as its page lists them.
    pub(super) fn offers_of_alternative(&self, p: &Entry, alt: &str) -> String {
        self.offers_where(p, |o| o.alternatives.iter().any(|a| a.id == alt))
    }

    /// A provider's offers that `keep` keeps, in one line, from the texts made once per offer.
    pub(super) fn offers_where(&self, p: &Entry, keep: impl Fn(&Offer) -> bool) -> String {
        let Some(texts) = self.places.get(p.slug.as_str()).map(|pl| &pl.offers) else { return String::new() };
        let mut parts: Vec<&str> = Vec::new();
        for (o, text) in p.prov().iter().flat_map(|x| &x.offers).zip(texts) {
            if keep(o) && !parts.contains(&text.as_str()) {
                parts.push(text);
            }
        }
        parts.join(" ; ")
    }

    pub(super) fn need_offers_text(&self, offers: &[NeedOffer]) -> String {
        self.offers_text(offers.iter().map(|o| (o.offer, &o.alternatives[..])))
    }

    /// Where a provider serves inside one region, when not all of it: "Haute-Garonne (31)".
    fn where_in(&self, slug: &str, region: &str) -> V {
        let r = geo::region_index(region);
        self.places.get(slug).and_then(|pl| pl.regions.iter().find(|(i, _)| Some(*i) == r)).map(|(_, v)| v.clone()).unwrap_or_else(|| V::from(""))
    }

    /// "toute la France, à distance".
    fn where_everywhere(&self, slug: &str) -> V {
        self.places.get(slug).map(|pl| pl.everywhere.clone()).unwrap_or_else(|| V::from(""))
    }

    pub(super) fn provider_item(&self, p: &Entry, offers: &str, place: V) -> V {
        obj([
            ("path", plain(&format!("providers/{}.html", p.slug))),
            ("name", V::from(p.name.as_str())),
            ("status_label", V::from(self.status_label(p))),
            ("offers", V::from(offers)),
            ("where", place),
        ])
    }

    /// Providers with what they offer (slug → text), grouped by the regions where they serve
    /// locally (regions in order, names sorted as people read them), then the group of those
    /// working everywhere in France or at a distance. A provider local to a region and also
    /// working at a distance is in both: readers of another region look at the last group.
    pub(super) fn provider_groups(&self, offers: &BTreeMap<&str, String>) -> V {
        let d = &self.c.dir;
        let mut by_region: BTreeMap<usize, Vec<(&str, &Entry, V)>> = BTreeMap::new();
        let mut everywhere: Vec<(&str, &Entry, V)> = Vec::new();
        for slug in offers.keys() {
            let Some(p) = d.providers.get(*slug) else { continue };
            let Some(places) = self.places.get(*slug) else { continue };
            for (r, place) in &places.regions {
                by_region.entry(*r).or_default().push((self.key(p), p, place.clone()));
            }
            if self.cat.reach(slug).everywhere() {
                everywhere.push((self.key(p), p, places.everywhere.clone()));
            }
        }
        let mut groups = Vec::new();
        for (r, mut items) in by_region {
            items.sort_by(|a, b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
            let code = geo::REGIONS[r].0;
            let items: Vec<V> = items.into_iter().map(|(_, p, place)| self.provider_item(p, &offers[p.slug.as_str()], place)).collect();
            groups.push(obj([("name", V::from(self.region_name(code))), ("path", plain(&region_path(code))), ("items", V::from(items))]));
        }
        if !everywhere.is_empty() {
            everywhere.sort_by(|a, b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
            let items: Vec<V> = everywhere.into_iter().map(|(_, p, place)| self.provider_item(p, &offers[p.slug.as_str()], place)).collect();
            groups.push(obj([("name", V::from(self.s("region_everywhere"))), ("path", V::none()), ("items", V::from(items))]));
        }
        V::from(groups)
    }

    /// Past `list_size` providers, a need's page gives counts: how many serve each region
    /// locally (each region's page lists them), and how many work everywhere.
    pub(super) fn provider_counts<'s>(&self, slugs: impl IntoIterator<Item = &'s str>) -> V {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut everywhere = 0;
        for slug in slugs {
            let reach = self.cat.reach(slug);
            for r in reach.regions() {
                *counts.entry(r).or_default() += 1;
            }
            everywhere += usize::from(reach.everywhere());
        }
        let mut v: Vec<V> = counts
            .into_iter()
            .map(|(r, n)| obj([("name", V::from(self.region_name(geo::REGIONS[r].0))), ("path", plain(&region_path(geo::REGIONS[r].0))), ("count", V::from(n))]))
            .collect();
        if everywhere > 0 {
            v.push(obj([("name", V::from(self.s("region_everywhere"))), ("path", V::none()), ("count", V::from(everywhere))]));
        }
        V::from(v)
    }

    /// Regions (and places) that have a page: the 18 regions, and Saint-Pierre-et-Miquelon when
    /// a provider serves it.
    fn regions_with_page(&self) -> Vec<&'static str> {
        geo::REGIONS.iter().map(|r| r.0).filter(|c| geo::always_has_page(c) || !self.cat.serving_region(c).is_empty()).collect()
    }

    /// Every region with the number of providers serving it locally, for the home page and the
    /// map page's list.
    pub(super) fn region_counts(&self) -> Vec<V> {
        self.regions_with_page()
            .into_iter()
            .map(|code| {
                let n = self.cat.serving_region(code).len();
                obj([("path", plain(&region_path(code))), ("name", V::from(self.region_name(code))), ("code", plain(code)), ("count", V::from(n)), ("count_text", V::from(self.count(n, "count.provider", "count.providers")))])
            })
            .collect()
    }

    /// Providers of one part of a place's page, by need: for each need (sorted by name) the
    /// providers of `slugs` that answer it, with what they offer and where. Past `list_size`
    /// lines (a provider answering three needs is three lines), counts only: the names would
    /// outweigh the page.
    fn by_need(&self, slugs: &[&str], place: &dyn Fn(&str) -> V) -> V {
        let d = &self.c.dir;
        let lines: usize = slugs.iter().map(|s| self.cat.needs_of(s).len()).sum();
        if lines > d.site.list_size {
            return self.need_counts_value(&self.need_counts(slugs.iter().copied()));
        }
        // From each provider to the needs it answers: a department page walks its own
        // providers once, not every need times every provider.
        let mut per_need: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for s in slugs {
            for need in self.cat.needs_of(s) {
                per_need.entry((self.need_key(need), need)).or_default().push(s);
            }
        }
        let mut out = Vec::with_capacity(per_need.len());
        for ((_, need), providers) in per_need {
            let (Some((name, path)), Some(answering)) = (self.need_parts.get(need), self.cat.for_need(need)) else { continue };
            let count = providers.len();
            let mut items: Vec<(&str, &Entry)> = providers.iter().filter_map(|s| d.providers.get(*s)).map(|p| (self.key(p), &**p)).collect();
            items.sort_by(|a, b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
            let items: Vec<V> = items.into_iter().map(|(_, p)| self.provider_item(p, &answering.get(p.slug.as_str()).map(|o| self.need_offers_text(o)).unwrap_or_default(), place(&p.slug))).collect();
            out.push(obj([("name", name.clone()), ("path", path.clone()), ("items", V::from(items)), ("count", V::from(count))]));
        }
        V::from(out)
    }

    /// How many of these providers answer each need.
    fn need_counts<'s>(&self, slugs: impl Iterator<Item = &'s str>) -> NeedCounts<'_> {
        let mut counts = NeedCounts::default();
        for s in slugs {
            for need in self.cat.needs_of(s) {
                *counts.entry(need).or_default() += 1;
            }
        }
        counts
    }

    /// Counts by need as [`Index::by_need`] shows them past `list_size`: needs by name, no names.
    fn need_counts_value(&self, counts: &NeedCounts) -> V {
        let mut needs: Vec<(&str, &str, usize)> = counts.iter().filter(|(_, n)| **n > 0).map(|(need, n)| (self.need_key(need), *need, *n)).collect();
        needs.sort_unstable();
        let empty = V::from(Vec::<V>::new());
        V::from(
            needs
                .into_iter()
                .filter_map(|(_, need, count)| {
                    // The need's name and page, made once for the whole site.
                    let (name, path) = self.need_parts.get(need)?;
                    Some(obj([("name", name.clone()), ("path", path.clone()), ("items", empty.clone()), ("count", V::from(count))]))
                })
                .collect::<Vec<_>>(),
        )
    }

    /// The "everywhere" part of a place's page: those working everywhere, less the ones already
    /// shown as local or neighbours (`shown`). Past `list_size`, the counts come from the counts
    /// of all of them, made once, less those of the few shown: a department page never walks
    /// the thousands working everywhere.
    fn everywhere_part(&self, all: &Everywhere, shown: &ahash::AHashSet<&str>) -> (usize, V) {
        let excluded: Vec<&str> = shown.iter().copied().filter(|s| all.set.contains(s)).collect();
        let n = all.set.len() - excluded.len();
        let lines = all.counts.values().sum::<usize>() - excluded.iter().map(|s| self.cat.needs_of(s).len()).sum::<usize>();
        if lines > self.c.dir.site.list_size {
            let mut counts = all.counts.clone();
            for (need, k) in self.need_counts(excluded.into_iter()) {
                if let Some(c) = counts.get_mut(need) {
                    *c -= k;
                }
            }
            return (n, self.need_counts_value(&counts));
        }
        let others: Vec<&str> = all.sorted.iter().copied().filter(|s| !shown.contains(s)).collect();
        (n, self.by_need(&others, &|s| self.where_everywhere(s)))
    }

    fn need_key<'s>(&'s self, id: &'s str) -> &'s str {
        self.need_keys.get(id).map(String::as_str).unwrap_or(id)
    }
}

/// The region pages, the department pages and the map page.
/// Those working everywhere, and how many of them answer each need (made once for all pages).
struct Everywhere<'a> {
    set: ahash::AHashSet<&'a str>,
    /// The same, in slug order.
    sorted: Vec<&'a str>,
    counts: NeedCounts<'a>,
}

/// How many providers answer each need, by need id.
type NeedCounts<'a> = ahash::AHashMap<&'a str, usize>;

pub(super) fn place_pages<'i>(ix: &'i Index, _: &super::RenderOptions) -> Vec<Job<'i>> {
    let mut jobs = Vec::new();
    let sorted: Vec<&str> = ix.cat.everywhere().to_vec();
    let everywhere = Arc::new(Everywhere { counts: ix.need_counts(sorted.iter().copied()), set: sorted.iter().copied().collect(), sorted });
    for code in ix.regions_with_page() {
        jobs.extend(region_page(ix, code, everywhere.clone()));
    }
    for d in geo::DEPARTMENTS.iter().filter(|d| geo::always_has_page(d.0) || !ix.cat.serving_department(d.0).is_empty()) {
        jobs.extend(department_page(ix, d, everywhere.clone()));
    }
    jobs.push(map_page(ix));
    jobs
}

/// How a place's page says where a provider serves, and how its first page's sections are made.
type Place<'i> = Arc<dyn Fn(&str) -> V + Send + Sync + 'i>;
type Sections<'i> = Arc<dyn Fn(&mut tera::Context) + Send + Sync + 'i>;

fn region_page<'i>(ix: &'i Index, code: &'static str, everywhere: Arc<Everywhere<'i>>) -> Vec<Job<'i>> {
    let name = ix.region_name(code);
    let local: Arc<BTreeSet<&'i str>> = Arc::new(ix.cat.serving_region(code));
    let title = ix.s("region.title").replace("{name}", &name);
    let place: Place<'i> = Arc::new(move |s| ix.where_in(s, code));
    let (l, p) = (local.clone(), place.clone());
    let sections: Sections<'i> = Arc::new(move |c| {
        let local = &*l;
        let departments: Vec<V> = geo::departments_of(code)
            .map(|d| {
                let n = ix.cat.serving_department(d.0).len();
                obj([("path", plain(&department_path(d.0))), ("name", V::from(ix.department_label(d.0))), ("count", V::from(n)), ("count_text", V::from(ix.count(n, "count.provider", "count.providers")))])
            })
            .collect();
        // Those working everywhere but not local here.
        let (n_others, others) = ix.everywhere_part(&everywhere, &local.iter().copied().collect());
        c.insert_value("departments", V::from(departments));
        c.insert_value("n_everywhere", V::from(ix.count(n_others, "count.provider", "count.providers")));
        c.insert_value("local", ix.by_need(&local.iter().copied().collect::<Vec<_>>(), &*p));
        c.insert_value("everywhere", others);
    });
    let mut c = ctx("../", &title);
    c.insert_value("region", obj([("code", plain(code)), ("name", V::from(name.as_str()))]));
    c.insert_value("n_local", V::from(ix.count(local.len(), "count.provider", "count.providers")));
    paged(ix, c, local, place, &region_path(code), "region.html", sections)
}

fn department_page<'i>(ix: &'i Index, d: &'static (&'static str, &'static str, &'static str), everywhere: Arc<Everywhere<'i>>) -> Vec<Job<'i>> {
    let code = d.0;
    let label = ix.department_label(code);
    let local: Arc<BTreeSet<&'i str>> = Arc::new(ix.cat.serving_department(code).iter().copied().collect());
    let neighbours = geo::neighbours(code);
    let l = local.clone();
    let sections: Sections<'i> = Arc::new(move |c| {
        let local = &*l;
        let mut shown: ahash::AHashSet<&str> = local.iter().copied().collect();
        let mut near: Vec<&str> = Vec::new();
        for n in neighbours {
            near.extend(ix.cat.serving_department(n).iter().copied().filter(|s| shown.insert(s)));
        }
        let (n_others, others) = ix.everywhere_part(&everywhere, &shown);
        // A neighbour's provider shows which neighbouring departments it serves.
        let near_place = |s: &str| {
            let reach = ix.cat.reach(s);
            V::from(neighbours.iter().filter(|n| reach.serves_locally(n)).map(|n| ix.department_label(n)).collect::<Vec<_>>().join(", "))
        };
        c.insert_value("neighbours", V::from(neighbours.iter().map(|n| link(department_path(n), &ix.department_label(n))).collect::<Vec<_>>()));
        c.insert_value("n_near", V::from(ix.count(near.len(), "count.provider", "count.providers")));
        c.insert_value("n_everywhere", V::from(ix.count(n_others, "count.provider", "count.providers")));
        c.insert_value("local", ix.by_need(&local.iter().copied().collect::<Vec<_>>(), &|_| V::from("")));
        c.insert_value("near", ix.by_need(&near, &near_place));
        c.insert_value("everywhere", others);
    });
    let mut c = ctx("../", &ix.s("department.title").replace("{name}", &label));
    c.insert_value("department", obj([("code", plain(code)), ("name", V::from(d.1)), ("label", V::from(label.as_str()))]));
    c.insert_value("region", link(region_path(d.2), &ix.region_name(d.2)));
    c.insert_value("n_local", V::from(ix.count(local.len(), "count.provider", "count.providers")));
    paged(ix, c, local, Arc::new(|_| V::from("")), &department_path(code), "department.html", sections)
}

/// A place's page, and more pages when its local providers are too many to name by need:
/// then page 1 counts them by need and every page names a part of them
/// (`regions/fr-occ.html`, `regions/fr-occ--2.html`…), so that each is named somewhere. Each
/// page's data is made when it is rendered (a large directory's place pages never all sit in
/// memory at once); the sections only for page 1.
fn paged<'i>(ix: &'i Index, c: tera::Context, local: Arc<BTreeSet<&'i str>>, place: Place<'i>, path: &str, template: &'static str, sections: Sections<'i>) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    // In the order people read names, split into pages; each page's entries made when rendered.
    let named: Vec<&'i Entry> = if local.len() > d.site.list_size {
        let mut v: Vec<(&str, &Entry)> = local.iter().filter_map(|s| d.providers.get(*s)).map(|p| (ix.key(p), &**p)).collect();
        v.sort_by(|a, b| (a.0, &a.1.slug).cmp(&(b.0, &b.1.slug)));
        v.into_iter().map(|(_, p)| p).collect()
    } else {
        Vec::new()
    };
    super::paginate(named, d.site.list_size, path.trim_end_matches(".html"))
        .into_iter()
        .enumerate()
        .map(|(i, (pager, chunk))| {
            let (mut c, place, sections) = (c.clone(), place.clone(), sections.clone());
            let make = move || {
                if i == 0 {
                    sections(&mut c);
                } else {
                    c.insert_value("local", V::from(Vec::<V>::new()));
                }
                let listed: Vec<V> = chunk
                    .into_iter()
                    .map(|p| {
                        let offers = ix.offers_text(p.prov().iter().flat_map(|x| &x.offers).map(|o| (o, &[][..])));
                        ix.provider_item(p, &offers, place(&p.slug))
                    })
                    .collect();
                c.insert_value("listed", V::from(listed));
                c.insert_value("pager", pager.value);
                c.insert_value("contribute", ix.contribute_path());
                c
            };
            Job { path: pager.path, template, ctx: Ctx::Later(Box::new(make)) }
        })
        .collect()
}

/// Light fills for the map's regions, so that no two neighbouring regions share one. Regions
/// are told apart by their outline and their name, never by the colour alone.
const FILLS: [&str; 5] = ["#dbe9f6", "#f6e7c8", "#dcefd9", "#efdcef", "#f3dcd2"];

/// `regions.html`: the regions drawn from their departments' outlines, each a link with its
/// name and count as a `<title>` and its count as text, the overseas regions as labelled boxes
/// (the map source draws mainland France only), then the same links as a list.
fn map_page<'i>(ix: &'i Index) -> Job<'i> {
    let shapes = geo::shapes();
    // Region neighbours, for the colours: two regions touch when two of their departments do.
    let mut touching: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in shapes {
        let r = geo::region_of(s.code).unwrap_or("");
        for n in &s.neighbours {
            let rn = geo::region_of(n).unwrap_or("");
            if rn != r {
                touching.entry(r).or_default().insert(rn);
            }
        }
    }
    let mut fill: BTreeMap<&str, usize> = BTreeMap::new();
    for r in geo::REGIONS.iter().map(|r| r.0) {
        let taken: BTreeSet<usize> = touching.get(r).into_iter().flatten().filter_map(|n| fill.get(n).copied()).collect();
        fill.insert(r, (0..FILLS.len()).find(|i| !taken.contains(i)).unwrap_or(0));
    }
    let counts = ix.region_counts();
    let count_of = |code: &str| ix.cat.serving_region(code).len();
    let mut mainland = Vec::new();
    let mut overseas = Vec::new();
    for r in geo::REGIONS.iter().filter(|r| geo::always_has_page(r.0)) {
        let depts: Vec<&geo::Shape> = shapes.iter().filter(|s| geo::region_of(s.code) == Some(r.0)).collect();
        let n = count_of(r.0);
        let title = format!("{} : {}", ix.region_name(r.0), ix.count(n, "count.provider", "count.providers"));
        if depts.is_empty() {
            overseas.push(obj([("path", plain(&region_path(r.0))), ("name", V::from(ix.region_name(r.0))), ("title", V::from(title)), ("count", V::from(n))]));
            continue;
        }
        // The label goes where the region's departments' labels are, on average.
        let mean = |f: fn(&geo::Shape) -> &str| depts.iter().filter_map(|s| f(s).parse::<f64>().ok()).sum::<f64>() / depts.len() as f64;
        let (x, y) = (mean(|s| s.label_x), mean(|s| s.label_y));
        let paths: Vec<V> = depts.iter().map(|s| plain(s.path)).collect();
        mainland.push(obj([
            ("path", plain(&region_path(r.0))),
            ("name", V::from(ix.region_name(r.0))),
            ("title", V::from(title)),
            ("count", V::from(n)),
            ("fill", plain(FILLS[fill[r.0]])),
            ("x", plain(&format!("{x:.0}"))),
            ("y", plain(&format!("{y:.0}"))),
            ("shapes", V::from(paths)),
        ]));
    }
    let mut c = ctx("", &ix.s("map.title"));
    c.insert_value("mainland", V::from(mainland));
    c.insert_value("overseas", V::from(overseas));
    c.insert_value("regions", V::from(counts));
    c.insert_value("everywhere", V::from(ix.count(ix.cat.everywhere().len(), "count.provider", "count.providers")));
    c.insert_value("width", V::from(geo::MAP_VIEW_BOX.0));
    c.insert_value("height", V::from(geo::MAP_VIEW_BOX.1));
    c.insert_value("map_source", obj([("name", V::from(geo::MAP_SOURCE)), ("url", plain(geo::MAP_SOURCE_URL)), ("licence", plain(geo::MAP_LICENCE_URL))]));
    Job { path: "regions.html".into(), template: "regions.html", ctx: c.into() }
}
